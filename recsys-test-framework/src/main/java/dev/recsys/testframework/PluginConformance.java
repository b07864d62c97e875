package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link Plugin} and its configuration, for every plugin kind. Extend it and implement
 * {@link #plugin()}: the suite checks the name rules, the description, the default configuration and its JSON
 * round trip (the form configs take in saved models and pipeline files). Override {@link #invalidConfigs()} to
 * check that bad configurations are refused naming the field, and {@link #registeredAsService()} to check that
 * {@link java.util.ServiceLoader} finds the plugin under its name, unshadowed.
 *
 * @param <C> the plugin's configuration record
 */
public abstract class PluginConformance<C> {
  /** For subclasses, which JUnit instantiates once per test. */
  protected PluginConformance() {}

  /**
   * The plugin under test.
   *
   * @return the plugin instance to check
   */
  protected abstract Plugin<C> plugin();

  /**
   * Configurations the plugin must refuse: JSON text (a complete configuration object) mapped to the facts the
   * error must name (the field, the bound). Empty by default, which skips the check.
   *
   * @return invalid configuration JSON mapped to the facts its refusal must name
   */
  protected Map<String, List<String>> invalidConfigs() {
    return Map.of();
  }

  /**
   * Whether the plugin is registered as a service (module {@code provides} or {@code META-INF/services}).
   *
   * @return true when {@link java.util.ServiceLoader} must find the plugin; false (the default) skips the check
   */
  protected boolean registeredAsService() {
    return false;
  }

  /** The name matches {@code [a-z0-9][a-z0-9-]{0,63}}. */
  @Test
  public void nameFollowsTheRules() {
    String name = plugin().name();
    assertNotNull(name, "name");
    assertTrue(name.matches("[a-z0-9][a-z0-9-]{0,63}"), "plugin name '" + name + "' must match [a-z0-9][a-z0-9-]{0,63}");
  }

  /** The description is not blank. */
  @Test
  public void describesItself() {
    String d = plugin().description();
    assertTrue(d != null && !d.isBlank(), "blank description of " + plugin().name());
  }

  /** The default configuration is an instance of the configuration type. */
  @Test
  public void defaultConfigIsOfTheConfigType() {
    C config = plugin().defaultConfig();
    assertNotNull(config, "defaultConfig()");
    assertTrue(plugin().configType().isInstance(config), config.getClass() + " is not a " + plugin().configType());
  }

  /**
   * The default configuration written as JSON and read back writes the same JSON.
   *
   * @throws Exception if the JSON cannot be written or read
   */
  @Test
  public void defaultConfigSurvivesAJsonRoundTrip() throws Exception {
    C config = plugin().defaultConfig();
    String json = ConfigJson.write(config);
    C back = ConfigJson.read(json, plugin().configType());
    assertEquals(json, ConfigJson.write(back), "configuration changed in a JSON round trip");
    if (plugin().configType().isRecord()) {
      assertEquals(config.toString(), back.toString());
    }
  }

  /** Every invalid configuration is refused naming its facts. */
  @Test
  public void invalidConfigsAreRefusedNamingTheProblem() {
    Map<String, List<String>> bad = invalidConfigs();
    Assumptions.assumeFalse(bad.isEmpty(), "no invalid configurations given");
    bad.forEach((json, facts) -> Errors.assertFailsNaming(Exception.class,
        () -> ConfigJson.read(json, plugin().configType()), facts.toArray(String[]::new)));
  }

  /**
   * The plugin registry of each kind the plugin implements finds it under its name, as the same class, neither
   * shadowing nor shadowed.
   */
  @Test
  public void serviceLoaderFindsItUnshadowed() {
    Assumptions.assumeTrue(registeredAsService(), "not registered as a service");
    Plugin<C> p = plugin();
    List<Class<?>> kinds = new ArrayList<>();
    for (Class<?> c = p.getClass(); c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (Plugin.class.isAssignableFrom(i) && i != Plugin.class) {
          kinds.add(i);
        }
      }
    }
    assertTrue(!kinds.isEmpty(), p.getClass() + " implements no plugin kind");
    for (Class<?> kind : kinds) {
      PluginRegistry<?> registry = PluginRegistry.load(kind);
      Object found = registry.find(p.name()).orElse(null);
      assertNotNull(found, kind.getSimpleName() + " '" + p.name() + "' not found; available: " + registry.names());
      assertEquals(p.getClass(), found.getClass(), kind.getSimpleName() + " '" + p.name() + "' is another class");
      assertTrue(registry.shadowed().stream().noneMatch(s -> s.name().equals(p.name())),
          "'" + p.name() + "' shadows or is shadowed: " + registry.shadowed());
    }
  }
}

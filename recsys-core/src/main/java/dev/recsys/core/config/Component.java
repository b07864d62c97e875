package dev.recsys.core.config;

import dev.recsys.core.plugin.Plugin;
import java.util.Objects;

/**
 * One configured component of a pipeline: a plugin and its validated configuration record.
 *
 * @param section the configuration section it came from ({@code "index"})
 * @param plugin the plugin found by name
 * @param config the plugin's configuration, of {@code plugin.configType()}
 * @param <P> the plugin kind (a subinterface of {@link Plugin})
 */
public record Component<P>(String section, P plugin, Object config) {
  /** Validates that the config has the plugin's type. */
  public Component {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(config, "config");
    if (!(plugin instanceof Plugin<?> p)) {
      throw new IllegalArgumentException(plugin.getClass().getName() + " is not a " + Plugin.class.getName());
    }
    p.checkConfig(config);
  }

  /**
   * The plugin's registered name.
   *
   * @return the plugin's registered name
   */
  public String pluginName() {
    return ((Plugin<?>) plugin).name();
  }

  /**
   * The configuration as the plugin's record type.
   *
   * @param type the type
   * @return the configuration as the plugin's record type
   * @param <C> the configuration record type
   */
  public <C> C config(Class<C> type) {
    return type.cast(config);
  }
}

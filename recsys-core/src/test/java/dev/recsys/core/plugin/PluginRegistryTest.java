package dev.recsys.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
  @TempDir
  Path dir;

  /**
   * A registry loaded through a class loader that adds a services file registering the test plugins (kept out of
   * the test resources so they never leak into the conformance test-jar).
   */
  private PluginRegistry<DataSourcePlugin> withFakes() {
    try {
      Path services = dir.resolve("META-INF/services");
      Files.createDirectories(services);
      Files.writeString(services.resolve(DataSourcePlugin.class.getName()),
          FakeDataSourcePlugin.class.getName() + "\n" + FakeDataSourcePlugin.Shadowed.class.getName() + "\n");
      ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
      return PluginRegistry.load(DataSourcePlugin.class, ServiceLoader.load(DataSourcePlugin.class, loader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void findsServiceLoaderProvidersByName() {
    PluginRegistry<DataSourcePlugin> reg = withFakes();
    assertTrue(reg.names().contains("fake"));
    assertInstanceOf(FakeDataSourcePlugin.class, reg.get("fake"));
  }

  @Test
  void firstProviderWinsAndTheShadowedOneIsReported() {
    PluginRegistry<DataSourcePlugin> reg = withFakes();
    assertEquals("test data source", reg.get("fake").description());
    assertEquals(1, reg.shadowed().size());
    PluginRegistry.Shadowed s = reg.shadowed().get(0);
    assertEquals("fake", s.name());
    assertEquals("DataSourcePlugin", s.kind());
    assertEquals(FakeDataSourcePlugin.class.getName(), s.winner());
    assertEquals(FakeDataSourcePlugin.Shadowed.class.getName(), s.hidden());
    assertTrue(s.toString().contains("is shadowed by " + FakeDataSourcePlugin.class.getName()), s.toString());
  }

  @Test
  void strictLoadingRefusesACollisionNamingBothProviders() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> withFakes().requireNoShadowing());
    assertTrue(e.getMessage().contains("'fake'") && e.getMessage().contains(FakeDataSourcePlugin.Shadowed.class.getName())
        && e.getMessage().contains(FakeDataSourcePlugin.class.getName()), e.getMessage());
    PluginRegistry<DataSourcePlugin> builtIn = PluginRegistry.loadStrict(DataSourcePlugin.class);
    assertTrue(builtIn.names().contains("movielens"));
  }

  @Test
  void everyKindIsCheckedForCollisions() {
    assertEquals(Plugins.KINDS.size(), Plugins.registries().size());
    assertEquals(java.util.List.of(), Plugins.shadowed());
    Plugins.requireNoShadowing();
  }

  @Test
  void builtInPluginsAreOnTheClassPath() {
    PluginRegistry<DataSourcePlugin> reg = PluginRegistry.load(DataSourcePlugin.class);
    assertTrue(reg.names().containsAll(Set.of("spotify-csv", "movielens", "synthetic")), reg.names().toString());
    assertEquals(java.util.List.of(), reg.shadowed());
  }

  @Test
  void baselineRecommendersAreSelectedByNameAndFitReproducibly() {
    PluginRegistry<RecommenderPlugin> reg = PluginRegistry.load(RecommenderPlugin.class);
    assertTrue(reg.names().containsAll(Set.of("popularity", "random", "itemknn", "userknn", "ease", "ials", "bpr")), reg.names().toString());
    dev.recsys.core.model.Interactions train = dev.recsys.core.model.Interactions.builder()
        .add("u1", "a", 1, 1, false).add("u1", "b", 1, 2, false).add("u2", "a", 1, 3, false)
        .add("u2", "c", 1, 4, false).add("u3", "b", 1, 5, false).build();
    for (String name : reg.names()) {
      if (name.equals("content")) {
        continue; // needs a catalogue with features (checked by the evaluate command's tests)
      }
      @SuppressWarnings("unchecked")
      RecommenderPlugin<Object> p = (RecommenderPlugin<Object>) reg.get(name);
      assertEquals(name, p.create().name());
      dev.recsys.core.spi.RecommendationQuery q = dev.recsys.core.spi.RecommendationQuery.forListener("u3", 2);
      assertEquals(p.create().fit(train).recommend(q), p.create(p.defaultConfig()).fit(train).recommend(q), name);
    }
  }

  @Test
  void unknownNameListsTheAvailableNames() {
    PluginRegistry<DataSourcePlugin> reg = withFakes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.get("nope"));
    assertTrue(e.getMessage().startsWith("unknown DataSourcePlugin 'nope'; available: "), e.getMessage());
    assertTrue(e.getMessage().contains("fake"), e.getMessage());
  }

  @Test
  void emptyRegistrySaysSo() {
    PluginRegistry<VectorIndexPlugin> reg = PluginRegistry.of(VectorIndexPlugin.class);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.get("x"));
    assertEquals("unknown VectorIndexPlugin 'x'; available: none on the class path", e.getMessage());
  }

  @Test
  void programmaticDuplicateIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginRegistry.of(DataSourcePlugin.class, new FakeDataSourcePlugin(), new FakeDataSourcePlugin.Shadowed()));
    assertTrue(e.getMessage().startsWith("duplicate DataSourcePlugin name 'fake'"), e.getMessage());
  }

  @Test
  void invalidNameIsRefused() {
    FakeDataSourcePlugin bad = new FakeDataSourcePlugin() {
      @Override
      public String name() {
        return "Bad Name";
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginRegistry.of(DataSourcePlugin.class, bad));
    assertTrue(e.getMessage().contains("'Bad Name'") && e.getMessage().contains("must match"), e.getMessage());
  }

  @Test
  void withAddsWithoutChangingTheOriginal() {
    PluginRegistry<DataSourcePlugin> empty = PluginRegistry.of(DataSourcePlugin.class);
    PluginRegistry<DataSourcePlugin> one = empty.with(new FakeDataSourcePlugin());
    assertEquals(Set.of(), empty.names());
    assertEquals(Set.of("fake"), one.names());
  }
}

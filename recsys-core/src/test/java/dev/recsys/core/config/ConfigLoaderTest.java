package dev.recsys.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.plugin.FakeDataSourcePlugin;
import dev.recsys.core.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private final ConfigLoader loader = ConfigLoader.empty()
      .withSection("data", PluginRegistry.of(DataSourcePlugin.class, new FakeDataSourcePlugin()));

  @Test
  void parsesYamlIntoTheTypedRecordOverDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, "seed: 7\ndata:\n  type: fake\n  params:\n    k: 25\n");
    PipelineConfig c = loader.load(f);
    assertEquals(7, c.seed());
    FakeDataSourcePlugin.Config cfg = c.component("data", DataSourcePlugin.class).orElseThrow().config(FakeDataSourcePlugin.Config.class);
    assertEquals(new FakeDataSourcePlugin.Config("none", 25, true), cfg);
  }

  @Test
  void parsesJson(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.json");
    Files.writeString(f, "{\"data\": {\"type\": \"fake\", \"params\": {\"path\": \"x.csv\", \"strict\": false}}}");
    PipelineConfig c = loader.load(f);
    assertEquals(42, c.seed());
    assertEquals(new FakeDataSourcePlugin.Config("x.csv", 10, false), c.components().get("data").config());
  }

  @Test
  void unknownParamKeyNamesFileLineKeyAndKnownKeys(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, "data:\n  type: fake\n  params:\n    k: 5\n    kk: 3\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertEquals(f + ":5:5: unknown key 'kk' in data.params for plugin 'fake'; known keys: [k, path, strict]", e.getMessage());
  }

  @Test
  void unknownSectionNamesTheKnownOnes(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.json");
    Files.writeString(f, "{\n  \"seed\": 1,\n  \"indx\": {}\n}");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertEquals(f + ":3:3: unknown key 'indx'; known keys: [seed, data]", e.getMessage());
  }

  @Test
  void outOfRangeValueGivesTheRecordsRule(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, "data:\n  type: fake\n  params:\n    k: 0\n");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(f));
    assertEquals(f + ":3:3: invalid data.params for plugin 'fake': k must be in [1, 10000]; k=0", e.getMessage());
  }

  @Test
  void unknownPluginListsTheAvailableOnes() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("data:\n  type: csv\n", "cfg.yaml", true));
    assertEquals("cfg.yaml:2:3: unknown DataSourcePlugin 'csv'; available: fake", e.getMessage());
  }

  @Test
  void wrongValueTypeIsReported() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.parse("{\"data\": {\"type\": \"fake\", \"params\": {\"k\": \"many\"}}}", "c.json", false));
    assertEquals(true, e.getMessage().startsWith("c.json:1:27: invalid data.params for plugin 'fake': "), e.getMessage());
  }

  @Test
  void malformedJsonNamesTheLocation() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("{\"seed\": 1,,}", "c.json", false));
    assertEquals(true, e.getMessage().startsWith("c.json:1:12: not valid JSON"), e.getMessage());
  }

  @Test
  void seedMustBeAWholeNumber() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("seed: 1.5\n", "c.yaml", true));
    assertEquals("c.yaml:1:1: seed must be a whole number; seed=1.5", e.getMessage());
  }
}

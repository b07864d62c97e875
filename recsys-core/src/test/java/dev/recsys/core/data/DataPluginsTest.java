package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.config.ConfigException;
import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPluginsTest {
  @TempDir
  Path dir;

  @Test
  void readersAreRegisteredByName() {
    PluginRegistry<DataSourcePlugin> reg = PluginRegistry.load(DataSourcePlugin.class);
    for (String n : List.of("spotify-csv", "mpd", "movielens", "interactions", "edge-list")) {
      assertTrue(reg.names().contains(n), n + " in " + reg.names());
    }
    assertEquals(InteractionsConfig.class, reg.get("interactions").configType());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void configFileOpensAReader() throws IOException {
    Path f = dir.resolve("plays.csv");
    Files.writeString(f, "uid,song,n\na,s1,2\nb,s1,x\n");
    String yaml = "seed: 1\ndata:\n  type: interactions\n  params: { path: '" + f + "', columns: 'user=uid,item=song,weight=n', mode: LENIENT }\n";
    PipelineConfig pc = ConfigLoader.standard().parse(yaml, "p.yaml", true);
    var comp = pc.component("data", DataSourcePlugin.class).orElseThrow();
    DataSource src = ((DataSourcePlugin) comp.plugin()).open(comp.config());
    MusicDataset ds = Datasets.load(src);
    assertEquals(1, ds.interactions().size());
    assertEquals(1, ds.report().rowsSkipped());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.standard().parse(
        "data:\n  type: interactions\n  params: { path: x, columns: 'usr=a' }\n", "p.yaml", true));
    assertTrue(e.getMessage().contains("unknown column role 'usr'"), e.getMessage());
  }

  @Test
  void catalogSpecReadsCatalogJsonl() throws IOException {
    Path f = dir.resolve("catalog.jsonl");
    CatalogJsonl.write(Catalog.of(List.of(Track.builder("a").title("A").build(), Track.builder("b").build())), f);
    assertEquals(2, Datasets.load(f.toString(), ReadOptions.STRICT).catalog().size());
    assertEquals(2, Datasets.load("catalog:" + f, ReadOptions.STRICT).report().count("tracks"));
  }
}

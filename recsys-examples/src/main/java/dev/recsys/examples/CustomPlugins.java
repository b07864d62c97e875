package dev.recsys.examples;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.VectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom plugins selected by name from a YAML pipeline file: {@link TsvCatalogSource} ("tsv-catalog") and
 * {@link LinearScanIndex} ("linear-scan") are registered in {@code META-INF/services} (and the module
 * descriptor's {@code provides}), so {@link ConfigLoader} finds them like the built-in plugins.
 * Run: {@code ./recsys example plugins}.
 */
public final class CustomPlugins {
  private CustomPlugins() {}

  /** Writes a small catalogue and a pipeline file to a temporary folder, then runs the configured pipeline. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("recsys-example");
    Path tsv = dir.resolve("catalog.tsv");
    Files.writeString(tsv, """
        id\ttitle\tartist\tgenre\tenergy\tvalence
        t1\tMorning Dew\tAurora Lane\tfolk\t0.21\t0.55
        t2\tNeon Rush\tCircuit Kid\tedm\t0.93\t0.61
        t3\tSlow River\tAurora Lane\tfolk\t0.18\t0.40
        t4\tBass Cathedral\tCircuit Kid\tedm\t0.88\t0.35
        t5\tPorch Light\tHollow Pines\tfolk\t0.30\t0.72
        """);
    Path yaml = dir.resolve("pipeline.yaml");
    Files.writeString(yaml, """
        seed: 7
        data:
          type: tsv-catalog
          params: { path: "%s", strict: true }
        index:
          type: linear-scan
          params: { dimension: 2, similarity: COSINE }
        """.formatted(tsv.toString().replace("\\", "/")));

    PipelineConfig config = ConfigLoader.standard().load(yaml);
    System.out.println("parsed: " + config);
    DataSource source = config.open("data", PluginKind.DATA_SOURCE).orElseThrow();
    List<Track> tracks = new ArrayList<>();
    System.out.println("read: " + source.read(new MusicDataHandler() {
      @Override
      public void track(Track t) {
        tracks.add(t);
      }
    }));
    try (VectorIndex index = config.open("index", PluginKind.VECTOR_INDEX).orElseThrow()) {
      for (Track t : tracks) {
        float[] v = {(float) t.audio().value(AudioFeature.ENERGY), (float) t.audio().value(AudioFeature.VALENCE)};
        index.upsert(t.id(), v, Metadata.builder().put("title", t.title().orElse(t.id())).put("genre", t.genres()).build());
      }
      index.commit();
      for (SearchHit h : index.searchByKey("t1", 2, SearchFilter.NONE)) {
        System.out.printf("like 'Morning Dew': %s (%s) score %.3f%n", h.metadata().first("title"), h.metadata().first("genre"), h.score());
      }
    }
  }
}

package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.ProgressListener;
import dev.recsys.report.EmbeddingMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The map of the track embedding space: sampling, determinism, genres and colours, and its SVG. */
class EmbeddingMapTest {
  private static Catalog catalog;
  private static TrackVectors vectors;

  @BeforeAll
  static void world() {
    DemoPipeline.World w = DemoPipeline.synthetic(600, 20, 3);
    catalog = w.catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    vectors = EmbedCommand.trackVectors(catalog, x, Provenance.now(3, "test"));
  }

  @Test
  void aSeededSampleIsMappedTheSameWayEachTime() {
    EmbeddingMap a = EmbeddingMap.of(catalog, vectors, 300, true, 5, ProgressListener.NONE);
    EmbeddingMap b = EmbeddingMap.of(catalog, vectors, 300, true, 5, ProgressListener.NONE);
    assertEquals(a, b);
    assertEquals(300, a.points().size());
    assertEquals("t-SNE", a.method());
    Set<String> ids = new HashSet<>();
    for (EmbeddingMap.Point p : a.points()) {
      assertTrue(catalog.indexOf(p.id()) >= 0 && ids.add(p.id()), p.id());
      assertTrue(p.genre().equals("other") || a.genres().contains(p.genre()), p.genre());
    }
    assertTrue(a.genres().size() <= 8 && a.genres().size() >= 2, a.genres().toString());
    EmbeddingMap all = EmbeddingMap.of(catalog, vectors, 10_000, false, 5, ProgressListener.NONE);
    assertEquals(catalog.size(), all.points().size());
    assertEquals("PCA", all.method());
  }

  @Test
  void tSneKeepsNeighbourhoodsBetterThanPca() {
    EmbeddingMap tsne = EmbeddingMap.of(catalog, vectors, 400, true, 5, ProgressListener.NONE);
    EmbeddingMap pca = EmbeddingMap.of(catalog, vectors, 400, false, 5, ProgressListener.NONE);
    assertTrue(tsne.trustworthiness() > pca.trustworthiness(),
        "t-SNE " + tsne.trustworthiness() + ", PCA " + pca.trustworthiness());
    assertTrue(tsne.trustworthiness() > 0.85, "t-SNE " + tsne.trustworthiness());
  }

  @Test
  void onlyTracksWithAVectorAreMapped() {
    int half = vectors.size() / 2;
    int d = vectors.dimension();
    float[] data = java.util.Arrays.copyOf(vectors.data(), half * d);
    TrackVectors some = new TrackVectors(vectors.ids().subList(0, half), d, data, vectors.metadata().subList(0, half));
    EmbeddingMap m = EmbeddingMap.of(catalog, some, 10_000, false, 1, ProgressListener.NONE);
    assertEquals(half, m.points().size());
    Set<String> allowed = new HashSet<>(some.ids());
    assertTrue(m.points().stream().allMatch(p -> allowed.contains(p.id())));
  }

  @Test
  void theSvgHasOneDotPerTrackAndALegendEntryPerGenre() {
    EmbeddingMap m = EmbeddingMap.of(catalog, vectors, 200, false, 2, ProgressListener.NONE);
    String svg = m.svg(900, 560);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.substring(0, 80));
    assertEquals(200, svg.split("r=\"3\" fill=", -1).length - 1);
    boolean other = m.points().stream().anyMatch(p -> p.genre().equals("other"));
    assertEquals(m.genres().size() + (other ? 1 : 0), svg.split("r=\"6\" fill=", -1).length - 1);
    for (String g : m.genres()) {
      assertTrue(svg.contains(m.colour(g)), g);
    }
    assertEquals(List.copyOf(new HashSet<>(IntStream.range(0, m.genres().size()).mapToObj(i -> m.colour(m.genres().get(i)))
        .toList())).size(), m.genres().size(), "a colour per genre");
    assertTrue(m.caption().endsWith(".") && m.caption().contains("PCA"), m.caption());
  }
}

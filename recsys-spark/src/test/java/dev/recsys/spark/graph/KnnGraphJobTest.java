package dev.recsys.spark.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Metadata;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.spark.SharedSpark;
import dev.recsys.spark.io.IndexedVector;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnGraphJobTest {
  static final int N = 1500;
  static final int D = 16;
  static final int K = 10;
  static TrackVectors vectors;
  static Catalog catalog;
  static SimilarityGraph exact;

  @BeforeAll
  static void data() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> ids = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    float[] data = new float[N * D];
    for (int i = 0; i < N; i++) {
      String id = "t" + i;
      ids.add(id);
      tracks.add(Track.builder(id).build());
      // clustered data (8 centres) so neighbourhoods are meaningful; track 17 has a zero vector (no neighbours)
      int centre = i % 8;
      for (int c = 0; c < D; c++) {
        data[i * D + c] = i == 17 ? 0f : (float) ((c % 8 == centre ? 3 : 0) + rnd.nextGaussian());
      }
    }
    vectors = new TrackVectors(ids, D, data, Collections.nCopies(N, Metadata.EMPTY));
    catalog = Catalog.of(tracks);
    exact = SimilarityGraphBuilder.exact(vectors, catalog, new SimilarityGraphConfig(K, false, 2, 1024)).graph();
  }

  private static JavaRDD<IndexedVector> rdd(int partitions) {
    return VectorTables.of(SharedSpark.jsc(), vectors, partitions);
  }

  @Test
  void exactShardsGiveTheSingleMachineExactGraph() {
    KnnGraphOptions options = KnnGraphOptions.defaults().withK(K).withShards(3, 4).withSearch(KnnGraphOptions.Search.EXACT)
        .withRecallCheck(200, 1.0);
    KnnGraphJob.Result r = KnnGraphJob.run(SharedSpark.jsc(), rdd(3), options);
    SimilarityGraph g = GraphTables.toSimilarityGraph(r.edges(), vectors.ids(), K);
    assertEquals(1, r.tracksWithoutVector());
    assertEquals(1.0, r.recall());
    assertEquals(exact.ids(), g.ids());
    assertArrayEquals(exact.offsets(), g.offsets());
    assertArrayEquals(exact.neighbours(), g.neighbours());
    assertArrayEquals(exact.weights(), g.weights());
  }

  @Test
  void hnswShardsReachRecallAndDoNotDependOnQueryPartitioning(@TempDir Path dir) throws Exception {
    KnnGraphOptions options = KnnGraphOptions.defaults().withK(K).withShards(4, 3).withRecallCheck(300, 0.95);
    KnnGraphJob.Result r = KnnGraphJob.run(SharedSpark.jsc(), rdd(2), options);
    SimilarityGraph g = GraphTables.toSimilarityGraph(r.edges(), vectors.ids(), K);
    assertTrue(r.recall() >= 0.95, "sampled recall " + r.recall());
    assertEquals(300, r.sampled());
    assertTrue(g.recallAgainst(exact, K) >= 0.95, "full recall " + g.recallAgainst(exact, K));
    assertEquals(0, g.degree(17));
    assertTrue(r.indexBytes() > 0);

    KnnGraphJob.Result again = KnnGraphJob.run(SharedSpark.jsc(), rdd(5), options.withShards(4, 6));
    SimilarityGraph g2 = GraphTables.toSimilarityGraph(again.edges(), vectors.ids(), K);
    assertArrayEquals(g.neighbours(), g2.neighbours());
    assertArrayEquals(g.weights(), g2.weights());

    // the single-machine file, as the shuffle loads it
    Path file = dir.resolve("similarity-graph.rsm");
    g.withProvenance(Provenance.now(0, "test")).save(file);
    SimilarityGraph loaded = SimilarityGraph.load(file);
    loaded.requireAligned(catalog);
    assertArrayEquals(g.neighbours(), loaded.neighbours());

    // and the Parquet tables
    String parquet = dir.resolve("graph.parquet").toString();
    GraphTables.writeParquet(SharedSpark.get(), r.edges(), rdd(2), parquet);
    SimilarityGraph fromParquet = GraphTables.readParquet(SharedSpark.get(), parquet, K);
    assertEquals(g.ids(), fromParquet.ids());
    assertArrayEquals(g.offsets(), fromParquet.offsets());
    assertArrayEquals(g.neighbours(), fromParquet.neighbours());
    assertArrayEquals(g.weights(), fromParquet.weights());
  }

  @Test
  void sampleRowsAreDistinctAndSeeded() {
    int[] a = KnnGraphJob.sampleRows(100, 30, 5);
    assertEquals(30, a.length);
    assertArrayEquals(a, KnnGraphJob.sampleRows(100, 30, 5));
    for (int i = 1; i < a.length; i++) {
      assertTrue(a[i] > a[i - 1]);
    }
    assertEquals(100, KnnGraphJob.sampleRows(100, 500, 5).length);
  }
}

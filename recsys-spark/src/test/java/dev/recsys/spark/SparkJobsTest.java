package dev.recsys.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Metadata;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.spark.graph.GraphTables;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line jobs, run in the test JVM's session (as the local launcher runs them). */
class SparkJobsTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Run run(String... args) {
    SharedSpark.get();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SparkJobs.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void vectorsThenExactGraphGiveTheSingleMachineGraphFileAndParquet() throws Exception {
    int n = 400;
    int d = 8;
    SplittableRandom rnd = new SplittableRandom(3);
    List<String> ids = new ArrayList<>();
    List<Track> tracks = new ArrayList<>();
    float[] data = new float[n * d];
    for (int i = 0; i < n; i++) {
      ids.add("track-" + (n - i)); // ids not in row order: rows follow the file
      tracks.add(Track.builder(ids.get(i)).build());
      for (int c = 0; c < d; c++) {
        data[i * d + c] = (float) rnd.nextGaussian();
      }
    }
    TrackVectors v = new TrackVectors(ids, d, data, Collections.nCopies(n, Metadata.EMPTY));
    Path file = dir.resolve("track-vectors.rsm");
    v.withProvenance(Provenance.now(0, "test")).save(file);
    String table = dir.resolve("vectors.parquet").toString();
    Run conv = run("vectors", "--vectors", file.toString(), "--out", table, "--partitions", "3");
    assertEquals(0, conv.status(), conv.err());
    assertEquals(n, conv.json().get("vectors").asInt());

    Path graphFile = dir.resolve("similarity-graph.rsm");
    String graphParquet = dir.resolve("graph.parquet").toString();
    Run g = run("graph", "--vectors", table, "--k", "7", "--shards", "3", "--query-partitions", "2", "--exact",
        "--recall-sample", "50", "--min-recall", "1.0", "--out-graph", graphFile.toString(), "--out-parquet", graphParquet);
    assertEquals(0, g.status(), g.err());
    assertEquals(1.0, g.json().get("recall").asDouble());
    SimilarityGraph expected = SimilarityGraphBuilder.exact(v, Catalog.of(tracks), new SimilarityGraphConfig(7, false, 1, 1024)).graph();
    SimilarityGraph got = SimilarityGraph.load(graphFile);
    got.requireAligned(Catalog.of(tracks));
    assertArrayEquals(expected.neighbours(), got.neighbours());
    assertArrayEquals(expected.weights(), got.weights());
    SimilarityGraph parquet = GraphTables.readParquet(SharedSpark.get(), graphParquet, 7);
    assertArrayEquals(expected.neighbours(), parquet.neighbours());
  }

  @Test
  void strictReadFailsWithTheFileAndLineAndLenientReadCountsTheSkip() throws Exception {
    Path csv = dir.resolve("listens.csv");
    Files.writeString(csv, "user,item,rating\nu1,t1,1\nu2,t2,oops\nu3,t3,2\n");
    Run strict = run("read", "--dataset", "interactions:" + csv, "--out", dir.resolve("out").toString(), "--strict");
    assertTrue(strict.status() != 0);
    assertTrue(strict.err().contains("listens.csv:3"), strict.err());
    Run lenient = run("read", "--dataset", "interactions:" + csv, "--out", dir.resolve("out").toString());
    assertEquals(0, lenient.status(), lenient.err());
    assertEquals(3, lenient.json().get("rowsRead").asInt());
    assertEquals(1, lenient.json().get("rowsSkipped").asInt());
    assertEquals(2, SharedSpark.get().read().parquet(dir.resolve("out/interactions").toString()).count());
  }

  @Test
  void evaluateMeasuresSparkItemKnnLikeTheSingleMachineItemKnn() throws Exception {
    Path csv = dir.resolve("listens.csv");
    StringBuilder b = new StringBuilder("user,item,timestamp\n");
    SplittableRandom rnd = new SplittableRandom(9);
    for (int u = 0; u < 120; u++) {
      for (int e = 0; e < 15; e++) {
        int item = (u % 4) * 25 + (int) (25 * Math.pow(rnd.nextDouble(), 2));
        b.append('u').append(u).append(",i").append(item).append(',').append(1000 + e).append('\n');
      }
    }
    Files.writeString(csv, b);
    Run r = run("evaluate", "--dataset", "interactions:" + csv, "--protocol", "random", "--models", "spark-itemknn,itemknn",
        "--ks", "5,10", "--depth", "20", "--bootstrap", "100", "--seed", "4");
    assertEquals(0, r.status(), r.err());
    JsonNode models = r.json().get("models");
    assertEquals(models.get("itemknn").get("ndcg@10"), models.get("spark-itemknn").get("ndcg@10"));
    assertEquals(models.get("itemknn").get("recall@5"), models.get("spark-itemknn").get("recall@5"));
    assertEquals(0.0, r.json().get("pairedDifferences").get(0).get("mean").asDouble());
  }

  @Test
  void simulateWritesChoiceSetsAndFitsTheChoiceModel() throws Exception {
    String out = dir.resolve("choices").toString();
    Run r = run("simulate", "--tracks", "300", "--clusters", "4", "--listeners", "20", "--sessions", "3", "--length", "8",
        "--partitions", "3", "--out", out);
    assertEquals(0, r.status(), r.err());
    assertEquals(20 * 3 * 7, r.json().get("choiceSets").asInt());
    assertEquals(r.json().get("rows").asLong(), SharedSpark.get().read().parquet(out).count());
    assertEquals(r.json().get("features").size(), r.json().get("fittedWeights").size());
  }
}

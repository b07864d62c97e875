package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.spi.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexAndSimilarCommandTest {
  static final String[] GENRES = {"rock", "pop", "edm", "latin", "rap", "r&b"};

  /** A model directory with 600 track vectors in 6 genre clusters. */
  static Path model(Path dir) throws Exception {
    int n = 600;
    int dim = 12;
    SplittableRandom r = new SplittableRandom(42);
    float[][] centres = new float[GENRES.length][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) r.nextGaussian();
      }
    }
    List<String> ids = new ArrayList<>();
    List<Metadata> metas = new ArrayList<>();
    float[] data = new float[n * dim];
    for (int i = 0; i < n; i++) {
      int g = i % GENRES.length;
      for (int j = 0; j < dim; j++) {
        data[i * dim + j] = centres[g][j] + (float) (0.2 * r.nextGaussian());
      }
      ids.add("trk" + i);
      String title = i == 7 ? "Blue Monday" : i == 8 ? "Blue Monday (Remix)" : i == 9 ? "Monday Blues" : "Song " + i;
      metas.add(Metadata.builder().put("title", title).put("artist", "Artist " + (i % 40)).put("genre", GENRES[g]).build());
    }
    new TrackVectors(ids, dim, data, metas).withProvenance(Provenance.now(42, "test")).save(new ModelDirectory(dir).trackVectors());
    return dir;
  }

  @Test
  void indexThenSimilarByIdAndTitleAfterARestart(@TempDir Path dir) throws Exception {
    model(dir);
    RecsysCliTest.Result built = RecsysCliTest.run("index", "--model", dir.toString(), "--json");
    assertEquals(0, built.status(), built.err());
    JsonNode b = new ObjectMapper().readTree(built.out());
    assertEquals(600, b.get("vectors").asInt());
    assertEquals(1, b.get("segments").asInt());
    assertTrue(Files.isRegularFile(dir.resolve("track-index").resolve("recsys-index.json")));

    // a fresh command opens the index from disk: every neighbour of a rock track is rock
    RecsysCliTest.Result byId = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "trk0", "--k", "10", "--json");
    assertEquals(0, byId.status(), byId.err());
    JsonNode j = new ObjectMapper().readTree(byId.out());
    assertEquals("trk0", j.get("track").asText());
    assertEquals(10, j.get("hits").size());
    double last = Double.MAX_VALUE;
    for (JsonNode h : j.get("hits")) {
      assertEquals("rock", h.get("metadata").get("genre").get(0).asText(), h.toString());
      assertTrue(h.get("score").asDouble() <= last);
      last = h.get("score").asDouble();
      assertTrue(!h.get("key").asText().equals("trk0"));
    }

    RecsysCliTest.Result byTitle = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "Blue Monday", "--k", "3");
    assertEquals(0, byTitle.status(), byTitle.err());
    assertTrue(byTitle.out().startsWith("similar to trk7  \"Blue Monday\" by Artist 7 [pop]"), byTitle.out());
    assertEquals(4, byTitle.out().strip().lines().count(), byTitle.out());

    RecsysCliTest.Result contains = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "monday blues");
    assertEquals(0, contains.status(), contains.err());
    assertTrue(contains.out().startsWith("similar to trk9"), contains.out());

    RecsysCliTest.Result ambiguous = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "monday");
    assertEquals(1, ambiguous.status());
    assertTrue(ambiguous.err().contains("'monday' matches 3 tracks; name one by id: trk7") && ambiguous.err().contains("trk9"), ambiguous.err());

    RecsysCliTest.Result unknown = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "nothing like it");
    assertEquals(1, unknown.status());
    assertEquals("error: no track with id or title 'nothing like it' in the index", unknown.err().strip());

    RecsysCliTest.Result genre = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "trk0", "--genre", "edm", "--json");
    assertEquals(0, genre.status(), genre.err());
    for (JsonNode h : new ObjectMapper().readTree(genre.out()).get("hits")) {
      assertEquals("edm", h.get("metadata").get("genre").get(0).asText());
    }
  }

  @Test
  void missingInputsNameTheCommandToRun(@TempDir Path dir) {
    RecsysCliTest.Result noVectors = RecsysCliTest.run("index", "--model", dir.toString());
    assertEquals(1, noVectors.status());
    assertTrue(noVectors.err().contains("track-vectors.rsm not found: run 'recsys embed' first"), noVectors.err());
    RecsysCliTest.Result noIndex = RecsysCliTest.run("similar", "--model", dir.toString(), "--track", "x");
    assertEquals(1, noIndex.status());
    assertTrue(noIndex.err().contains("track-index not found: run 'recsys index --model"), noIndex.err());
  }

  @Test
  void aSolrIndexNeedsItsClusterAndAnUnreachableOneIsReported(@TempDir Path dir) throws Exception {
    model(dir);
    RecsysCliTest.Result noCluster = RecsysCliTest.run("index", "--model", dir.toString(), "--index", "solr");
    assertEquals(2, noCluster.status(), noCluster.err());
    assertTrue(noCluster.err().contains("--index solr needs --zk or --solr-url"), noCluster.err());
    RecsysCliTest.Result unknown = RecsysCliTest.run("index", "--model", dir.toString(), "--index", "faiss");
    assertEquals(2, unknown.status(), unknown.err());
    assertTrue(unknown.err().contains("--index must be lucene or solr; --index=faiss"), unknown.err());
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    RecsysCliTest.Result down = RecsysCliTest.run("index", "--model", dir.toString(), "--index", "solr", "--solr-url",
        "http://127.0.0.1:" + port + "/solr", "--collection", "tracks");
    assertEquals(1, down.status(), down.err());
    assertTrue(down.err().contains("127.0.0.1:" + port) && down.err().contains("attempts"), down.err());
  }
}

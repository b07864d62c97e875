package dev.recsys.solr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the conformance suite does not cover: configuration mismatches, a missing collection, authentication and
 * unreachable clusters (authentication: SolrAuthenticationTest), metadata and keys Solr's query syntax would misread, reopening committed data, and selection
 * from a pipeline file. Uses the shared 2-node SolrCloud of the test JVM.
 */
class SolrVectorIndexTest {
  private static float[] unit(SplittableRandom r, int dim) {
    float[] v = new float[dim];
    double n = 0;
    for (int i = 0; i < dim; i++) {
      v[i] = (float) r.nextGaussian();
      n += v[i] * v[i];
    }
    for (int i = 0; i < dim; i++) {
      v[i] /= (float) Math.sqrt(n);
    }
    return v;
  }

  @Test
  void anExistingCollectionOfAnotherShapeIsRefusedNamingBothValues() throws IOException {
    SolrConfig four = SolrTestCollections.config("shape_check", 4, Similarity.COSINE).build();
    SolrVectorIndex.open(four, SolrTestCollections.client()).close();
    IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
        () -> SolrVectorIndex.open(four.toBuilder().dimension(5).build(), SolrTestCollections.client()));
    assertTrue(dim.getMessage().contains("shape_check") && dim.getMessage().contains("dimension 4")
        && dim.getMessage().contains("dimension=5"), dim.getMessage());
    IllegalArgumentException sim = assertThrows(IllegalArgumentException.class,
        () -> SolrVectorIndex.open(four.toBuilder().similarity(Similarity.EUCLIDEAN).build(), SolrTestCollections.client()));
    assertTrue(sim.getMessage().contains("cosine") && sim.getMessage().contains("EUCLIDEAN"), sim.getMessage());
  }

  @Test
  void aMissingCollectionIsAnErrorWhenItMayNotBeCreated() throws IOException {
    SolrConfig config = SolrTestCollections.config("never_created", 4, Similarity.COSINE).createCollection(false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SolrVectorIndex.open(config));
    assertTrue(e.getMessage().contains("never_created") && e.getMessage().contains("createCollection"), e.getMessage());
  }

  @Test
  void aPasswordVariableThatIsNotSetIsNamed() {
    SolrConfig config = SolrConfig.builder().solrUrls(List.of("http://127.0.0.1:9/solr")).basicAuth("reader",
        "RECSYS_SOLR_TEST_PASSWORD_NOT_SET").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SolrVectorIndex.open(config));
    assertTrue(e.getMessage().contains("RECSYS_SOLR_TEST_PASSWORD_NOT_SET") && e.getMessage().contains("reader"), e.getMessage());
  }

  @Test
  void anUnreachableClusterFailsAfterTheBoundedRetries() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SolrConfig config = SolrConfig.builder().solrUrls(List.of("http://127.0.0.1:" + port + "/solr")).maxRetries(2)
        .requestTimeoutMillis(2000).build();
    IOException e = assertThrows(IOException.class, () -> SolrVectorIndex.open(config));
    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
  }

  @Test
  void metadataAndKeysThatLookLikeQuerySyntaxRoundTripAndFilter() throws IOException {
    SolrConfig config = SolrTestCollections.config("syntax", 4, Similarity.COSINE).build();
    try (SolrVectorIndex idx = SolrVectorIndex.open(config, SolrTestCollections.client())) {
      idx.deleteAll();
      SplittableRandom r = new SplittableRandom(3);
      String[] keys = {"a,b", "x y", "q\"uote", "par(en)", "*:*", "back\\slash", "ünï"};
      String[] genres = {"rock,pop", "hip hop", "\"quoted\"", "a OR b", "-neg", "x:y", "ü"};
      for (int i = 0; i < keys.length; i++) {
        idx.upsert(keys[i], unit(r, 4), Metadata.builder().put("genre / style", List.of(genres[i], "shared"))
            .put("empty", List.of()).build());
      }
      idx.commit();
      assertEquals(keys.length, idx.size());
      for (int i = 0; i < keys.length; i++) {
        SearchFilter f = SearchFilter.builder().anyOf("genre / style", Set.of(genres[i])).build();
        List<SearchHit> hits = idx.search(unit(r, 4), 10, f);
        assertEquals(List.of(keys[i]), hits.stream().map(SearchHit::key).toList(), "filter on '" + genres[i] + "'");
        assertEquals(List.of(genres[i], "shared"), hits.get(0).metadata().get("genre / style"));
        assertEquals(List.of(), hits.get(0).metadata().get("empty"));
        assertTrue(hits.get(0).metadata().fields().containsKey("empty"), "an empty field is kept");
      }
      SearchFilter exclude = SearchFilter.builder().exclude(Set.of(keys)).build();
      assertEquals(List.of(), idx.search(unit(r, 4), 10, exclude));
      SearchFilter allButOne = SearchFilter.builder().exclude(Set.of(keys[0], keys[3], keys[5])).anyOf("genre / style",
          Set.of("shared")).build();
      assertEquals(Set.of(keys[1], keys[2], keys[4], keys[6]),
          Set.copyOf(idx.search(unit(r, 4), 10, allButOne).stream().map(SearchHit::key).toList()));
      assertEquals(List.of(), idx.search(unit(r, 4), 10, SearchFilter.builder().anyOf("genre / style", Set.of()).build()));
      assertEquals(List.of(), idx.search(unit(r, 4), 10, SearchFilter.builder().anyOf("no such field", Set.of("x")).build()));
    }
  }

  @Test
  void committedWritesSurviveReopeningWithANewClient() throws IOException {
    SolrConfig config = SolrTestCollections.config("reopen", 8, Similarity.DOT_PRODUCT).build();
    SplittableRandom r = new SplittableRandom(5);
    float[] v = {3, -2, 0.5f, 0, 0, 1, 7, -4};
    try (SolrVectorIndex idx = SolrVectorIndex.open(config)) {
      idx.deleteAll();
      for (int i = 0; i < 50; i++) {
        idx.upsert("k" + i, unit(r, 8), Metadata.builder().put("i", String.valueOf(i)).build());
      }
      idx.upsert("long", v, Metadata.EMPTY);
      idx.delete("k3");
      idx.commit();
    }
    try (SolrVectorIndex again = SolrVectorIndex.open(config)) {
      assertEquals(50, again.size());
      assertTrue(again.vector("k3").isEmpty());
      assertArrayEquals(v, again.vector("long").orElseThrow());
      SearchHit top = again.search(v, 1, SearchFilter.NONE).get(0);
      assertEquals("long", top.key());
      assertEquals(9 + 4 + 0.25 + 1 + 49 + 16, top.score(), 1e-3, "dot product of a vector with itself");
    }
  }

  @Test
  void aPipelineFileSelectsTheSolrIndex() throws IOException {
    String yaml = """
        index:
          type: solr
          params: { zkHosts: "%s", collection: pipeline, dimension: 4, shards: 2, replicas: 2 }
        """.formatted(SolrChildCluster.shared().zkHosts);
    PipelineConfig pipeline = ConfigLoader.standard().parse(yaml, "pipeline.yaml", true);
    var component = pipeline.component("index", VectorIndexPlugin.class).orElseThrow();
    assertEquals("solr", component.pluginName());
    @SuppressWarnings("unchecked")
    VectorIndexPlugin<Object> plugin = (VectorIndexPlugin<Object>) component.plugin();
    try (VectorIndex idx = plugin.open(component.config())) {
      assertTrue(idx instanceof SolrVectorIndex);
      assertEquals(4, idx.dimension());
      ((SolrVectorIndex) idx).deleteAll();
      idx.upsert("one", new float[] {1, 0, 0, 0}, Metadata.EMPTY);
      idx.refresh();
      assertEquals("one", idx.search(new float[] {1, 0.1f, 0, 0}, 1, SearchFilter.NONE).get(0).key());
    }
  }
}

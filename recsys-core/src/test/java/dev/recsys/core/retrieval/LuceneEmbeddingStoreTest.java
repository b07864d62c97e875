package dev.recsys.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.plugin.EmbeddingStorePlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.StoredEmbedding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneEmbeddingStoreTest {
  static float[] random(SplittableRandom r, int dim) {
    return LuceneHnswIndexTest.random(r, dim);
  }

  @Test
  void versionCountsFollowReplacementsDeletesAndRefreshes() throws IOException {
    SplittableRandom r = new SplittableRandom(5);
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(LuceneEmbeddingStoreConfig.inMemory(4, Similarity.DOT_PRODUCT))) {
      for (int i = 0; i < 30; i++) {
        store.put("k" + i, random(r, 4), Metadata.EMPTY, i < 20 ? "old" : "new");
      }
      store.commit();
      assertEquals(20, store.size("old"));
      assertEquals(10, store.size("new"));
      // re-embedding moves keys to the new version; deletes remove them from their version
      for (int i = 0; i < 15; i++) {
        store.put("k" + i, random(r, 4), Metadata.EMPTY, "new");
      }
      store.delete("k15");
      store.commit();
      assertEquals(4, store.size("old"));
      assertEquals(25, store.size("new"));
      assertEquals(Set.of("old", "new"), store.versions());
      float[] q = random(r, 4);
      List<SearchHit> hits = store.search(q, "new", 100, SearchFilter.NONE);
      assertEquals(25, hits.size());
      assertTrue(hits.stream().noneMatch(h -> Set.of("k15", "k16", "k17", "k18", "k19").contains(h.key())), hits.toString());
      // once no old embedding is left, the version filter is dropped and results are unchanged
      for (int i = 16; i < 20; i++) {
        store.delete("k" + i);
      }
      store.commit();
      assertEquals(Set.of("new"), store.versions());
      List<SearchHit> after = store.search(q, "new", 100, SearchFilter.NONE);
      assertEquals(hits, after);
      assertThrows(IllegalArgumentException.class, () -> store.search(q, "old", 5, SearchFilter.NONE));
    }
  }

  /**
   * A store holding one model version, loaded on one thread, has the graph the plain index builds from the same rows,
   * so its searches return exactly the index's hits: the version costs a store search nothing but its check.
   */
  @Test
  void aOneVersionStoreSearchesLikeThePlainIndex() throws IOException {
    int n = 3000;
    int dim = 16;
    SplittableRandom r = new SplittableRandom(11);
    float[] data = new float[n * dim];
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      System.arraycopy(random(r, dim), 0, data, i * dim, dim);
      keys.add("k" + i);
    }
    List<Metadata> meta = java.util.Collections.nCopies(n, Metadata.EMPTY);
    LuceneEmbeddingStoreConfig sc = new LuceneEmbeddingStoreConfig(null, dim, Similarity.COSINE, 8, 40, 20);
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(sc);
        LuceneHnswIndex index = LuceneHnswIndex.open(sc.indexConfig())) {
      store.putAll(keys, data, meta, "v1", 1);
      store.commit();
      index.upsertAll(keys, data, meta, 1);
      index.commit();
      for (int i = 0; i < 50; i++) {
        float[] q = random(r, dim);
        assertEquals(index.search(q, 10, SearchFilter.NONE), store.search(q, "v1", 10, SearchFilter.NONE));
      }
    }
  }

  @Test
  void searchesNeverMixModelVersions(@TempDir Path dir) throws IOException {
    SplittableRandom r = new SplittableRandom(1);
    LuceneEmbeddingStoreConfig config = LuceneEmbeddingStoreConfig.inMemory(8, Similarity.COSINE).withPath(dir.resolve("store"));
    try (LuceneEmbeddingStore store = LuceneEmbeddingStore.open(config)) {
      List<String> keys = new ArrayList<>();
      List<Metadata> metas = new ArrayList<>();
      float[] data = new float[200 * 8];
      for (int i = 0; i < 200; i++) {
        keys.add("u" + i);
        metas.add(Metadata.builder().put("country", i % 2 == 0 ? "SE" : "DE").build());
        System.arraycopy(random(r, 8), 0, data, i * 8, 8);
      }
      store.putAll(keys, data, metas, "v1");
      for (int i = 0; i < 50; i++) {
        store.put("n" + i, random(r, 8), Metadata.builder().put("country", "SE").build(), "v2");
      }
      store.commit();
      assertEquals(250, store.size());
      assertEquals(Set.of("v1", "v2"), store.versions());
      float[] q = random(r, 8);
      List<SearchHit> v2 = store.search(q, "v2", 100, SearchFilter.NONE);
      assertEquals(50, v2.size());
      assertTrue(v2.stream().allMatch(h -> h.key().startsWith("n")));
      List<SearchHit> v1se = store.search(q, "v1", 10, SearchFilter.builder().anyOf("country", Set.of("SE")).build());
      assertEquals(10, v1se.size());
      assertTrue(v1se.stream().allMatch(h -> h.key().startsWith("u") && h.metadata().first("country").equals("SE")));
      IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> store.search(q, "v3", 5, SearchFilter.NONE));
      assertTrue(none.getMessage().contains("no embeddings of model version 'v3'") && none.getMessage().contains("[v1, v2]"), none.getMessage());
      IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> store.search(new float[16], "v1", 5, SearchFilter.NONE));
      assertTrue(dim.getMessage().contains("dimension 8; has 16"), dim.getMessage());
      assertThrows(IllegalArgumentException.class, () -> store.put("x", new float[4], Metadata.EMPTY, "v1"));
      assertThrows(IllegalArgumentException.class, () -> store.put("x", new float[8], Metadata.EMPTY, " "));
      // "add this new listener": a single put, then commit, and it is found by its own vector
      float[] listener = random(r, 8);
      store.put("newcomer", listener, Metadata.builder().put("country", "NO").build(), "v1");
      assertTrue(store.get("newcomer").isEmpty(), "reads are point-in-time until commit");
      store.commit();
      assertEquals("newcomer", store.search(listener, "v1", 1, SearchFilter.NONE).get(0).key());
      assertTrue(store.searchByKey("newcomer", 5, SearchFilter.NONE).stream().allMatch(h -> h.key().startsWith("u")));
    }
    try (EmbeddingStore again = ((LuceneEmbeddingStorePlugin) PluginRegistry.load(EmbeddingStorePlugin.class).get("lucene")).open(config)) {
      StoredEmbedding e = again.get("n3").orElseThrow();
      assertEquals("v2", e.modelVersion());
      assertEquals("SE", e.metadata().first("country"));
      assertEquals(251, again.size());
      assertTrue(again.delete("n3"));
      again.commit();
      assertTrue(again.get("n3").isEmpty());
    }
  }

  @Test
  void aStoreDirectoryIsNotAnIndexDirectory(@TempDir Path dir) throws IOException {
    LuceneHnswIndex.open(LuceneHnswConfig.builder().path(dir.resolve("i")).dimension(8).mergeWorkers(1).build()).close();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LuceneEmbeddingStore.open(LuceneEmbeddingStoreConfig.inMemory(8, Similarity.COSINE).withPath(dir.resolve("i"))));
    assertTrue(e.getMessage().contains("it is a vector-index, not an embedding-store"), e.getMessage());
  }

  @Test
  @SuppressWarnings("rawtypes")
  void pluginsAreRegistered() throws IOException {
    PluginRegistry<VectorIndexPlugin> reg = PluginRegistry.load(VectorIndexPlugin.class);
    assertTrue(reg.names().containsAll(Set.of("lucene-hnsw", "exact")), reg.names().toString());
    @SuppressWarnings("unchecked")
    VectorIndexPlugin<Object> exact = (VectorIndexPlugin<Object>) reg.get("exact");
    try (var idx = exact.open(exact.defaultConfig())) {
      assertEquals(64, idx.dimension());
    }
  }
}

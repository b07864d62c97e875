package dev.recsys.testframework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.StoredEmbedding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link EmbeddingStore} must meet. Extend it and implement {@link #open(Path, int)}: the suite
 * checks keyed reads, replacement and deletion, versioned search that never mixes model versions, errors for
 * unknown versions and wrong dimensions, durability of committed writes across a close, and concurrent readers
 * with one writer.
 */
public abstract class EmbeddingStoreConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected EmbeddingStoreConformance() {}

  /**
   * Opens (creating when absent) a store of {@code dimension}-dimensional cosine vectors kept under {@code dir};
   * opening the same directory again must see every committed write.
   *
   * @param dir the directory holding the store, empty on the first open
   * @param dimension components of every vector, at least 1
   * @return the opened store, closed by the test
   * @throws IOException if the store cannot be opened or created
   */
  protected abstract EmbeddingStore open(Path dir, int dimension) throws IOException;

  private static Metadata meta(int i) {
    return Metadata.builder().put("country", i % 2 == 0 ? "SE" : "DE").build();
  }

  private static void fill(EmbeddingStore store, float[][] v, String version, String prefix) throws IOException {
    for (int i = 0; i < v.length; i++) {
      store.put(prefix + i, v[i], meta(i), version);
    }
  }

  /**
   * Put, get, replace and delete: a read returns the stored vector, metadata and model version, a delete reports
   * whether the key existed, and deleted keys are gone.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws IOException if the store fails to read or write
   */
  @Test
  public void putGetReplaceAndDelete(@TempDir Path dir) throws IOException {
    float[][] v = VectorIndexConformance.randomVectors(50, 8, 1);
    try (EmbeddingStore store = open(dir, 8)) {
      fill(store, v, "v1", "u");
      store.commit();
      assertEquals(50, store.size());
      StoredEmbedding e = store.get("u7").orElseThrow();
      assertEquals("u7", e.key());
      assertArrayEquals(v[7], e.vector());
      assertEquals(meta(7), e.metadata());
      assertEquals("v1", e.modelVersion());
      store.put("u7", v[8], Metadata.builder().put("country", "NO").build(), "v1");
      assertTrue(store.delete("u9"));
      assertFalse(store.delete("never-stored"));
      store.commit();
      assertEquals(49, store.size());
      assertArrayEquals(v[8], store.get("u7").orElseThrow().vector());
      assertEquals("NO", store.get("u7").orElseThrow().metadata().first("country"));
      assertTrue(store.get("u9").isEmpty(), "deleted key still readable");
      assertTrue(store.get("never-stored").isEmpty());
    }
  }

  /**
   * The store copies vectors on the way in and out, so callers may reuse or modify their arrays.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws IOException if the store fails to read or write
   */
  @Test
  public void callerMayReuseBuffers(@TempDir Path dir) throws IOException {
    try (EmbeddingStore store = open(dir, 3)) {
      float[] buf = {1, 0, 0};
      store.put("x", buf, Metadata.EMPTY, "v1");
      buf[0] = 0;
      buf[1] = 1;
      store.commit();
      assertArrayEquals(new float[] {1, 0, 0}, store.get("x").orElseThrow().vector());
      store.get("x").orElseThrow().vector()[0] = 42;
      assertEquals(1f, store.get("x").orElseThrow().vector()[0]);
    }
  }

  /**
   * A search of one model version returns only that version's embeddings, in descending score order and within the
   * filter.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws IOException if the store fails to read or write
   */
  @Test
  public void searchesNeverMixModelVersions(@TempDir Path dir) throws IOException {
    float[][] old = VectorIndexConformance.randomVectors(60, 8, 2);
    float[][] neu = VectorIndexConformance.randomVectors(20, 8, 3);
    try (EmbeddingStore store = open(dir, 8)) {
      fill(store, old, "v1", "u");
      fill(store, neu, "v2", "n");
      store.commit();
      float[] q = neu[4];
      List<SearchHit> v2 = store.search(q, "v2", 50, SearchFilter.NONE);
      assertEquals(20, v2.size(), "every v2 embedding, and only those");
      assertTrue(v2.stream().allMatch(h -> h.key().startsWith("n")), "a v1 key answered a v2 search: " + v2);
      assertEquals("n4", v2.get(0).key());
      for (int i = 1; i < v2.size(); i++) {
        assertTrue(v2.get(i - 1).score() >= v2.get(i).score(), "hits out of order");
      }
      List<SearchHit> v1se = store.search(old[0], "v1", 10, SearchFilter.builder().anyOf("country", Set.of("SE")).build());
      assertEquals(10, v1se.size());
      assertTrue(v1se.stream().allMatch(h -> h.key().startsWith("u") && h.metadata().first("country").equals("SE")), v1se.toString());
    }
  }

  /**
   * A search of an unknown version, and vectors or queries of the wrong dimension, fail naming the version or both
   * dimensions; a blank version is refused.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws IOException if the store fails to read or write
   */
  @Test
  public void unknownVersionsAndWrongDimensionsAreRefused(@TempDir Path dir) throws IOException {
    try (EmbeddingStore store = open(dir, 8)) {
      fill(store, VectorIndexConformance.randomVectors(10, 8, 4), "v1", "u");
      store.commit();
      Errors.assertFailsNaming(IllegalArgumentException.class, () -> store.search(new float[8], "v9", 5, SearchFilter.NONE), "v9");
      Errors.assertFailsNaming(IllegalArgumentException.class,
          () -> store.search(VectorIndexConformance.randomVectors(1, 16, 5)[0], "v1", 5, SearchFilter.NONE), "8", "16");
      Errors.assertFailsNaming(IllegalArgumentException.class,
          () -> store.put("x", new float[4], Metadata.EMPTY, "v1"), "8", "4");
      assertThrows(IllegalArgumentException.class, () -> store.put("x", VectorIndexConformance.randomVectors(1, 8, 6)[0], Metadata.EMPTY, " "));
    }
  }

  /**
   * A store reopened after close holds every committed put and delete with its vector, metadata and version.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws IOException if the store fails to read or write
   */
  @Test
  public void committedWritesSurviveAClose(@TempDir Path dir) throws IOException {
    float[][] v = VectorIndexConformance.randomVectors(40, 8, 7);
    try (EmbeddingStore store = open(dir, 8)) {
      fill(store, v, "v1", "u");
      store.delete("u3");
      store.commit();
    }
    try (EmbeddingStore again = open(dir, 8)) {
      assertEquals(39, again.size());
      assertTrue(again.get("u3").isEmpty(), "committed delete lost");
      StoredEmbedding e = again.get("u5").orElseThrow();
      assertArrayEquals(v[5], e.vector());
      assertEquals("v1", e.modelVersion());
      assertEquals(meta(5), e.metadata());
      assertEquals("u5", again.search(v[5], "v1", 1, SearchFilter.NONE).get(0).key());
    }
  }

  /**
   * A reader searching while a writer puts and commits always sees {@code k} distinct hits, and nothing fails.
   *
   * @param dir a temporary directory for the store, from JUnit
   * @throws Exception if a thread is interrupted or the store fails
   */
  @Test
  public void concurrentReadersWithAWriterSeeNoErrors(@TempDir Path dir) throws Exception {
    float[][] v = VectorIndexConformance.randomVectors(200, 8, 8);
    try (EmbeddingStore store = open(dir, 8)) {
      fill(store, v, "v1", "u");
      store.commit();
      List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            store.put("w" + i, v[i], meta(i), "v1");
            if (i % 25 == 0) {
              store.commit();
            }
          }
          store.commit();
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      Thread reader = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            List<SearchHit> hits = store.search(v[(i * 7) % 200], "v1", 10, SearchFilter.NONE);
            if (hits.size() != 10 || new HashSet<>(hits.stream().map(SearchHit::key).toList()).size() != 10) {
              throw new AssertionError("torn result: " + hits);
            }
          }
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      writer.start();
      reader.start();
      writer.join();
      reader.join();
      assertEquals(List.of(), errors);
      assertEquals(300, store.size());
    }
  }
}

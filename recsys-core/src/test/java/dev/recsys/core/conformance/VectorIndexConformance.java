package dev.recsys.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link VectorIndex} must meet. Extend it, implement {@link #newIndex}, and the suite runs
 * against your implementation. Approximate indexes override {@link #minRecall()}.
 */
public abstract class VectorIndexConformance {
  /** A new, empty index. */
  protected abstract VectorIndex newIndex(int dimension, Similarity similarity) throws IOException;

  /** Recall@10 the implementation must reach against brute force (1.0 for exact search). */
  protected double minRecall() {
    return 1.0;
  }

  /** Random unit vectors, seeded. */
  protected static float[][] randomVectors(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (r.nextDouble() * 2 - 1);
        norm += row[j] * row[j];
      }
      for (int j = 0; j < dim; j++) {
        row[j] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  /** Clustered unit vectors: {@code clusters} centres with small noise around each. */
  protected static float[][] clusteredVectors(int n, int dim, int clusters, long seed) {
    float[][] centres = randomVectors(clusters, dim, seed);
    SplittableRandom r = new SplittableRandom(seed + 1);
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[i % clusters];
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        v[i][j] = c[j] + (float) (r.nextGaussian() * 0.15);
        norm += v[i][j] * v[i][j];
      }
      for (int j = 0; j < dim; j++) {
        v[i][j] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  private static double cosine(float[] a, float[] b) {
    double d = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return d / Math.sqrt(na * nb);
  }

  private static List<Integer> bruteForce(float[][] data, float[] q, int k, Set<Integer> skip) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      if (!skip.contains(i)) {
        ids.add(i);
      }
    }
    ids.sort((a, b) -> Double.compare(cosine(data[b], q), cosine(data[a], q)));
    return ids.subList(0, Math.min(k, ids.size()));
  }

  private static Metadata meta(int i) {
    return Metadata.builder().put("genre", "g" + (i % 10)).put("artist", "a" + (i % 37)).build();
  }

  private VectorIndex filled(float[][] data) throws IOException {
    VectorIndex idx = newIndex(data[0].length, Similarity.COSINE);
    for (int i = 0; i < data.length; i++) {
      idx.upsert("k" + i, data[i], meta(i));
    }
    idx.commit();
    return idx;
  }

  private double recallAt10(float[][] data, float[][] queries) throws IOException {
    try (VectorIndex idx = filled(data)) {
      double hits = 0;
      for (float[] q : queries) {
        Set<String> truth = new HashSet<>();
        for (int i : bruteForce(data, q, 10, Set.of())) {
          truth.add("k" + i);
        }
        for (SearchHit h : idx.search(q, 10, SearchFilter.NONE)) {
          if (truth.contains(h.key())) {
            hits++;
          }
        }
      }
      return hits / (10.0 * queries.length);
    }
  }

  @Test
  void recallOnRandomData() throws IOException {
    double r = recallAt10(randomVectors(2000, 16, 1), randomVectors(50, 16, 2));
    assertTrue(r >= minRecall(), "recall@10 " + r + " < " + minRecall());
  }

  @Test
  void recallOnClusteredData() throws IOException {
    double r = recallAt10(clusteredVectors(2000, 16, 20, 3), clusteredVectors(50, 16, 20, 4));
    assertTrue(r >= minRecall(), "recall@10 " + r + " < " + minRecall());
  }

  @Test
  void hitsAreOrderedAndCarryMetadata() throws IOException {
    float[][] data = randomVectors(300, 8, 5);
    try (VectorIndex idx = filled(data)) {
      assertEquals(300, idx.size());
      List<SearchHit> hits = idx.search(data[7], 20, SearchFilter.NONE);
      assertEquals(20, hits.size());
      assertEquals("k7", hits.get(0).key());
      for (int i = 1; i < hits.size(); i++) {
        assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
      }
      assertEquals(meta(7), hits.get(0).metadata());
    }
  }

  @Test
  void deletedKeysNeverComeBack() throws IOException {
    float[][] data = randomVectors(400, 8, 6);
    try (VectorIndex idx = filled(data)) {
      Set<String> deleted = new HashSet<>();
      for (int i = 0; i < 400; i += 3) {
        assertTrue(idx.delete("k" + i));
        deleted.add("k" + i);
      }
      assertFalse(idx.delete("k0"));
      idx.commit();
      assertEquals(400 - deleted.size(), idx.size());
      for (int q = 0; q < 400; q += 7) {
        for (SearchHit h : idx.search(data[q], 25, SearchFilter.NONE)) {
          assertFalse(deleted.contains(h.key()), "deleted key returned: " + h.key());
        }
      }
      assertTrue(idx.vector("k0").isEmpty());
    }
  }

  @Test
  void upsertReplaces() throws IOException {
    float[][] data = randomVectors(200, 8, 7);
    try (VectorIndex idx = filled(data)) {
      idx.upsert("k5", data[100], Metadata.builder().put("genre", "new").build());
      idx.commit();
      assertEquals(200, idx.size());
      List<SearchHit> hits = idx.search(data[100], 2, SearchFilter.NONE);
      Set<String> keys = Set.of(hits.get(0).key(), hits.get(1).key());
      assertEquals(Set.of("k5", "k100"), keys);
      assertEquals(List.of("new"), idx.search(data[100], 2, SearchFilter.builder().exclude(Set.of("k100")).build()).get(0).metadata().get("genre"));
    }
  }

  @Test
  void selectiveFiltersStillReturnKResultsAndAreRespected() throws IOException {
    float[][] data = randomVectors(1000, 8, 8);
    try (VectorIndex idx = filled(data)) {
      SearchFilter f = SearchFilter.builder().anyOf("artist", Set.of("a3")).exclude(Set.of("k3")).build();
      List<SearchHit> hits = idx.search(data[0], 10, f);
      assertEquals(10, hits.size());
      for (SearchHit h : hits) {
        assertEquals("a3", h.metadata().first("artist"));
        assertFalse(h.key().equals("k3"));
      }
      Set<Integer> skip = new HashSet<>();
      for (int i = 0; i < data.length; i++) {
        if (i % 37 != 3 || i == 3) {
          skip.add(i);
        }
      }
      if (minRecall() == 1.0) {
        List<String> truth = bruteForce(data, data[0], 10, skip).stream().map(i -> "k" + i).toList();
        assertEquals(truth, hits.stream().map(SearchHit::key).toList());
      }
    }
  }

  @Test
  void searchByKeyExcludesTheKey() throws IOException {
    float[][] data = randomVectors(100, 8, 9);
    try (VectorIndex idx = filled(data)) {
      List<SearchHit> hits = idx.searchByKey("k4", 5, SearchFilter.NONE);
      assertEquals(5, hits.size());
      assertTrue(hits.stream().noneMatch(h -> h.key().equals("k4")));
      assertThrows(java.util.NoSuchElementException.class, () -> idx.searchByKey("nope", 5, SearchFilter.NONE));
    }
  }

  @Test
  void badInputGivesPreciseErrors() throws IOException {
    try (VectorIndex idx = newIndex(4, Similarity.COSINE)) {
      IllegalArgumentException dim = assertThrows(IllegalArgumentException.class, () -> idx.upsert("a", new float[3], Metadata.EMPTY));
      assertTrue(dim.getMessage().contains("dimension") && dim.getMessage().contains("4") && dim.getMessage().contains("3"), dim.getMessage());
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
          () -> idx.upsert("a", new float[] {1, Float.NaN, 0, 0}, Metadata.EMPTY));
      assertTrue(nan.getMessage().contains("finite"), nan.getMessage());
      IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> idx.upsert("a", new float[4], Metadata.EMPTY));
      assertTrue(zero.getMessage().contains("zero"), zero.getMessage());
      idx.upsert("a", new float[] {1, 0, 0, 0}, Metadata.EMPTY);
      idx.commit();
      IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> idx.search(new float[] {1, 0, 0, 0}, 0, SearchFilter.NONE));
      assertEquals("k must be in [1, 10000]; k=0", k.getMessage());
      assertThrows(IllegalArgumentException.class, () -> idx.search(new float[] {1, 0}, 1, SearchFilter.NONE));
    }
  }

  @Test
  void callerMayReuseBuffers() throws IOException {
    try (VectorIndex idx = newIndex(3, Similarity.DOT_PRODUCT)) {
      float[] buf = {1, 0, 0};
      idx.upsert("x", buf, Metadata.EMPTY);
      buf[0] = 0;
      buf[1] = 1;
      idx.upsert("y", buf, Metadata.EMPTY);
      idx.commit();
      assertEquals("x", idx.search(new float[] {1, 0, 0}, 1, SearchFilter.NONE).get(0).key());
      float[] stored = idx.vector("x").orElseThrow();
      stored[0] = 42;
      assertEquals(1f, idx.vector("x").orElseThrow()[0]);
    }
  }

  @Test
  void concurrentReadersWithAWriterSeeNoErrorsOrTornResults() throws Exception {
    float[][] data = randomVectors(500, 8, 10);
    try (VectorIndex idx = filled(data)) {
      List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread writer = new Thread(() -> {
        try {
          for (int i = 0; i < 200; i++) {
            idx.upsert("w" + i, data[i], meta(i));
            if (i % 50 == 0) {
              idx.refresh();
            }
          }
          idx.commit();
        } catch (Throwable t) {
          errors.add(t);
        }
      });
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int seed = t;
        readers.add(new Thread(() -> {
          try {
            for (int i = 0; i < 200; i++) {
              List<SearchHit> hits = idx.search(data[(i * 7 + seed) % 500], 10, SearchFilter.NONE);
              if (hits.size() != 10 || new HashSet<>(hits.stream().map(SearchHit::key).toList()).size() != 10) {
                throw new AssertionError("torn result: " + hits);
              }
            }
          } catch (Throwable e) {
            errors.add(e);
          }
        }));
      }
      writer.start();
      readers.forEach(Thread::start);
      writer.join();
      for (Thread r : readers) {
        r.join();
      }
      assertEquals(List.of(), errors);
      assertEquals(700, idx.size());
    }
  }
}

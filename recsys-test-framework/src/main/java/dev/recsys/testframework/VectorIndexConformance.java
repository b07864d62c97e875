package dev.recsys.testframework;

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
import java.util.Map;
import java.util.HashMap;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link VectorIndex} must meet. Extend it, implement {@link #newIndex}, and the suite runs
 * against your implementation. Approximate indexes override {@link #minRecall()}; persistent ones override
 * {@link #openPersistent} so the persistence round trip runs. Includes jqwik properties (random sequences of
 * upserts and deletes checked against a map) and a concurrency test. Extend it from a top-level test class: jqwik
 * does not run properties inside JUnit {@code @Nested} classes.
 */
public abstract class VectorIndexConformance {
  /** For subclasses, which JUnit instantiates once per test. */
  protected VectorIndexConformance() {}

  /**
   * A new, empty index.
   *
   * @param dimension components of every vector, at least 1
   * @param similarity how the index scores a query against a stored vector
   * @return a new index with nothing stored, closed by the test
   * @throws IOException if the index cannot be created
   */
  protected abstract VectorIndex newIndex(int dimension, Similarity similarity) throws IOException;

  /**
   * Recall@10 the implementation must reach against brute force (1.0 for exact search).
   *
   * @return the lowest acceptable recall@10, in (0, 1]
   */
  protected double minRecall() {
    return 1.0;
  }

  /**
   * Opens (creating when absent) a persistent index stored under {@code dir}, or null when the implementation has
   * no persistence (the round-trip test is then skipped).
   *
   * @param dir an empty temporary directory the index may use; the test opens it a second time
   * @param dimension components of every vector
   * @param similarity how the index scores a query against a stored vector
   * @return the opened index, or null when the implementation is in-memory only
   * @throws IOException if the index cannot be opened or created
   */
  protected VectorIndex openPersistent(Path dir, int dimension, Similarity similarity) throws IOException {
    return null;
  }

  /**
   * Random unit vectors, seeded.
   *
   * @param n number of vectors
   * @param dim components per vector
   * @param seed seed of the components
   * @return {@code n} unit vectors with uniform random directions
   */
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

  /**
   * Clustered unit vectors: {@code clusters} centres with small noise around each.
   *
   * @param n number of vectors, assigned to the clusters in turn
   * @param dim components per vector
   * @param clusters number of cluster centres, at least 1
   * @param seed seed of the centres and the noise
   * @return {@code n} unit vectors, each a centre plus Gaussian noise of standard deviation 0.15, renormalised
   */
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
    double[] score = new double[data.length];
    for (int i : ids) {
      score[i] = cosine(data[i], q);
    }
    ids.sort((a, b) -> Double.compare(score[b], score[a]));
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

  /**
   * Recall@10 against brute force on 2000 random 16-dimensional vectors reaches {@link #minRecall()}.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void recallOnRandomData() throws IOException {
    double r = recallAt10(randomVectors(2000, 16, 1), randomVectors(50, 16, 2));
    assertTrue(r >= minRecall(), "recall@10 " + r + " < " + minRecall());
  }

  /**
   * Recall@10 against brute force on 2000 clustered 16-dimensional vectors reaches {@link #minRecall()}.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void recallOnClusteredData() throws IOException {
    double r = recallAt10(clusteredVectors(2000, 16, 20, 3), clusteredVectors(50, 16, 20, 4));
    assertTrue(r >= minRecall(), "recall@10 " + r + " < " + minRecall());
  }

  /**
   * A stored vector is its own best hit, hits come in descending score order and carry the stored metadata.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void hitsAreOrderedAndCarryMetadata() throws IOException {
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

  /**
   * Deleted keys are never returned, deleting twice reports false and a deleted key has no vector.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void deletedKeysNeverComeBack() throws IOException {
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

  /**
   * Upserting an existing key replaces its vector and metadata without changing the size.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void upsertReplaces() throws IOException {
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

  /**
   * A filter that only a few vectors pass still yields {@code k} hits, all passing it, and for exact indexes the
   * brute-force top {@code k}.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void selectiveFiltersStillReturnKResultsAndAreRespected() throws IOException {
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

  /**
   * A search by key never returns the key itself, and an unknown key fails with {@link
   * java.util.NoSuchElementException}.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void searchByKeyExcludesTheKey() throws IOException {
    float[][] data = randomVectors(100, 8, 9);
    try (VectorIndex idx = filled(data)) {
      List<SearchHit> hits = idx.searchByKey("k4", 5, SearchFilter.NONE);
      assertEquals(5, hits.size());
      assertTrue(hits.stream().noneMatch(h -> h.key().equals("k4")));
      assertThrows(java.util.NoSuchElementException.class, () -> idx.searchByKey("nope", 5, SearchFilter.NONE));
    }
  }

  /**
   * Wrong dimensions, non-finite or zero vectors, {@code k} out of range and short queries fail with messages naming
   * the rule.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void badInputGivesPreciseErrors() throws IOException {
    try (VectorIndex idx = newIndex(4, Similarity.COSINE)) {
      Errors.assertFailsNaming(IllegalArgumentException.class, () -> idx.upsert("a", new float[3], Metadata.EMPTY), "4", "3");
      Errors.assertFailsNamingAnyOf(IllegalArgumentException.class,
          () -> idx.upsert("a", new float[] {1, Float.NaN, 0, 0}, Metadata.EMPTY), "finite", "nan");
      Errors.assertFailsNamingAnyOf(IllegalArgumentException.class, () -> idx.upsert("a", new float[4], Metadata.EMPTY),
          "zero", "norm");
      idx.upsert("a", new float[] {1, 0, 0, 0}, Metadata.EMPTY);
      idx.commit();
      Errors.assertFailsNaming(IllegalArgumentException.class, () -> idx.search(new float[] {1, 0, 0, 0}, 0, SearchFilter.NONE),
          "k", "0", String.valueOf(VectorIndex.MAX_K));
      assertThrows(IllegalArgumentException.class, () -> idx.search(new float[] {1, 0}, 1, SearchFilter.NONE));
    }
  }

  /**
   * The index copies vectors on the way in and out, so callers may reuse or modify their arrays.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void callerMayReuseBuffers() throws IOException {
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

  /**
   * Two readers searching while a writer upserts and refreshes always see {@code k} distinct hits, and nothing fails.
   *
   * @throws Exception if a thread is interrupted or the index fails
   */
  @Test
  public void concurrentReadersWithAWriterSeeNoErrorsOrTornResults() throws Exception {
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

  /**
   * A persistent index reopened after close holds exactly what was committed: uncommitted upserts and deletes are lost.
   *
   * @param dir a temporary directory for the index, from JUnit
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void persistenceRoundTripKeepsTheLastCommit(@TempDir Path dir) throws IOException {
    float[][] data = randomVectors(300, 8, 11);
    VectorIndex idx = openPersistent(dir, 8, Similarity.COSINE);
    Assumptions.assumeTrue(idx != null, "no persistence");
    try (idx) {
      for (int i = 0; i < 300; i++) {
        idx.upsert("k" + i, data[i], meta(i));
      }
      for (int i = 0; i < 300; i += 10) {
        idx.delete("k" + i);
      }
      idx.commit();
      idx.upsert("uncommitted", data[0], Metadata.EMPTY);
      idx.delete("k1");
      idx.refresh();
    }
    try (VectorIndex again = openPersistent(dir, 8, Similarity.COSINE)) {
      assertEquals(270, again.size());
      assertTrue(again.vector("uncommitted").isEmpty(), "uncommitted write survived a close");
      assertTrue(again.vector("k0").isEmpty(), "committed delete lost");
      assertTrue(java.util.Arrays.equals(data[1], again.vector("k1").orElseThrow()), "uncommitted delete applied or vector changed");
      List<SearchHit> hits = again.search(data[7], 5, SearchFilter.NONE);
      assertEquals("k7", hits.get(0).key());
      assertEquals(meta(7), hits.get(0).metadata());
      again.upsert("after", data[3], Metadata.EMPTY);
      again.commit();
      assertEquals(271, again.size());
    }
  }

  /**
   * Scores are the cosine, the dot product or {@code 1 / (1 + squared distance)} as the similarity defines, within
   * 1e-4.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void scoresFollowTheSimilarityDefinition() throws IOException {
    float[][] data = randomVectors(50, 6, 12);
    float[] q = {0.5f, -1.5f, 2f, 0.25f, 1f, -0.75f};
    for (Similarity sim : Similarity.values()) {
      try (VectorIndex idx = newIndex(6, sim)) {
        for (int i = 0; i < data.length; i++) {
          float[] v = data[i].clone();
          for (int j = 0; j < v.length; j++) {
            v[j] *= 1 + i % 3;
          }
          idx.upsert("k" + i, v, Metadata.EMPTY);
        }
        idx.commit();
        for (SearchHit h : idx.search(q, 5, SearchFilter.NONE)) {
          float[] v = idx.vector(h.key()).orElseThrow();
          double dot = 0;
          double dist = 0;
          for (int j = 0; j < v.length; j++) {
            dot += v[j] * q[j];
            dist += (v[j] - q[j]) * (v[j] - q[j]);
          }
          double expected = switch (sim) {
            case COSINE -> cosine(v, q);
            case DOT_PRODUCT -> dot;
            case EUCLIDEAN -> 1 / (1 + dist);
          };
          assertEquals(expected, h.score(), 1e-4 * Math.max(1, Math.abs(expected)), sim + " score of " + h.key());
        }
      }
    }
  }

  /**
   * One write of a random sequence: key number, delete or upsert, vector seed.
   *
   * @param key the key's number, in [0, 29]
   * @param delete true for a delete, false for an upsert
   * @param vectorSeed seed of the upserted vector and its metadata
   */
  public record Op(int key, boolean delete, int vectorSeed) {}

  /**
   * Random write sequences of up to 60 deletes and upserts over 30 keys.
   *
   * @return the sequences for {@link #randomWritesMatchAModel}
   */
  @Provide
  public Arbitrary<List<Op>> operations() {
    return Arbitraries.integers().between(0, 29).flatMap(key -> Arbitraries.integers().between(0, 3)
        .flatMap(kind -> Arbitraries.integers().between(0, 1_000_000).map(seed -> new Op(key, kind == 0, seed))))
        .list().ofMinSize(1).ofMaxSize(60);
  }

  /**
   * After any sequence of upserts and deletes the index holds exactly the vectors and metadata of a map given the same
   * writes, and a filtered search returns every passing key in score order.
   *
   * @param ops the writes, applied in order
   * @param refreshEachStep whether the index is refreshed after every write
   * @throws IOException if the index under test fails to read or write
   */
  @Property(tries = 40)
  public void randomWritesMatchAModel(@ForAll("operations") List<Op> ops, @ForAll boolean refreshEachStep) throws IOException {
    Map<String, float[]> model = new HashMap<>();
    Map<String, Metadata> metas = new HashMap<>();
    try (VectorIndex idx = newIndex(4, Similarity.COSINE)) {
      for (Op op : ops) {
        String key = "k" + op.key();
        if (op.delete()) {
          assertEquals(model.remove(key) != null, idx.delete(key), "delete(" + key + ") result");
          metas.remove(key);
        } else {
          float[] v = randomVectors(1, 4, op.vectorSeed())[0];
          Metadata m = meta(op.vectorSeed());
          idx.upsert(key, v, m);
          model.put(key, v);
          metas.put(key, m);
        }
        if (refreshEachStep) {
          idx.refresh();
        }
      }
      idx.commit();
      assertEquals(model.size(), idx.size());
      for (int i = 0; i < 30; i++) {
        String key = "k" + i;
        if (model.containsKey(key)) {
          assertTrue(java.util.Arrays.equals(model.get(key), idx.vector(key).orElseThrow()), "vector of " + key);
        } else {
          assertTrue(idx.vector(key).isEmpty(), "deleted key " + key + " has a vector");
        }
      }
      if (!model.isEmpty()) {
        float[] q = randomVectors(1, 4, ops.size())[0];
        SearchFilter f = SearchFilter.builder().anyOf("genre", Set.of("g1", "g2", "g3")).exclude(Set.of("k1")).build();
        List<SearchHit> hits = idx.search(q, 30, f);
        long passing = model.keySet().stream().filter(k -> f.test(k, metas.get(k))).count();
        assertEquals(passing, hits.size(), "a filtered search over a small index returns every passing vector");
        for (int i = 0; i < hits.size(); i++) {
          SearchHit h = hits.get(i);
          assertTrue(model.containsKey(h.key()), "hit " + h.key() + " is not live");
          assertTrue(f.test(h.key(), h.metadata()), "hit " + h.key() + " violates the filter");
          assertEquals(metas.get(h.key()), h.metadata());
          if (i > 0) {
            assertTrue(hits.get(i - 1).score() >= h.score(), "hits out of order");
          }
        }
      }
    }
  }

  /**
   * A batch search returns, per query, exactly the hits of a single search with the same filter.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void batchSearchMatchesSingleSearches() throws IOException {
    float[][] data = clusteredVectors(1500, 12, 15, 13);
    try (VectorIndex idx = filled(data)) {
      List<float[]> queries = List.of(randomVectors(9, 12, 14));
      SearchFilter f = SearchFilter.builder().anyOf("genre", Set.of("g1", "g4")).build();
      List<List<SearchHit>> batch = idx.searchBatch(queries, 10, f);
      assertEquals(queries.size(), batch.size());
      for (int i = 0; i < queries.size(); i++) {
        assertEquals(idx.search(queries.get(i), 10, f).stream().map(SearchHit::key).toList(),
            batch.get(i).stream().map(SearchHit::key).toList());
      }
    }
  }

  /**
   * Unknown keys give empty or false answers or a {@link java.util.NoSuchElementException} naming the key, and a closed
   * index refuses searches.
   *
   * @throws IOException if the index under test fails to read or write
   */
  @Test
  public void unknownKeysAndClosedIndexesFailClearly() throws IOException {
    VectorIndex idx = newIndex(3, Similarity.EUCLIDEAN);
    idx.upsert("a", new float[] {1, 2, 3}, Metadata.EMPTY);
    idx.commit();
    assertTrue(idx.vector("zzz").isEmpty());
    assertFalse(idx.delete("zzz"));
    Errors.assertFailsNaming(java.util.NoSuchElementException.class, () -> idx.searchByKey("zzz", 3, SearchFilter.NONE), "zzz");
    Errors.assertFailsNamingAnyOf(IllegalArgumentException.class,
        () -> idx.search(new float[] {1, Float.POSITIVE_INFINITY, 0}, 3, SearchFilter.NONE), "finite", "infinity");
    assertThrows(IllegalArgumentException.class, () -> idx.search(new float[] {1, 0, 0}, VectorIndex.MAX_K + 1, SearchFilter.NONE));
    idx.close();
    assertThrows(IllegalStateException.class, () -> idx.search(new float[] {1, 0, 0}, 1, SearchFilter.NONE));
  }
}

package dev.recsys.examples;

import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A custom {@link VectorIndex} written against the SPI alone: an in-memory map scanned linearly, with cosine
 * dot-product or Euclidean scoring. Small, obviously correct, and registered under the name {@code "linear-scan"} so a
 * pipeline file can select it. Its test extends the core conformance suite. Thread-safe: every method is
 * synchronized, and writes are visible at once. After {@link #close()} every operation throws
 * {@link IllegalStateException}.
 */
public final class LinearScanIndex implements VectorIndex {
  /**
   * Configuration.
   *
   * @param dimension components per vector, in [1, 4096]
   * @param similarity how vectors are compared
   */
  public record Config(int dimension, Similarity similarity) {
    /** Validates. */
    public Config {
      Checks.inRange("dimension", dimension, 1, 4096);
      java.util.Objects.requireNonNull(similarity, "similarity");
    }
  }

  /** The plugin that makes this index selectable by name. */
  public static final class Plugin implements VectorIndexPlugin<Config> {
    @Override
    public String name() {
      return "linear-scan";
    }

    @Override
    public String description() {
      return "example: in-memory linear scan (recsys-examples)";
    }

    @Override
    public Class<Config> configType() {
      return Config.class;
    }

    @Override
    public Config defaultConfig() {
      return new Config(16, Similarity.COSINE);
    }

    @Override
    public VectorIndex open(Config config) {
      return new LinearScanIndex(config);
    }
  }

  private record Entry(float[] vector, Metadata metadata) {}

  private final Config config;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private boolean closed;

  /** An empty index. */
  public LinearScanIndex(Config config) {
    this.config = config;
  }

  @Override
  public int dimension() {
    return config.dimension();
  }

  @Override
  public Similarity similarity() {
    return config.similarity();
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("index is closed");
    }
  }

  private float[] checked(String what, float[] v) {
    ensureOpen();
    if (v.length != config.dimension()) {
      throw new IllegalArgumentException(what + " must have dimension " + config.dimension() + "; has " + v.length);
    }
    Checks.finite(what, v);
    if (config.similarity() == Similarity.COSINE && norm(v) == 0) {
      throw new IllegalArgumentException(what + " must not be a zero vector under cosine similarity");
    }
    return v.clone();
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Override
  public synchronized void upsert(String key, float[] vector, Metadata metadata) {
    entries.put(key, new Entry(checked("vector", vector), metadata));
  }

  @Override
  public synchronized boolean delete(String key) {
    ensureOpen();
    return entries.remove(key) != null;
  }

  @Override
  public void refresh() {}

  @Override
  public void commit() {}

  @Override
  public synchronized Optional<float[]> vector(String key) {
    ensureOpen();
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.vector().clone());
  }

  @Override
  public synchronized List<SearchHit> search(float[] query, int k, SearchFilter filter) {
    Checks.inRange("k", k, 1, MAX_K);
    float[] q = checked("query", query);
    double qn = config.similarity() == Similarity.COSINE ? norm(q) : 1;
    List<SearchHit> hits = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      if (!filter.test(e.getKey(), e.getValue().metadata())) {
        continue;
      }
      float[] v = e.getValue().vector();
      double dot = 0;
      double dist = 0;
      for (int i = 0; i < v.length; i++) {
        dot += q[i] * v[i];
        dist += (q[i] - v[i]) * (q[i] - v[i]);
      }
      double score = switch (config.similarity()) {
        case COSINE -> dot / (qn * norm(v));
        case DOT_PRODUCT -> dot;
        case EUCLIDEAN -> 1 / (1 + dist);
      };
      hits.add(new SearchHit(e.getKey(), (float) score, e.getValue().metadata()));
    }
    hits.sort(Comparator.comparingDouble((SearchHit h) -> -h.score()).thenComparing(SearchHit::key));
    return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
  }

  @Override
  public synchronized void close() {
    closed = true;
    entries.clear();
  }
}

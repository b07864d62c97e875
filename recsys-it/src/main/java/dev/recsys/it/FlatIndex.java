package dev.recsys.it;

import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * An in-memory vector index that scans every vector: writes go to a pending table under a lock, and
 * {@link #refresh()} or {@link #commit()} publish an immutable snapshot that searches read without locking.
 */
public final class FlatIndex implements VectorIndex {
  /**
   * Configuration.
   *
   * @param dimension vector length, in [1, 4096]
   * @param similarity how vectors are compared
   */
  public record Config(int dimension, Similarity similarity) {
    /** Validates. */
    public Config {
      if (dimension < 1 || dimension > 4096) {
        throw new IllegalArgumentException("dimension must be in [1, 4096]; dimension=" + dimension);
      }
      Objects.requireNonNull(similarity, "similarity");
    }
  }

  /** The plugin that makes this index selectable by the name {@code flat-scan}. */
  public static final class Plugin implements VectorIndexPlugin<Config> {
    @Override
    public String name() {
      return "flat-scan";
    }

    @Override
    public String description() {
      return "an exhaustive in-memory scan (recsys-it application)";
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
      return new FlatIndex(config);
    }
  }

  private record Entry(float[] vector, Metadata metadata) {}

  private final Config config;
  private final Map<String, Entry> pending = new LinkedHashMap<>();
  private volatile Map<String, Entry> published = Map.of();
  private volatile boolean closed;

  /** An empty index. */
  public FlatIndex(Config config) {
    this.config = Objects.requireNonNull(config, "config");
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
  public int size() {
    return published.size();
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("index is closed");
    }
  }

  private void checkVector(String what, float[] v) {
    Objects.requireNonNull(v, what);
    if (v.length != config.dimension()) {
      throw new IllegalArgumentException(what + " has " + v.length + " components; the index has dimension " + config.dimension());
    }
    double norm = 0;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException(what + " has a component that is not finite: " + x);
      }
      norm += x * x;
    }
    if (norm == 0 && config.similarity() == Similarity.COSINE) {
      throw new IllegalArgumentException(what + " is the zero vector, which has no cosine");
    }
  }

  @Override
  public synchronized void upsert(String key, float[] vector, Metadata metadata) {
    open();
    Objects.requireNonNull(key, "key");
    checkVector("vector of '" + key + "'", vector);
    pending.put(key, new Entry(vector.clone(), Objects.requireNonNull(metadata, "metadata")));
  }

  @Override
  public synchronized boolean delete(String key) {
    open();
    return pending.remove(key) != null;
  }

  @Override
  public synchronized void refresh() {
    open();
    published = Map.copyOf(pending);
  }

  @Override
  public void commit() {
    refresh();
  }

  @Override
  public Optional<float[]> vector(String key) {
    open();
    Entry e = published.get(key);
    return e == null ? Optional.empty() : Optional.of(e.vector().clone());
  }

  private double score(float[] v, float[] q) {
    double dot = 0;
    double vv = 0;
    double qq = 0;
    double dist = 0;
    for (int i = 0; i < v.length; i++) {
      dot += (double) v[i] * q[i];
      vv += (double) v[i] * v[i];
      qq += (double) q[i] * q[i];
      double d = v[i] - q[i];
      dist += d * d;
    }
    return switch (config.similarity()) {
      case COSINE -> dot / Math.sqrt(vv * qq);
      case DOT_PRODUCT -> dot;
      case EUCLIDEAN -> 1 / (1 + dist);
    };
  }

  @Override
  public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
    open();
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in [1, " + MAX_K + "]; k=" + k);
    }
    checkVector("query", query);
    Objects.requireNonNull(filter, "filter");
    Comparator<SearchHit> worstFirst = Comparator.comparingDouble(SearchHit::score)
        .thenComparing(SearchHit::key, Comparator.reverseOrder());
    PriorityQueue<SearchHit> top = new PriorityQueue<>(worstFirst);
    for (Map.Entry<String, Entry> e : published.entrySet()) {
      if (filter.test(e.getKey(), e.getValue().metadata())) {
        top.add(new SearchHit(e.getKey(), (float) score(e.getValue().vector(), query), e.getValue().metadata()));
        if (top.size() > k) {
          top.poll();
        }
      }
    }
    List<SearchHit> out = new ArrayList<>(top);
    out.sort(worstFirst.reversed());
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "FlatIndex[" + config.dimension() + "-d " + config.similarity() + ", " + size() + " vectors]";
  }
}

package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A matcher whose listeners are unit vectors compared by dot product (cosine), held in an exact in-memory
 * {@link ExactIndex} whose blocked SIMD scan answers batches of queries. Subclasses encode a listener's profile.
 */
public abstract class DenseListenerMatcher extends AbstractListenerMatcher {
  private final ExactIndex index;
  private final int dim;

  /**
   * A matcher holding {@code vectors[u]} for listener {@code u} of {@code profiles}; vectors are normalised here
   * (a zero vector stays zero and scores 0 with everyone).
   */
  protected DenseListenerMatcher(String name, ListenerProfiles profiles, Catalog catalog, float[][] vectors) {
    super(name, profiles, catalog);
    if (vectors.length != profiles.size()) {
      throw new IllegalArgumentException("need one vector per listener: " + vectors.length + " for " + profiles.size());
    }
    this.dim = vectors.length == 0 ? 1 : vectors[0].length;
    this.index = ExactIndex.inMemory(dim, Similarity.DOT_PRODUCT);
    for (int u = 0; u < vectors.length; u++) {
      index.upsert(profiles.id(u), normalize(vectors[u]), Metadata.EMPTY);
    }
  }

  /** Scales {@code v} to unit length in place (zero stays zero) and returns it. */
  public static float[] normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  /** Vector dimension. */
  public int dimension() {
    return dim;
  }

  /** The unit vector of a listener. */
  public float[] vector(String listenerId) {
    lock.readLock().lock();
    try {
      profiles.require(listenerId);
      return index.vector(listenerId).orElseThrow();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The vector of listener {@code u} (a copy); called under a lock. */
  protected final float[] vectorOf(int u) {
    return index.vector(profiles.id(u)).orElseThrow();
  }

  /** Encodes listener {@code u}'s current profile; called under the write lock when a listener is added. */
  protected abstract float[] encode(int u);

  @Override
  protected void added(int u) {
    index.upsert(profiles.id(u), normalize(encode(u)), Metadata.EMPTY);
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    Set<String> excluded = new HashSet<>();
    for (int u = 0; u < eligible.length; u++) {
      if (!eligible[u]) {
        excluded.add(profiles.id(u));
      }
    }
    SearchFilter filter = excluded.isEmpty() ? SearchFilter.NONE : SearchFilter.builder().exclude(excluded).build();
    List<float[]> qs = new ArrayList<>(queries.length);
    for (int q : queries) {
      qs.add(vectorOf(q));
    }
    int want = Math.min(k + 1, ExactIndex.MAX_K);
    List<List<SearchHit>> hits = index.searchBatch(qs, want, filter);
    List<List<ScoredListener>> out = new ArrayList<>(queries.length);
    for (int i = 0; i < queries.length; i++) {
      String self = profiles.id(queries[i]);
      List<ScoredListener> l = new ArrayList<>(k);
      for (SearchHit h : hits.get(i)) {
        if (!h.key().equals(self) && l.size() < k) {
          l.add(new ScoredListener(h.key(), h.score()));
        }
      }
      out.add(l);
    }
    return out;
  }

  /** Cosine of two listeners' vectors. */
  protected final double cosine(int a, int b) {
    float[] x = vectorOf(a);
    float[] y = vectorOf(b);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) x[i] * y[i];
    }
    return s;
  }
}

package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ContentProfiles;
import dev.recsys.core.matching.DenseListenerMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.matching.SparseCosineIndex;
import java.util.List;
import dev.recsys.core.model.Catalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learned listener matcher: a listener is {@code [sqrt(1 - β) · unit(Σ ŵ_i E_i) ; sqrt(β) · content]}, the
 * unit-normalised weighted bag of learned item embeddings (the co-listening part; the bag holds artist tokens next
 * to the items when the validation chose them) next to the unit content profile
 * (genre distribution and audio means; absent in id-only data), so the match score is
 * {@code (1 - β) cos(co-listening) + β cos(content)} (the content cosine itself {@code γ cos(genres) + (1 - γ)
 * cos(audio)} with the genre share γ), plus {@code λ} times the exact cosine of the two bags under the overlap
 * weighting (TF-IDF or {@link ItemWeighting#BM25_IDF2}; the item-overlap part: shared items, and shared artists
 * when the bags hold artist tokens) when the validation chose {@code λ > 0}. Items unseen in fitting are hashed to buckets whose
 * embedding is the sum of the fitted items' embeddings in the same bucket over {@code count + 10} (a mean shrunk
 * towards zero, so that an unknown id moves a listener little). Thread-safe; added listeners are encoded with the
 * fitted table and found by the next query.
 */
public final class CoListeningMatcher extends DenseListenerMatcher {
  /** The bags the co-listening part encodes: the profiles, or the profiles with artist tokens. */
  private final ListenerProfiles bags;
  private final float[] table;
  private final int dim;
  private final int known;
  private final float[] buckets;
  private final int numBuckets;
  private final ItemWeighting weighting;
  private final ContentProfiles content;
  private final double beta;
  private final double gamma;
  private final Selection selection;
  /**
   * Exact cosine over {@link #bags} under {@link #overlapWeighting}; null until an overlap weight above 0 is used;
   * guarded by {@link #lock}.
   */
  private SparseCosineIndex sparse;
  /** Guarded by {@link #lock}. */
  private double overlapWeight;
  /** Guarded by {@link #lock}. */
  private ItemWeighting overlapWeighting;

  CoListeningMatcher(String name, ListenerProfiles p, ListenerProfiles bags, Catalog catalog, float[] table, int dim, float[] buckets,
      int numBuckets, ItemWeighting weighting, ContentProfiles content, double beta, double gamma, Selection selection,
      double overlapWeight, ItemWeighting overlapWeighting, float[][] vectors) {
    super(name, p, catalog, vectors);
    this.overlapWeight = overlapWeight;
    this.overlapWeighting = overlapWeighting;
    this.sparse = overlapWeight > 0 ? new SparseCosineIndex(bags, overlapWeighting) : null;
    this.bags = bags;
    this.table = table;
    this.dim = dim;
    this.known = table.length / dim;
    this.buckets = buckets;
    this.numBuckets = numBuckets;
    this.weighting = weighting;
    this.content = content;
    this.beta = beta;
    this.gamma = gamma;
    this.selection = selection;
  }

  /** What was chosen on validation data. */
  public Selection selection() {
    return selection;
  }

  /** The bucket of an item id unseen in fitting. */
  static int bucket(String itemId, int numBuckets) {
    return Math.floorMod(itemId.hashCode() * 0x9E3779B9, numBuckets);
  }

  /** The co-listening part of listener {@code u}, unit length (zero when no item is known). */
  private float[] colistening(int u) {
    ListenerProfiles q = bags;
    int[] items = q.items(u);
    float[] w = q.weights(u, weighting);
    float[] z = Views.encode(table, dim, known, items, w, new float[dim]);
    double s = 0;
    for (float x : w) {
      s += (double) x * x;
    }
    float inv = s == 0 ? 0 : (float) (1 / Math.sqrt(s));
    for (int j = 0; j < items.length; j++) {
      if (items[j] >= known) {
        int o = bucket(q.itemId(items[j]), numBuckets) * dim;
        for (int c = 0; c < dim; c++) {
          z[c] += w[j] * inv * buckets[o + c];
        }
      }
    }
    Views.unit(z);
    return z;
  }

  /** Joins the two parts with weights {@code sqrt(1 - β)} and {@code sqrt(β)}. */
  static float[] join(float[] cf, float[] contentVector, double beta) {
    if (beta == 0) {
      return cf;
    }
    float[] v = new float[cf.length + contentVector.length];
    float a = (float) Math.sqrt(1 - beta);
    float b = (float) Math.sqrt(beta);
    for (int i = 0; i < cf.length; i++) {
      v[i] = a * cf[i];
    }
    for (int i = 0; i < contentVector.length; i++) {
      v[cf.length + i] = b * contentVector[i];
    }
    return v;
  }

  @Override
  protected float[] encode(int u) {
    if (bags != profiles && bags.put(profiles.id(u), ArtistTokens.extend(ArtistTokens.bag(profiles, u), catalog)) != u) {
      throw new IllegalStateException("artist-token bags out of step with the profiles at listener " + u);
    }
    return join(colistening(u), beta == 0 ? new float[0] : content.encode(profiles, u, gamma), beta);
  }

  /** Weight λ of the exact item-overlap part in the score (0: the dense part alone). */
  public double overlapWeight() {
    lock.readLock().lock();
    try {
      return overlapWeight;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Item weighting of the exact item-overlap part. */
  public ItemWeighting overlapWeighting() {
    lock.readLock().lock();
    try {
      return overlapWeighting;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Sets the weight λ of the exact item-overlap part and keeps its weighting; see
   * {@link #overlap(double, ItemWeighting)}.
   *
   * @param weight λ, finite and at least 0
   */
  public void overlapWeight(double weight) {
    overlap(weight, overlapWeighting());
  }

  /**
   * Sets the weight λ and the item weighting of the exact item-overlap part, e.g. to values chosen on known related
   * listeners ({@link CoListeningMatcherTrainer#chooseOverlap}); the next query uses them. The item-overlap index is
   * built the first time a weight above 0 is set (and again when the weighting changes) and kept up to date with
   * added listeners from then on.
   *
   * @param weight λ, finite and at least 0
   * @param weighting the item weights of the overlap cosine
   */
  public void overlap(double weight, ItemWeighting weighting) {
    if (!(weight >= 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException("overlap weight must be finite and >= 0; got " + weight);
    }
    java.util.Objects.requireNonNull(weighting, "weighting");
    lock.writeLock().lock();
    try {
      if (weight > 0 && (sparse == null || sparse.weighting() != weighting)) {
        sparse = new SparseCosineIndex(bags, weighting);
      }
      overlapWeight = weight;
      overlapWeighting = weighting;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    return overlapWeight == 0 ? super.rank(queries, k, eligible, eligibleCount)
        : rankFused(queries, k, eligible, sparse, overlapWeight);
  }

  @Override
  protected void added(int u) {
    super.added(u);
    if (sparse != null) {
      sparse.put(u);
    }
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    float[] x = colistening(a);
    float[] y = colistening(b);
    double cf = 0;
    for (int i = 0; i < dim; i++) {
      cf += x[i] * y[i];
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("co-listening", (1 - beta) * cf);
    if (beta > 0) {
      float[] cx = content.encode(profiles, a, gamma);
      float[] cy = content.encode(profiles, b, gamma);
      double ct = 0;
      for (int i = 0; i < cx.length; i++) {
        ct += cx[i] * cy[i];
      }
      out.put("content", beta * ct);
    }
    if (overlapWeight > 0) {
      out.put("item-overlap", overlapWeight * sparse.cosine(a, b));
    }
    return out;
  }
}

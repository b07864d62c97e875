package dev.recsys.embedding.matching;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.matching.ContentProfiles;
import dev.recsys.core.matching.DenseListenerMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.matching.SparseCosineIndex;
import dev.recsys.core.model.Catalog;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 *
 * <p>Saved as a {@link SaveableModel} (provider {@code matcher}, format version {@value #FORMAT_VERSION}: the
 * trainer's settings as configuration; the profiles of every listener, added ones included, the bags, the catalogue,
 * the item and bucket tables, the content statistics, the validation's choices, the item-overlap settings and every
 * listener's vector); {@link CoListeningPlugin#load} reads it back into a matcher with the same listeners, matches,
 * scores and explanations, which encodes listeners added later as the saved one would have.
 */
public final class CoListeningMatcher extends DenseListenerMatcher implements SaveableModel {
  /** The format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

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
  private final CoListeningConfig config;
  private final Provenance provenance;
  /**
   * Exact cosine over {@link #bags} under {@link #overlapWeighting}; null until an overlap weight above 0 is used;
   * guarded by {@link #lock}.
   */
  private SparseCosineIndex sparse;
  /** Guarded by {@link #lock}. */
  private double overlapWeight;
  /** Guarded by {@link #lock}. */
  private ItemWeighting overlapWeighting;

  /** What a fit produces beside the listener vectors; also what a saved matcher is read into. */
  record Parts(String name, ListenerProfiles profiles, ListenerProfiles bags, Catalog catalog, float[] table, int dim,
      float[] buckets, int numBuckets, ContentProfiles content, Selection selection, CoListeningConfig config,
      Provenance provenance) {
    Parts {
      if (dim < 1 || table.length % dim != 0 || numBuckets < 1 || buckets.length != (long) numBuckets * dim) {
        throw new IllegalArgumentException("co-listening tables: " + table.length + " item and " + buckets.length
            + " bucket components for dimension " + dim + " and " + numBuckets + " buckets");
      }
      if (bags.size() != profiles.size()) {
        throw new IllegalArgumentException("co-listening bags: " + bags.size() + " for " + profiles.size()
            + " listeners");
      }
    }
  }

  /** A fitted matcher: {@code vectors[u]} is listener {@code u}'s vector, the item-overlap settings the selection's. */
  static CoListeningMatcher fitted(Parts parts, float[][] vectors) {
    Selection s = parts.selection();
    return new CoListeningMatcher(parts, s.overlapWeight(), s.overlapWeighting(), Vectors.of(vectors));
  }

  /**
   * A matcher of {@code parts} with the item-overlap settings and the listener vectors (fitted or saved).
   */
  private CoListeningMatcher(Parts parts, double overlapWeight, ItemWeighting overlapWeighting, Vectors vectors) {
    super(parts.name(), parts.profiles(), parts.catalog(), vectors);
    Selection s = parts.selection();
    this.overlapWeight = overlapWeight;
    this.overlapWeighting = overlapWeighting;
    this.bags = parts.bags();
    this.sparse = overlapWeight > 0 ? new SparseCosineIndex(bags, overlapWeighting) : null;
    this.table = parts.table();
    this.dim = parts.dim();
    this.known = table.length / dim;
    this.buckets = parts.buckets();
    this.numBuckets = parts.numBuckets();
    this.weighting = s.weighting();
    this.content = parts.content();
    this.beta = s.contentWeight();
    this.gamma = s.genreShare();
    this.selection = s;
    this.config = parts.config();
    this.provenance = parts.provenance();
    if (profiles.size() > 0 && dimension() != dim + (beta == 0 ? 0 : content.dimension())) {
      throw new IllegalArgumentException("listener vectors of dimension " + dimension() + "; the tables give "
          + (dim + (beta == 0 ? 0 : content.dimension())));
    }
  }

  /**
   * The trainer's settings.
   *
   * @return the configuration the matcher was trained with
   */
  public CoListeningConfig config() {
    return config;
  }

  /** Where the matcher came from: the trainer's seed and the fingerprint of the fitted profiles. */
  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public ModelContainer toContainer() {
    byte[] payload = savedPayload(w -> {
      w.putInt(bags == profiles ? 0 : 1);
      if (bags != profiles) {
        bags.write(w);
      }
      w.putInt(dim).putFloats(table).putInt(numBuckets).putFloats(buckets);
      content.write(w);
      writeSelection(w, selection);
      w.putDouble(overlapWeight).putString(overlapWeighting.name());
      writeVectors(w);
    });
    return new ModelContainer(name(), FORMAT_VERSION, ConfigJson.write(config), provenance, payload);
  }

  /**
   * Reads a matcher saved with {@link #toContainer()}.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return a matcher with the same listeners that answers exactly as the saved one did
   * @throws ModelFormatException naming {@code source} if the format version is newer than this code reads or the
   *     payload is malformed
   */
  public static CoListeningMatcher load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> {
      c.require(c.provider(), FORMAT_VERSION);
      CoListeningConfig config = ConfigJson.readModelConfig(c.configJson(), CoListeningConfig.class, source);
      Payload.Reader r = Payload.reader(c.payload());
      Saved saved = Saved.read(r, source);
      ListenerProfiles p = saved.profiles();
      Catalog catalog = saved.catalog();
      ListenerProfiles bags = r.getInt() == 0 ? p : ListenerProfiles.read(r);
      int dim = r.getInt();
      float[] table = r.getFloats();
      int numBuckets = r.getInt();
      float[] buckets = r.getFloats();
      ContentProfiles content = ContentProfiles.read(r, catalog);
      Selection selection = readSelection(r);
      double overlapWeight = r.getDouble();
      ItemWeighting overlapWeighting = ItemWeighting.valueOf(r.getString());
      if (!(overlapWeight >= 0) || !Double.isFinite(overlapWeight)) {
        throw new IOException("item-overlap weight must be finite and >= 0; got " + overlapWeight);
      }
      Parts parts = new Parts(c.provider(), p, bags, catalog, table, dim, buckets, numBuckets, content, selection,
          config, c.provenance());
      CoListeningMatcher m = new CoListeningMatcher(parts, overlapWeight, overlapWeighting, Vectors.read(r));
      r.requireEnd();
      return m;
    });
  }

  private static void writeSelection(Payload.Writer w, Selection s) {
    w.putInt(s.artistTokens() ? 1 : 0).putString(s.weighting().name()).putInt(s.dimension())
        .putDouble(s.temperature()).putInt(s.hardNegatives()).putInt(s.epochs()).putDouble(s.contentWeight())
        .putInt(s.validationListeners()).putDouble(s.initialScore()).putDouble(s.trainedScore())
        .putDouble(s.finalScore()).putDouble(s.overlapWeight()).putDouble(s.overlapScore())
        .putString(s.overlapWeighting().name()).putDouble(s.genreShare());
  }

  private static Selection readSelection(Payload.Reader r) throws IOException {
    Selection s = new Selection(r.getInt() == 1, ItemWeighting.valueOf(r.getString()), r.getInt(), r.getDouble(),
        r.getInt(), r.getInt(), r.getDouble(), r.getInt(), r.getDouble(), r.getDouble(), r.getDouble(),
        r.getDouble(), r.getDouble(), ItemWeighting.valueOf(r.getString()), r.getDouble());
    if (!(s.contentWeight() >= 0 && s.contentWeight() <= 1) || !(s.genreShare() >= 0 && s.genreShare() <= 1)) {
      throw new IOException("content weight and genre share must be in [0, 1]; got " + s.contentWeight() + " and "
          + s.genreShare());
    }
    return s;
  }

  /**
   * What was chosen on validation data.
   *
   * @return the dimension, weighting, training settings, content weight and overlap part chosen on validation data
   */
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

  /**
   * Weight λ of the exact item-overlap part in the score (0: the dense part alone).
   *
   * @return the current λ, at least 0
   */
  public double overlapWeight() {
    lock.readLock().lock();
    try {
      return overlapWeight;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Item weighting of the exact item-overlap part.
   *
   * @return the item weighting of the overlap cosine
   */
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
    Objects.requireNonNull(weighting, "weighting");
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

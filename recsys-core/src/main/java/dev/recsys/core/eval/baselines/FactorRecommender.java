package dev.recsys.core.eval.baselines;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A matrix-factorisation recommender: one vector per listener and one per track, a listener's score for a track
 * being the dot product of their {@linkplain #listenerEmbedding listener} and {@linkplain #trackEmbedding track
 * embeddings}. The embeddings are exposed so that they can be stored in an
 * {@link dev.recsys.core.spi.EmbeddingStore} or a {@link dev.recsys.core.spi.VectorIndex} with
 * {@link dev.recsys.core.spi.Similarity#DOT_PRODUCT} and give the same ranking as {@link #recommend}.
 *
 * <p>A query whose history is not exactly the known listener's training history (an unknown listener with seed
 * items, or a known listener with extra seeds) is answered with a listener vector <em>folded in</em> from the
 * history by the model's own rule ({@link #foldIn}). Explanations name the history tracks whose embeddings are
 * closest to the recommended track's. Immutable and thread-safe.
 */
public abstract sealed class FactorRecommender extends MatrixRecommender permits IalsRecommender, BprRecommender {
  /** Embedding dimension (the scoring dimension, bias component included). */
  final int dim;
  /** Listener embeddings, {@code numUsers * dim}, row-major. */
  final float[] userVectors;
  /** Track embeddings, {@code numItems * dim}, row-major. */
  final float[] itemVectors;

  FactorRecommender(String name, int payloadVersion, Interactions train, int dim) {
    super(name, payloadVersion, train);
    this.dim = dim;
    this.userVectors = new float[matrix.numUsers() * dim];
    this.itemVectors = new float[matrix.numItems() * dim];
  }

  /** A saved model: {@code vectors} as {@link #readVectors} returned them. */
  FactorRecommender(String name, int payloadVersion, Restored saved, int dim, float[][] vectors) {
    super(name, payloadVersion, saved);
    this.dim = dim;
    this.userVectors = vectors[0];
    this.itemVectors = vectors[1];
  }

  /**
   * Reads the listener and the track vectors that {@link #writeState} wrote, checking their sizes against the
   * saved matrix.
   *
   * @return {listener vectors, track vectors}
   */
  static float[][] readVectors(Restored saved, int dim, Payload.Reader in) throws IOException {
    float[] u = in.getFloats();
    requireLength("the listener vectors", u.length, (long) saved.matrix().numUsers() * dim);
    float[] i = in.getFloats();
    requireLength("the track vectors", i.length, (long) saved.matrix().numItems() * dim);
    return new float[][] {u, i};
  }

  /** Writes the listener and the track vectors, then {@link #writeExtra}. */
  @Override
  final void writeState(Payload.Writer out) {
    out.putFloats(userVectors).putFloats(itemVectors);
    writeExtra(out);
  }

  /** Writes what the model keeps beyond its vectors. */
  abstract void writeExtra(Payload.Writer out);

  /**
   * Components of every embedding.
   *
   * @return the number of components of every listener and track embedding
   */
  public int dimension() {
    return dim;
  }

  /**
   * Listener ids in embedding order (the training dictionary).
   *
   * @return an unmodifiable list of the training listeners' ids, position {@code u} holding listener row {@code u}
   */
  public List<String> listenerIds() {
    List<String> out = new ArrayList<>(matrix.numUsers());
    for (int u = 0; u < matrix.numUsers(); u++) {
      out.add(users.id(u));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Track ids in embedding order (the training dictionary).
   *
   * @return an unmodifiable list of the training tracks' ids, position {@code i} holding track row {@code i}
   */
  public List<String> trackIds() {
    List<String> out = new ArrayList<>(matrix.numItems());
    for (int i = 0; i < matrix.numItems(); i++) {
      out.add(items.id(i));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A copy of the listener's embedding, or empty for a listener not in the training data.
   *
   * @param listenerId id of a listener
   * @return a copy of the listener's embedding of length {@link #dimension()}, or empty when the listener is unknown
   */
  public Optional<float[]> listenerEmbedding(String listenerId) {
    int u = users.indexOf(listenerId);
    return u < 0 || u >= matrix.numUsers() ? Optional.empty()
        : Optional.of(java.util.Arrays.copyOfRange(userVectors, u * dim, (u + 1) * dim));
  }

  /**
   * A copy of the track's embedding, or empty for a track not in the training catalogue.
   *
   * @param trackId id of a track
   * @return a copy of the track's embedding of length {@link #dimension()}, or empty when the track is unknown
   */
  public Optional<float[]> trackEmbedding(String trackId) {
    int i = items.indexOf(trackId);
    return i < 0 || i >= matrix.numItems() ? Optional.empty()
        : Optional.of(java.util.Arrays.copyOfRange(itemVectors, i * dim, (i + 1) * dim));
  }

  /**
   * The embedding of a listener described only by the tracks they played (ids outside the catalogue are
   * ignored): the vector the model would fit for that history with the track embeddings fixed.
   *
   * @param trackIds the tracks the listener played; repeats and unknown ids are allowed
   * @return a new vector of length {@link #dimension()}; all zero when no track is known
   */
  public float[] foldInEmbedding(List<String> trackIds) {
    int[] h = history(-1, trackIds);
    float[] w = new float[dim];
    if (h.length > 0) {
      foldIn(h, w);
    }
    return w;
  }

  /**
   * Every track embedding, in {@link #trackIds()} order, with empty metadata: ready for
   * {@link TrackVectors#save} and for building a vector index.
   *
   * @return a copy of the track embeddings with their ids
   */
  public TrackVectors trackVectors() {
    return new TrackVectors(trackIds(), dim, itemVectors.clone(),
        Collections.nCopies(matrix.numItems(), Metadata.EMPTY));
  }

  /** Writes the folded-in listener vector of a non-empty history into {@code out} (all zero on entry). */
  abstract void foldIn(int[] history, float[] out);

  /** The leading components of a track embedding that are latent factors (the rest, if any, is a bias). */
  abstract int latentDimension();

  @Override
  final Object score(int[] history, int listener, float[] scores) {
    float[] w;
    if (listener >= 0 && history.length == matrix.userDegree(listener)) {
      w = java.util.Arrays.copyOfRange(userVectors, listener * dim, (listener + 1) * dim);
    } else {
      w = new float[dim];
      foldIn(history, w);
    }
    int n = matrix.numItems();
    for (int i = 0; i < n; i++) {
      scores[i] = dot(w, 0, itemVectors, i * dim, dim);
    }
    return null;
  }

  @Override
  final Explanation explain(Object state, int[] history, int item, float score) {
    List<Explanation.Factor> f = new ArrayList<>();
    for (int h : history) {
      float s = dot(itemVectors, h * dim, itemVectors, item * dim, latentDimension());
      if (s > 0) {
        f.add(new Explanation.Factor("neighbour", items.id(h), s, s));
      }
    }
    f.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
    List<Explanation.Factor> top = f.subList(0, Math.min(10, f.size()));
    String summary = top.isEmpty() ? "matches your listening profile"
        : "matches your listening profile, like " + labels(top, 2);
    return new Explanation(summary, List.copyOf(top));
  }

  /** {@code sum a[ao + k] * b[bo + k]} for k in [0, n). */
  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    float s = 0;
    for (int k = 0; k < n; k++) {
      s += a[ao + k] * b[bo + k];
    }
    return s;
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", dimension=" + dim + "]");
  }
}

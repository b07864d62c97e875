package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.spi.Explanation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Content baseline: the listener's profile is the mean of the unit-normalised vectors of their history items,
 * and items are scored by cosine similarity to it (an exact scan). Catalogue items without a vector score
 * {@code -2}, below every cosine; a history without any vector gives every item 0, so the popularity order
 * decides. Explanations name the history item closest to the result. Immutable and thread-safe.
 */
public final class ContentRecommender extends MatrixRecommender {
  /** Name in reports. */
  public static final String NAME = "content";
  /**
   * The format version of saved models this code writes and the newest it reads: the unit vectors of the items.
   * The container's configuration is the feature configuration the plugin computed the vectors with ({@code {}}
   * for vectors given directly); loading does not need it.
   */
  public static final int FORMAT_VERSION = 1;

  private final int dim;
  /** Unit vectors, row-major; rows of items without a vector are zero. */
  private final float[] unit;
  private final boolean[] has;
  private final String configJson;

  private ContentRecommender(Restored saved, String configJson, int dim, float[] unit, boolean[] has) {
    super(NAME, FORMAT_VERSION, saved);
    this.configJson = configJson;
    this.dim = dim;
    this.unit = unit;
    this.has = has;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static ContentRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, null, (saved, config, in) -> {
      int ni = saved.matrix().numItems();
      int dim = in.getInt();
      if (dim < 1) {
        throw new ModelFormatException("vector dimension must be >= 1; dim=" + dim);
      }
      float[] unit = in.getFloats();
      requireLength("the item vectors", unit.length, (long) ni * dim);
      int[] flags = in.getInts();
      requireLength("the vector flags", flags.length, ni);
      boolean[] has = new boolean[ni];
      for (int i = 0; i < ni; i++) {
        has[i] = flags[i] != 0;
      }
      return new ContentRecommender(saved, container.configJson(), dim, unit, has);
    });
  }

  @Override
  Object config() {
    return NoConfig.INSTANCE;
  }

  @Override
  String configJson() {
    return configJson;
  }

  @Override
  void writeState(Payload.Writer out) {
    int[] flags = new int[has.length];
    for (int i = 0; i < has.length; i++) {
      flags[i] = has[i] ? 1 : 0;
    }
    out.putInt(dim).putFloats(unit).putInts(flags);
  }

  private ContentRecommender(Interactions train, Map<String, float[]> vectors, Object config) {
    super(NAME, FORMAT_VERSION, train);
    this.configJson = ConfigJson.write(config);
    int ni = matrix.numItems();
    int d = -1;
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      if (d < 0) {
        d = e.getValue().length;
      } else if (e.getValue().length != d) {
        throw new IllegalArgumentException("vectors must have one dimension; '" + e.getKey() + "' has "
            + e.getValue().length + ", expected " + d);
      }
    }
    if (d <= 0) {
      throw new IllegalArgumentException("vectors must not be empty");
    }
    this.dim = d;
    this.unit = new float[ni * d];
    this.has = new boolean[ni];
    for (int i = 0; i < ni; i++) {
      float[] v = vectors.get(items.id(i));
      if (v == null) {
        continue;
      }
      double norm = 0;
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(v[j])) {
          throw new IllegalArgumentException("vector of '" + items.id(i) + "' has a non-finite component " + j);
        }
        norm += v[j] * v[j];
      }
      if (norm == 0) {
        continue;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < d; j++) {
        unit[i * d + j] = v[j] * inv;
      }
      has[i] = true;
    }
  }

  /**
   * Fits on {@code train} with one vector per item id (items without a vector are allowed).
   *
   * @param train the training interactions
   * @param vectors the vectors
   * @return the {@code ContentRecommender}
   */
  public static ContentRecommender fit(Interactions train, Map<String, float[]> vectors) {
    return new ContentRecommender(train, vectors, NoConfig.INSTANCE);
  }

  /** Fits on {@code train} with vectors computed with {@code config}, which a saved model records. */
  static ContentRecommender fit(Interactions train, Map<String, float[]> vectors, Object config) {
    return new ContentRecommender(train, vectors, config);
  }

  /**
   * A trainer over a fixed map of vectors.
   *
   * @param vectors the vectors
   * @return a trainer over a fixed map of vectors
   */
  public static RecommenderTrainer trainer(Map<String, float[]> vectors) {
    Map<String, float[]> copy = Map.copyOf(Objects.requireNonNull(vectors, "vectors"));
    return RecommenderTrainer.of(NAME, t -> fit(t, copy));
  }

  /**
   * A trainer over saved track vectors.
   *
   * @param vectors the vectors
   * @return a trainer over saved track vectors
   */
  public static RecommenderTrainer trainer(TrackVectors vectors) {
    Map<String, float[]> m = new HashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      m.put(vectors.ids().get(i), vectors.vector(i));
    }
    return trainer(m);
  }

  @Override
  Object score(int[] history, int listener, float[] scores) {
    float[] profile = new float[dim];
    int n = 0;
    for (int h : history) {
      if (has[h]) {
        for (int j = 0; j < dim; j++) {
          profile[j] += unit[h * dim + j];
        }
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    double norm = 0;
    for (float x : profile) {
      norm += x * x;
    }
    float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < scores.length; i++) {
      if (!has[i]) {
        scores[i] = -2;
        continue;
      }
      float s = 0;
      int o = i * dim;
      for (int j = 0; j < dim; j++) {
        s += unit[o + j] * profile[j];
      }
      scores[i] = s * inv;
    }
    return null;
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    if (!has[item]) {
      return Explanation.of("no vector for this item; ranked by popularity");
    }
    int best = -1;
    float bestSim = -2;
    for (int h : history) {
      if (!has[h]) {
        continue;
      }
      float s = 0;
      for (int j = 0; j < dim; j++) {
        s += unit[h * dim + j] * unit[item * dim + j];
      }
      if (s > bestSim) {
        bestSim = s;
        best = h;
      }
    }
    if (best < 0) {
      return Explanation.of("no vector in your history; ranked by popularity");
    }
    return new Explanation("sounds like " + items.id(best) + " from your history",
        List.of(new Explanation.Factor("shared-track", items.id(best), bestSim, score)));
  }
}

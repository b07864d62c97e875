package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.kernels.SpdInverse;
import dev.recsys.core.kernels.TopK;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * EASE, the closed-form linear item-item model of Steck (2019, "Embarrassingly Shallow Autoencoders for Sparse
 * Data"): with {@code X} the binary user-item matrix and {@code P = (X^T X + lambda I)^-1}, the item-item
 * weights are {@code B = I - P diag(1 / diag(P))}, i.e. {@code B[i][j] = -P[i][j] / P[j][j]} off the diagonal
 * and 0 on it. A listener's score for item j is {@code sum over history items h of B[h][j]}.
 *
 * <p>The inverse is a plain-Java double-precision Cholesky inversion ({@code ~n^3/2} multiply-adds, two dense
 * {@code n x n} double matrices while fitting, one float matrix after). The cost grows with {@code n^3}:
 * measured 1.2 CPU-seconds for 1,000 items and 14 for 3,000 (MovieLens latest-small); 10,000 items take
 * several CPU-minutes. Only the {@code maxItems} most popular training items are modelled; the others get a score below
 * every modelled item. Explanations name the history items with the largest weights towards the result.
 * Immutable and thread-safe.
 */
public final class EaseRecommender extends MatrixRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "ease";
  /** The format version of saved models this code writes and the newest it reads: modelled items and {@code B}. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Settings.
   *
   * @param lambda L2 regularisation added to the diagonal of the Gram matrix, finite and > 0
   * @param maxItems how many of the most popular items are modelled, in [1, 20000]
   */
  public record Config(double lambda, int maxItems) {
    /** Validates. */
    public Config {
      Checks.positive("lambda", lambda);
      Checks.inRange("maxItems", maxItems, 1, 20_000);
    }

    /**
     * lambda = 500 (Steck's order of magnitude for data of this size), the 3,000 most popular items (the inverse
     * then takes seconds; raise {@code maxItems} up to 20,000 when the minutes it then costs are affordable).
     *
     * @return the lambda = 500 (Steck's order of magnitude for data of this size), the 3,000 most popular items (the
     *     inverse then takes seconds; raise {@code maxItems} up to 20,000 when the minutes it then costs are
     *     affordable)
     */
    public static Config defaults() {
      return new Config(500, 3_000);
    }
  }

  private final Config config;
  /** Item index to model column, or -1. */
  private final int[] column;
  /** Model column to item index. */
  private final int[] itemOf;
  /** B, m x m, row-major. */
  private final float[] weights;

  private EaseRecommender(Interactions train, Config config) {
    super(NAME, FORMAT_VERSION, train);
    this.config = config;
    int ni = matrix.numItems();
    boolean[] none = new boolean[ni];
    float[] deg = new float[ni];
    int positive = 0;
    for (int i = 0; i < ni; i++) {
      deg[i] = popularity[i];
      none[i] = popularity[i] == 0;
      if (!none[i]) {
        positive++;
      }
    }
    int[] chosen = TopK.select(deg, null, none, Math.min(config.maxItems(), Math.max(1, positive)));
    java.util.Arrays.sort(chosen);
    int m = chosen.length;
    this.itemOf = chosen;
    this.column = new int[ni];
    java.util.Arrays.fill(column, -1);
    for (int c = 0; c < m; c++) {
      column[chosen[c]] = c;
    }
    double[] g = new double[m * m];
    int[] cols = new int[ni];
    int[] userItems = matrix.userItems();
    for (int u = 0; u < matrix.numUsers(); u++) {
      int r = 0;
      for (int q = matrix.userStart(u); q < matrix.userEnd(u); q++) {
        int c = column[userItems[q]];
        if (c >= 0) {
          cols[r++] = c;
        }
      }
      for (int a = 0; a < r; a++) { // columns ascending, so cols[b] <= cols[a] for b <= a: lower triangle
        int row = cols[a] * m;
        for (int b = 0; b <= a; b++) {
          g[row + cols[b]] += 1;
        }
      }
    }
    for (int c = 0; c < m; c++) {
      g[c * m + c] += config.lambda();
    }
    SpdInverse.invertInPlace(g, m, true);
    float[] w = new float[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        w[i * m + j] = i == j ? 0f : (float) (-g[i * m + j] / g[j * m + j]);
      }
    }
    this.weights = w;
  }

  private EaseRecommender(Restored saved, Config config, int[] itemOf, float[] weights) {
    super(NAME, FORMAT_VERSION, saved);
    this.config = config;
    this.itemOf = itemOf;
    this.weights = weights;
    this.column = new int[matrix.numItems()];
    java.util.Arrays.fill(column, -1);
    for (int c = 0; c < itemOf.length; c++) {
      column[itemOf[c]] = c;
    }
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static EaseRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class, (saved, config, in) -> {
      int[] itemOf = in.getInts();
      float[] weights = in.getFloats();
      int ni = saved.matrix().numItems();
      for (int c = 0; c < itemOf.length; c++) {
        if (itemOf[c] < 0 || itemOf[c] >= ni || (c > 0 && itemOf[c] <= itemOf[c - 1])) {
          throw new ModelFormatException("modelled item " + itemOf[c] + " is outside [0, " + ni
              + ") or not above the previous one");
        }
      }
      requireLength("the weight matrix", weights.length, (long) itemOf.length * itemOf.length);
      return new EaseRecommender(saved, config, itemOf, weights);
    });
  }

  @Override
  void writeState(Payload.Writer out) {
    out.putInts(itemOf).putFloats(weights);
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the training interactions
   * @param config the configuration
   * @return the {@code EaseRecommender}
   */
  public static EaseRecommender fit(Interactions train, Config config) {
    return new EaseRecommender(train, config);
  }

  /**
   * The trainer.
   *
   * @param config the configuration
   * @return the trainer
   */
  public static RecommenderTrainer trainer(Config config) {
    return RecommenderTrainer.of(NAME, t -> fit(t, config));
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  @Override
  public Config config() {
    return config;
  }

  /**
   * Number of modelled items.
   *
   * @return the number of modelled items
   */
  public int modelledItems() {
    return itemOf.length;
  }

  /**
   * The item indices of the modelled items, ascending (the rows and columns of {@code B}).
   *
   * @return a copy of the modelled item indices
   */
  public int[] modelledItemIndices() {
    return itemOf.clone();
  }

  /**
   * The weight {@code B[i][j]} between two item indices (0 when either is not modelled).
   *
   * @return the weight {@code B[i][j]} between two item indices (0 when either is not modelled)
   * @param i the first item index
   * @param j the second item index
   */
  public float weight(int i, int j) {
    int a = column[i];
    int b = column[j];
    return a < 0 || b < 0 ? 0f : weights[a * itemOf.length + b];
  }

  @Override
  Object score(int[] history, int listener, float[] scores) {
    int m = itemOf.length;
    float[] acc = new float[m];
    for (int h : history) {
      int a = column[h];
      if (a < 0) {
        continue;
      }
      int row = a * m;
      for (int b = 0; b < m; b++) {
        acc[b] += weights[row + b];
      }
    }
    float min = 0;
    for (int b = 0; b < m; b++) {
      scores[itemOf[b]] = acc[b];
      min = Math.min(min, acc[b]);
    }
    float floor = min - 1;
    for (int i = 0; i < scores.length; i++) {
      if (column[i] < 0) {
        scores[i] = floor;
      }
    }
    return null;
  }

  @Override
  Explanation explain(Object state, int[] history, int item, float score) {
    List<Explanation.Factor> f = new ArrayList<>();
    for (int h : history) {
      float w = weight(h, item);
      if (w > 0) {
        f.add(new Explanation.Factor("neighbour", items.id(h), w, w));
      }
    }
    Explanation e = new Explanation("", f.size() > 10 ? f.subList(0, f.size()) : f);
    List<Explanation.Factor> top = e.factors().subList(0, Math.min(10, e.factors().size()));
    String summary = top.isEmpty() ? "scored by the item-item model (no positive link to your history)"
        : "because you played " + labels(e.factors(), 2);
    return new Explanation(summary, top);
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", config=" + config + ", modelledItems=" + itemOf.length + "]");
  }
}

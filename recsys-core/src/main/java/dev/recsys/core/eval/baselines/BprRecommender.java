package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.kernels.Activations;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * Bayesian personalised ranking with matrix factorisation (BPR-MF, Rendle et al. 2009): listener vectors
 * {@code w_u}, track vectors {@code h_i} and track biases {@code b_i}, trained by stochastic gradient ascent on
 * {@code ln sigmoid(w_u.h_i + b_i - w_u.h_j - b_j)} for an observed pair {@code (u, i)} drawn uniformly from the
 * training pairs and a negative track {@code j} drawn uniformly from the tracks {@code u} has not played, with L2
 * regularisation. One epoch draws as many triples as there are observed pairs.
 *
 * <p>Training is sequential with one {@link SplittableRandom} seeded from the configuration, so the model is
 * bit-identical for a seed on any machine and thread count. The exposed embeddings fold the bias in: a track's
 * embedding is {@code [h_i, b_i]} and a listener's {@code [w_u, 1]}, so their dot product is the model's score. A
 * query with a history other than the listener's training history is answered with the mean of the history's
 * track vectors as the listener vector. Immutable and thread-safe once fitted.
 */
public final class BprRecommender extends FactorRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "bpr";
  /**
   * The format version of saved models this code writes and the newest it reads: listener and track vectors (the
   * track bias as their last component) and the count of skipped triples.
   */
  public static final int FORMAT_VERSION = 1;

  /** Negative draws per triple before the pair is skipped (a listener who played almost every track). */
  private static final int MAX_NEGATIVE_TRIES = 64;

  /**
   * Settings.
   *
   * @param factors latent dimension (the embeddings have one more component, the bias), in [1, 1024]
   * @param epochs passes of as many triples as training pairs, in [1, 1000]
   * @param learningRate SGD step, in (0, 10]
   * @param regularization L2 weight on the vectors and biases touched by a step, in [0, 10]
   * @param initStd the standard deviation of the initial vectors times {@code sqrt(factors)}, in (0, 10]
   * @param seed of the initial vectors and of the sampling
   */
  public record Config(int factors, int epochs, double learningRate, double regularization, double initStd,
      long seed) {
    /** Validates. */
    public Config {
      FactorSetup.checkShape(factors, epochs, initStd);
      Checks.inRange("learningRate", learningRate, Double.MIN_VALUE, 10);
      Checks.inRange("regularization", regularization, 0, 10);
    }

    /**
     * 64 factors, 40 epochs, learning rate 0.05, regularisation 0.0025, initial standard deviation
     * 0.1 / sqrt(64), seed 42: chosen on validation splits carved from training data (see
     * {@code docs/recommenders.md}).
     *
     * @return the default configuration described above
     */
    public static Config defaults() {
      return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder holding the default values
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * A builder starting from these settings.
     *
     * @return a new builder holding this configuration's values
     */
    public Builder toBuilder() {
      return new Builder().factors(factors).epochs(epochs).learningRate(learningRate).regularization(regularization)
          .initStd(initStd).seed(seed);
    }
  }

  /** Builder of {@link Config}. */
  public static final class Builder {
    private int factors = 64;
    private int epochs = 40;
    private double learningRate = 0.05;
    private double regularization = 0.0025;
    private double initStd = 0.1;
    private long seed = 42;

    private Builder() {}

    /**
     * Latent dimension.
     *
     * @param v latent dimension (the embeddings have one more component, the bias), in [1, 1024]; default {@code 64}
     * @return this builder
     */
    public Builder factors(int v) {
      factors = v;
      return this;
    }

    /**
     * Passes over the training pairs.
     *
     * @param v passes of as many triples as training pairs, in [1, 1000]; default {@code 40}
     * @return this builder
     */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /**
     * SGD step.
     *
     * @param v SGD step, in (0, 10]; default {@code 0.05}
     * @return this builder
     */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /**
     * L2 weight.
     *
     * @param v L2 weight on the vectors and biases touched by a step, in [0, 10]; default {@code 0.0025}
     * @return this builder
     */
    public Builder regularization(double v) {
      regularization = v;
      return this;
    }

    /**
     * Initial standard deviation times {@code sqrt(factors)}.
     *
     * @param v the standard deviation of the initial vectors times {@code sqrt(factors)}, in (0, 10]; default {@code
     *     0.1}
     * @return this builder
     */
    public Builder initStd(double v) {
      initStd = v;
      return this;
    }

    /**
     * Seed.
     *
     * @param v seed of the initial vectors and of the sampling; default {@code 42}
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * The validated settings.
     *
     * @return the configuration holding the current values
     */
    public Config build() {
      return new Config(factors, epochs, learningRate, regularization, initStd, seed);
    }
  }

  private final Config config;
  /** Triples skipped because no negative was found. */
  private final long skipped;

  private BprRecommender(Interactions train, Config config) {
    super(NAME, FORMAT_VERSION, train, config.factors() + 1);
    this.config = config;
    int f = config.factors();
    int nu = matrix.numUsers();
    int ni = matrix.numItems();
    float[] w = new float[nu * f];
    float[] h = new float[ni * f];
    float[] bias = new float[ni];
    SplittableRandom init = new SplittableRandom(Seeds.mix(config.seed(), 1));
    FactorSetup.gaussian(w, config.initStd(), f, init);
    FactorSetup.gaussian(h, config.initStd(), f, init);
    int nnz = matrix.nnz();
    int[] userOf = new int[nnz];
    for (int u = 0; u < nu; u++) {
      java.util.Arrays.fill(userOf, matrix.userStart(u), matrix.userEnd(u), u);
    }
    int[] pairs = matrix.userItems();
    SplittableRandom rnd = new SplittableRandom(Seeds.mix(config.seed(), 2));
    float lr = (float) config.learningRate();
    float reg = (float) config.regularization();
    long skips = 0;
    for (int e = 0; e < config.epochs() && nnz > 0; e++) {
      for (int step = 0; step < nnz; step++) {
        int q = rnd.nextInt(nnz);
        int u = userOf[q];
        int i = pairs[q];
        int j = -1;
        for (int t = 0; t < MAX_NEGATIVE_TRIES; t++) {
          int c = rnd.nextInt(ni);
          if (!matrix.has(u, c)) {
            j = c;
            break;
          }
        }
        if (j < 0) {
          skips++;
          continue;
        }
        int uo = u * f;
        int io = i * f;
        int jo = j * f;
        float x = bias[i] - bias[j];
        for (int k = 0; k < f; k++) {
          x += w[uo + k] * (h[io + k] - h[jo + k]);
        }
        float g = (float) Activations.sigmoid(-x);
        for (int k = 0; k < f; k++) {
          float wu = w[uo + k];
          float hi = h[io + k];
          float hj = h[jo + k];
          w[uo + k] = wu + lr * (g * (hi - hj) - reg * wu);
          h[io + k] = hi + lr * (g * wu - reg * hi);
          h[jo + k] = hj + lr * (-g * wu - reg * hj);
        }
        bias[i] += lr * (g - reg * bias[i]);
        bias[j] += lr * (-g - reg * bias[j]);
      }
    }
    this.skipped = skips;
    int d = dim;
    for (int u = 0; u < nu; u++) {
      System.arraycopy(w, u * f, userVectors, u * d, f);
      userVectors[u * d + f] = 1f;
    }
    for (int i = 0; i < ni; i++) {
      System.arraycopy(h, i * f, itemVectors, i * d, f);
      itemVectors[i * d + f] = bias[i];
    }
  }

  private BprRecommender(Restored saved, Config config, float[][] vectors, long skipped) {
    super(NAME, FORMAT_VERSION, saved, config.factors() + 1, vectors);
    this.config = config;
    this.skipped = skipped;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static BprRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class, (saved, config, in) -> {
      float[][] vectors = readVectors(saved, config.factors() + 1, in);
      return new BprRecommender(saved, config, vectors, in.getLong());
    });
  }

  @Override
  long seed() {
    return config.seed();
  }

  @Override
  void writeExtra(Payload.Writer out) {
    out.putLong(skipped);
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the training interactions; skipped rows are left out
   * @param config the hyper-parameters and seed
   * @return the fitted model; the same data and config give the same vectors whatever the thread count
   */
  public static BprRecommender fit(Interactions train, Config config) {
    return new BprRecommender(train, config);
  }

  /**
   * The trainer.
   *
   * @param config the hyper-parameters and seed of every fit
   * @return a trainer calling {@link #fit} on its training data
   */
  public static RecommenderTrainer trainer(Config config) {
    return RecommenderTrainer.of(NAME, t -> fit(t, config));
  }

  /** The settings. */
  @Override
  public Config config() {
    return config;
  }

  /**
   * Triples skipped during training because no unplayed negative track was drawn in 64 tries.
   *
   * @return the number of skipped triples over all epochs, at least 0
   */
  public long skippedTriples() {
    return skipped;
  }

  @Override
  int latentDimension() {
    return config.factors();
  }

  @Override
  void foldIn(int[] history, float[] out) {
    int f = config.factors();
    for (int h : history) {
      for (int k = 0; k < f; k++) {
        out[k] += itemVectors[h * dim + k];
      }
    }
    for (int k = 0; k < f; k++) {
      out[k] /= history.length;
    }
    out[f] = 1f;
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", config=" + config + ", skippedTriples=" + skipped + "]");
  }
}

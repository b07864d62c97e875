package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.kernels.Cholesky;
import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Implicit alternating least squares (iALS, Hu, Koren and Volinsky 2008) with the tuned recipe of Rendle et al.
 * (2022, "Revisiting the Performance of iALS on Item Recommendation Benchmarks"). With {@code S} the observed
 * listener-track pairs (binary), listener vectors {@code w_u} and track vectors {@code h_i}, it minimises
 *
 * <pre>
 *   sum over (u,i) in S of (w_u.h_i - 1)^2  +  alpha0 * sum over all (u,i) of (w_u.h_i)^2
 *   + lambda * sum_u (|I_u| + alpha0 |I|)^nu ||w_u||^2  +  lambda * sum_i (|U_i| + alpha0 |U|)^nu ||h_i||^2
 * </pre>
 *
 * with {@code alpha0} the {@linkplain Config#unobservedWeight() unobserved weight} and {@code nu} the
 * {@linkplain Config#frequencyExponent() frequency exponent} of the frequency-scaled regularisation. Each epoch
 * solves every listener vector with the track vectors fixed, then every track vector with the listener vectors
 * fixed; a row's normal equations are {@code (H_u^T H_u + alpha0 G + reg_u I) w_u = H_u^T 1} with {@code G} the
 * Gramian of all track vectors. They are solved exactly (Cholesky, {@code O(d^3)} per row) or by a few
 * conjugate-gradient steps warm-started from the previous epoch ({@code O(|I_u| d)} per step, in float on the
 * SIMD kernels of the Vector API when the {@code jdk.incubator.vector} module is resolved, plain loops otherwise;
 * the first residual shares its pass over the row's partners with the product {@code A x}).
 *
 * <p>Rows are solved in parallel on the common fork-join pool; each row's solution depends only on the other
 * side's vectors and the Gramian, which is summed over fixed blocks of rows in a fixed order, so the model is
 * bit-identical for a seed whatever the number of threads (on one JVM configuration: the SIMD and the scalar
 * kernels sum dot products in different orders). A query with a history other than the listener's
 * training history folds a listener vector in by the same exact solve. Immutable and thread-safe once fitted.
 */
public final class IalsRecommender extends FactorRecommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "ials";
  /**
   * The format version of saved models this code writes and the newest it reads: listener and track vectors and
   * the Gramian of the track vectors that folding-in uses.
   */
  public static final int FORMAT_VERSION = 1;

  /** How each row's normal equations are solved. */
  public enum Solver {
    /** Cholesky factorisation of the d x d system: exact, {@code O(d^3)} per row. */
    EXACT,
    /** {@link Config#cgSteps()} conjugate-gradient steps from the previous epoch's vector. */
    CG
  }

  /**
   * Settings.
   *
   * @param factors embedding dimension, in [1, 1024]
   * @param epochs alternating passes (listeners then tracks), in [1, 1000]
   * @param regularization {@code lambda}, finite and > 0
   * @param unobservedWeight {@code alpha0}, the weight of every unobserved pair, in [0, 10]
   * @param frequencyExponent {@code nu}, the exponent of the frequency scaling of the regularisation, in [0, 1]
   *     (0: plain L2; 1: Rendle et al.'s recipe)
   * @param solver exact or conjugate-gradient row solves
   * @param cgSteps conjugate-gradient steps per row and epoch, in [1, 64] (used by {@link Solver#CG})
   * @param initStd the standard deviation of the initial vectors times {@code sqrt(factors)}, in (0, 10]
   * @param seed of the initial vectors
   */
  public record Config(int factors, int epochs, double regularization, double unobservedWeight,
      double frequencyExponent, Solver solver, int cgSteps, double initStd, long seed) {
    /** Validates. */
    public Config {
      FactorSetup.checkShape(factors, epochs, initStd);
      Checks.positive("regularization", regularization);
      Checks.inRange("unobservedWeight", unobservedWeight, 0, 10);
      Checks.inRange("frequencyExponent", frequencyExponent, 0, 1);
      Objects.requireNonNull(solver, "solver");
      Checks.inRange("cgSteps", cgSteps, 1, 64);
    }

    /**
     * 64 factors, 16 epochs, lambda = 0.005, alpha0 = 0.5, nu = 1 (frequency-scaled), exact solves, initial
     * standard deviation 0.1 / sqrt(64), seed 42: chosen on validation splits carved from the training part of
     * MovieLens latest-small and of a synthetic world, the setting best on both together (see
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
      return new Builder().factors(factors).epochs(epochs).regularization(regularization)
          .unobservedWeight(unobservedWeight).frequencyExponent(frequencyExponent).solver(solver).cgSteps(cgSteps)
          .initStd(initStd).seed(seed);
    }
  }

  /** Builder of {@link Config}. */
  public static final class Builder {
    private int factors = 64;
    private int epochs = 16;
    private double regularization = 0.005;
    private double unobservedWeight = 0.5;
    private double frequencyExponent = 1;
    private Solver solver = Solver.EXACT;
    private int cgSteps = 3;
    private double initStd = 0.1;
    private long seed = 42;

    private Builder() {}

    /**
     * Embedding dimension.
     *
     * @param v embedding dimension, in [1, 1024]; default {@code 64}
     * @return this builder
     */
    public Builder factors(int v) {
      factors = v;
      return this;
    }

    /**
     * Alternating passes.
     *
     * @param v alternating passes (listeners then tracks), in [1, 1000]; default {@code 16}
     * @return this builder
     */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /**
     * {@code lambda}.
     *
     * @param v {@code lambda}, finite and > 0; default {@code 0.005}
     * @return this builder
     */
    public Builder regularization(double v) {
      regularization = v;
      return this;
    }

    /**
     * {@code alpha0}.
     *
     * @param v {@code alpha0}, the weight of every unobserved pair, in [0, 10]; default {@code 0.5}
     * @return this builder
     */
    public Builder unobservedWeight(double v) {
      unobservedWeight = v;
      return this;
    }

    /**
     * {@code nu}.
     *
     * @param v {@code nu}, the exponent of the frequency scaling of the regularisation, in [0, 1] (0: plain L2; 1:
     *     Rendle et al.'s recipe); default {@code 1}
     * @return this builder
     */
    public Builder frequencyExponent(double v) {
      frequencyExponent = v;
      return this;
    }

    /**
     * Row solver.
     *
     * @param v exact or conjugate-gradient row solves; default {@code Solver.EXACT}
     * @return this builder
     */
    public Builder solver(Solver v) {
      solver = v;
      return this;
    }

    /**
     * Conjugate-gradient steps.
     *
     * @param v conjugate-gradient steps per row and epoch, in [1, 64] (used by {@link Solver#CG}); default {@code 3}
     * @return this builder
     */
    public Builder cgSteps(int v) {
      cgSteps = v;
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
     * Seed of the initial vectors.
     *
     * @param v seed of the initial vectors; default {@code 42}
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
      return new Config(factors, epochs, regularization, unobservedWeight, frequencyExponent, solver, cgSteps,
          initStd, seed);
    }
  }

  /** Rows per parallel task and per partial Gramian; fixed, so sums do not depend on the thread count. */
  private static final int BLOCK = 512;

  /** SIMD kernels when the Vector API module is resolved, the scalar ones otherwise. */
  private static final VectorKernels KERNELS = VectorKernels.get();

  private final Config config;
  /** Gramian of the track vectors, {@code dim x dim}, full, for folding listeners in. */
  private final double[] itemGram;

  private IalsRecommender(Interactions train, Config config) {
    super(NAME, FORMAT_VERSION, train, config.factors());
    this.config = config;
    int d = dim;
    int nu = matrix.numUsers();
    int ni = matrix.numItems();
    FactorSetup.gaussian(userVectors, config.initStd(), d, new SplittableRandom(Seeds.mix(config.seed(), 1)));
    FactorSetup.gaussian(itemVectors, config.initStd(), d, new SplittableRandom(Seeds.mix(config.seed(), 2)));
    int[] userPtr = new int[nu + 1];
    for (int u = 0; u < nu; u++) {
      userPtr[u + 1] = matrix.userEnd(u);
    }
    int[] itemPtr = new int[ni + 1];
    for (int i = 0; i < ni; i++) {
      itemPtr[i + 1] = matrix.itemEnd(i);
    }
    for (int e = 0; e < config.epochs(); e++) {
      sweep(userVectors, nu, userPtr, matrix.userItems(), itemVectors, ni, config);
      sweep(itemVectors, ni, itemPtr, matrix.itemUsers(), userVectors, nu, config);
    }
    this.itemGram = gram(itemVectors, ni, d);
  }

  private IalsRecommender(Restored saved, Config config, float[][] vectors, double[] itemGram) {
    super(NAME, FORMAT_VERSION, saved, config.factors(), vectors);
    this.config = config;
    this.itemGram = itemGram;
  }

  /**
   * Reads a model saved with {@link #toContainer()}.
   *
   * @param container the container
   * @return the model, recommending exactly what the saved one did
   * @throws ModelFormatException if the container holds another model, a newer format version, or is malformed
   */
  public static IalsRecommender load(ModelContainer container) throws ModelFormatException {
    return restore(container, NAME, FORMAT_VERSION, Config.class, (saved, config, in) -> {
      float[][] vectors = readVectors(saved, config.factors(), in);
      double[] gram = in.getDoubles();
      requireLength("the Gramian", gram.length, (long) config.factors() * config.factors());
      return new IalsRecommender(saved, config, vectors, gram);
    });
  }

  @Override
  long seed() {
    return config.seed();
  }

  @Override
  void writeExtra(Payload.Writer out) {
    out.putDoubles(itemGram);
  }

  /**
   * Fits on {@code train}.
   *
   * @param train the training interactions; skipped rows are left out
   * @param config the hyper-parameters and seed
   * @return the fitted model; the same data and config give the same vectors whatever the thread count
   */
  public static IalsRecommender fit(Interactions train, Config config) {
    return new IalsRecommender(train, config);
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
   * One half-epoch: solves every row of {@code x} (n rows) with the other side {@code y} (m rows) fixed.
   * {@code ptr}/{@code idx} list each row's observed partners.
   */
  private static void sweep(float[] x, int n, int[] ptr, int[] idx, float[] y, int m, Config c) {
    int d = c.factors();
    double[] g = gram(y, m, d);
    float[] gf = new float[g.length];
    for (int k = 0; k < g.length; k++) {
      gf[k] = (float) g[k];
    }
    double a0 = c.unobservedWeight();
    int blocks = (n + BLOCK - 1) / BLOCK;
    IntStream.range(0, blocks).parallel().forEach(blk -> {
      Scratch s = new Scratch(d);
      int end = Math.min(n, (blk + 1) * BLOCK);
      for (int r = blk * BLOCK; r < end; r++) {
        int from = ptr[r];
        int to = ptr[r + 1];
        double reg = c.regularization() * Math.pow((to - from) + a0 * m, c.frequencyExponent());
        if (c.solver() == Solver.EXACT) {
          solveExact(idx, from, to, y, g, a0, reg, d, x, r * d, s);
        } else {
          solveCg(idx, from, to, y, gf, (float) a0, (float) reg, d, x, r * d, c.cgSteps(), s);
        }
      }
    });
  }

  /** Per-task buffers. */
  private static final class Scratch {
    final double[] a;
    final float[] af;
    final double[] b;
    final float[] xf;
    final float[] rf;
    final float[] pf;
    final float[] qf;

    Scratch(int d) {
      xf = new float[d];
      rf = new float[d];
      pf = new float[d];
      qf = new float[d];
      a = new double[d * d];
      af = new float[d * d];
      b = new double[d];
    }
  }

  /**
   * {@code Y^T Y} (m rows of dimension d), full symmetric: each block of rows is summed in float by per-component
   * multiply-adds of whole rows (SIMD), the blocks' sums added in double in block order.
   */
  static double[] gram(float[] y, int m, int d) {
    int blocks = (m + BLOCK - 1) / BLOCK;
    double[][] parts = new double[blocks][];
    IntStream.range(0, blocks).parallel().forEach(blk -> {
      float[] acc = new float[d * d];
      int end = Math.min(m, (blk + 1) * BLOCK);
      for (int row = blk * BLOCK; row < end; row++) {
        int o = row * d;
        for (int i = 0; i < d; i++) {
          KERNELS.axpy(y[o + i], y, o, acc, i * d, d);
        }
      }
      double[] p = new double[d * d];
      for (int k = 0; k < p.length; k++) {
        p[k] = acc[k];
      }
      parts[blk] = p;
    });
    double[] g = new double[d * d];
    for (double[] p : parts) {
      for (int k = 0; k < g.length; k++) {
        g[k] += p[k];
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        g[j * d + i] = g[i * d + j];
      }
    }
    return g;
  }

  /** Exact solve of one row by Cholesky; writes {@code out[o .. o+d)}. */
  private static void solveExact(int[] idx, int from, int to, float[] y, double[] g, double a0, double reg, int d,
      float[] out, int o, Scratch s) {
    double[] a = s.a;
    float[] af = s.af;
    double[] b = s.b;
    java.util.Arrays.fill(af, 0f);
    java.util.Arrays.fill(b, 0);
    for (int q = from; q < to; q++) {
      int yo = idx[q] * d;
      for (int i = 0; i < d; i++) {
        float yi = y[yo + i];
        b[i] += yi;
        KERNELS.axpy(yi, y, yo, af, i * d, i + 1);
      }
    }
    for (int i = 0; i < d; i++) {
      int ai = i * d;
      for (int j = 0; j <= i; j++) {
        a[ai + j] = a0 * g[ai + j] + af[ai + j];
      }
      a[ai + i] += reg;
    }
    choleskySolve(a, b, d);
    for (int i = 0; i < d; i++) {
      out[o + i] = (float) b[i];
    }
  }

  /** Solves {@code A x = b} in place ({@code b} becomes x) for symmetric positive definite A (lower triangle read). */
  static void choleskySolve(double[] a, double[] b, int d) {
    int pivot = Cholesky.factorInPlace(a, d);
    if (pivot >= 0) {
      throw new IllegalStateException("normal equations are not positive definite at pivot " + pivot + " ("
          + a[pivot * d + pivot] + "); raise the regularization");
    }
    Cholesky.solveInPlace(a, d, b);
  }

  /**
   * {@code steps} conjugate-gradient steps on one row, from its current vector, in float with the SIMD kernels.
   * The first residual {@code b - A x} is formed in the same pass over the row's partners as {@code A x}:
   * {@code sum_t (1 - y_t.x) y_t - a0 G x - reg x}.
   */
  private static void solveCg(int[] idx, int from, int to, float[] y, float[] g, float a0, float reg, int d,
      float[] out, int o, int steps, Scratch s) {
    VectorKernels k = KERNELS;
    float[] x = s.xf;
    float[] r = s.rf;
    float[] p = s.pf;
    float[] q = s.qf;
    System.arraycopy(out, o, x, 0, d);
    k.dotRows(x, g, 0, d, d, q);
    for (int i = 0; i < d; i++) {
      r[i] = -(a0 * q[i] + reg * x[i]);
    }
    for (int t = from; t < to; t++) {
      int yo = idx[t] * d;
      k.axpy(1f - k.dot(y, yo, x, 0, d), y, yo, r, 0, d);
    }
    System.arraycopy(r, 0, p, 0, d);
    float rs = k.dot(r, 0, r, 0, d);
    for (int step = 0; step < steps && rs > 1e-20f; step++) {
      k.dotRows(p, g, 0, d, d, q);
      for (int i = 0; i < d; i++) {
        q[i] = a0 * q[i] + reg * p[i];
      }
      for (int t = from; t < to; t++) {
        int yo = idx[t] * d;
        k.axpy(k.dot(y, yo, p, 0, d), y, yo, q, 0, d);
      }
      float pq = k.dot(p, 0, q, 0, d);
      if (!(pq > 0)) {
        break;
      }
      float alpha = rs / pq;
      k.axpy(alpha, p, 0, x, 0, d);
      k.axpy(-alpha, q, 0, r, 0, d);
      float rsNew = k.dot(r, 0, r, 0, d);
      float beta = rsNew / rs;
      for (int i = 0; i < d; i++) {
        p[i] = Math.fma(beta, p[i], r[i]);
      }
      rs = rsNew;
    }
    System.arraycopy(x, 0, out, o, d);
  }

  @Override
  int latentDimension() {
    return dim;
  }

  @Override
  void foldIn(int[] history, float[] out) {
    double reg = config.regularization()
        * Math.pow(history.length + config.unobservedWeight() * matrix.numItems(), config.frequencyExponent());
    solveExact(history, 0, history.length, itemVectors, itemGram, config.unobservedWeight(), reg, dim, out, 0,
        new Scratch(dim));
  }

  @Override
  public String toString() {
    return super.toString().replace("]", ", config=" + config + "]");
  }
}

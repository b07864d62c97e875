package dev.recsys.core.projection;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.ProgressListener;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.ProgressTracker;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Exact t-SNE (van der Maaten and Hinton, 2008): a map to the plane that keeps each point's near neighbours near.
 * Input affinities come from Gaussian kernels whose widths are searched per point to match the {@linkplain
 * Config#perplexity() perplexity}; the map's affinities use a Student-t kernel; the map starts from seeded Gaussian
 * noise and follows the gradient of their Kullback-Leibler divergence with momentum, per-coordinate gains and early
 * exaggeration.
 *
 * <p>Exact means every pair is computed: time O(n^2) per iteration and memory {@code 4 n^2} bytes for the input
 * affinities, so the input is limited to {@link #MAX_POINTS} rows; map a seeded sample of a larger set (t-SNE is for
 * looking, not for retrieval). Rows are processed in parallel on {@link Config#threads()} threads, each row's
 * values computed by one thread in a fixed order and sums reduced in row order, so the map is the same for a seed
 * whatever the thread count.
 */
public final class TSne {
  /** The largest number of rows {@link #fit} accepts (about 100 MB of affinities). */
  public static final int MAX_POINTS = 5_000;

  private static final double MIN_GAIN = 0.01;
  private static final double EPS = 1e-12;

  /**
   * Settings of a t-SNE run.
   *
   * @param perplexity the effective number of neighbours each point's kernel covers, {@code > 1}; at most {@code (n
   *     - 1) / 3} is used
   * @param iterations gradient steps, at least 1
   * @param learningRate step size, {@code > 0}
   * @param exaggerationIterations the first steps, with input affinities multiplied by {@code exaggeration}
   * @param exaggeration the early exaggeration factor, at least 1
   * @param seed the seed of the starting map
   * @param threads worker threads, at least 1
   */
  public record Config(double perplexity, int iterations, double learningRate, int exaggerationIterations,
      double exaggeration, long seed, int threads) {
    /** Validates the settings. */
    public Config {
      Checks.inRange("perplexity", perplexity, 1.0 + 1e-9, 1e6);
      Checks.atLeast("iterations", iterations, 1);
      Checks.positive("learningRate", learningRate);
      Checks.atLeast("exaggerationIterations", exaggerationIterations, 0);
      Checks.inRange("exaggeration", exaggeration, 1.0, 1e3);
      Checks.atLeast("threads", threads, 1);
    }

    /**
     * The usual settings: perplexity 30, 1,000 iterations, learning rate 200, early exaggeration 12 for the first
     * 250, on every available processor.
     *
     * @param seed the seed of the starting map
     * @return the settings
     */
    public static Config defaults(long seed) {
      return new Config(30, 1000, 200, 250, 12, seed, Runtime.getRuntime().availableProcessors());
    }

    /** These settings with {@code iterations} steps (and early exaggeration for at most a quarter of them). */
    public Config withIterations(int iterations) {
      return new Config(perplexity, iterations, learningRate, Math.min(exaggerationIterations, Math.max(1, iterations / 4)),
          exaggeration, seed, threads);
    }

    /** These settings with the given perplexity. */
    public Config withPerplexity(double perplexity) {
      return new Config(perplexity, iterations, learningRate, exaggerationIterations, exaggeration, seed, threads);
    }

    /** These settings on {@code threads} threads. */
    public Config withThreads(int threads) {
      return new Config(perplexity, iterations, learningRate, exaggerationIterations, exaggeration, seed, threads);
    }
  }

  private TSne() {}

  /**
   * Maps the rows to the plane.
   *
   * @param rows between 2 and {@link #MAX_POINTS} rows with finite values
   * @param config the settings
   * @param progress told of each iteration (stage "t-SNE")
   * @return the map, centred on the origin
   * @throws IllegalArgumentException if there are fewer than 2 or more than {@link #MAX_POINTS} rows
   */
  public static Projection2D fit(FeatureMatrix rows, Config config, ProgressListener progress) {
    int n = rows.rows();
    if (n < 2 || n > MAX_POINTS) {
      throw new IllegalArgumentException("t-SNE maps 2 to " + MAX_POINTS + " rows (exact, O(n^2)); got " + n
          + ": map a seeded sample, or use Projection2D.pca");
    }
    ForkJoinPool pool = new ForkJoinPool(config.threads());
    try {
      return pool.submit(() -> run(rows, config, progress)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("t-SNE interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private static Projection2D run(FeatureMatrix rows, Config config, ProgressListener progress) {
    int n = rows.rows();
    ProgressTracker tracker = new ProgressTracker(progress, "t-SNE", config.iterations());
    float[] p = affinities(rows, Math.min(config.perplexity(), Math.max(1.01, (n - 1) / 3.0)));
    double[] y = new double[2 * n];
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = 0; i < 2 * n; i++) {
      y[i] = 1e-4 * random.nextGaussian();
    }
    double[] update = new double[2 * n];
    double[] gains = new double[2 * n];
    java.util.Arrays.fill(gains, 1.0);
    double[] grad = new double[2 * n];
    double[] rowSums = new double[n];
    for (int it = 0; it < config.iterations(); it++) {
      double exaggeration = it < config.exaggerationIterations() ? config.exaggeration() : 1.0;
      double momentum = it < 250 ? 0.5 : 0.8;
      double[] yy = y;
      IntStream.range(0, n).parallel().forEach(i -> {
        double yi0 = yy[2 * i];
        double yi1 = yy[2 * i + 1];
        double s = 0;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            double d0 = yi0 - yy[2 * j];
            double d1 = yi1 - yy[2 * j + 1];
            s += 1.0 / (1.0 + d0 * d0 + d1 * d1);
          }
        }
        rowSums[i] = s;
      });
      double z = 0;
      for (int i = 0; i < n; i++) {
        z += rowSums[i];
      }
      double sumQ = Math.max(z, EPS);
      IntStream.range(0, n).parallel().forEach(i -> {
        double yi0 = yy[2 * i];
        double yi1 = yy[2 * i + 1];
        double g0 = 0;
        double g1 = 0;
        long base = (long) i * n;
        for (int j = 0; j < n; j++) {
          if (j == i) {
            continue;
          }
          double d0 = yi0 - yy[2 * j];
          double d1 = yi1 - yy[2 * j + 1];
          double num = 1.0 / (1.0 + d0 * d0 + d1 * d1);
          double mult = (exaggeration * p[(int) (base + j)] - Math.max(num / sumQ, EPS)) * num;
          g0 += mult * d0;
          g1 += mult * d1;
        }
        grad[2 * i] = 4 * g0;
        grad[2 * i + 1] = 4 * g1;
      });
      for (int k = 0; k < 2 * n; k++) {
        gains[k] = Math.signum(grad[k]) != Math.signum(update[k]) ? gains[k] + 0.2 : Math.max(MIN_GAIN, gains[k] * 0.8);
        update[k] = momentum * update[k] - config.learningRate() * gains[k] * grad[k];
        y[k] += update[k];
      }
      center(y, n);
      tracker.advance();
    }
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0; i < n; i++) {
      px[i] = y[2 * i];
      py[i] = y[2 * i + 1];
    }
    return new Projection2D(px, py);
  }

  /** Symmetrised input affinities {@code (p_j|i + p_i|j) / 2n}, row-major, with each row's kernel fitted to the perplexity. */
  static float[] affinities(FeatureMatrix rows, double perplexity) {
    int n = rows.rows();
    int d = rows.cols();
    float[] data = rows.data();
    double target = Math.log(perplexity);
    float[] cond = new float[n * n];
    IntStream.range(0, n).parallel().forEach(i -> {
      double[] dist = new double[n];
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int a = 0; a < d; a++) {
          double v = data[i * d + a] - data[j * d + a];
          s += v * v;
        }
        dist[j] = s;
      }
      double[] row = conditional(dist, i, target);
      for (int j = 0; j < n; j++) {
        cond[i * n + j] = (float) row[j];
      }
    });
    float[] p = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        p[i * n + j] = (float) Math.max((cond[i * n + j] + (double) cond[j * n + i]) / (2.0 * n), EPS);
      }
      p[i * n + i] = 0;
    }
    return p;
  }

  /** The conditional distribution {@code p_j|i} whose entropy is {@code target} nats, by bisection on the precision. */
  private static double[] conditional(double[] dist, int i, double target) {
    int n = dist.length;
    double[] row = new double[n];
    double beta = 1;
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    double minDist = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (j != i) {
        minDist = Math.min(minDist, dist[j]);
      }
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      double sum = 0;
      double weighted = 0;
      for (int j = 0; j < n; j++) {
        // Shifting by the smallest distance keeps the largest kernel value at 1 (no underflow); it cancels out.
        row[j] = j == i ? 0 : Math.exp(-beta * (dist[j] - minDist));
        sum += row[j];
        weighted += row[j] * (dist[j] - minDist);
      }
      double entropy = Math.log(sum) + beta * weighted / sum;
      for (int j = 0; j < n; j++) {
        row[j] /= sum;
      }
      double diff = entropy - target;
      if (Math.abs(diff) < 1e-5) {
        break;
      }
      if (diff > 0) {
        lo = beta;
        beta = Double.isInfinite(hi) ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = Double.isInfinite(lo) ? beta / 2 : (beta + lo) / 2;
      }
    }
    return row;
  }

  private static void center(double[] y, int n) {
    double m0 = 0;
    double m1 = 0;
    for (int i = 0; i < n; i++) {
      m0 += y[2 * i];
      m1 += y[2 * i + 1];
    }
    m0 /= n;
    m1 /= n;
    for (int i = 0; i < n; i++) {
      y[2 * i] -= m0;
      y[2 * i + 1] -= m1;
    }
  }
}

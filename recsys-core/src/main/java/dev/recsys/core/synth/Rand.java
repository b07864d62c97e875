package dev.recsys.core.synth;

import dev.recsys.core.kernels.Activations;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Deterministic random streams, samplers and a chunked parallel loop used by the generator. */
final class Rand {
  private Rand() {}

  /** A bijective 64-bit mix (MurmurHash3's finaliser). */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /**
   * The random stream of item {@code index} of kind {@code stream}: independent of the order and thread in which
   * items are generated, so the world does not depend on the thread count.
   */
  static SplittableRandom stream(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(seed ^ (stream * 0x9E3779B97F4A7C15L)) + index * 0xBF58476D1CE4E5B9L));
  }

  static double logistic(double x) {
    return Activations.sigmoid(x);
  }

  static double logit(double p) {
    double q = Math.min(0.999, Math.max(0.001, p));
    return Math.log(q / (1 - q));
  }

  static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : (v > hi ? hi : v);
  }

  /** Rounds to {@code 10^-digits}. */
  static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (with the boost for shape below 1). */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(r, shape + 1) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1.0 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  /** Poisson(mean): Knuth's product method below 30, a rounded normal above. */
  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean >= 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = r.nextDouble();
    while (p > l) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }

  /** A geometric count {@code >= 1} with the given mean. */
  static int geometricAtLeastOne(SplittableRandom r, double mean) {
    if (mean <= 1) {
      return 1;
    }
    double p = 1.0 / mean;
    double u = 1.0 - r.nextDouble(); // (0, 1]
    return 1 + (int) Math.min(100_000, Math.floor(Math.log(u) / Math.log(1 - p)));
  }

  /** Index drawn from a cumulative weight array (last entry = total). */
  static int pickCumulative(SplittableRandom r, double[] cum, int from, int to) {
    double total = cum[to - 1];
    double base = from == 0 ? 0 : cum[from - 1];
    double x = base + r.nextDouble() * (total - base);
    int lo = from;
    int hi = to - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** A body run on a range {@code [from, to)} of items. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  /** Runs {@code body} over {@code [0, n)} in chunks on {@code threads} threads; rethrows the first failure. */
  static void parallel(int n, int chunk, int threads, RangeBody body) {
    int chunks = (n + chunk - 1) / chunk;
    if (threads <= 1 || chunks <= 1) {
      body.run(0, n);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(threads, chunks);
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread t = new Thread(runnable, "recsys-synth");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<?>[] futures = new Future<?>[workers];
      for (int w = 0; w < workers; w++) {
        futures[w] = pool.submit(() -> {
          int c;
          while ((c = next.getAndIncrement()) < chunks) {
            int from = c * chunk;
            body.run(from, Math.min(n, from + chunk));
          }
        });
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static final char[] B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  /**
   * A 22-character base-62 id (the shape of a Spotify id), unique per {@code (key, index)}: the first 11
   * characters encode a bijection of {@code index}.
   */
  static String id22(long key, long index) {
    char[] c = new char[22];
    long a = mix(index + mix(key));
    long b = mix(a + key * 31 + 7);
    encode(a, c, 0);
    encode(b, c, 11);
    return new String(c);
  }

  private static void encode(long v, char[] out, int at) {
    for (int i = 10; i >= 0; i--) {
      int d = (int) Long.remainderUnsigned(v, 62);
      v = Long.divideUnsigned(v, 62);
      out[at + i] = B62[d];
    }
  }
}

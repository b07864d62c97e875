package dev.recsys.benchmarks.factors;

import dev.recsys.core.model.Interactions;
import java.util.SplittableRandom;

/**
 * Seeded implicit-feedback data of a given shape: every listener plays {@code rows / listeners} distinct tracks on
 * average (between half and one and a half times that), tracks drawn from a Zipf-like popularity (exponent 0.8)
 * so that item degrees are as skewed as in real catalogues.
 */
public final class FactorData {
  private FactorData() {}

  /** Sizes of the benchmark. */
  public enum Size {
    /** 100,000 listeners x 50,000 tracks x 5,000,000 interactions (the published target). */
    L100K_T50K_5M(100_000, 50_000, 5_000_000),
    /** 20,000 listeners x 10,000 tracks x 1,000,000 interactions (the quick profile). */
    L20K_T10K_1M(20_000, 10_000, 1_000_000);

    final int listeners;
    final int tracks;
    final int rows;

    Size(int listeners, int tracks, int rows) {
      this.listeners = listeners;
      this.tracks = tracks;
      this.rows = rows;
    }
  }

  static Interactions generate(Size size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] cdf = new double[size.tracks];
    double sum = 0;
    for (int i = 0; i < size.tracks; i++) {
      sum += Math.pow(i + 1, -0.8);
      cdf[i] = sum;
    }
    Interactions.Builder b = Interactions.builder();
    int mean = size.rows / size.listeners;
    boolean[] taken = new boolean[size.tracks];
    int[] chosen = new int[size.tracks];
    for (int u = 0; u < size.listeners; u++) {
      int n = mean / 2 + r.nextInt(mean + 1);
      int m = 0;
      while (m < n) {
        int i = java.util.Arrays.binarySearch(cdf, r.nextDouble() * sum);
        i = i < 0 ? -i - 1 : i;
        i = Math.min(i, size.tracks - 1);
        if (!taken[i]) {
          taken[i] = true;
          chosen[m++] = i;
        }
      }
      String user = "u" + u;
      for (int k = 0; k < m; k++) {
        b.add(user, "t" + chosen[k], 1, 1_000_000L + k, false);
        taken[chosen[k]] = false;
      }
    }
    return b.build();
  }
}

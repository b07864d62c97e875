package dev.recsys.core.eval.internal;

import dev.recsys.core.eval.Estimate;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded percentile bootstrap over users, for all metrics at once (the same resamples for every metric). */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * Means with percentile intervals.
   *
   * @param rows per user, one value per metric; {@code NaN} values are left out of that metric's mean
   * @param samples number of bootstrap resamples; 0 gives {@code NaN} intervals
   */
  public static Estimate[] estimate(double[][] rows, int metrics, int samples, double confidence, long seed) {
    int n = rows.length;
    double[] sum = new double[metrics];
    int[] cnt = new int[metrics];
    for (double[] row : rows) {
      for (int m = 0; m < metrics; m++) {
        if (!Double.isNaN(row[m])) {
          sum[m] += row[m];
          cnt[m]++;
        }
      }
    }
    Estimate[] out = new Estimate[metrics];
    if (samples == 0 || n == 0) {
      for (int m = 0; m < metrics; m++) {
        out[m] = new Estimate(cnt[m] == 0 ? Double.NaN : sum[m] / cnt[m], Double.NaN, Double.NaN, cnt[m]);
      }
      return out;
    }
    double[][] boot = new double[metrics][samples];
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = new double[metrics];
    int[] c = new int[metrics];
    for (int b = 0; b < samples; b++) {
      Arrays.fill(s, 0);
      Arrays.fill(c, 0);
      for (int i = 0; i < n; i++) {
        double[] row = rows[random.nextInt(n)];
        for (int m = 0; m < metrics; m++) {
          double v = row[m];
          if (!Double.isNaN(v)) {
            s[m] += v;
            c[m]++;
          }
        }
      }
      for (int m = 0; m < metrics; m++) {
        boot[m][b] = c[m] == 0 ? Double.NaN : s[m] / c[m];
      }
    }
    double alpha = (1 - confidence) / 2;
    for (int m = 0; m < metrics; m++) {
      double[] v = Arrays.stream(boot[m]).filter(x -> !Double.isNaN(x)).sorted().toArray();
      double mean = cnt[m] == 0 ? Double.NaN : sum[m] / cnt[m];
      out[m] = v.length == 0 ? new Estimate(mean, Double.NaN, Double.NaN, cnt[m])
          : new Estimate(mean, quantile(v, alpha), quantile(v, 1 - alpha), cnt[m]);
    }
    return out;
  }

  /** Linear-interpolated quantile of sorted values (numpy's default). */
  public static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    double f = pos - lo;
    return sorted[lo] + f * (sorted[hi] - sorted[lo]);
  }
}

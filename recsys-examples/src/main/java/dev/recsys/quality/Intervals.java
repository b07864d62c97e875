package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;

/**
 * Intervals for values without a bootstrap: a point (the interval is the value itself) and the mean of a few
 * independent replicates (seeds) with its Student-t 95% interval.
 */
public final class Intervals {
  /** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom. */
  private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
      2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
      2.048, 2.045, 2.042};

  private Intervals() {}

  /** A value without uncertainty (an expectation such as the chance level): lower = upper = mean. */
  public static Estimate point(double value, int n) {
    return new Estimate(value, value, value, n);
  }

  /**
   * The mean of independent replicates with the 95% Student-t interval {@code mean +- t * sd / sqrt(n)}; a single
   * replicate gives a point.
   *
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Estimate replicates(double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("need at least one replicate");
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    if (n == 1) {
      return point(mean, 1);
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double half = tQuantile(n - 1) * Math.sqrt(ss / (n - 1) / n);
    return new Estimate(mean, mean - half, mean + half, n);
  }

  /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (1.96 above 30). */
  static double tQuantile(int df) {
    return df <= T975.length ? T975[df - 1] : 1.96;
  }
}

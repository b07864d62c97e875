package dev.recsys.core.eval;

import dev.recsys.core.eval.internal.Bootstrap;
import dev.recsys.core.util.Checks;

/**
 * A mean over users with a bootstrap confidence interval.
 *
 * @param mean the mean over the {@code n} users with a defined value
 * @param lower lower end of the percentile bootstrap interval ({@code NaN} when not computed)
 * @param upper upper end of the interval ({@code NaN} when not computed)
 * @param n number of users averaged
 */
public record Estimate(double mean, double lower, double upper, int n) {
  /**
   * The mean of {@code values} with a seeded percentile bootstrap interval, as the {@link Evaluator} computes it
   * for a metric over users ({@code NaN} values are left out).
   *
   * @param values one value per unit (user, item, listener)
   * @param samples bootstrap resamples, in [0, 10000000]; 0 gives {@code NaN} interval ends
   * @param confidence the interval's confidence, in [0.5, 0.9999]
   * @param seed seed of the resampling
   * @return the mean of {@code values} with a seeded percentile bootstrap interval, as the {@link Evaluator} computes
   *     it for a metric over users ({@code NaN} values are left out)
   */
  public static Estimate bootstrap(double[] values, int samples, double confidence, long seed) {
    Checks.inRange("samples", samples, 0, 10_000_000);
    Checks.inRange("confidence", confidence, 0.5, 0.9999);
    double[][] rows = new double[values.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {values[i]};
    }
    return Bootstrap.estimate(rows, 1, samples, confidence, seed)[0];
  }

  /**
   * Formats as {@code 0.1234 [0.1100, 0.1350]}.
   *
   * @return the estimate as text
   */
  public String format() {
    if (Double.isNaN(lower)) {
      return String.format(java.util.Locale.ROOT, "%.4f", mean);
    }
    return String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f]", mean, lower, upper);
  }
}

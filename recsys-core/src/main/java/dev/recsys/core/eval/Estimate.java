package dev.recsys.core.eval;

/**
 * A mean over users with a bootstrap confidence interval.
 *
 * @param mean the mean over the {@code n} users with a defined value
 * @param lower lower end of the percentile bootstrap interval ({@code NaN} when not computed)
 * @param upper upper end of the interval ({@code NaN} when not computed)
 * @param n number of users averaged
 */
public record Estimate(double mean, double lower, double upper, int n) {
  /** Formats as {@code 0.1234 [0.1100, 0.1350]}. */
  public String format() {
    if (Double.isNaN(lower)) {
      return String.format(java.util.Locale.ROOT, "%.4f", mean);
    }
    return String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f]", mean, lower, upper);
  }
}

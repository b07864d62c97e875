package dev.recsys.core.data.profile;

import java.util.Arrays;
import java.util.Objects;

/**
 * Summary statistics of one numeric column. The statistics of a column without values are {@code null}.
 *
 * @param name the column name
 * @param count number of present values
 * @param missing number of missing values
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param sd population standard deviation
 * @param p01 1st percentile (nearest rank)
 * @param p05 5th percentile
 * @param p25 25th percentile
 * @param p50 median
 * @param p75 75th percentile
 * @param p95 95th percentile
 * @param p99 99th percentile
 */
public record ColumnStats(String name, long count, long missing, Double min, Double max, Double mean, Double sd,
    Double p01, Double p05, Double p25, Double p50, Double p75, Double p95, Double p99) {

  /** Validates the counts. */
  public ColumnStats {
    Objects.requireNonNull(name, "name");
    if (count < 0 || missing < 0) {
      throw new IllegalArgumentException("count and missing must be >= 0; count=" + count + ", missing=" + missing);
    }
  }

  /**
   * Statistics of {@code values[0..n)}, NaN meaning missing. The array is reordered (sorted) in place.
   *
   * @param name the name
   * @param values the values
   * @param n how many leading entries of {@code values} to use
   * @return the statistics
   */
  public static ColumnStats of(String name, double[] values, int n) {
    int present = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(values[i])) {
        values[present++] = values[i];
      }
    }
    long missing = n - present;
    if (present == 0) {
      return new ColumnStats(name, 0, missing, null, null, null, null, null, null, null, null, null, null, null);
    }
    Arrays.sort(values, 0, present);
    double sum = 0;
    for (int i = 0; i < present; i++) {
      sum += values[i];
    }
    double mean = sum / present;
    double ss = 0;
    for (int i = 0; i < present; i++) {
      double d = values[i] - mean;
      ss += d * d;
    }
    return new ColumnStats(name, present, missing, values[0], values[present - 1], mean, Math.sqrt(ss / present),
        q(values, present, 0.01), q(values, present, 0.05), q(values, present, 0.25), q(values, present, 0.5),
        q(values, present, 0.75), q(values, present, 0.95), q(values, present, 0.99));
  }

  /**
   * Statistics of int values (none missing).
   *
   * @param name the name
   * @param values the values
   * @return the statistics of int values (none missing)
   */
  public static ColumnStats ofInts(String name, int[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return of(name, d, d.length);
  }

  private static double q(double[] sorted, int n, double p) {
    int rank = (int) Math.ceil(p * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }
}

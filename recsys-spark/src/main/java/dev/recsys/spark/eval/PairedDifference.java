package dev.recsys.spark.eval;

import dev.recsys.core.eval.Estimate;
import java.util.List;

/**
 * A paired comparison of two evaluations of the same split on one per-listener metric: the mean of the
 * listener-by-listener differences {@code a - b} with a seeded percentile bootstrap interval.
 *
 * @param metric the metric
 * @param a name of the first model
 * @param b name of the second model
 * @param difference mean difference and its interval
 */
public record PairedDifference(String metric, String a, String b, Estimate difference) {
  /**
   * Compares two results listener by listener.
   *
   * @param a the first result
   * @param b the second result (same split, same listeners in the same order)
   * @param metric a per-listener metric of both
   * @param samples bootstrap samples, at least 1
   * @param confidence interval confidence in (0, 1)
   * @param seed the bootstrap seed
   * @return the comparison
   * @throws IllegalArgumentException when the results cover different listeners
   */
  public static PairedDifference of(DistributedEvaluator.Result a, DistributedEvaluator.Result b, String metric, int samples,
      double confidence, long seed) {
    List<String> ua = a.users();
    if (!ua.equals(b.users())) {
      throw new IllegalArgumentException("paired comparison needs the same listeners in the same order; " + ua.size()
          + " vs " + b.users().size() + " listeners");
    }
    int ma = a.metrics().indexOf(metric);
    int mb = b.metrics().indexOf(metric);
    if (ma < 0 || mb < 0) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + a.metrics());
    }
    double[] d = new double[ua.size()];
    for (int p = 0; p < d.length; p++) {
      d[p] = a.perUser()[p][ma] - b.perUser()[p][mb];
    }
    return new PairedDifference(metric, a.model(), b.model(), Estimate.bootstrap(d, samples, confidence, seed));
  }

  /**
   * True when the interval excludes 0.
   *
   * @return whether the difference is significant at the interval's confidence
   */
  public boolean significant() {
    return difference.lower() > 0 || difference.upper() < 0;
  }
}

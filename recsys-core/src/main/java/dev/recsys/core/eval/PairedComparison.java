package dev.recsys.core.eval;

import dev.recsys.core.eval.internal.Bootstrap;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A paired comparison of two recommenders on one metric over the same test users: the mean per-user
 * difference {@code A - B} with a percentile bootstrap interval (users resampled in pairs) and a two-sided
 * p-value from a sign-flip randomisation test (under the null hypothesis each user's difference is equally
 * likely to have either sign; {@code p = (1 + #{|mean of flipped| >= |observed|}) / (1 + samples)}). Users are
 * matched by id; only users with a defined value in both results count.
 *
 * @param metric the metric compared, e.g. {@code "ndcg@10"}
 * @param modelA the first model
 * @param modelB the second model
 * @param users number of paired users
 * @param meanA mean of A over the paired users
 * @param meanB mean of B over the paired users
 * @param meanDifference mean of {@code A - B}
 * @param lower lower end of the bootstrap interval of the mean difference
 * @param upper upper end of the interval
 * @param pValue two-sided randomisation-test p-value
 * @param samples number of bootstrap resamples and of random sign flips
 * @param seed the seed of both
 */
public record PairedComparison(String metric, String modelA, String modelB, int users, double meanA, double meanB,
    double meanDifference, double lower, double upper, double pValue, int samples, long seed) {

  /**
   * Compares {@code a} with {@code b} on {@code metric}.
   *
   * @param a the first model's result
   * @param b the second model's result, of the same protocol as {@code a}
   * @param metric a metric both results hold
   * @param samples bootstrap resamples of the paired differences and random sign flips, in [1, 10000000]
   * @param confidence confidence of the interval, in [0.5, 0.9999]
   * @param seed seed of the bootstrap and of the sign-flip test
   * @return the mean paired difference {@code a - b} over users with its interval and p-value
   * @throws IllegalArgumentException if the results come from different protocols, the metric is unknown, or
   *     no user is paired
   */
  public static PairedComparison of(EvaluationResult a, EvaluationResult b, String metric, int samples,
      double confidence, long seed) {
    Checks.inRange("samples", samples, 1, 10_000_000);
    Checks.inRange("confidence", confidence, 0.5, 0.9999);
    if (!a.protocol().equals(b.protocol())) {
      throw new IllegalArgumentException("results come from different protocols: '" + a.protocol() + "' and '"
          + b.protocol() + "'");
    }
    return of(metric, a.model(), a.users(), a.values(metric), b.model(), b.users(), b.values(metric), samples,
        confidence, seed);
  }

  /**
   * Compares two models' per-unit values of {@code metric} (for example per query listener of a matching
   * protocol), paired by unit id; only units with a non-{@code NaN} value in both count.
   *
   * @param unitsA unit ids of {@code valuesA}, in the same order
   * @param unitsB unit ids of {@code valuesB}, in the same order
   * @param metric the metric's name, reported with the comparison
   * @param modelA name of the first model
   * @param valuesA the first model's value per unit; {@code NaN} marks a unit without a value
   * @param modelB name of the second model
   * @param valuesB the second model's value per unit; {@code NaN} marks a unit without a value
   * @param samples bootstrap resamples of the paired differences, in [1, 10000000]
   * @param confidence confidence of the interval, in [0.5, 0.9999]
   * @param seed seed of the bootstrap and of the sign-flip test
   * @return the mean paired difference {@code A - B} with its percentile bootstrap interval and sign-flip p-value
   * @throws IllegalArgumentException if lengths differ or no unit is paired
   */
  public static PairedComparison of(String metric, String modelA, List<String> unitsA, double[] valuesA,
      String modelB, List<String> unitsB, double[] valuesB, int samples, double confidence, long seed) {
    Checks.inRange("samples", samples, 1, 10_000_000);
    Checks.inRange("confidence", confidence, 0.5, 0.9999);
    if (unitsA.size() != valuesA.length || unitsB.size() != valuesB.length) {
      throw new IllegalArgumentException("unit ids and values differ in length: " + unitsA.size() + " vs "
          + valuesA.length + ", " + unitsB.size() + " vs " + valuesB.length);
    }
    Map<String, Integer> posB = new HashMap<>();
    for (int i = 0; i < unitsB.size(); i++) {
      posB.put(unitsB.get(i), i);
    }
    List<double[]> pairs = new ArrayList<>();
    for (int i = 0; i < unitsA.size(); i++) {
      Integer j = posB.get(unitsA.get(i));
      if (j != null && !Double.isNaN(valuesA[i]) && !Double.isNaN(valuesB[j])) {
        pairs.add(new double[] {valuesA[i], valuesB[j]});
      }
    }
    return ofPairs(metric, modelA, modelB, pairs, samples, seed, confidence);
  }

  private static PairedComparison ofPairs(String metric, String modelA, String modelB, List<double[]> pairs,
      int samples, long seed, double confidence) {
    int n = pairs.size();
    if (n == 0) {
      throw new IllegalArgumentException("no user has a value of '" + metric + "' in both results");
    }
    double[] d = new double[n];
    double sa = 0;
    double sb = 0;
    for (int i = 0; i < n; i++) {
      double[] p = pairs.get(i);
      sa += p[0];
      sb += p[1];
      d[i] = p[0] - p[1];
    }
    double observed = (sa - sb) / n;
    SplittableRandom random = new SplittableRandom(seed);
    double[] boot = new double[samples];
    for (int s = 0; s < samples; s++) {
      double t = 0;
      for (int i = 0; i < n; i++) {
        t += d[random.nextInt(n)];
      }
      boot[s] = t / n;
    }
    java.util.Arrays.sort(boot);
    double alpha = (1 - confidence) / 2;
    int extreme = 0;
    double abs = Math.abs(observed) - 1e-12;
    for (int s = 0; s < samples; s++) {
      double t = 0;
      for (int i = 0; i < n; i++) {
        t += random.nextBoolean() ? d[i] : -d[i];
      }
      if (Math.abs(t / n) >= abs) {
        extreme++;
      }
    }
    return new PairedComparison(metric, modelA, modelB, n, sa / n, sb / n, observed,
        Bootstrap.quantile(boot, alpha), Bootstrap.quantile(boot, 1 - alpha), (1.0 + extreme) / (1.0 + samples),
        samples, seed);
  }
}

package dev.recsys.core.eval.internal;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.metrics.BeyondAccuracyMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last step of an evaluation, shared by the single-machine {@code Evaluator} and distributed evaluators that
 * compute the per-listener rows elsewhere: bootstrap estimates of the per-listener metrics, the set metrics of the
 * ranked lists, and the average curves. The same inputs give the same numbers, whichever evaluator produced them.
 */
public final class Aggregates {
  private Aggregates() {}

  /**
   * Bootstrap estimates of each metric column over the listeners.
   *
   * @param values one row per listener, one column per metric name
   * @param names the metric names
   * @param config bootstrap samples, confidence and seed
   * @return the estimate of each metric, in column order
   */
  public static Map<String, Estimate> estimates(double[][] values, List<String> names, EvaluatorConfig config) {
    Estimate[] est = Bootstrap.estimate(values, names.size(), config.bootstrapSamples(), config.confidence(), config.seed());
    Map<String, Estimate> aggregate = new LinkedHashMap<>();
    for (int m = 0; m < names.size(); m++) {
      aggregate.put(names.get(m), est[m]);
    }
    return aggregate;
  }

  /**
   * Catalogue coverage, Gini and personalisation at each cut-off, and the global AUC.
   *
   * @param ranked each listener's ranked item indices
   * @param ks the cut-offs
   * @param numItems items in the catalogue
   * @param correctPairs correctly ordered (relevant, irrelevant) pairs over all listeners
   * @param totalPairs all such pairs
   * @return the set metrics by name
   */
  public static Map<String, Double> setMetrics(int[][] ranked, List<Integer> ks, int numItems, double correctPairs,
      double totalPairs) {
    Map<String, Double> setMetrics = new LinkedHashMap<>();
    for (int k : ks) {
      setMetrics.put("coverage@" + k, BeyondAccuracyMetrics.catalogueCoverage(ranked, k, numItems));
      setMetrics.put("gini@" + k, BeyondAccuracyMetrics.gini(ranked, k, numItems));
      setMetrics.put("personalisation@" + k, BeyondAccuracyMetrics.personalisation(ranked, k, numItems));
    }
    setMetrics.put("auc.global", totalPairs == 0 ? Double.NaN : correctPairs / totalPairs);
    return setMetrics;
  }

  /**
   * The average precision, recall, NDCG and false-positive-rate curves by cut-off.
   *
   * @param sumP summed precision by cut-off
   * @param sumR summed recall by cut-off
   * @param sumN summed NDCG by cut-off
   * @param sumF summed false-positive rate by cut-off
   * @param n listeners summed (NaN curves when zero)
   * @return the curves by name
   */
  public static Map<String, double[]> curves(double[] sumP, double[] sumR, double[] sumN, double[] sumF, int n) {
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("precision", divide(sumP, n));
    curves.put("recall", divide(sumR, n));
    curves.put("ndcg", divide(sumN, n));
    curves.put("fpr", divide(sumF, n));
    return curves;
  }

  private static double[] divide(double[] sums, int n) {
    double[] out = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      out[i] = n == 0 ? Double.NaN : sums[i] / n;
    }
    return out;
  }
}

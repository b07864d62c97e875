package dev.recsys.core.eval.internal;

import dev.recsys.core.eval.CohortGroup;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.ItemGrouping;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.UserGrouping;
import dev.recsys.core.eval.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.TreeMap;
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
  /**
   * The cohort breakdowns of an evaluation: for each user grouping (by name, ascending) the bootstrap estimates of
   * the per-listener metrics within each group, then for each item grouping the ranking metrics at each cut-off
   * against each listener's held-out items of each group.
   *
   * @param split the split
   * @param userCohorts user groupings by name
   * @param itemCohorts item groupings by name
   * @param values per-listener metric rows, in the split's test-listener order
   * @param names the metric names of the rows
   * @param ranked each test listener's ranked item indices, in the same order
   * @param config cut-offs, bootstrap samples, confidence and seed
   * @return cohort name, then group name, then the group's results
   */
  public static Map<String, Map<String, CohortGroup>> cohorts(Split split, Map<String, UserGrouping> userCohorts,
      Map<String, ItemGrouping> itemCohorts, double[][] values, List<String> names, int[][] ranked,
      EvaluatorConfig config) {
    Map<String, Map<String, CohortGroup>> cohorts = new LinkedHashMap<>();
    for (String name : new TreeMap<>(userCohorts).keySet()) {
      cohorts.put(name, userCohort(split, userCohorts.get(name), values, names, config));
    }
    for (String name : new TreeMap<>(itemCohorts).keySet()) {
      cohorts.put(name, itemCohort(split, itemCohorts.get(name), ranked, config));
    }
    return cohorts;
  }

  private static Map<String, CohortGroup> userCohort(Split split, UserGrouping grouping, double[][] values,
      List<String> names, EvaluatorConfig config) {
    Map<String, List<double[]>> rows = new TreeMap<>();
    for (int p = 0; p < values.length; p++) {
      String g = grouping.groupOf(split, split.testUser(p));
      if (g != null) {
        rows.computeIfAbsent(g, x -> new ArrayList<>()).add(values[p]);
      }
    }
    return groups(rows, names, config);
  }

  private static Map<String, CohortGroup> itemCohort(Split split, ItemGrouping grouping, int[][] ranked,
      EvaluatorConfig config) {
    List<Integer> ks = config.ks();
    List<String> names = new ArrayList<>();
    for (int k : ks) {
      for (String m : RankingMetrics.AT_K_NAMES) {
        names.add(m + "@" + k);
      }
    }
    Map<String, List<double[]>> rows = new TreeMap<>();
    double[] buf = new double[7];
    for (int p = 0; p < split.numTestUsers(); p++) {
      int[] rel = split.heldOut(p);
      Map<String, int[]> byGroup = new TreeMap<>();
      Map<String, Integer> sizes = new TreeMap<>();
      String[] groups = new String[rel.length];
      for (int j = 0; j < rel.length; j++) {
        groups[j] = grouping.groupOf(split, rel[j]);
        if (groups[j] != null) {
          sizes.merge(groups[j], 1, Integer::sum);
        }
      }
      for (Map.Entry<String, Integer> s : sizes.entrySet()) {
        int[] sub = new int[s.getValue()];
        int f = 0;
        for (int j = 0; j < rel.length; j++) {
          if (s.getKey().equals(groups[j])) {
            sub[f++] = rel[j];
          }
        }
        byGroup.put(s.getKey(), sub);
      }
      for (Map.Entry<String, int[]> g : byGroup.entrySet()) {
        double[] row = new double[names.size()];
        for (int ki = 0; ki < ks.size(); ki++) {
          RankingMetrics.atK(ranked[p], ks.get(ki), g.getValue(), buf);
          System.arraycopy(buf, 0, row, ki * 7, 7);
        }
        rows.computeIfAbsent(g.getKey(), x -> new ArrayList<>()).add(row);
      }
    }
    return groups(rows, names, config);
  }

  /** Bootstrap estimates of each group's rows (seeded by the group's name, so a group's estimate is stable). */
  private static Map<String, CohortGroup> groups(Map<String, List<double[]>> rows, List<String> names,
      EvaluatorConfig config) {
    Map<String, CohortGroup> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
      double[][] v = e.getValue().toArray(new double[0][]);
      Estimate[] est = Bootstrap.estimate(v, names.size(), config.bootstrapSamples(), config.confidence(),
          config.seed() ^ e.getKey().hashCode());
      Map<String, Estimate> m = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        m.put(names.get(i), est[i]);
      }
      out.put(e.getKey(), new CohortGroup(v.length, m));
    }
    return out;
  }
}

package dev.recsys.core.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of evaluating one recommender on one split: per-user metric values, their means with bootstrap
 * intervals, set-level metrics, metric-versus-cut-off curves and cohort breakdowns.
 *
 * <p>Per-user metrics ({@link #metrics()}) are, for each cut-off k: {@code precision@k}, {@code recall@k},
 * {@code f1@k}, {@code hitrate@k}, {@code ndcg@k}, {@code map@k}, {@code mrr@k}, {@code popularity@k} (mean
 * share of training users who had the recommended items), {@code novelty@k}; then {@code rprecision} and
 * {@code auc} over the whole list of {@code depth} results (unranked candidates tied below). Set-level metrics
 * ({@link #setMetrics()}) are {@code coverage@k}, {@code gini@k}, {@code personalisation@k} and
 * {@code auc.global} (pairs pooled over users).
 *
 * <p>Immutable; the arrays returned are copies.
 */
public final class EvaluationResult {
  private final String model;
  private final String protocol;
  private final long seed;
  private final EvaluatorConfig config;
  private final List<String> users;
  private final List<String> metrics;
  private final double[][] perUser;
  private final Map<String, Estimate> aggregate;
  private final Map<String, Double> setMetrics;
  private final Map<String, double[]> curves;
  private final Map<String, Map<String, CohortGroup>> cohorts;
  private final long fitMillis;
  private final long recommendMillis;
  private final int[][] ranked;
  private final float[][] scores;

  EvaluationResult(String model, String protocol, long seed, EvaluatorConfig config, List<String> users,
      List<String> metrics, double[][] perUser, Map<String, Estimate> aggregate, Map<String, Double> setMetrics,
      Map<String, double[]> curves, Map<String, Map<String, CohortGroup>> cohorts, long fitMillis,
      long recommendMillis, int[][] ranked, float[][] scores) {
    this.model = model;
    this.protocol = protocol;
    this.seed = seed;
    this.config = config;
    this.users = List.copyOf(users);
    this.metrics = List.copyOf(metrics);
    this.perUser = perUser;
    this.aggregate = Collections.unmodifiableMap(new LinkedHashMap<>(aggregate));
    this.setMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(setMetrics));
    this.curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    this.cohorts = Collections.unmodifiableMap(new LinkedHashMap<>(cohorts));
    this.fitMillis = fitMillis;
    this.recommendMillis = recommendMillis;
    this.ranked = ranked;
    this.scores = scores;
  }

  /**
   * The recommender's name.
   *
   * @return the recommender's name
   */
  public String model() {
    return model;
  }

  /**
   * The split's protocol description.
   *
   * @return the split's protocol description
   */
  public String protocol() {
    return protocol;
  }

  /**
   * The split's seed.
   *
   * @return the split's seed
   */
  public long splitSeed() {
    return seed;
  }

  /**
   * The evaluator's settings.
   *
   * @return the evaluator's settings
   */
  public EvaluatorConfig config() {
    return config;
  }

  /**
   * Test user ids, in the order of the per-user rows.
   *
   * @return the test user ids, in the order of the per-user rows
   */
  public List<String> users() {
    return users;
  }

  /**
   * Names of the per-user metrics, in column order.
   *
   * @return the names of the per-user metrics, in column order
   */
  public List<String> metrics() {
    return metrics;
  }

  /**
   * The column of a metric.
   *
   * @throws IllegalArgumentException listing the known metrics when absent
   * @param metric the metric name
   * @return the column of a metric
   */
  public int metricIndex(String metric) {
    int i = metrics.indexOf(metric);
    if (i < 0) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + metrics);
    }
    return i;
  }

  /**
   * The value of metric column {@code m} for the {@code u}-th user ({@code NaN} when undefined).
   *
   * @return the value of metric column {@code m} for the {@code u}-th user ({@code NaN} when undefined)
   * @param u the 0-based position of the user
   * @param m the column index
   */
  public double value(int u, int m) {
    return perUser[u][m];
  }

  /**
   * All users' values of one metric (a copy).
   *
   * @param metric the metric name
   * @return all users' values of one metric (a copy)
   */
  public double[] values(String metric) {
    int m = metricIndex(metric);
    double[] out = new double[perUser.length];
    for (int u = 0; u < out.length; u++) {
      out[u] = perUser[u][m];
    }
    return out;
  }

  /**
   * Means with bootstrap intervals, by metric name in column order.
   *
   * @return the estimate>
   */
  public Map<String, Estimate> aggregate() {
    return aggregate;
  }

  /**
   * The estimate of one metric.
   *
   * @param metric the metric name
   * @return the estimate of one metric
   */
  public Estimate get(String metric) {
    Estimate e = aggregate.get(metric);
    if (e == null) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + aggregate.keySet());
    }
    return e;
  }

  /**
   * Set-level metrics (coverage, Gini, personalisation, global AUC).
   *
   * @return the set-level metrics (coverage, Gini, personalisation, global AUC)
   */
  public Map<String, Double> setMetrics() {
    return setMetrics;
  }

  /**
   * Mean metric at every cut-off 1..depth: keys {@code precision}, {@code recall}, {@code ndcg} and
   * {@code fpr} (false positive rate among the user's candidates); index {@code c - 1} holds cut-off c. Recall
   * against precision is the precision-recall curve of the ranking, recall against fpr its ROC curve.
   *
   * @return the mean metric at every cut-off 1..depth
   */
  public Map<String, double[]> curves() {
    Map<String, double[]> m = new LinkedHashMap<>();
    curves.forEach((k, v) -> m.put(k, v.clone()));
    return m;
  }

  /**
   * Cohort breakdowns: cohort name, then group name, then the group's results.
   *
   * @return the cohort breakdowns
   */
  public Map<String, Map<String, CohortGroup>> cohorts() {
    return cohorts;
  }

  /**
   * Time to fit, in milliseconds (0 when a fitted recommender was given).
   *
   * @return the time to fit, in milliseconds (0 when a fitted recommender was given)
   */
  public long fitMillis() {
    return fitMillis;
  }

  /**
   * Time spent in {@code recommend} calls (wall clock), in milliseconds.
   *
   * @return the time spent in {@code recommend} calls (wall clock), in milliseconds
   */
  public long recommendMillis() {
    return recommendMillis;
  }

  /**
   * Whether the ranked lists were kept.
   *
   * @return whether the ranked lists were kept
   */
  public boolean hasRecommendations() {
    return ranked != null;
  }

  /**
   * The ranked item indices of the {@code u}-th user (-1 for ids outside the data's item dictionary).
   *
   * @throws IllegalStateException unless the evaluator kept the recommendations
   * @return the ranked item indices of the {@code u}-th user (-1 for ids outside the data's item dictionary)
   * @param u the 0-based position of the user
   */
  public int[] ranked(int u) {
    if (ranked == null) {
      throw new IllegalStateException("recommendations were not kept; set keepRecommendations(true)");
    }
    return ranked[u].clone();
  }

  /**
   * The scores parallel to {@link #ranked}.
   *
   * @param u the 0-based position of the user
   * @return the scores parallel to {@link #ranked}
   */
  public float[] scores(int u) {
    if (scores == null) {
      throw new IllegalStateException("recommendations were not kept; set keepRecommendations(true)");
    }
    return scores[u].clone();
  }

  @Override
  public String toString() {
    return "EvaluationResult[model=" + model + ", protocol=" + protocol + ", users=" + users.size() + ", aggregate="
        + aggregate + ", setMetrics=" + setMetrics + "]";
  }
}

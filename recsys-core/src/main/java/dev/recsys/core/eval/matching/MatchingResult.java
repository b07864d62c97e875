package dev.recsys.core.eval.matching;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.matching.ScoredListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One matcher's results on a {@link MatchingTask}: per query listener, its ranked matches and metric values,
 * and their means with bootstrap intervals. Immutable.
 *
 * @param model the matcher's name
 * @param protocol the task's protocol
 * @param k the cut-off
 * @param queries the query listeners, in task order
 * @param metrics metric names, in column order ({@code recall@k}, {@code ndcg@k}, {@code precision@k},
 *     {@code mrr@k})
 * @param values per query, one value per metric
 * @param aggregate per metric, the mean over queries with its interval
 * @param matches per query, its ranked matches (at most k)
 * @param fitMillis time to fit the matcher
 * @param matchMillis time to rank every query
 */
public record MatchingResult(String model, String protocol, int k, List<String> queries, List<String> metrics,
    double[][] values, Map<String, Estimate> aggregate, List<List<ScoredListener>> matches, long fitMillis,
    long matchMillis) {

  /** Copies the lists. */
  public MatchingResult {
    queries = List.copyOf(queries);
    metrics = List.copyOf(metrics);
    aggregate = Collections.unmodifiableMap(new LinkedHashMap<>(aggregate));
    matches = List.copyOf(matches);
  }

  /**
   * The estimate of one metric.
   *
   * @param metric a name of {@link #metrics}
   * @return the metric's mean over queries with its bootstrap interval
   * @throws IllegalArgumentException naming the available metrics when {@code metric} is unknown
   */
  public Estimate get(String metric) {
    Estimate e = aggregate.get(metric);
    if (e == null) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; available: " + metrics);
    }
    return e;
  }

  /**
   * Every query's value of one metric, in query order.
   *
   * @param metric a name of {@link #metrics}
   * @return a new array of the metric's value per query, in the order of {@link #queries}
   * @throws IllegalArgumentException naming the available metrics when {@code metric} is unknown
   */
  public double[] values(String metric) {
    int m = metrics.indexOf(metric);
    if (m < 0) {
      throw new IllegalArgumentException("unknown metric '" + metric + "'; available: " + metrics);
    }
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i][m];
    }
    return out;
  }
}

package dev.recsys.core.eval.matching;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.internal.Bootstrap;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.matching.ScoredListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fits matchers on a {@link MatchingTask} and scores their ranked matches. Per query, with {@code hits} the
 * relevant listeners among the first {@code k} matches:
 * <ul>
 *   <li>{@code recall@k = hits / min(k, |relevant|)} (1 when every slot that could hold a relevant listener
 *       does);</li>
 *   <li>{@code ndcg@k}: binary DCG of the first k matches over the ideal DCG of {@code min(k, |relevant|)}
 *       relevant listeners ranked first, discount {@code 1 / log2(rank + 1)};</li>
 *   <li>{@code precision@k = hits / k};</li>
 *   <li>{@code mrr@k}: 1 / rank of the first relevant match, 0 when none is in the first k.</li>
 * </ul>
 * Means come with seeded percentile bootstrap intervals over queries ({@link Bootstrap}), and
 * {@link #compare} gives paired comparisons ({@link PairedComparison}). Thread-safe.
 */
public final class MatchingEvaluator {
  private final MatchingConfig config;

  /**
   * An evaluator with these settings.
   *
   * @param config cut-off {@code k}, bootstrap samples, confidence and seed
   */
  public MatchingEvaluator(MatchingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The settings.
   *
   * @return the settings given at construction
   */
  public MatchingConfig config() {
    return config;
  }

  /**
   * The metric names at cut-off {@code k}, in column order.
   *
   * @param k the cut-off, at least 1
   * @return {@code recall@k}, {@code ndcg@k}, {@code precision@k} and {@code mrr@k}
   */
  public static List<String> metrics(int k) {
    return List.of("recall@" + k, "ndcg@" + k, "precision@" + k, "mrr@" + k);
  }

  /**
   * Fits {@code trainer} on the task's data and evaluates the fitted matcher.
   *
   * @param task the data, queries and relevance to evaluate on
   * @param trainer fits the matcher on {@code task.data()}; the fit is timed
   * @return per-query metrics, their means with bootstrap intervals, the matches and the fit and match times
   */
  public MatchingResult evaluate(MatchingTask task, ListenerMatcherTrainer trainer) {
    long t0 = System.nanoTime();
    ListenerMatcher m = trainer.fit(task.data(), task.catalog());
    long fit = (System.nanoTime() - t0) / 1_000_000;
    return evaluate(task, m, fit);
  }

  /**
   * Evaluates a fitted matcher (which must know every query listener).
   *
   * @param task the queries and relevance to evaluate on
   * @param matcher a matcher fitted on {@code task.data()}
   * @param fitMillis the fit time in milliseconds to report, or 0 when not measured
   * @return per-query metrics, their means with bootstrap intervals, the matches and the times
   */
  public MatchingResult evaluate(MatchingTask task, ListenerMatcher matcher, long fitMillis) {
    List<String> queries = task.queries();
    long t0 = System.nanoTime();
    List<List<ScoredListener>> matches = matcher.nearest(queries, config.k(), task::eligible);
    long match = (System.nanoTime() - t0) / 1_000_000;
    double[][] values = new double[queries.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = score(matches.get(i), task.relevant().get(queries.get(i)), config.k());
    }
    List<String> names = metrics(config.k());
    Estimate[] est = Bootstrap.estimate(values, names.size(), config.bootstrapSamples(), config.confidence(), config.seed());
    Map<String, Estimate> agg = new LinkedHashMap<>();
    for (int m = 0; m < names.size(); m++) {
      agg.put(names.get(m), est[m]);
    }
    return new MatchingResult(matcher.name(), task.protocol(), config.k(), queries, names, values, agg, matches,
        fitMillis, match);
  }

  /**
   * The metric values of one query's ranked matches, in the order of {@link #metrics}.
   *
   * @param relevant the query's relevant listeners (non-empty)
   * @param ranked the query's matches, best first; only the first {@code k} count
   * @param k the cut-off, at least 1
   * @return a new array of the four metric values, each in [0, 1]
   */
  public static double[] score(List<ScoredListener> ranked, Set<String> relevant, int k) {
    int n = Math.min(k, ranked.size());
    int hits = 0;
    double dcg = 0;
    double rr = 0;
    for (int r = 0; r < n; r++) {
      if (relevant.contains(ranked.get(r).listenerId())) {
        hits++;
        dcg += RankingMetrics.discount(r);
        if (rr == 0) {
          rr = 1.0 / (r + 1);
        }
      }
    }
    int ideal = Math.min(k, relevant.size());
    return new double[] {(double) hits / ideal, dcg / RankingMetrics.idealDcg(ideal), (double) hits / k, rr};
  }

  /**
   * A paired comparison of two results of the same task on one metric: the mean per-query difference
   * {@code a - b} with a bootstrap interval and a sign-flip p-value.
   *
   * @param a the first result
   * @param b the second result, on the same protocol and queries as {@code a}
   * @param metric one of the names of {@link #metrics(int)} at the results' cut-off
   * @return the mean difference {@code a - b} with its interval and p-value
   * @throws IllegalArgumentException if the results come from different protocols
   */
  public PairedComparison compare(MatchingResult a, MatchingResult b, String metric) {
    if (!a.protocol().equals(b.protocol())) {
      throw new IllegalArgumentException("results come from different protocols: '" + a.protocol() + "' and '"
          + b.protocol() + "'");
    }
    return PairedComparison.of(metric, a.model(), a.queries(), a.values(metric), b.model(), b.queries(),
        b.values(metric), Math.max(1, config.bootstrapSamples()), config.confidence(), config.seed());
  }
}

package dev.recsys.core.retrieval;

import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.util.Checks;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recall@k of a {@link VectorIndex} against exact search: for each query, the fraction of the true {@code k}
 * nearest keys the index returns in its top {@code k}, averaged over the queries.
 */
public final class Recall {
  private Recall() {}

  /**
   * The outcome over a query set.
   *
   * @param k the cut-off
   * @param queries number of queries
   * @param mean mean recall@k, in [0, 1]
   * @param min worst single-query recall
   */
  public record Report(int k, int queries, double mean, double min) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "recall@%d=%.4f (min %.2f over %d queries)", k, mean, min, queries);
    }
  }

  /**
   * Recall@k of {@code candidate} against {@code truth} (both holding the same vectors) over {@code queries}.
   * Queries where fewer than k vectors pass the filter count the true set size as the denominator.
   *
   * @param candidate the index under test
   * @param truth the truth
   * @param queries the queries
   * @param k the number of results
   * @param filter the search filter
   * @return the recall@k of {@code candidate} against {@code truth} (both holding the same vectors) over {@code
   *     queries}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static Report of(VectorIndex candidate, ExactIndex truth, List<float[]> queries, int k, SearchFilter filter)
      throws IOException {
    Checks.inRange("k", k, 1, VectorIndex.MAX_K);
    if (queries.isEmpty()) {
      throw new IllegalArgumentException("queries must not be empty");
    }
    List<List<SearchHit>> expected = truth.searchBatch(queries, k, filter);
    List<List<SearchHit>> actual = candidate.searchBatch(queries, k, filter);
    return compare(expected, actual, k);
  }

  /**
   * Recall@k of {@code actual} result lists against {@code expected} ones (same order of queries).
   *
   * @param expected the expected value
   * @param actual the actual value
   * @param k the number of results
   * @return the recall@k of {@code actual} result lists against {@code expected} ones (same order of queries)
   */
  public static Report compare(List<List<SearchHit>> expected, List<List<SearchHit>> actual, int k) {
    if (expected.size() != actual.size()) {
      throw new IllegalArgumentException("need one result list per query; " + expected.size() + " vs " + actual.size());
    }
    double sum = 0;
    double min = 1;
    for (int i = 0; i < expected.size(); i++) {
      Set<String> truth = new HashSet<>();
      for (SearchHit h : expected.get(i).subList(0, Math.min(k, expected.get(i).size()))) {
        truth.add(h.key());
      }
      double r;
      if (truth.isEmpty()) {
        r = 1;
      } else {
        int hit = 0;
        for (SearchHit h : actual.get(i).subList(0, Math.min(k, actual.get(i).size()))) {
          if (truth.contains(h.key())) {
            hit++;
          }
        }
        r = hit / (double) truth.size();
      }
      sum += r;
      min = Math.min(min, r);
    }
    return new Report(k, expected.size(), expected.isEmpty() ? 1 : sum / expected.size(), min);
  }
}

package dev.recsys.core.spi;

import java.util.List;

/**
 * Ranks items for a listener, a session or a playlist.
 *
 * <p>Contract: thread-safe for concurrent queries; deterministic (the same query gives the same list); results
 * are ordered by decreasing score, contain each item at most once, never contain an excluded item, and number
 * {@code min(k, eligible items)}. A query naming an unknown listener is answered from its seed items when it has
 * some (cold start) and otherwise with a documented fallback (e.g. popularity), never an exception.
 */
public interface Recommender {
  /**
   * A short name for reports (e.g. {@code "itemknn"}).
   *
   * @return a short name for reports (e.g. {@code "itemknn"})
   */
  String name();

  /**
   * The ranked recommendations.
   *
   * @param query the query
   * @return the ranked recommendations
   */
  List<Recommendation> recommend(RecommendationQuery query);
}

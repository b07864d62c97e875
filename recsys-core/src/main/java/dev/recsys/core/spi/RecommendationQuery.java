package dev.recsys.core.spi;

import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to recommend for.
 *
 * @param listenerId the listener, if the recommender knows listeners (empty for session or playlist queries)
 * @param seedItems the items that describe the request: the session so far or a playlist's first tracks,
 *     in order (may be empty for a known listener)
 * @param k how many results, in [1, 10000]
 * @param exclude items never to return
 * @param excludeSeen whether to exclude the listener's known items and the seed items
 * @param genres if non-empty, only items with one of these genres
 */
public record RecommendationQuery(
    Optional<String> listenerId, List<String> seedItems, int k, Set<String> exclude, boolean excludeSeen, Set<String> genres) {

  /** Validates and copies. */
  public RecommendationQuery {
    java.util.Objects.requireNonNull(listenerId, "listenerId");
    seedItems = List.copyOf(seedItems);
    Checks.inRange("k", k, 1, 10_000);
    exclude = Set.copyOf(exclude);
    genres = Set.copyOf(genres);
    if (listenerId.isEmpty() && seedItems.isEmpty()) {
      throw new IllegalArgumentException("a query needs a listenerId or at least one seed item");
    }
  }

  /**
   * Top-{@code k} for a known listener, excluding what they already have.
   *
   * @param listenerId the listener id
   * @param k the number of results
   * @return the top-{@code k} for a known listener, excluding what they already have
   */
  public static RecommendationQuery forListener(String listenerId, int k) {
    return new RecommendationQuery(Optional.of(listenerId), List.of(), k, Set.of(), true, Set.of());
  }

  /**
   * Top-{@code k} continuations of a session or playlist given by its items so far.
   *
   * @param seedItems the seed items
   * @param k the number of results
   * @return the top-{@code k} continuations of a session or playlist given by its items so far
   */
  public static RecommendationQuery forSeeds(List<String> seedItems, int k) {
    return new RecommendationQuery(Optional.empty(), seedItems, k, Set.of(), true, Set.of());
  }
}

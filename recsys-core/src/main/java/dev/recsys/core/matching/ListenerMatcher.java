package dev.recsys.core.matching;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.UserMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A fitted listener matcher: batch queries over eligible candidates, explanations, and incremental additions.
 *
 * <p>Contract: thread-safe; a query never returns the query listener itself; results are deterministic (ties
 * are broken by a hash of the query and candidate ids, never by insertion order); a listener added with
 * {@link #addListener(String, Map)} is found by later queries without refitting.
 */
public interface ListenerMatcher extends UserMatcher {
  /**
   * The matcher's name (its trainer's name).
   *
   * @return the matcher's name, not blank
   */
  String name();

  /**
   * Number of known listeners.
   *
   * @return the number of listeners the matcher can match, fitted and added
   */
  int size();

  /**
   * The known listener ids, in order of addition.
   *
   * @return an immutable list of the listener ids
   */
  List<String> listeners();

  /**
   * Whether {@code listenerId} is known.
   *
   * @param listenerId any listener id
   * @return true when the listener was fitted or added
   */
  boolean contains(String listenerId);

  /**
   * For each query listener, the {@code k} best eligible listeners, best first (fewer when fewer are eligible).
   *
   * @param queries known listener ids
   * @param eligible which listeners may be returned (the query itself never is)
   * @param k most listeners returned per query, in [1, 10000]
   * @return one ranking per query, in the order of {@code queries}
   * @throws IllegalArgumentException for an unknown query listener or k outside [1, 10000]
   */
  List<List<ScoredListener>> nearest(List<String> queries, int k, Predicate<String> eligible);

  /**
   * Why {@code match} is similar to {@code listenerId}: shared artists, tracks, genres and the deciding part.
   *
   * @param listenerId a known listener, the one the match was found for
   * @param match a known listener, the match to explain
   * @return the explanation's factors and the deciding part
   */
  Explanation explain(String listenerId, String match);

  /**
   * Adds (or replaces) a listener from their plays per item id; items never seen in fitting are accepted.
   *
   * @param listenerId the listener's id, not blank
   * @param plays play count per item id, each positive and finite
   * @throws IllegalArgumentException if {@code plays} is empty or holds a non-positive or non-finite count
   */
  void addListener(String listenerId, Map<String, Double> plays);

  /** Adds (or replaces) a listener from a history of item ids (each occurrence one play). */
  @Override
  default void addListener(String listenerId, List<String> trackIds) {
    Map<String, Double> plays = new LinkedHashMap<>();
    for (String t : trackIds) {
      plays.merge(t, 1.0, Double::sum);
    }
    addListener(listenerId, plays);
  }

  @Override
  default List<ListenerMatch> similarListeners(String listenerId, int k) {
    List<ListenerMatch> out = new ArrayList<>();
    for (ScoredListener s : nearest(List.of(listenerId), k, id -> true).get(0)) {
      out.add(new ListenerMatch(s.listenerId(), s.score(), explain(listenerId, s.listenerId())));
    }
    return out;
  }
}

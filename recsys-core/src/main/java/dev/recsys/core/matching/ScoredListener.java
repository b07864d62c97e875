package dev.recsys.core.matching;

import java.util.Objects;

/**
 * A candidate listener and its similarity to a query listener.
 *
 * @param listenerId the candidate
 * @param score similarity (larger is closer; comparable only within one matcher)
 */
public record ScoredListener(String listenerId, double score) {
  /** Validates the fields. */
  public ScoredListener {
    Objects.requireNonNull(listenerId, "listenerId");
  }
}

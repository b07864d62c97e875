package dev.recsys.core.spi;

import java.util.Objects;

/**
 * A listener similar to the one asked about.
 *
 * @param listenerId the similar listener
 * @param score similarity (larger is closer)
 * @param explanation what they share: genres (with weights), artists and tracks, and their top tracks
 */
public record ListenerMatch(String listenerId, double score, Explanation explanation) {
  /** Validates the fields. */
  public ListenerMatch {
    Objects.requireNonNull(listenerId, "listenerId");
    Objects.requireNonNull(explanation, "explanation");
  }
}

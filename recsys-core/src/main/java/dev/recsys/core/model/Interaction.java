package dev.recsys.core.model;

import dev.recsys.core.util.Checks;

/**
 * A generic user-item interaction: a rating, a play count, a playlist membership, a play.
 *
 * @param userId the user (listener, playlist, session) side
 * @param itemId the item (track, artist, movie) side
 * @param weight strength of the interaction (rating, play count; 1 for implicit feedback); finite
 * @param timestamp seconds since the epoch, or {@link Long#MIN_VALUE} when unknown
 * @param skipped whether the interaction was a skip (negative implicit feedback)
 */
public record Interaction(String userId, String itemId, double weight, long timestamp, boolean skipped) {
  /** Timestamp value meaning "unknown". */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Validates the fields. */
  public Interaction {
    Checks.notBlank("userId", userId);
    Checks.notBlank("itemId", itemId);
    if (!Double.isFinite(weight)) {
      throw new IllegalArgumentException("weight must be finite; weight=" + weight);
    }
  }

  /**
   * True if the timestamp is known.
   *
   * @return true if the timestamp is known
   */
  public boolean hasTimestamp() {
    return timestamp != NO_TIME;
  }
}

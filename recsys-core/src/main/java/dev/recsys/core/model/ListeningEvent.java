package dev.recsys.core.model;

import dev.recsys.core.util.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One play of a track by a listener.
 *
 * @param listenerId who listened
 * @param trackId what was played
 * @param timestamp when the play started
 * @param msPlayed how long it played, if known
 * @param outcome how the play ended
 * @param liked whether the listener liked or saved the track during the play
 * @param context where the play came from (a playlist id, "album", "radio", ...), if known
 */
public record ListeningEvent(
    String listenerId,
    String trackId,
    Instant timestamp,
    OptionalLong msPlayed,
    Outcome outcome,
    boolean liked,
    Optional<String> context) {

  /** How a play ended. */
  public enum Outcome {
    /** Played to the end (or nearly). */
    COMPLETED,
    /** Skipped by the listener before the end. */
    SKIPPED,
    /** Unknown: the source does not say. */
    UNKNOWN
  }

  /** Validates the fields. */
  public ListeningEvent {
    Checks.notBlank("listenerId", listenerId);
    Checks.notBlank("trackId", trackId);
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(msPlayed, "msPlayed");
    if (msPlayed.isPresent() && msPlayed.getAsLong() < 0) {
      throw new IllegalArgumentException("msPlayed must be >= 0; msPlayed=" + msPlayed.getAsLong());
    }
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(context, "context");
  }
}

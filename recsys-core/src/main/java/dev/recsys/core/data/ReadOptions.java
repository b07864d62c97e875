package dev.recsys.core.data;

import dev.recsys.core.util.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * How a reader treats malformed input and reports progress. Immutable.
 *
 * @param mode {@link Mode#STRICT} fails on the first malformed row; {@link Mode#LENIENT} skips and counts it
 * @param maxProblems how many problem messages a lenient read keeps for its report, 0 to 1000
 * @param progress called with the number of rows read so far, every {@code progressEvery} rows and at the end
 *     of each file; called on the reading thread
 * @param progressEvery rows between two progress calls, at least 1
 */
public record ReadOptions(Mode mode, int maxProblems, Optional<LongConsumer> progress, int progressEvery) {
  /** Strict, keeping 10 problems, without progress reporting. */
  public static final ReadOptions STRICT = new ReadOptions(Mode.STRICT, 10, Optional.empty(), 100_000);
  /** Lenient, keeping 10 problems, without progress reporting. */
  public static final ReadOptions LENIENT = new ReadOptions(Mode.LENIENT, 10, Optional.empty(), 100_000);

  /** What to do with a malformed row. */
  public enum Mode {
    /** Throw a {@link DataFormatException} on the first malformed row. */
    STRICT,
    /** Skip the row, count it by rule and keep the first few messages. */
    LENIENT
  }

  /** Validates the fields. */
  public ReadOptions {
    Objects.requireNonNull(mode, "mode");
    Checks.inRange("maxProblems", maxProblems, 0, 1000);
    Objects.requireNonNull(progress, "progress");
    Checks.atLeast("progressEvery", progressEvery, 1);
  }

  /**
   * True in strict mode.
   *
   * @return true in strict mode
   */
  public boolean strict() {
    return mode == Mode.STRICT;
  }

  /**
   * A copy with the given mode.
   *
   * @param m the mode
   * @return a copy with the given mode
   */
  public ReadOptions withMode(Mode m) {
    return new ReadOptions(m, maxProblems, progress, progressEvery);
  }

  /**
   * A copy that reports progress to {@code callback} every {@code every} rows.
   *
   * @param callback the callback
   * @param every the every
   * @return a copy that reports progress to {@code callback} every {@code every} rows
   */
  public ReadOptions withProgress(LongConsumer callback, int every) {
    return new ReadOptions(mode, maxProblems, Optional.of(callback), every);
  }

  /**
   * A copy keeping up to {@code n} problem messages.
   *
   * @return a copy keeping up to {@code n} problem messages
   * @param n how many problem messages to keep
   */
  public ReadOptions withMaxProblems(int n) {
    return new ReadOptions(mode, n, progress, progressEvery);
  }

  @Override
  public String toString() {
    return "ReadOptions[mode=" + mode + ", maxProblems=" + maxProblems + ", progress="
        + (progress.isPresent() ? "callback" : "none") + ", progressEvery=" + progressEvery + "]";
  }
}

package dev.recsys.core.util;

import dev.recsys.core.spi.ProgressListener;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts finished units of one stage of work, from any number of threads, and reports to a {@link ProgressListener}
 * at most about a thousand times per stage (each time the count crosses a step of {@code total / 1000}), plus once
 * at the start and once at the end. Reports from concurrent threads may arrive out of order; the final report is
 * always {@code (total, total)}.
 */
public final class ProgressTracker {
  private static final int REPORTS = 1000;
  private final ProgressListener listener;
  private final String stage;
  private final long total;
  private final long step;
  private final AtomicLong done = new AtomicLong();

  /**
   * A tracker for {@code total} units of {@code stage}; reports {@code (0, total)} at once.
   *
   * @param listener where to report ({@link ProgressListener#NONE} to count without reporting)
   * @param stage the stage's name
   * @param total units in the stage (values below 1 count as 1)
   */
  public ProgressTracker(ProgressListener listener, String stage, long total) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.stage = Checks.notBlank("stage", stage);
    this.total = Math.max(1, total);
    this.step = Math.max(1, this.total / REPORTS);
    listener.progress(stage, 0, this.total);
  }

  /** Records one finished unit. */
  public void advance() {
    advance(1);
  }

  /**
   * Records {@code units} finished units.
   *
   * @param units finished units, non-negative
   */
  public void advance(long units) {
    long after = done.addAndGet(units);
    long before = after - units;
    if (after >= total || before / step != after / step) {
      listener.progress(stage, Math.min(after, total), total);
    }
  }

  /**
   * Units recorded so far.
   *
   * @return the units recorded, possibly above the total
   */
  public long done() {
    return done.get();
  }

  /** Reports the stage as complete, whatever was recorded. */
  public void finish() {
    listener.progress(stage, total, total);
  }
}

package dev.recsys.core.spi;

/**
 * Receives the progress of a long operation (building an index or a graph, an evaluation, a projection), for
 * progress bars. Operations call it from any of their worker threads, possibly concurrently, and in increasing
 * {@code done} order per stage only when they run on one thread; implementations must be thread-safe and return
 * quickly. {@link dev.recsys.core.util.ProgressTracker} turns per-item work into throttled calls.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = (stage, done, total) -> {};

  /**
   * Reports that {@code done} of {@code total} units of {@code stage} are finished.
   *
   * @param stage a short name of the step (e.g. "similarity graph"), stable during the step
   * @param done units finished, {@code 0 <= done <= total}
   * @param total units in the step, at least 1
   */
  void progress(String stage, long done, long total);
}

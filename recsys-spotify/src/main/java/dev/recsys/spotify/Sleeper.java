package dev.recsys.spotify;

import java.time.Duration;

/**
 * Waits for a duration. The connector waits (rate limiting, backoff, {@code Retry-After}) only through a sleeper,
 * so tests can substitute one that records waits or scales them down to milliseconds.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /** The system sleeper ({@link Thread#sleep(Duration)}). */
  Sleeper SYSTEM = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d);
    }
  };

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   * @param duration the duration
   */
  void sleep(Duration duration) throws InterruptedException;
}

package dev.recsys.spotify.internal;

import dev.recsys.spotify.Sleeper;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A token-bucket rate limiter: up to {@code burst} requests at once, then {@code permitsPerSecond} on average.
 * Thread-safe; a caller reserves a slot under the lock and waits outside it, so waiting callers queue in the order
 * they reserved.
 */
public final class RateLimiter {
  private final double permitsPerSecond;
  private final double burst;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private double tokens;
  private long lastNanos;

  /** A limiter that starts full. */
  public RateLimiter(double permitsPerSecond, int burst, InstantSource clock, Sleeper sleeper) {
    this.permitsPerSecond = permitsPerSecond;
    this.burst = burst;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.tokens = burst;
    this.lastNanos = nanos();
  }

  private long nanos() {
    java.time.Instant t = clock.instant();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** Reserves one permit and returns how long the caller must wait before using it (zero when available). */
  synchronized Duration reserve() {
    long now = nanos();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * permitsPerSecond);
    lastNanos = now;
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / permitsPerSecond * 1e9));
  }

  /**
   * Takes one permit, waiting through the sleeper when none is available.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void acquire() throws InterruptedException {
    Duration wait = reserve();
    if (!wait.isZero()) {
      sleeper.sleep(wait);
    }
  }
}

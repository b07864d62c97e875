package dev.recsys.spotify.internal;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits a uniform time in
 * {@code [d/2, d]} with {@code d = min(max, initial * 2^(n-1))}, so a delay never collapses to zero and
 * concurrent clients spread out. Seeded: the same seed gives the same sequence of delays.
 * Thread-safe (the generator is guarded by this object's lock).
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final SplittableRandom random;

  /** A backoff from {@code initial} doubling up to {@code max}, jittered by a generator seeded with {@code seed}. */
  public Backoff(Duration initial, Duration max, long seed) {
    this.initial = initial;
    this.max = max;
    this.random = new SplittableRandom(seed);
  }

  /** The delay before retry number {@code retry} (1 for the first retry). */
  public synchronized Duration delay(int retry) {
    long initialNanos = initial.toNanos();
    long cap = max.toNanos();
    long d = initialNanos;
    for (int i = 1; i < retry && d < cap; i++) {
      d = d > Long.MAX_VALUE / 2 ? cap : d * 2;
    }
    d = Math.min(d, cap);
    if (d <= 1) {
      return Duration.ofNanos(d);
    }
    long half = d / 2;
    return Duration.ofNanos(half + random.nextLong(d - half + 1));
  }
}

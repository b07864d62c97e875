package dev.recsys.spotify.testing;

import dev.recsys.spotify.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock and sleeper for tests: sleeping advances the clock instead of waiting, and every wait is recorded, so
 * Retry-After and backoff behaviour is checked in microseconds of real time.
 */
public final class FakeTime implements InstantSource, Sleeper {
  private Instant now = Instant.parse("2026-03-01T12:00:00Z");
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    now = now.plus(d);
  }

  /** Moves the clock forward without recording a sleep. */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** The waits so far. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The total of the waits so far. */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}

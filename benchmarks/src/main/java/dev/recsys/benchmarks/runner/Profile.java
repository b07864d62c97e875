package dev.recsys.benchmarks.runner;

import java.util.Locale;

/**
 * How long a run takes: {@link #QUICK} runs every benchmark once at reduced sizes with short iterations (minutes,
 * for development); {@link #FULL} runs the published configuration (the sizes the targets name, two forks, longer
 * iterations).
 */
public enum Profile {
  /** One fork, 1 warm-up and 3 measurement iterations of 1 s, reduced sizes. */
  QUICK(1, 1, 1, 3, 1),
  /** Two forks, 3 warm-up and 5 measurement iterations of 2 s, the sizes the targets name. */
  FULL(2, 3, 2, 5, 2);

  final int forks;
  final int warmupIterations;
  final int warmupSeconds;
  final int iterations;
  final int seconds;

  Profile(int forks, int warmupIterations, int warmupSeconds, int iterations, int seconds) {
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.warmupSeconds = warmupSeconds;
    this.iterations = iterations;
    this.seconds = seconds;
  }

  /** Parses {@code quick} or {@code full}. */
  public static Profile parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--profile must be quick or full; got '" + s + "'", e);
    }
  }

  /** Lower-case name. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

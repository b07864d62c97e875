package dev.recsys.quality;

/** How much the harness evaluates: the sizes behind {@link QualityConfig#of}. */
public enum QualityProfile {
  /** A tiny synthetic world, for tests of the harness itself (seconds; the numbers mean little). */
  TINY,
  /** A synthetic world of moderate size: a few minutes on two cores. */
  QUICK,
  /** A larger synthetic world plus the TidyTuesday and MovieLens files when present. */
  FULL
}

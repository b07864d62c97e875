package dev.recsys.core.util;

/** Derivation of independent seeds from a base seed (SplitMix64 finaliser), stable across releases. */
public final class Seeds {
  private Seeds() {}

  /**
   * A seed for stream {@code salt} of {@code seed}.
   *
   * @param seed the random seed
   * @param salt the salt
   * @return a seed for stream {@code salt} of {@code seed}
   */
  public static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

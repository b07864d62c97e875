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

  /**
   * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates) drawn from {@code seed}.
   *
   * @param n number of elements, at least 0
   * @param seed seed of the shuffle; the same seed gives the same permutation
   * @return a new array holding each of {@code 0..n-1} once
   */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

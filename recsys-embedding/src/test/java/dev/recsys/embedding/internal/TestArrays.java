package dev.recsys.embedding.internal;

import java.util.SplittableRandom;

/** Seeded test arrays. */
final class TestArrays {
  private TestArrays() {}

  /** {@code n} standard normal values from {@code seed}. */
  static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }
}

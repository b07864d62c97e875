package dev.recsys.core.eval.baselines;

import dev.recsys.core.util.Checks;
import java.util.SplittableRandom;

/**
 * What the matrix-factorisation recommenders ({@link IalsRecommender}, {@link BprRecommender}) share before their
 * training differs: the checks of the settings every factor model has, and the seeded Gaussian initial vectors.
 */
final class FactorSetup {
  private FactorSetup() {}

  /**
   * Checks the settings every factor model has.
   *
   * @throws IllegalArgumentException naming the setting and its bounds: factors in [1, 1024], epochs in
   *     [1, 1000], initStd in (0, 10]
   */
  static void checkShape(int factors, int epochs, double initStd) {
    Checks.inRange("factors", factors, 1, 1024);
    Checks.inRange("epochs", epochs, 1, 1000);
    Checks.inRange("initStd", initStd, Double.MIN_VALUE, 10);
  }

  /**
   * Fills {@code vectors} with independent Gaussian draws of standard deviation {@code initStd / sqrt(factors)},
   * in index order from {@code random}.
   */
  static void gaussian(float[] vectors, double initStd, int factors, SplittableRandom random) {
    double scale = initStd / Math.sqrt(factors);
    for (int k = 0; k < vectors.length; k++) {
      vectors[k] = (float) (random.nextGaussian() * scale);
    }
  }
}

package dev.recsys.embedding;

import dev.recsys.core.model.FeatureMatrix;
import java.util.SplittableRandom;

/** Generated test matrices. */
final class TestData {
  private TestData() {}

  /** {@code rows x cols} values driven by {@code factors} latent Gaussian factors plus noise of scale {@code noise}. */
  static FeatureMatrix latent(int rows, int cols, int factors, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] loading = new double[factors][cols];
    for (double[] l : loading) {
      for (int j = 0; j < cols; j++) {
        l[j] = r.nextGaussian();
      }
    }
    float[][] out = new float[rows][cols];
    double[] f = new double[factors];
    for (float[] row : out) {
      for (int a = 0; a < factors; a++) {
        f[a] = r.nextGaussian() * (factors - a);
      }
      for (int j = 0; j < cols; j++) {
        double v = 3.0 * (j - cols / 2.0) / cols + noise * r.nextGaussian();
        for (int a = 0; a < factors; a++) {
          v += f[a] * loading[a][j];
        }
        row[j] = (float) v;
      }
    }
    return FeatureMatrix.ofRows(out);
  }
}

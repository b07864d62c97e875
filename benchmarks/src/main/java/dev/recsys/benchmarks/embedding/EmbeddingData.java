package dev.recsys.benchmarks.embedding;

import dev.recsys.core.model.FeatureMatrix;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Generated feature matrices shaped like standardised audio features: correlated columns from latent factors. */
final class EmbeddingData {
  private EmbeddingData() {}

  static FeatureMatrix features(int rows, int cols, long seed) {
    SplittableRandom base = new SplittableRandom(seed);
    double[][] loading = new double[5][cols];
    for (double[] l : loading) {
      for (int j = 0; j < cols; j++) {
        l[j] = base.nextGaussian();
      }
    }
    float[] data = new float[rows * cols];
    int blocks = (rows + 65535) / 65536;
    IntStream.range(0, blocks).parallel().forEach(b -> {
      SplittableRandom r = new SplittableRandom(seed * 31 + b);
      double[] f = new double[5];
      for (int i = b * 65536; i < Math.min(rows, (b + 1) * 65536); i++) {
        for (int a = 0; a < 5; a++) {
          f[a] = r.nextGaussian() / (a + 1);
        }
        for (int j = 0; j < cols; j++) {
          double v = 0.3 * r.nextGaussian();
          for (int a = 0; a < 5; a++) {
            v += f[a] * loading[a][j];
          }
          data[i * cols + j] = (float) v;
        }
      }
    });
    return new FeatureMatrix(rows, cols, data, IntStream.range(0, cols).mapToObj(j -> "f" + j).toList());
  }
}

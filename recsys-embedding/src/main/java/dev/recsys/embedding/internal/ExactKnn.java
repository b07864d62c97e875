package dev.recsys.embedding.internal;

import dev.recsys.core.kernels.AllPairsKernel;

/**
 * Exact k-nearest neighbours by cosine similarity of every row against every other: the rows are normalised and
 * scanned by the shared all-pairs kernel ({@link AllPairsKernel}, the one the exact similarity graph uses: blocked,
 * SIMD when available, on all cores). A zero row is similar to every other with score 0. Ties go to the smaller
 * index, so the result is deterministic whatever the thread count.
 */
public final class ExactKnn {
  private ExactKnn() {}

  /**
   * The {@code k} nearest other rows of every row, most similar first.
   *
   * @param data {@code rows x dim} row-major vectors
   * @return {@code rows x k} neighbour indices, row-major
   */
  public static int[] neighbours(float[] data, int rows, int dim, int k) {
    if (k < 1 || k > rows - 1) {
      throw new IllegalArgumentException("k must be in [1, " + (rows - 1) + "] (rows - 1); k=" + k);
    }
    float[] unit = new float[data.length];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += (double) data[i * dim + j] * data[i * dim + j];
      }
      float inv = s > 0 && Double.isFinite(s) ? (float) (1 / Math.sqrt(s)) : 0f;
      for (int j = 0; j < dim; j++) {
        unit[i * dim + j] = data[i * dim + j] * inv;
      }
    }
    boolean[] present = new boolean[rows];
    java.util.Arrays.fill(present, true);
    int[] out = new int[rows * k];
    AllPairsKernel.get().neighbours(unit, present, rows, dim, k, 1024, Runtime.getRuntime().availableProcessors(),
        out, new float[rows * k], new int[rows], done -> {});
    return out;
  }
}

package dev.recsys.embedding.internal;

import java.util.stream.IntStream;

/**
 * Exact k-nearest neighbours by cosine similarity of every row against every other, as blocked matrix products:
 * rows are normalised, a block of queries is multiplied with the whole matrix by ND4J's native {@code sgemm} (all
 * cores), and each query row's top k is selected in parallel. Ties go to the smaller index, so the result is
 * deterministic. Memory: one block of {@code block x n} similarities.
 */
public final class ExactKnn {
  private ExactKnn() {}

  /**
   * The {@code k} nearest other rows of every row, most similar first.
   *
   * @param data {@code rows x dim} row-major vectors (zero vectors are similar to nothing)
   * @return {@code rows x k} neighbour indices, row-major
   */
  public static int[] neighbours(float[] data, int rows, int dim, int k, Gemm.Kind kind) {
    if (k < 1 || k > rows - 1) {
      throw new IllegalArgumentException("k must be in [1, " + (rows - 1) + "] (rows - 1); k=" + k);
    }
    float[] unit = new float[data.length];
    IntStream.range(0, rows).parallel().forEach(i -> {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += (double) data[i * dim + j] * data[i * dim + j];
      }
      float inv = s > 0 ? (float) (1 / Math.sqrt(s)) : 0f;
      for (int j = 0; j < dim; j++) {
        unit[i * dim + j] = data[i * dim + j] * inv;
      }
    });
    int block = (int) Math.max(1, Math.min(1024, (16L << 20) / rows));
    int[] out = new int[rows * k];
    float[] sims = new float[block * rows];
    Gemm gemm = kind.create();
    for (int from = 0; from < rows; from += block) {
      int q = Math.min(block, rows - from);
      if (kind == Gemm.Kind.JAVA) {
        int f = from;
        IntStream.range(0, q).parallel().forEach(i -> new JavaGemm().multiply(false, true, 1, rows, dim, unit, (f + i) * dim,
            unit, 0, sims, i * rows, false));
      } else {
        gemm.multiply(false, true, q, rows, dim, unit, from * dim, unit, 0, sims, 0, false);
      }
      int base = from;
      IntStream.range(0, q).parallel().forEach(i -> topK(sims, i * rows, rows, base + i, k, out, (base + i) * k));
    }
    return out;
  }

  /** Selects the k largest of {@code sims[off..off+n)} except index {@code self} into {@code out}, best first. */
  static void topK(float[] sims, int off, int n, int self, int k, int[] out, int outOff) {
    float[] best = new float[k];
    int[] idx = new int[k];
    int size = 0;
    for (int j = 0; j < n; j++) {
      if (j == self) {
        continue;
      }
      float s = sims[off + j];
      if (s != s) {
        s = Float.NEGATIVE_INFINITY;
      }
      if (size == k && !(s > best[k - 1])) {
        continue;
      }
      int pos = size == k ? k - 1 : size++;
      while (pos > 0 && s > best[pos - 1]) {
        best[pos] = best[pos - 1];
        idx[pos] = idx[pos - 1];
        pos--;
      }
      best[pos] = s;
      idx[pos] = j;
    }
    System.arraycopy(idx, 0, out, outOff, k);
  }
}

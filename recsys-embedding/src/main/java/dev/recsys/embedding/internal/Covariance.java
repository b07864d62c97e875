package dev.recsys.embedding.internal;

import java.util.stream.IntStream;

/**
 * Column means and the sample covariance of a row-major float matrix, accumulated in double precision over fixed
 * blocks of rows in parallel. The blocks are fixed (not chosen by the thread count) and their partial sums are
 * combined in block order, so the result is bit for bit the same on any number of threads.
 */
public final class Covariance {
  /** Rows per block. */
  static final int BLOCK = 8192;

  private Covariance() {}

  /** Column means of the {@code rows x cols} matrix. */
  public static double[] means(float[] data, int rows, int cols) {
    int blocks = (rows + BLOCK - 1) / BLOCK;
    double[][] partial = new double[blocks][];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] s = new double[cols];
      int end = Math.min(rows, (b + 1) * BLOCK);
      for (int i = b * BLOCK; i < end; i++) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          s[j] += data[o + j];
        }
      }
      partial[b] = s;
    });
    double[] mean = new double[cols];
    for (double[] s : partial) {
      for (int j = 0; j < cols; j++) {
        mean[j] += s[j];
      }
    }
    for (int j = 0; j < cols; j++) {
      mean[j] /= rows;
    }
    return mean;
  }

  /**
   * The sample covariance (divisor {@code rows - 1}) of the matrix centred on {@code mean}, as a full symmetric
   * {@code cols x cols} row-major array.
   */
  public static double[] covariance(float[] data, int rows, int cols, double[] mean) {
    int blocks = (rows + BLOCK - 1) / BLOCK;
    int tri = cols * (cols + 1) / 2;
    double[][] partial = new double[blocks][];
    IntStream.range(0, blocks).parallel().forEach(b -> {
      double[] s = new double[tri];
      double[] x = new double[cols];
      int end = Math.min(rows, (b + 1) * BLOCK);
      for (int i = b * BLOCK; i < end; i++) {
        int o = i * cols;
        for (int j = 0; j < cols; j++) {
          x[j] = data[o + j] - mean[j];
        }
        int t = 0;
        for (int j = 0; j < cols; j++) {
          double xj = x[j];
          for (int k = j; k < cols; k++) {
            s[t++] += xj * x[k];
          }
        }
      }
      partial[b] = s;
    });
    double[] sum = new double[tri];
    for (double[] s : partial) {
      for (int t = 0; t < tri; t++) {
        sum[t] += s[t];
      }
    }
    double[] cov = new double[cols * cols];
    double div = Math.max(1, rows - 1);
    int t = 0;
    for (int j = 0; j < cols; j++) {
      for (int k = j; k < cols; k++) {
        double v = sum[t++] / div;
        cov[j * cols + k] = v;
        cov[k * cols + j] = v;
      }
    }
    return cov;
  }
}

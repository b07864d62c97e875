package dev.recsys.embedding.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method in double precision. Jacobi is
 * slower than QR for large matrices but accurate to full relative precision on every eigenvalue, and a 15 x 15
 * feature covariance takes microseconds.
 *
 * <p>Eigenvalues come out in descending order; each eigenvector is normalised and its sign fixed so that its
 * component of largest magnitude (the first one on ties) is positive, which makes the decomposition deterministic.
 *
 * @param values eigenvalues, descending
 * @param vectors eigenvectors as rows: {@code vectors[i]} belongs to {@code values[i]}
 */
public record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;

  /** Decomposes the symmetric {@code n x n} row-major matrix {@code a} (not modified). */
  public static SymmetricEigen of(double[] a, int n) {
    if (a.length != n * n) {
      throw new IllegalArgumentException("matrix must have n*n=" + n * n + " values; has " + a.length);
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = 0.5 * (a[i * n + j] + a[j * n + i]);
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        diag += m[i][i] * m[i][i];
        for (int j = i + 1; j < n; j++) {
          off += m[i][j] * m[i][j];
        }
      }
      if (off == 0 || off <= 1e-30 * diag) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = m[p][q];
          if (apq == 0) {
            continue;
          }
          double theta = (m[q][q] - m[p][p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
          }
          for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = m[i][i];
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -d[i]).thenComparingInt(i -> i));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int r = 0; r < n; r++) {
      int col = order[r];
      values[r] = d[col];
      double norm = 0;
      int arg = 0;
      for (int k = 0; k < n; k++) {
        double x = v[k][col];
        norm += x * x;
        if (Math.abs(x) > Math.abs(v[arg][col])) {
          arg = k;
        }
      }
      double scale = (v[arg][col] < 0 ? -1 : 1) / Math.sqrt(norm);
      for (int k = 0; k < n; k++) {
        vectors[r][k] = v[k][col] * scale;
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}

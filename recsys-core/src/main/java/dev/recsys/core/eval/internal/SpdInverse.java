package dev.recsys.core.eval.internal;

import java.util.stream.IntStream;

/**
 * Inverse of a dense symmetric positive definite matrix through its Cholesky factor, in double precision and
 * plain Java: {@code A = L L^T}, {@code W = L^-1}, {@code A^-1 = W^T W}. Matrices are row-major
 * {@code double[n * n]}; every inner loop is a dot product of two contiguous row segments, which the JIT
 * vectorises. About {@code n^3 / 2} multiply-adds; rows are processed in parallel on the common pool, and each
 * entry is computed by the same sequential sum whatever the thread count, so the result is deterministic.
 */
public final class SpdInverse {
  private SpdInverse() {}

  /**
   * Inverts {@code a} (n by n, symmetric positive definite; only the lower triangle is read) in place: on return
   * {@code a} holds the full symmetric inverse.
   *
   * @throws IllegalArgumentException if the matrix is not positive definite, naming the pivot
   */
  public static void invertInPlace(double[] a, int n, boolean parallel) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException("a must have n*n entries; a.length=" + a.length + ", n=" + n);
    }
    // 1. Cholesky, row by row (L overwrites the lower triangle of a). Row i needs rows 0..i-1 only.
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      for (int j = 0; j < i; j++) {
        int rj = j * n;
        double s = a[ri + j] - dot(a, ri, a, rj, j);
        a[ri + j] = s / a[rj + j];
      }
      double d = a[ri + i] - dot(a, ri, a, ri, i);
      if (!(d > 0)) {
        throw new IllegalArgumentException("matrix is not positive definite: pivot " + i + " is " + d);
      }
      a[ri + i] = Math.sqrt(d);
    }
    // 2. V = (L^-1)^T, stored row-major: V[j][i] = W[i][j] for i >= j. Row j of V is independent of the others.
    double[] v = new double[n * n];
    IntStream rowsV = IntStream.range(0, n);
    (parallel ? rowsV.parallel() : rowsV).forEach(j -> {
      int vj = j * n;
      v[vj + j] = 1 / a[j * n + j];
      for (int i = j + 1; i < n; i++) {
        int li = i * n;
        // W[i][j] = -(sum_{k=j}^{i-1} L[i][k] W[k][j]) / L[i][i]
        double s = 0;
        for (int k = j; k < i; k++) {
          s += a[li + k] * v[vj + k];
        }
        v[vj + i] = -s / a[li + i];
      }
    });
    // 3. A^-1[p][q] = sum_{k >= max(p,q)} W[k][p] W[k][q] = dot of rows p and q of V from max(p, q).
    IntStream rowsP = IntStream.range(0, n);
    (parallel ? rowsP.parallel() : rowsP).forEach(p -> {
      int vp = p * n;
      for (int q = 0; q <= p; q++) {
        int vq = q * n;
        double s = 0;
        for (int k = p; k < n; k++) {
          s += v[vp + k] * v[vq + k];
        }
        a[vp + q] = s;
      }
    });
    for (int p = 0; p < n; p++) {
      for (int q = p + 1; q < n; q++) {
        a[p * n + q] = a[q * n + p];
      }
    }
  }

  private static double dot(double[] x, int xo, double[] y, int yo, int len) {
    double s = 0;
    for (int k = 0; k < len; k++) {
      s += x[xo + k] * y[yo + k];
    }
    return s;
  }
}

package dev.recsys.core.eval.internal;

import java.util.stream.IntStream;

/**
 * Inverse of a dense symmetric positive definite matrix through its Cholesky factor, in double precision and
 * plain Java: {@code A = L L^T}, {@code W = L^-1}, {@code A^-1 = W^T W}. Matrices are row-major
 * {@code double[n * n]}; every inner loop is a dot product of two contiguous row segments, which the JIT
 * vectorises. About {@code n^3 / 2} multiply-adds; the Cholesky factorisation is blocked (right-looking) and rows
 * are processed in parallel on the common pool; each entry is computed by the same sequence of sums whatever
 * the thread count, so the result is deterministic.
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
    invertInPlace(a, n, parallel, 64);
  }

  /** As {@link #invertInPlace(double[], int, boolean)} with the given Cholesky block size (for tests). */
  public static void invertInPlace(double[] a, int n, boolean parallel, int block) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException("a must have n*n entries; a.length=" + a.length + ", n=" + n);
    }
    if (block < 1) {
      throw new IllegalArgumentException("block must be >= 1; block=" + block);
    }
    // 1. Right-looking blocked Cholesky (L overwrites the lower triangle of a). For each diagonal block:
    // factor it, solve the panel below it, then subtract the panel's outer product from the trailing matrix.
    // Panel rows and trailing rows are independent, so they run in parallel; each entry receives the same
    // sequence of updates whatever the thread count.
    for (int k0 = 0; k0 < n; k0 += block) {
      int kb0 = k0;
      int k1 = Math.min(n, k0 + block);
      for (int i = k0; i < k1; i++) {
        int ri = i * n;
        for (int j = k0; j < i; j++) {
          int rj = j * n;
          a[ri + j] = (a[ri + j] - dot(a, ri + k0, a, rj + k0, j - k0)) / a[rj + j];
        }
        double d = a[ri + i] - dot(a, ri + k0, a, ri + k0, i - k0);
        if (!(d > 0)) {
          throw new IllegalArgumentException("matrix is not positive definite: pivot " + i + " is " + d);
        }
        a[ri + i] = Math.sqrt(d);
      }
      IntStream panel = IntStream.range(k1, n);
      (parallel ? panel.parallel() : panel).forEach(i -> {
        int ri = i * n;
        for (int j = kb0; j < k1; j++) {
          int rj = j * n;
          a[ri + j] = (a[ri + j] - dot(a, ri + kb0, a, rj + kb0, j - kb0)) / a[rj + j];
        }
      });
      int width = k1 - k0;
      IntStream trailing = IntStream.range(k1, n);
      (parallel ? trailing.parallel() : trailing).forEach(i -> {
        int ri = i * n;
        for (int j = k1; j <= i; j++) {
          a[ri + j] -= dot(a, ri + kb0, a, j * n + kb0, width);
        }
      });
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

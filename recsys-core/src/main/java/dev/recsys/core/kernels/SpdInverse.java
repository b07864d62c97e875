package dev.recsys.core.kernels;

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
   * @param a the matrix, row-major {@code n * n} entries, overwritten by its inverse
   * @param n order of the matrix
   * @param parallel whether rows are processed on the common fork-join pool; the result is the same either way
   * @throws IllegalArgumentException if the matrix is not positive definite, naming the pivot
   */
  public static void invertInPlace(double[] a, int n, boolean parallel) {
    invertInPlace(a, n, parallel, 64);
  }

  /**
   * As {@link #invertInPlace(double[], int, boolean)} with the given Cholesky block size (for tests).
   *
   * @param a the matrix, row-major {@code n * n} entries, overwritten by its inverse
   * @param n order of the matrix
   * @param parallel whether rows are processed on the common fork-join pool
   * @param block columns per block of the factorisation, at least 1
   */
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
      // tiles of 4 rows share each load of row j's panel segment (4x less memory traffic)
      IntStream trailing = IntStream.range(0, (n - k1 + 3) / 4);
      (parallel ? trailing.parallel() : trailing).forEach(t -> {
        int i0 = k1 + 4 * t;
        int i1 = Math.min(n, i0 + 4);
        for (int j = k1; j < i1; j++) {
          int rj = j * n + kb0;
          if (j <= i0 && i1 - i0 == 4) {
            int r0 = i0 * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int k = 0; k < width; k++) {
              double l = a[rj + k];
              s0 += a[r0 + kb0 + k] * l;
              s1 += a[r1 + kb0 + k] * l;
              s2 += a[r2 + kb0 + k] * l;
              s3 += a[r3 + kb0 + k] * l;
            }
            a[r0 + j] -= s0;
            a[r1 + j] -= s1;
            a[r2 + j] -= s2;
            a[r3 + j] -= s3;
          } else {
            for (int i = Math.max(i0, j); i < i1; i++) {
              a[i * n + j] -= dot(a, i * n + kb0, a, rj, width);
            }
          }
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
    // Tiles of 4 rows p share each load of row q; the common range starts at the tile's last row, the few
    // leading terms of the other rows are added after it (a fixed order, so the result is deterministic).
    IntStream rowsP = IntStream.range(0, (n + 3) / 4);
    (parallel ? rowsP.parallel() : rowsP).forEach(t -> {
      int p0 = 4 * t;
      int p1 = Math.min(n, p0 + 4);
      for (int p = p0; p < p1; p++) { // q inside the tile
        int vp = p * n;
        for (int q = p0; q <= p; q++) {
          a[vp + q] = dot(v, vp + p, v, q * n + p, n - p);
        }
      }
      if (p1 - p0 < 4) {
        for (int p = p0; p < p1; p++) {
          int vp = p * n;
          for (int q = 0; q < p0; q++) {
            a[vp + q] = dot(v, vp + p, v, q * n + p, n - p);
          }
        }
        return;
      }
      int v0 = p0 * n;
      int v1 = v0 + n;
      int v2 = v1 + n;
      int v3 = v2 + n;
      int start = p0 + 3;
      for (int q = 0; q < p0; q++) {
        int vq = q * n;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int k = start; k < n; k++) {
          double w = v[vq + k];
          s0 += v[v0 + k] * w;
          s1 += v[v1 + k] * w;
          s2 += v[v2 + k] * w;
          s3 += v[v3 + k] * w;
        }
        s0 += v[v0 + p0] * v[vq + p0] + v[v0 + p0 + 1] * v[vq + p0 + 1] + v[v0 + p0 + 2] * v[vq + p0 + 2];
        s1 += v[v1 + p0 + 1] * v[vq + p0 + 1] + v[v1 + p0 + 2] * v[vq + p0 + 2];
        s2 += v[v2 + p0 + 2] * v[vq + p0 + 2];
        a[v0 + q] = s0;
        a[v1 + q] = s1;
        a[v2 + q] = s2;
        a[v3 + q] = s3;
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

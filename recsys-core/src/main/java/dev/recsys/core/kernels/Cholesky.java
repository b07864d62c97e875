package dev.recsys.core.kernels;

import java.util.Arrays;

/**
 * Cholesky factorisation and solves of small dense symmetric positive definite systems, row-major {@code double[]}:
 * the iALS normal equations ({@code d x d} per row) and the choice model's Newton steps. The factor is computed
 * left to right ({@code L[i][j] = (A[i][j] - sum_k<j L[i][k] L[j][k]) / L[j][j]}, {@code k} ascending), so every
 * caller gets the same bits for the same matrix. Large systems use {@link SpdInverse} (blocked).
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Overwrites the lower triangle of {@code a} ({@code n x n}, only the lower triangle read) with its Cholesky
   * factor {@code L}; the upper triangle is left as it was.
   *
   * @param a the matrix, row-major {@code n * n} entries; its lower triangle is overwritten
   * @param n order of the matrix
   * @return -1 when {@code a} is positive definite, else the first pivot {@code i} that is not positive, whose
   *     value is left in {@code a[i * n + i]}
   */
  public static int factorInPlace(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      int ai = i * n;
      for (int j = 0; j < i; j++) {
        int aj = j * n;
        double sum = a[ai + j];
        for (int k = 0; k < j; k++) {
          sum -= a[ai + k] * a[aj + k];
        }
        a[ai + j] = sum / a[aj + j];
      }
      double sum = a[ai + i];
      for (int k = 0; k < i; k++) {
        sum -= a[ai + k] * a[ai + k];
      }
      if (!(sum > 0)) {
        a[ai + i] = sum;
        return i;
      }
      a[ai + i] = Math.sqrt(sum);
    }
    return -1;
  }

  /**
   * The Cholesky factor {@code L} of {@code a} as a new matrix (upper triangle zero); {@code a} is not changed.
   *
   * @param a the symmetric matrix, row-major {@code n * n} entries (lower triangle read)
   * @param n order of the matrix
   * @return the factor, or null when {@code a} is not positive definite
   */
  public static double[] factor(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, l, i * n, i + 1);
    }
    return factorInPlace(l, n) < 0 ? l : null;
  }

  /**
   * Solves {@code L L^T x = b} in place: {@code b} becomes {@code x} (only {@code l}'s lower triangle read).
   *
   * @param l the Cholesky factor, row-major {@code n * n} entries
   * @param n order of the system
   * @param b the right-hand side of length {@code n}, overwritten by the solution
   */
  public static void solveInPlace(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) { // L z = b
      int li = i * n;
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[li + k] * b[k];
      }
      b[i] = sum / l[li + i];
    }
    for (int i = n - 1; i >= 0; i--) { // L^T x = z
      double sum = b[i];
      for (int k = i + 1; k < n; k++) {
        sum -= l[k * n + i] * b[k];
      }
      b[i] = sum / l[i * n + i];
    }
  }

  /**
   * Solves {@code L L^T x = b} into a new array.
   *
   * @param l the Cholesky factor, row-major {@code n * n} entries
   * @param n order of the system
   * @param b the right-hand side of length {@code n}, not changed
   * @return the solution {@code x}, a new array of length {@code n}
   */
  public static double[] solve(double[] l, int n, double[] b) {
    double[] x = b.clone();
    solveInPlace(l, n, x);
    return x;
  }

  /**
   * The inverse of a symmetric positive definite matrix from its Cholesky factor.
   *
   * @param l the Cholesky factor of the matrix, row-major {@code n * n} entries
   * @param n order of the matrix
   * @return the inverse, a new row-major {@code n * n} array, solved column by column
   */
  public static double[] inverse(double[] l, int n) {
    double[] inv = new double[n * n];
    double[] e = new double[n];
    for (int c = 0; c < n; c++) {
      Arrays.fill(e, 0);
      e[c] = 1;
      solveInPlace(l, n, e);
      for (int r = 0; r < n; r++) {
        inv[r * n + c] = e[r];
      }
    }
    return inv;
  }
}

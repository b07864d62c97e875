package dev.recsys.graph.internal;

/** Small dense symmetric linear algebra on row-major {@code double[]} matrices (feature counts are small). */
public final class Dense {
  private Dense() {}

  /**
   * Cholesky factor {@code L} (lower, row-major) of a symmetric positive definite {@code a} ({@code n x n}).
   *
   * @return the factor, or null when {@code a} is not positive definite
   */
  public static double[] cholesky(double[] a, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * n + k] * l[j * n + k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i * n + i] = Math.sqrt(s);
        } else {
          l[i * n + j] = s / l[j * n + j];
        }
      }
    }
    return l;
  }

  /** Solves {@code L L^T x = b} with a Cholesky factor. */
  public static double[] solve(double[] l, int n, double[] b) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * y[k];
      }
      y[i] = s / l[i * n + i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * x[k];
      }
      x[i] = s / l[i * n + i];
    }
    return x;
  }

  /** The inverse of a symmetric positive definite matrix from its Cholesky factor. */
  public static double[] inverse(double[] l, int n) {
    double[] inv = new double[n * n];
    double[] e = new double[n];
    for (int c = 0; c < n; c++) {
      java.util.Arrays.fill(e, 0);
      e[c] = 1;
      double[] col = solve(l, n, e);
      for (int r = 0; r < n; r++) {
        inv[r * n + c] = col[r];
      }
    }
    return inv;
  }
}

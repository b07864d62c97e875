package dev.recsys.core.matching;

import java.util.SplittableRandom;

/**
 * The leading right singular subspace of a sparse listener-item matrix by seeded randomised subspace iteration
 * (Halko, Martinsson and Tropp 2011, algorithm 4.4): {@code Y = X Ω}, then {@code iterations} rounds of
 * {@code Z = orth(Xᵀ Y)}, {@code Y = orth(X Z)}, and finally {@code Z = orth(Xᵀ Y)}. The rows of {@code X Z} are
 * the listeners' truncated-SVD vectors up to a rotation, which cosine similarity does not see. Deterministic for
 * a seed.
 */
public final class TruncatedSvd {
  private TruncatedSvd() {}

  /**
   * An orthonormal basis of the leading {@code rank}-dimensional right singular subspace, as item rows: entry
   * {@code [i * rank + c]} is item {@code i}'s coordinate {@code c}.
   *
   * @param rows per listener, its item indices
   * @param values per listener, the matrix entries parallel to {@code rows}
   * @param numItems number of columns
   * @param rank subspace dimension, at least 1 (columns beyond the matrix's rank come out as noise directions)
   * @param iterations power iterations refining the random start, at least 0; more give a more accurate subspace
   * @param seed seed of the random start; the same seed gives the same basis
   * @return the basis, {@code numItems * rank} entries with orthonormal columns
   * @throws IllegalArgumentException if {@code rank} is outside [1, min(listeners, items)]
   */
  public static float[] rightSubspace(int[][] rows, float[][] values, int numItems, int rank, int iterations,
      long seed) {
    int n = rows.length;
    if (rank < 1 || rank > Math.min(n, numItems)) {
      throw new IllegalArgumentException("rank must be in [1, min(listeners, items)] = [1, " + Math.min(n, numItems)
          + "]; rank=" + rank);
    }
    SplittableRandom r = new SplittableRandom(seed);
    double[] z = new double[numItems * rank];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextDouble() * 2 - 1;
    }
    double[] y = new double[n * rank];
    multiply(rows, values, z, y, rank);
    orthonormalize(y, n, rank, r);
    for (int it = 0; it < iterations; it++) {
      multiplyTransposed(rows, values, y, z, numItems, rank);
      orthonormalize(z, numItems, rank, r);
      multiply(rows, values, z, y, rank);
      orthonormalize(y, n, rank, r);
    }
    multiplyTransposed(rows, values, y, z, numItems, rank);
    orthonormalize(z, numItems, rank, r);
    float[] out = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = (float) z[i];
    }
    return out;
  }

  /** {@code y = X z} with {@code z} items × rank and {@code y} listeners × rank, row-major. */
  private static void multiply(int[][] rows, float[][] values, double[] z, double[] y, int rank) {
    java.util.Arrays.fill(y, 0);
    for (int u = 0; u < rows.length; u++) {
      int base = u * rank;
      for (int j = 0; j < rows[u].length; j++) {
        double x = values[u][j];
        int zi = rows[u][j] * rank;
        for (int c = 0; c < rank; c++) {
          y[base + c] += x * z[zi + c];
        }
      }
    }
  }

  /** {@code z = Xᵀ y}. */
  private static void multiplyTransposed(int[][] rows, float[][] values, double[] y, double[] z, int numItems, int rank) {
    java.util.Arrays.fill(z, 0);
    for (int u = 0; u < rows.length; u++) {
      int base = u * rank;
      for (int j = 0; j < rows[u].length; j++) {
        double x = values[u][j];
        int zi = rows[u][j] * rank;
        for (int c = 0; c < rank; c++) {
          z[zi + c] += x * y[base + c];
        }
      }
    }
  }

  /**
   * Orthonormalises the columns of a row-major {@code m × rank} matrix in place by Cholesky QR applied twice
   * (CholeskyQR2: {@code G = AᵀA = RᵀR}, {@code A ← A R⁻¹}), with a small ridge on {@code G} so that
   * rank-deficient inputs stay finite. Row-wise passes keep memory access sequential.
   */
  static void orthonormalize(double[] a, int m, int rank, SplittableRandom r) {
    for (int pass = 0; pass < 2; pass++) {
      double[] g = new double[rank * rank];
      for (int i = 0; i < m; i++) {
        int o = i * rank;
        for (int p = 0; p < rank; p++) {
          double x = a[o + p];
          if (x == 0) {
            continue;
          }
          int gp = p * rank;
          for (int q = p; q < rank; q++) {
            g[gp + q] += x * a[o + q];
          }
        }
      }
      double trace = 0;
      for (int p = 0; p < rank; p++) {
        trace += g[p * rank + p];
      }
      double ridge = Math.max(trace / rank, 1e-300) * 1e-10;
      // Cholesky: G = Rᵀ R, R upper triangular stored in g's upper triangle
      for (int p = 0; p < rank; p++) {
        double d = g[p * rank + p] + ridge;
        for (int k = 0; k < p; k++) {
          d -= g[k * rank + p] * g[k * rank + p];
        }
        d = Math.sqrt(Math.max(d, ridge));
        g[p * rank + p] = d;
        for (int q = p + 1; q < rank; q++) {
          double v = g[p * rank + q];
          for (int k = 0; k < p; k++) {
            v -= g[k * rank + p] * g[k * rank + q];
          }
          g[p * rank + q] = v / d;
        }
      }
      // each row x of A becomes x R⁻¹: solve y R = x by forward substitution over columns
      for (int i = 0; i < m; i++) {
        int o = i * rank;
        for (int q = 0; q < rank; q++) {
          double v = a[o + q];
          for (int k = 0; k < q; k++) {
            v -= a[o + k] * g[k * rank + q];
          }
          a[o + q] = v / g[q * rank + q];
        }
      }
    }
  }
}

package dev.recsys.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The shared Cholesky kernel: solves, inverses, refusals, and one factor for in-place and copying callers. */
class CholeskyTest {
  /** {@code B B^T + n I}: symmetric positive definite, well conditioned. */
  private static double[] spd(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] b = new double[n * n];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextGaussian();
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = i == j ? n : 0;
        for (int k = 0; k < n; k++) {
          s += b[i * n + k] * b[j * n + k];
        }
        a[i * n + j] = s;
      }
    }
    return a;
  }

  @Property(tries = 60)
  void solvesAndInvertsSymmetricPositiveDefiniteSystems(@ForAll @IntRange(min = 1, max = 24) int n,
      @ForAll long seed) {
    double[] a = spd(n, seed);
    double[] l = Cholesky.factor(a, n);
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i - n / 2.0;
    }
    double[] x = Cholesky.solve(l, n, b);
    double[] inv = Cholesky.inverse(l, n);
    for (int i = 0; i < n; i++) {
      double ax = 0;
      for (int j = 0; j < n; j++) {
        ax += a[i * n + j] * x[j];
        double id = 0;
        for (int k = 0; k < n; k++) {
          id += a[i * n + k] * inv[k * n + j];
        }
        assertEquals(i == j ? 1 : 0, id, 1e-9, "A A^-1 at " + i + "," + j);
      }
      assertEquals(b[i], ax, 1e-9 * n, "A x at " + i);
    }
  }

  @Property(tries = 30)
  void inPlaceAndCopyingFactorsHaveTheSameBits(@ForAll @IntRange(min = 1, max = 16) int n, @ForAll long seed) {
    double[] a = spd(n, seed);
    double[] copy = Cholesky.factor(a, n);
    double[] inPlace = a.clone();
    assertEquals(-1, Cholesky.factorInPlace(inPlace, n));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        assertEquals(Double.doubleToLongBits(copy[i * n + j]), Double.doubleToLongBits(inPlace[i * n + j]));
      }
    }
    double[] b = new double[n];
    b[0] = 1;
    double[] x = b.clone();
    Cholesky.solveInPlace(inPlace, n, x);
    assertArrayEquals(Cholesky.solve(copy, n, b), x);
  }

  @Test
  void aMatrixThatIsNotPositiveDefiniteIsReportedAtItsPivot() {
    double[] a = {4, 2, 0, 2, 1, 0, 0, 0, 1}; // rank-deficient leading 2 x 2 block
    assertNull(Cholesky.factor(a, 3));
    double[] inPlace = a.clone();
    assertEquals(1, Cholesky.factorInPlace(inPlace, 3));
    assertEquals(0.0, inPlace[4]);
  }
}

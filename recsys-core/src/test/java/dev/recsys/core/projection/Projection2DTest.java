package dev.recsys.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.FeatureMatrix;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Projection2DTest {
  /** Rows with a different spread per column (column a scaled by 1 + a), mixed by a random rotation-like map. */
  private static FeatureMatrix data(long seed, int n, int d) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] mix = new float[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        mix[a][b] = (float) r.nextGaussian();
      }
    }
    float[][] rows = new float[n][d];
    for (int i = 0; i < n; i++) {
      double[] z = new double[d];
      for (int a = 0; a < d; a++) {
        z[a] = (1 + a) * r.nextGaussian();
      }
      for (int b = 0; b < d; b++) {
        double s = 3;
        for (int a = 0; a < d; a++) {
          s += z[a] * mix[a][b];
        }
        rows[i][b] = (float) s;
      }
    }
    return FeatureMatrix.ofRows(rows);
  }

  private static double variance(double[] v) {
    double m = 0;
    for (double e : v) {
      m += e;
    }
    m /= v.length;
    double s = 0;
    for (double e : v) {
      s += (e - m) * (e - m);
    }
    return s / (v.length - 1);
  }

  @Property(tries = 40)
  void theFirstAxisHasTheLargestVarianceOfAnyDirection(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int d) {
    FeatureMatrix x = data(seed, 60, d);
    Projection2D p = Projection2D.pca(x);
    double first = variance(p.xs());
    double second = variance(p.ys());
    assertTrue(first >= second * (1 - 1e-6), first + " < " + second);
    SplittableRandom r = new SplittableRandom(seed ^ 99);
    for (int t = 0; t < 20; t++) {
      double[] u = new double[d];
      double norm = 0;
      for (int a = 0; a < d; a++) {
        u[a] = r.nextGaussian();
        norm += u[a] * u[a];
      }
      double[] proj = new double[x.rows()];
      for (int i = 0; i < x.rows(); i++) {
        for (int a = 0; a < d; a++) {
          proj[i] += x.get(i, a) * u[a] / Math.sqrt(norm);
        }
      }
      assertTrue(variance(proj) <= first * (1 + 1e-6), "direction with variance " + variance(proj) + " > " + first);
    }
  }

  @Property(tries = 40)
  void theAxesAreUncorrelatedAndCentred(@ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int d) {
    Projection2D p = Projection2D.pca(data(seed, 50, d));
    double cov = 0;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < p.size(); i++) {
      cov += p.x(i) * p.y(i);
      mx += p.x(i);
      my += p.y(i);
    }
    double scale = Math.sqrt(variance(p.xs()) * variance(p.ys())) * p.size();
    assertEquals(0, cov / scale, 1e-6);
    assertEquals(0, mx / p.size(), 1e-3 * Math.sqrt(variance(p.xs())));
    assertEquals(0, my / p.size(), 1e-3 * Math.sqrt(variance(p.xs())));
  }

  @Test
  void planarDataIsMappedWithoutLosingNeighbours() {
    FeatureMatrix x = data(4, 80, 2);
    Projection2D p = Projection2D.pca(x);
    assertEquals(1.0, Projection2D.trustworthiness(x, p, 5), 1e-12);
  }

  @Test
  void theSameRowsGiveTheSameMap() {
    FeatureMatrix x = data(9, 40, 5);
    assertEquals(Projection2D.pca(x).x(7), Projection2D.pca(x).x(7));
  }

  @Test
  void rejectsMismatchedOrNonFiniteCoordinates() {
    assertThrows(IllegalArgumentException.class, () -> new Projection2D(new double[2], new double[3]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Projection2D(new double[] {0, Double.NaN}, new double[2]));
    assertTrue(e.getMessage().contains("point 1"), e.getMessage());
  }
}

package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PcaTest {

  /**
   * Independent reference: one-sided Jacobi SVD (Hestenes) of the centred data matrix in double precision. The
   * squared singular values divided by n - 1 are the covariance eigenvalues; the right singular vectors are the
   * principal axes.
   */
  static double[][] svdReference(FeatureMatrix m, double[] sigmaSquaredOut) {
    int n = m.rows();
    int d = m.cols();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += m.get(i, j);
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] a = new double[d][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        a[j][i] = m.get(i, j) - mean[j];
      }
    }
    double[][] v = new double[d][d];
    for (int j = 0; j < d; j++) {
      v[j][j] = 1;
    }
    for (int sweep = 0; sweep < 60; sweep++) {
      double off = 0;
      for (int p = 0; p < d - 1; p++) {
        for (int q = p + 1; q < d; q++) {
          double alpha = 0;
          double beta = 0;
          double gamma = 0;
          for (int i = 0; i < n; i++) {
            alpha += a[p][i] * a[p][i];
            beta += a[q][i] * a[q][i];
            gamma += a[p][i] * a[q][i];
          }
          if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) {
            continue;
          }
          off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          if (zeta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(1 + t * t);
          double s = c * t;
          for (int i = 0; i < n; i++) {
            double x = a[p][i];
            double y = a[q][i];
            a[p][i] = c * x - s * y;
            a[q][i] = s * x + c * y;
          }
          for (int i = 0; i < d; i++) {
            double x = v[i][p];
            double y = v[i][q];
            v[i][p] = c * x - s * y;
            v[i][q] = s * x + c * y;
          }
        }
      }
      if (off < 1e-15) {
        break;
      }
    }
    double[] sq = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        sq[j] += a[j][i] * a[j][i];
      }
    }
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (x, y) -> Double.compare(sq[y], sq[x]));
    double[][] axes = new double[d][d];
    for (int r = 0; r < d; r++) {
      sigmaSquaredOut[r] = sq[order[r]] / (n - 1);
      for (int i = 0; i < d; i++) {
        axes[r][i] = v[i][order[r]];
      }
    }
    return axes;
  }

  @Test
  void matchesSvdOfCentredData() {
    FeatureMatrix x = TestData.latent(3000, 15, 6, 0.3, 7);
    PcaModel m = new PcaEmbedder(PcaConfig.ofComponents(15)).fit(x, TrainingListener.NONE);
    double[] ref = new double[15];
    double[][] axes = svdReference(x, ref);
    double[] eig = m.explainedVariance();
    for (int i = 0; i < 15; i++) {
      assertEquals(ref[i], eig[i], 1e-6 * ref[i], "eigenvalue " + i);
    }
    // same subspace for every leading k: the projectors W^T W agree
    double[][] w = m.components();
    for (int k : new int[] {1, 3, 6, 10}) {
      for (int i = 0; i < 15; i++) {
        for (int j = 0; j < 15; j++) {
          double p = 0;
          double q = 0;
          for (int c = 0; c < k; c++) {
            p += w[c][i] * w[c][j];
            q += axes[c][i] * axes[c][j];
          }
          assertEquals(q, p, 1e-6, "projector k=" + k + " at (" + i + "," + j + ")");
        }
      }
    }
  }

  @Test
  void componentsAreOrthonormalWithPositiveLargestEntry() {
    PcaModel m = new PcaEmbedder(PcaConfig.ofComponents(8)).fit(TestData.latent(500, 8, 3, 0.5, 3), TrainingListener.NONE);
    double[][] w = m.components();
    for (int a = 0; a < 8; a++) {
      int arg = 0;
      for (int j = 0; j < 8; j++) {
        if (Math.abs(w[a][j]) > Math.abs(w[a][arg])) {
          arg = j;
        }
      }
      assertTrue(w[a][arg] > 0, "sign convention");
      for (int b = 0; b < 8; b++) {
        double dot = 0;
        for (int j = 0; j < 8; j++) {
          dot += w[a][j] * w[b][j];
        }
        assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
      }
    }
  }

  @Property(tries = 30)
  void transformThenInverseOnFullRankReproducesInput(@ForAll @IntRange(min = 2, max = 12) int cols,
      @ForAll @IntRange(min = 0, max = 1000) int seed, @ForAll boolean whiten) {
    FeatureMatrix x = TestData.latent(200, cols, cols, 0.2, seed);
    PcaModel m = new PcaEmbedder(PcaConfig.ofComponents(cols).withWhiten(whiten)).fit(x, TrainingListener.NONE);
    for (int i = 0; i < x.rows(); i += 17) {
      float[] row = x.row(i);
      float[] back = m.inverseTransform(m.transform(row));
      for (int j = 0; j < cols; j++) {
        assertEquals(row[j], back[j], 1e-4 * (1 + Math.abs(row[j])), "row " + i + " col " + j);
      }
    }
  }

  @Property(tries = 40)
  void varianceTargetIsTheFewestComponentsReachingIt(@ForAll @DoubleRange(min = 0.05, max = 1.0) double target,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    FeatureMatrix x = TestData.latent(300, 10, 4, 0.5, seed);
    PcaModel m = new PcaEmbedder(PcaConfig.ofVariance(target)).fit(x, TrainingListener.NONE);
    double[] cum = m.cumulativeExplainedVarianceRatio();
    int k = m.dimension();
    assertTrue(cum[k - 1] >= target - 1e-9, "reaches the target");
    if (k > 1) {
      assertTrue(cum[k - 2] < target, "one fewer does not");
    }
    assertEquals(1.0, cum[cum.length - 1], 1e-9);
  }

  @Test
  void whitenedComponentsHaveUnitVarianceAndNoCorrelation() {
    FeatureMatrix x = TestData.latent(4000, 6, 6, 0.1, 9);
    PcaModel m = new PcaEmbedder(PcaConfig.ofComponents(4).withWhiten(true)).fit(x, TrainingListener.NONE);
    FeatureMatrix y = m.embedAll(x);
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        double s = 0;
        for (int i = 0; i < y.rows(); i++) {
          s += (double) y.get(i, a) * y.get(i, b);
        }
        assertEquals(a == b ? 1.0 : 0.0, s / (y.rows() - 1), 1e-4);
      }
    }
  }

  @Test
  void batchAndSingleRowAgreeBitForBit() {
    FeatureMatrix x = TestData.latent(20_000, 15, 5, 0.3, 5);
    PcaModel m = new PcaEmbedder(PcaConfig.DEFAULT).fit(x, TrainingListener.NONE);
    FeatureMatrix all = m.embedAll(x);
    for (int i = 0; i < x.rows(); i += 997) {
      assertArrayEquals(all.row(i), m.embed(x.row(i)));
    }
  }

  @Test
  void rejectsNonFiniteInputNamingRowAndColumn() {
    float[][] rows = new float[10][3];
    rows[7][2] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PcaEmbedder(PcaConfig.DEFAULT).fit(FeatureMatrix.ofRows(rows), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("row 7") && e.getMessage().contains("'f2'"), e.getMessage());
  }

  @Test
  void rejectsMoreComponentsThanColumns() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PcaEmbedder(PcaConfig.ofComponents(5)).fit(TestData.latent(20, 3, 2, 0.1, 1), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("components must be in [0, 3]"), e.getMessage());
  }

  @Test
  void configValidation() {
    assertThrows(IllegalArgumentException.class, () -> new PcaConfig(0, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new PcaConfig(1.5, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new PcaConfig(0.9, -1, false));
  }
}

package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MlpTest {
  /** Central finite differences of the loss, computed in double through the float network, against backprop. */
  @ParameterizedTest
  @EnumSource(value = Act.class, names = {"RELU", "LEAKY_RELU", "ELU", "TANH"})
  void backpropMatchesFiniteDifferences(Act act) {
    Mlp mlp = new Mlp(new int[] {5, 7, 3, 7, 5}, new Act[] {act, Act.IDENTITY, act, Act.IDENTITY});
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 3);
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < params.length; i++) {
      params[i] += (float) (0.05 * r.nextGaussian());
    }
    int rows = 6;
    float[] x = TestArrays.random(rows * 5, 5);
    Gemm gemm = new JavaGemm();
    Mlp.Workspace ws = mlp.new Workspace(rows);
    float[] grad = new float[params.length];
    mlp.mseLossAndGradient(params, x, x, rows, grad, gemm, ws);
    double h = act == Act.RELU || act == Act.LEAKY_RELU ? 1e-3 : 1e-2;
    double base = mlp.mseLossAndGradient(params, x, x, rows, null, gemm, ws);
    int checked = 0;
    int kinks = 0;
    for (int p = 0; p < params.length; p++) {
      float saved = params[p];
      params[p] = (float) (saved + h);
      double up = mlp.mseLossAndGradient(params, x, x, rows, null, gemm, ws);
      params[p] = (float) (saved - h);
      double down = mlp.mseLossAndGradient(params, x, x, rows, null, gemm, ws);
      params[p] = saved;
      double numeric = (up - down) / (2 * h);
      double forward = (up - base) / h;
      double backward = (base - down) / h;
      boolean kinked = act == Act.RELU || act == Act.LEAKY_RELU;
      if (kinked && Math.abs(forward - backward) > 0.05 * Math.max(Math.abs(forward), Math.abs(backward)) + 1e-3) {
        kinks++; // the step crossed a rectifier's kink: the central difference is not a derivative there
        continue;
      }
      double tol = 2e-3 + 3e-2 * Math.abs(numeric);
      assertEquals(numeric, grad[p], tol, act + " parameter " + p);
      checked++;
    }
    assertTrue(kinks <= params.length / 10, "too many kinks skipped: " + kinks);
    assertEquals(params.length, checked + kinks);
  }

  @ParameterizedTest
  @EnumSource(value = Act.class, names = {"ELU", "TANH"})
  void nd4jAndJavaKernelsAgree(Act act) {
    Mlp mlp = new Mlp(new int[] {12, 64, 16, 64, 12}, new Act[] {act, Act.IDENTITY, act, Act.IDENTITY});
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 9);
    int rows = 300;
    float[] x = TestArrays.random(rows * 12, 10);
    float[] g1 = new float[params.length];
    float[] g2 = new float[params.length];
    double l1 = mlp.mseLossAndGradient(params, x, x, rows, g1, new JavaGemm(), mlp.new Workspace(rows));
    double l2 = mlp.mseLossAndGradient(params, x, x, rows, g2, new Nd4jGemm(), mlp.new Workspace(rows));
    assertEquals(l1, l2, 1e-5 * l1);
    for (int i = 0; i < g1.length; i++) {
      assertEquals(g1[i], g2[i], 1e-5 + 1e-3 * Math.abs(g1[i]), "gradient " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(Gemm.Kind.class)
  void gemmTransposesAgreeWithNaiveProduct(Gemm.Kind kind) {
    int m = 7;
    int n = 5;
    int k = 9;
    float[] a = TestArrays.random(m * k, 1);
    float[] b = TestArrays.random(k * n, 2);
    float[] expected = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
        }
        expected[i * n + j] = (float) s;
      }
    }
    float[] at = new float[k * m];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        at[p * m + i] = a[i * k + p];
      }
    }
    float[] bt = new float[n * k];
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        bt[j * k + p] = b[p * n + j];
      }
    }
    Gemm g = kind.create();
    for (boolean ta : new boolean[] {false, true}) {
      for (boolean tb : new boolean[] {false, true}) {
        float[] c = new float[m * n + 3];
        c[0] = 100;
        g.multiply(ta, tb, m, n, k, ta ? at : a, 0, tb ? bt : b, 0, c, 3, false);
        float[] got = java.util.Arrays.copyOfRange(c, 3, 3 + m * n);
        for (int i = 0; i < got.length; i++) {
          assertEquals(expected[i], got[i], 1e-4, kind + " ta=" + ta + " tb=" + tb + " at " + i);
        }
        assertEquals(100, c[0]);
        g.multiply(ta, tb, m, n, k, ta ? at : a, 0, tb ? bt : b, 0, c, 3, true);
        for (int i = 0; i < got.length; i++) {
          assertEquals(2 * expected[i], c[3 + i], 2e-4, "accumulate");
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Act.class)
  void rowKernelMatchesBatchForward(Act act) {
    Mlp mlp = new Mlp(new int[] {4, 6, 2}, new Act[] {act, Act.IDENTITY});
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, 1);
    float[] x = TestArrays.random(4 * 3, 2);
    float[] batch = mlp.forwardBatch(params, x, 3, new JavaGemm(), mlp.new Workspace(3)).clone();
    float[] out = new float[2];
    float[] s1 = new float[6];
    float[] s2 = new float[6];
    for (int i = 0; i < 3; i++) {
      mlp.forwardRow(params, 2, x, i * 4, out, 0, s1, s2);
      assertArrayEquals(java.util.Arrays.copyOfRange(batch, i * 2, i * 2 + 2), out, 1e-5f);
    }
    assertTrue(mlp.parameterCount() == 4 * 6 + 6 + 6 * 2 + 2);
  }
}

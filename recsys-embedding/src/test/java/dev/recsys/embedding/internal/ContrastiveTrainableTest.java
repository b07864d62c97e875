package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContrastiveTrainableTest {
  private static final int[][] GROUPS = {{0, 1, 2}, {3, 4}, {5, 6, 7, 8}, {9, 10, 11}};

  /** Backprop through the in-batch softmax, the L2 normalisation and the encoder matches finite differences. */
  @Test
  void gradientMatchesFiniteDifferences() {
    Mlp enc = new Mlp(new int[] {5, 6, 3}, new Act[] {Act.TANH, Act.IDENTITY});
    float[] params = new float[enc.parameterCount()];
    enc.initialise(params, 3);
    float[] inputs = TestArrays.random(12 * 5, 4);
    ContrastiveTrainable t = new ContrastiveTrainable(enc, params, inputs, GROUPS, new int[0][], 0.5, 16,
        new JavaGemm());
    int[] batch = {0, 3, 5, 9, 11, 7};
    float[] grad = new float[params.length];
    t.gradient(batch, grad, 77);
    double h = 1e-2;
    for (int p = 0; p < params.length; p++) {
      float saved = params[p];
      params[p] = (float) (saved + h);
      double up = t.gradient(batch, new float[params.length], 77);
      params[p] = (float) (saved - h);
      double down = t.gradient(batch, new float[params.length], 77);
      params[p] = saved;
      double numeric = (up - down) / (2 * h);
      assertEquals(numeric, grad[p], 2e-3 + 3e-2 * Math.abs(numeric), "parameter " + p);
    }
  }

  @Test
  void examplesAreMembershipsOfGroupsWithTwoOrMoreRowsAndValidationIsStable() {
    Mlp enc = new Mlp(new int[] {5, 3}, new Act[] {Act.IDENTITY});
    float[] params = new float[enc.parameterCount()];
    enc.initialise(params, 1);
    int[][] groups = {{0, 1, 2}, {3}, {4, 5}};
    ContrastiveTrainable t = new ContrastiveTrainable(enc, params, TestArrays.random(12 * 5, 2), groups, GROUPS, 0.1, 8,
        new JavaGemm());
    assertEquals(5, t.trainingExamples());
    double v = t.validate();
    assertTrue(Double.isFinite(v) && v > 0);
    assertEquals(v, t.validate());
    assertNotEquals(t.gradient(new int[] {0, 1, 3, 4}, new float[params.length], 1), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new ContrastiveTrainable(enc, params, TestArrays.random(60, 2), groups,
        groups, 0, 8, new JavaGemm()));
  }
}

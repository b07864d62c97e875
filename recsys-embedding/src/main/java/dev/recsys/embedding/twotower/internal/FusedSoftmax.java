package dev.recsys.embedding.twotower.internal;

/**
 * The in-batch sampled softmax of {@link Losses#sampledSoftmax} computed in one pass per block of rows: the
 * block's logits ({@link SoftmaxKernel#logits}), its softmax (one {@code exp} per logit) and its rows of the
 * queries' gradient ({@link SoftmaxKernel#gradQueries}); then the candidates' gradient
 * ({@link SoftmaxKernel#gradCandidates}) by blocks of columns. Blocks run in parallel, each writing its own rows or
 * columns, and the loss is summed over rows in row order afterwards, so the result does not depend on the number
 * of parts.
 */
final class FusedSoftmax {
  private FusedSoftmax() {}

  /**
   * Same objective and masking as {@link Losses#sampledSoftmax}; {@code dU} and {@code dV} are overwritten.
   *
   * @param kernel the product kernel
   * @param parts number of parallel parts, at least 1
   * @return the mean loss
   */
  static double sampledSoftmax(SoftmaxKernel kernel, int parts, float[] u, float[] v, int n, int d, int[] keys,
      float[] logQ, float t, boolean hardWeight, float[] dU, float[] dV) {
    float[] vt = Tower.transpose(v, n, d);
    float[] s = new float[n * n];
    double[] rowLoss = new double[n];
    java.util.Arrays.fill(dU, 0, n * d, 0f);
    Parts.run(parts, p -> {
      int x0 = Parts.start(n, parts, p);
      int x1 = Parts.start(n, parts, p + 1);
      if (x0 == x1) {
        return;
      }
      kernel.logits(u, x0, x1, d, vt, n, 0, n, s);
      double[] logits = new double[n];
      double[] weight = new double[n];
      for (int i = x0; i < x1; i++) {
        rowLoss[i] = softmaxRow(s, i, n, keys, logQ, t, hardWeight, logits, weight);
      }
      kernel.gradQueries(s, x0, x1, n, v, d, dU);
    });
    float[] dvt = new float[d * n];
    Parts.run(parts, p -> {
      int y0 = Parts.start(n, parts, p);
      int y1 = Parts.start(n, parts, p + 1);
      if (y0 < y1) {
        kernel.gradCandidates(u, n, d, s, n, y0, y1, dvt);
      }
    });
    for (int y = 0; y < n; y++) {
      for (int k = 0; k < d; k++) {
        dV[y * d + k] = dvt[k * n + y];
      }
    }
    double loss = 0;
    for (double l : rowLoss) {
      loss += l;
    }
    return loss / n;
  }

  /**
   * Replaces row {@code i} of the scores {@code s} by the gradient of the row's loss with respect to them and
   * returns the row's loss.
   */
  private static double softmaxRow(float[] s, int i, int n, int[] keys, float[] logQ, float t, boolean hardWeight,
      double[] logits, double[] weight) {
    int row = i * n;
    double max = Double.NEGATIVE_INFINITY;
    int hardest = -1;
    for (int j = 0; j < n; j++) {
      if (j != i && keys[j] == keys[i]) {
        weight[j] = 0;
        continue;
      }
      logits[j] = s[row + j] / t - (logQ == null ? 0 : logQ[j]);
      weight[j] = 1;
      if (j != i && (hardest < 0 || logits[j] > logits[hardest])) {
        hardest = j;
      }
      max = Math.max(max, logits[j]);
    }
    if (hardWeight && hardest >= 0) {
      weight[hardest] = 2;
    }
    double z = 0;
    for (int j = 0; j < n; j++) {
      if (weight[j] > 0) {
        logits[j] = weight[j] * Math.exp(logits[j] - max); // from here on: the unnormalised weight of j
        z += logits[j];
      }
    }
    double loss = max + Math.log(z) - (s[row + i] / t - (logQ == null ? 0 : logQ[i]));
    double scale = 1.0 / (n * (double) t);
    for (int j = 0; j < n; j++) {
      double p = weight[j] > 0 ? logits[j] / z : 0;
      s[row + j] = (float) ((p - (j == i ? 1 : 0)) * scale);
    }
    return loss;
  }
}

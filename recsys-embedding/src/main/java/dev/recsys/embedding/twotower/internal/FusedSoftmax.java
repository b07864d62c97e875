package dev.recsys.embedding.twotower.internal;

/**
 * The in-batch sampled softmax of {@link Losses#sampledSoftmax} computed in one pass per block of rows: the
 * block's logits ({@link SoftmaxKernel#logits}), its softmax (one {@code exp} per logit) and its rows of the
 * queries' gradient ({@link SoftmaxKernel#gradQueries}); then the candidates' gradient
 * ({@link SoftmaxKernel#gradCandidates}). Blocks of rows may run in parallel, each writing its own rows, and the
 * loss is summed over rows in row order afterwards, so the result does not depend on the number of parts.
 */
final class FusedSoftmax {
  private final SoftmaxKernel kernel;
  private final float[] u;
  private final float[] v;
  private final float[] vt;
  private final int n;
  private final int d;
  private final int[] keys;
  private final float[] logQ;
  private final float t;
  private final boolean hardWeight;
  /** The scores, replaced row by row by their gradient. */
  private final float[] s;
  private final double[] rowLoss;

  /**
   * One batch's softmax, same objective and masking as {@link Losses#sampledSoftmax}; nothing is computed yet.
   *
   * @param kernel the product kernel
   */
  FusedSoftmax(SoftmaxKernel kernel, float[] u, float[] v, int n, int d, int[] keys, float[] logQ, float t,
      boolean hardWeight) {
    this.kernel = kernel;
    this.u = u;
    this.v = v;
    this.vt = Tower.transpose(v, n, d);
    this.n = n;
    this.d = d;
    this.keys = keys;
    this.logQ = logQ;
    this.t = t;
    this.hardWeight = hardWeight;
    this.s = new float[n * n];
    this.rowLoss = new double[n];
  }

  /**
   * Computes the logits, softmax and loss of rows {@code [x0, x1)} and writes those rows of the queries' gradient
   * ({@code dU}, overwritten there). Blocks of rows may run in parallel.
   */
  void rows(int x0, int x1, float[] dU) {
    if (x0 == x1) {
      return;
    }
    kernel.logits(u, x0, x1, d, vt, n, 0, n, s);
    double[] logits = new double[n];
    double[] weight = new double[n];
    for (int i = x0; i < x1; i++) {
      rowLoss[i] = softmaxRow(s, i, n, keys, logQ, t, hardWeight, logits, weight);
    }
    java.util.Arrays.fill(dU, x0 * d, x1 * d, 0f);
    kernel.gradQueries(s, x0, x1, n, v, d, dU);
  }

  /** The candidates' gradient ({@code dV}, overwritten), once every row is done. */
  void candidates(float[] dV) {
    float[] dvt = new float[d * n];
    kernel.gradCandidates(u, n, d, s, n, 0, n, dvt);
    for (int y = 0; y < n; y++) {
      for (int k = 0; k < d; k++) {
        dV[y * d + k] = dvt[k * n + y];
      }
    }
  }

  /** The mean loss, once every row is done (summed in row order). */
  double loss() {
    double loss = 0;
    for (double l : rowLoss) {
      loss += l;
    }
    return loss / n;
  }

  /**
   * The whole computation: rows in {@code parts} parallel blocks, then the candidates' gradient.
   *
   * @param kernel the product kernel
   * @param parts number of parallel parts, at least 1
   * @return the mean loss
   */
  static double sampledSoftmax(SoftmaxKernel kernel, int parts, float[] u, float[] v, int n, int d, int[] keys,
      float[] logQ, float t, boolean hardWeight, float[] dU, float[] dV) {
    FusedSoftmax f = new FusedSoftmax(kernel, u, v, n, d, keys, logQ, t, hardWeight);
    Parts.run(parts, p -> f.rows(Parts.start(n, parts, p), Parts.start(n, parts, p + 1), dU));
    f.candidates(dV);
    return f.loss();
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

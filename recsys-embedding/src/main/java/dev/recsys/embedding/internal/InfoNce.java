package dev.recsys.embedding.internal;

import dev.recsys.embedding.twotower.internal.Losses;
import java.util.Arrays;

/**
 * The in-batch contrastive loss of an encoder over pairs of views: rows {@code 0..n-1} of the input are the anchors,
 * rows {@code n..2n-1} their positives; each anchor's positive competes with the other positives of the batch
 * (softmax over cosine similarities divided by the temperature; pairs with the same key are masked). Outputs are
 * L2-normalised; the gradient flows back through the normalisation and the encoder.
 */
public final class InfoNce {
  private InfoNce() {}

  /**
   * The mean loss over the {@code n} anchors and, when {@code grad} is not null, its gradient with respect to the
   * encoder's parameters (overwritten).
   *
   * @param encoder the encoder
   * @param params its parameters
   * @param x {@code 2n} input rows: anchors, then positives
   * @param n anchors, at least 2
   * @param keys per anchor, a key; anchors sharing a key do not count as each other's negatives
   * @param temperature softmax temperature
   * @param gemm the matrix product kernel
   * @param ws a workspace for at least {@code 2n} rows
   * @param grad the gradient (length {@code encoder.parameterCount()}), or null
   */
  public static double lossAndGradient(Mlp encoder, float[] params, float[] x, int n, int[] keys, float temperature,
      Gemm gemm, Mlp.Workspace ws, float[] grad) {
    int dim = encoder.width(encoder.layers());
    int rows = 2 * n;
    float[] z = encoder.forwardBatch(params, x, rows, gemm, ws);
    float[] e = new float[rows * dim];
    float[] norm = new float[rows];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < dim; j++) {
        s += (double) z[i * dim + j] * z[i * dim + j];
      }
      norm[i] = (float) Math.max(Math.sqrt(s), 1e-8);
      for (int j = 0; j < dim; j++) {
        e[i * dim + j] = z[i * dim + j] / norm[i];
      }
    }
    float[] u = Arrays.copyOfRange(e, 0, n * dim);
    float[] v = Arrays.copyOfRange(e, n * dim, rows * dim);
    float[] du = new float[n * dim];
    float[] dv = new float[n * dim];
    double loss = Losses.sampledSoftmax(u, v, n, dim, keys, null, temperature, false, du, dv);
    if (grad == null) {
      return loss;
    }
    float[] delta = encoder.outputDelta(ws);
    for (int i = 0; i < rows; i++) {
      float[] g = i < n ? du : dv;
      int o = (i < n ? i : i - n) * dim;
      double dot = 0;
      for (int j = 0; j < dim; j++) {
        dot += (double) g[o + j] * e[i * dim + j];
      }
      for (int j = 0; j < dim; j++) {
        delta[i * dim + j] = (float) ((g[o + j] - dot * e[i * dim + j]) / norm[i]);
      }
    }
    encoder.backward(params, rows, grad, gemm, ws);
    return loss;
  }
}

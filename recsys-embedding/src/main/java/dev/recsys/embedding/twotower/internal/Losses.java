package dev.recsys.embedding.twotower.internal;

import dev.recsys.embedding.internal.JavaGemm;
import java.util.SplittableRandom;

/**
 * In-batch losses over L2-normalised query embeddings {@code U} and item embeddings {@code V} (both
 * {@code n x d} row-major; pair {@code i} is (U_i, V_i)). Each returns the mean loss and writes its gradients with
 * respect to U and V.
 */
public final class Losses {
  private Losses() {}

  /** Scores S = U V^T (n x n). */
  private static float[] scores(float[] u, float[] v, int n, int d) {
    float[] s = new float[n * n];
    new JavaGemm().multiply(false, false, n, n, d, u, 0, Tower.transpose(v, n, d), 0, s, 0, false);
    return s;
  }

  /**
   * In-batch sampled softmax: logits {@code S_ij / t - logQ_j}; items with the key of the positive (other than
   * the positive itself) are masked out. With {@code hardWeight}, the hardest negative's logit counts twice (it
   * is added once more to the partition function).
   */
  public static double sampledSoftmax(float[] u, float[] v, int n, int d, int[] keys, float[] logQ, float t,
      boolean hardWeight, float[] dU, float[] dV) {
    float[] s = scores(u, v, n, d);
    float[] ds = new float[n * n];
    double loss = 0;
    double[] logits = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      int hardest = -1;
      for (int j = 0; j < n; j++) {
        if (j != i && keys[j] == keys[i]) {
          logits[j] = Double.NEGATIVE_INFINITY;
          weight[j] = 0;
          continue;
        }
        logits[j] = s[i * n + j] / t - (logQ == null ? 0 : logQ[j]);
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
          z += weight[j] * Math.exp(logits[j] - max);
        }
      }
      double logZ = max + Math.log(z);
      loss += logZ - logits[i];
      for (int j = 0; j < n; j++) {
        double p = weight[j] > 0 ? weight[j] * Math.exp(logits[j] - logZ) : 0;
        double g = (p - (j == i ? 1 : 0)) / n;
        ds[i * n + j] = (float) (g / t);
      }
    }
    JavaGemm g = new JavaGemm();
    g.multiply(false, false, n, d, n, ds, 0, v, 0, dU, 0, false);
    g.multiply(true, false, n, d, n, ds, 0, u, 0, dV, 0, false);
    return loss / n;
  }

  /**
   * Triplet loss {@code max(0, margin - S_ii + S_ij)} with one negative j per query: the highest-scoring item of
   * another key ({@code hard}) or a random one.
   */
  static double triplet(float[] u, float[] v, int n, int d, int[] keys, float margin, boolean hard,
      SplittableRandom rnd, float[] dU, float[] dV) {
    float[] s = scores(u, v, n, d);
    float[] ds = new float[n * n];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      int neg = -1;
      if (hard) {
        for (int j = 0; j < n; j++) {
          if (keys[j] != keys[i] && (neg < 0 || s[i * n + j] > s[i * n + neg])) {
            neg = j;
          }
        }
      } else {
        int eligible = 0;
        for (int j = 0; j < n; j++) {
          if (keys[j] != keys[i]) {
            eligible++;
          }
        }
        if (eligible > 0) {
          int pick = rnd.nextInt(eligible);
          for (int j = 0; j < n; j++) {
            if (keys[j] != keys[i] && pick-- == 0) {
              neg = j;
              break;
            }
          }
        }
      }
      if (neg < 0) {
        continue;
      }
      double l = margin - s[i * n + i] + s[i * n + neg];
      if (l > 0) {
        loss += l;
        ds[i * n + i] -= 1f / n;
        ds[i * n + neg] += 1f / n;
      }
    }
    JavaGemm g = new JavaGemm();
    g.multiply(false, false, n, d, n, ds, 0, v, 0, dU, 0, false);
    g.multiply(true, false, n, d, n, ds, 0, u, 0, dV, 0, false);
    return loss / n;
  }
}

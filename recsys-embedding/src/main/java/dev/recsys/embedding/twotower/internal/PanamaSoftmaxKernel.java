package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.kernels.PanamaTiles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link SoftmaxKernel}: register tiles ({@link PanamaTiles}) of four rows (or four components) times one vector of
 * lanes, each lane an independent fused multiply-add chain in the same order as the scalar kernel; a partial last
 * vector of columns runs masked. Loaded
 * reflectively by {@link SoftmaxKernel#get()}.
 */
final class PanamaSoftmaxKernel extends SoftmaxKernel {
  private static final VectorSpecies<Float> S = PanamaTiles.SPECIES;
  private static final int L = PanamaTiles.LANES;

  /** For reflective loading. */
  PanamaSoftmaxKernel() {}

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public void logits(float[] u, int x0, int x1, int d, float[] vt, int c, int y0, int y1, float[] out) {
    // out[x * c + y] += sum_k u[x * d + k] * vt[k * c + y]: four query rows per tile, the last vector masked
    int x = x0;
    for (; x + 4 <= x1; x += 4) {
      for (int y = y0; y < y1; y += L) {
        VectorMask<Float> m = y + L <= y1 ? null : S.indexInRange(y, y1);
        PanamaTiles.fourByOne(u, x * d, d, 1, vt, y, c, d, out, x * c + y, c, out, x * c + y, c, m);
      }
    }
    for (; x < x1; x++) {
      for (int y = y0; y < y1; y += L) {
        VectorMask<Float> m = y + L <= y1 ? null : S.indexInRange(y, y1);
        PanamaTiles.oneByOne(u, x * d, 1, vt, y, c, d, out, x * c + y, out, x * c + y, m);
      }
    }
  }

  @Override
  public void gradCandidates(float[] u, int b, int d, float[] g, int c, int y0, int y1, float[] dvt) {
    // dvt[k * c + y] += sum_x u[x * d + k] * g[x * c + y]: four components per tile, the last vector masked
    int k = 0;
    for (; k + 4 <= d; k += 4) {
      for (int y = y0; y < y1; y += L) {
        VectorMask<Float> m = y + L <= y1 ? null : S.indexInRange(y, y1);
        PanamaTiles.fourByOne(u, k, 1, d, g, y, c, b, dvt, k * c + y, c, dvt, k * c + y, c, m);
      }
    }
    for (; k < d; k++) {
      for (int y = y0; y < y1; y += L) {
        VectorMask<Float> m = y + L <= y1 ? null : S.indexInRange(y, y1);
        PanamaTiles.oneByOne(u, k, d, g, y, c, b, dvt, k * c + y, dvt, k * c + y, m);
      }
    }
  }

  @Override
  public void gradQueries(float[] g, int x0, int x1, int c, float[] v, int d, float[] du) {
    for (int x = x0; x < x1; x++) {
      int gb = x * c;
      int ub = x * d;
      int k = 0;
      for (; k + 4 * L <= d; k += 4 * L) {
        FloatVector a0 = FloatVector.fromArray(S, du, ub + k);
        FloatVector a1 = FloatVector.fromArray(S, du, ub + k + L);
        FloatVector a2 = FloatVector.fromArray(S, du, ub + k + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, du, ub + k + 3 * L);
        for (int y = 0; y < c; y++) {
          float gy = g[gb + y];
          int vy = y * d + k;
          a0 = FloatVector.fromArray(S, v, vy).fma(FloatVector.broadcast(S, gy), a0);
          a1 = FloatVector.fromArray(S, v, vy + L).fma(FloatVector.broadcast(S, gy), a1);
          a2 = FloatVector.fromArray(S, v, vy + 2 * L).fma(FloatVector.broadcast(S, gy), a2);
          a3 = FloatVector.fromArray(S, v, vy + 3 * L).fma(FloatVector.broadcast(S, gy), a3);
        }
        a0.intoArray(du, ub + k);
        a1.intoArray(du, ub + k + L);
        a2.intoArray(du, ub + k + 2 * L);
        a3.intoArray(du, ub + k + 3 * L);
      }
      for (; k + L <= d; k += L) {
        FloatVector a = FloatVector.fromArray(S, du, ub + k);
        for (int y = 0; y < c; y++) {
          a = FloatVector.fromArray(S, v, y * d + k).fma(FloatVector.broadcast(S, g[gb + y]), a);
        }
        a.intoArray(du, ub + k);
      }
      for (; k < d; k++) {
        float acc = du[ub + k];
        for (int y = 0; y < c; y++) {
          acc = Math.fma(g[gb + y], v[y * d + k], acc);
        }
        du[ub + k] = acc;
      }
    }
  }
}

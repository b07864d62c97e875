package dev.recsys.embedding.twotower.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link SoftmaxKernel}: register tiles of four rows (or four components) times one vector of
 * lanes, each lane an independent fused multiply-add chain in the same order as the scalar kernel; a partial last
 * vector of columns runs masked. Loaded
 * reflectively by {@link SoftmaxKernel#get()}.
 */
final class PanamaSoftmaxKernel extends SoftmaxKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** For reflective loading. */
  PanamaSoftmaxKernel() {}

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public void logits(float[] u, int x0, int x1, int d, float[] vt, int c, int y0, int y1, float[] out) {
    int x = x0;
    for (; x + 4 <= x1; x += 4) {
      int o0 = x * c;
      int o1 = o0 + c;
      int o2 = o1 + c;
      int o3 = o2 + c;
      int u0 = x * d;
      int u1 = u0 + d;
      int u2 = u1 + d;
      int u3 = u2 + d;
      int y = y0;
      for (; y + L <= y1; y += L) {
        FloatVector a0 = FloatVector.fromArray(S, out, o0 + y);
        FloatVector a1 = FloatVector.fromArray(S, out, o1 + y);
        FloatVector a2 = FloatVector.fromArray(S, out, o2 + y);
        FloatVector a3 = FloatVector.fromArray(S, out, o3 + y);
        for (int k = 0; k < d; k++) {
          FloatVector w = FloatVector.fromArray(S, vt, k * c + y);
          a0 = w.fma(FloatVector.broadcast(S, u[u0 + k]), a0);
          a1 = w.fma(FloatVector.broadcast(S, u[u1 + k]), a1);
          a2 = w.fma(FloatVector.broadcast(S, u[u2 + k]), a2);
          a3 = w.fma(FloatVector.broadcast(S, u[u3 + k]), a3);
        }
        a0.intoArray(out, o0 + y);
        a1.intoArray(out, o1 + y);
        a2.intoArray(out, o2 + y);
        a3.intoArray(out, o3 + y);
      }
      if (y < y1) {
        VectorMask<Float> m = S.indexInRange(y, y1);
        FloatVector a0 = FloatVector.fromArray(S, out, o0 + y, m);
        FloatVector a1 = FloatVector.fromArray(S, out, o1 + y, m);
        FloatVector a2 = FloatVector.fromArray(S, out, o2 + y, m);
        FloatVector a3 = FloatVector.fromArray(S, out, o3 + y, m);
        for (int k = 0; k < d; k++) {
          FloatVector w = FloatVector.fromArray(S, vt, k * c + y, m);
          a0 = w.fma(FloatVector.broadcast(S, u[u0 + k]), a0);
          a1 = w.fma(FloatVector.broadcast(S, u[u1 + k]), a1);
          a2 = w.fma(FloatVector.broadcast(S, u[u2 + k]), a2);
          a3 = w.fma(FloatVector.broadcast(S, u[u3 + k]), a3);
        }
        a0.intoArray(out, o0 + y, m);
        a1.intoArray(out, o1 + y, m);
        a2.intoArray(out, o2 + y, m);
        a3.intoArray(out, o3 + y, m);
      }
    }
    for (; x < x1; x++) {
      int o = x * c;
      int ub = x * d;
      int y = y0;
      for (; y + L <= y1; y += L) {
        FloatVector a = FloatVector.fromArray(S, out, o + y);
        for (int k = 0; k < d; k++) {
          a = FloatVector.fromArray(S, vt, k * c + y).fma(FloatVector.broadcast(S, u[ub + k]), a);
        }
        a.intoArray(out, o + y);
      }
      if (y < y1) {
        VectorMask<Float> m = S.indexInRange(y, y1);
        FloatVector a = FloatVector.fromArray(S, out, o + y, m);
        for (int k = 0; k < d; k++) {
          a = FloatVector.fromArray(S, vt, k * c + y, m).fma(FloatVector.broadcast(S, u[ub + k]), a);
        }
        a.intoArray(out, o + y, m);
      }
    }
  }

  @Override
  public void gradCandidates(float[] u, int b, int d, float[] g, int c, int y0, int y1, float[] dvt) {
    int k = 0;
    for (; k + 4 <= d; k += 4) {
      int r0 = k * c;
      int r1 = r0 + c;
      int r2 = r1 + c;
      int r3 = r2 + c;
      int y = y0;
      for (; y + L <= y1; y += L) {
        FloatVector a0 = FloatVector.fromArray(S, dvt, r0 + y);
        FloatVector a1 = FloatVector.fromArray(S, dvt, r1 + y);
        FloatVector a2 = FloatVector.fromArray(S, dvt, r2 + y);
        FloatVector a3 = FloatVector.fromArray(S, dvt, r3 + y);
        for (int x = 0; x < b; x++) {
          FloatVector w = FloatVector.fromArray(S, g, x * c + y);
          int ub = x * d + k;
          a0 = w.fma(FloatVector.broadcast(S, u[ub]), a0);
          a1 = w.fma(FloatVector.broadcast(S, u[ub + 1]), a1);
          a2 = w.fma(FloatVector.broadcast(S, u[ub + 2]), a2);
          a3 = w.fma(FloatVector.broadcast(S, u[ub + 3]), a3);
        }
        a0.intoArray(dvt, r0 + y);
        a1.intoArray(dvt, r1 + y);
        a2.intoArray(dvt, r2 + y);
        a3.intoArray(dvt, r3 + y);
      }
      if (y < y1) {
        VectorMask<Float> m = S.indexInRange(y, y1);
        FloatVector a0 = FloatVector.fromArray(S, dvt, r0 + y, m);
        FloatVector a1 = FloatVector.fromArray(S, dvt, r1 + y, m);
        FloatVector a2 = FloatVector.fromArray(S, dvt, r2 + y, m);
        FloatVector a3 = FloatVector.fromArray(S, dvt, r3 + y, m);
        for (int x = 0; x < b; x++) {
          FloatVector w = FloatVector.fromArray(S, g, x * c + y, m);
          int ub = x * d + k;
          a0 = w.fma(FloatVector.broadcast(S, u[ub]), a0);
          a1 = w.fma(FloatVector.broadcast(S, u[ub + 1]), a1);
          a2 = w.fma(FloatVector.broadcast(S, u[ub + 2]), a2);
          a3 = w.fma(FloatVector.broadcast(S, u[ub + 3]), a3);
        }
        a0.intoArray(dvt, r0 + y, m);
        a1.intoArray(dvt, r1 + y, m);
        a2.intoArray(dvt, r2 + y, m);
        a3.intoArray(dvt, r3 + y, m);
      }
    }
    for (; k < d; k++) {
      int r = k * c;
      int y = y0;
      for (; y + L <= y1; y += L) {
        FloatVector a = FloatVector.fromArray(S, dvt, r + y);
        for (int x = 0; x < b; x++) {
          a = FloatVector.fromArray(S, g, x * c + y).fma(FloatVector.broadcast(S, u[x * d + k]), a);
        }
        a.intoArray(dvt, r + y);
      }
      if (y < y1) {
        VectorMask<Float> m = S.indexInRange(y, y1);
        FloatVector a = FloatVector.fromArray(S, dvt, r + y, m);
        for (int x = 0; x < b; x++) {
          a = FloatVector.fromArray(S, g, x * c + y, m).fma(FloatVector.broadcast(S, u[x * d + k]), a);
        }
        a.intoArray(dvt, r + y, m);
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

package dev.recsys.embedding.internal;

import dev.recsys.core.kernels.Activations;
import dev.recsys.core.kernels.PanamaTiles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link DenseKernel}. {@link #layer}: {@link PanamaTiles} of four rows times two vectors of outputs (eight
 * accumulators of 16 floats with AVX-512); per input, two weight vectors are loaded and four input values broadcast,
 * so a weight is loaded once for four rows instead of once per row and the loop is bound by arithmetic, not loads.
 * Leftover outputs take one vector, then a scalar loop; leftover rows one row at a time. Every product is fused
 * with its sum ({@code fma}), as in the scalar kernel. {@link #tanh}: the float rational approximation of
 * {@link Activations#tanh} on the float species, the two cut-offs blended in. Loaded reflectively by {@link DenseKernel}.
 */
final class PanamaDenseKernel extends DenseKernel {
  private static final VectorSpecies<Float> F = PanamaTiles.SPECIES;
  private static final int L = PanamaTiles.LANES;

  @Override
  public String name() {
    return "panama-" + F.vectorBitSize();
  }

  @Override
  public void layer(float[] params, int wOff, int bOff, int k, int n, float[] in, int inOff, int inStride, int rows,
      float[] dst, int dOff, int dStride) {
    int r = 0;
    for (; r + BLOCK_ROWS <= rows; r += BLOCK_ROWS) {
      int x0 = inOff + r * inStride;
      int x1 = x0 + inStride;
      int x2 = x1 + inStride;
      int x3 = x2 + inStride;
      int d0 = dOff + r * dStride;
      int d1 = d0 + dStride;
      int d2 = d1 + dStride;
      int d3 = d2 + dStride;
      int j = 0;
      // every row starts from the bias (init row distance 0); weights of input p are the row at wOff + p * n
      for (; j + 2 * L <= n; j += 2 * L) {
        PanamaTiles.fourByTwo(in, x0, inStride, 1, params, wOff + j, n, k, params, bOff + j, 0, dst, d0 + j, dStride);
      }
      for (; j + L <= n; j += L) {
        PanamaTiles.fourByOne(in, x0, inStride, 1, params, wOff + j, n, k, params, bOff + j, 0, dst, d0 + j, dStride);
      }
      for (; j < n; j++) {
        dst[d0 + j] = dot(params, wOff, bOff, k, n, j, in, x0);
        dst[d1 + j] = dot(params, wOff, bOff, k, n, j, in, x1);
        dst[d2 + j] = dot(params, wOff, bOff, k, n, j, in, x2);
        dst[d3 + j] = dot(params, wOff, bOff, k, n, j, in, x3);
      }
    }
    for (; r < rows; r++) {
      int x = inOff + r * inStride;
      int d = dOff + r * dStride;
      int j = 0;
      for (; j + L <= n; j += L) {
        PanamaTiles.oneByOne(in, x, 1, params, wOff + j, n, k, params, bOff + j, dst, d + j);
      }
      for (; j < n; j++) {
        dst[d + j] = dot(params, wOff, bOff, k, n, j, in, x);
      }
    }
  }

  @Override
  public void tanh(float[] z, int off, int len) {
    for (int i = 0; i < len; i += L) {
      // Activations.tanh lane-wise: the same float operations in the same order, the two cut-offs blended in
      VectorMask<Float> in = F.indexInRange(i, len);
      FloatVector x = FloatVector.fromArray(F, z, off + i, in);
      FloatVector x2 = x.mul(x);
      FloatVector p = x2.fma(Activations.TANH_A13, Activations.TANH_A11);
      p = x2.fma(p, FloatVector.broadcast(F, Activations.TANH_A9));
      p = x2.fma(p, FloatVector.broadcast(F, Activations.TANH_A7));
      p = x2.fma(p, FloatVector.broadcast(F, Activations.TANH_A5));
      p = x2.fma(p, FloatVector.broadcast(F, Activations.TANH_A3));
      p = x2.fma(p, FloatVector.broadcast(F, Activations.TANH_A1));
      p = x.mul(p);
      FloatVector q = x2.fma(Activations.TANH_B6, Activations.TANH_B4);
      q = x2.fma(q, FloatVector.broadcast(F, Activations.TANH_B2));
      q = x2.fma(q, FloatVector.broadcast(F, Activations.TANH_B0));
      FloatVector y = p.div(q).min(1f).max(-1f);
      FloatVector abs = x.abs();
      FloatVector sign = FloatVector.broadcast(F, -1f).blend(1f, x.compare(VectorOperators.GT, 0f));
      y = y.blend(sign, abs.compare(VectorOperators.GE, Activations.TANH_CLAMP));
      y.blend(x, abs.compare(VectorOperators.LT, Activations.TANH_TINY)).intoArray(z, off + i, in);
    }
  }
}

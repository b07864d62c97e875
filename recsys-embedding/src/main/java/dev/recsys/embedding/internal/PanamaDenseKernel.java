package dev.recsys.embedding.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link DenseKernel}. {@link #layer}: blocks of four rows times two vectors of outputs (eight
 * accumulators of 16 floats with AVX-512); per input, two weight vectors are loaded and four input values broadcast,
 * so a weight is loaded once for four rows instead of once per row and the loop is bound by arithmetic, not loads.
 * Leftover outputs take one vector, then a scalar loop; leftover rows one row at a time. {@link #tanh}: the double
 * rational approximation of {@link Act#tanh} on the preferred double species, the float inputs widened from the
 * float species of the same lane count, the two cut-offs blended in. Loaded reflectively by {@link DenseKernel}.
 */
final class PanamaDenseKernel extends DenseKernel {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FD =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final int LD = D.length();

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
      for (; j + 2 * L <= n; j += 2 * L) {
        FloatVector a00 = FloatVector.fromArray(F, params, bOff + j);
        FloatVector a01 = FloatVector.fromArray(F, params, bOff + j + L);
        FloatVector a10 = a00;
        FloatVector a11 = a01;
        FloatVector a20 = a00;
        FloatVector a21 = a01;
        FloatVector a30 = a00;
        FloatVector a31 = a01;
        for (int p = 0, wp = wOff + j; p < k; p++, wp += n) {
          FloatVector w0 = FloatVector.fromArray(F, params, wp);
          FloatVector w1 = FloatVector.fromArray(F, params, wp + L);
          float v0 = in[x0 + p];
          float v1 = in[x1 + p];
          float v2 = in[x2 + p];
          float v3 = in[x3 + p];
          a00 = a00.add(w0.mul(v0));
          a01 = a01.add(w1.mul(v0));
          a10 = a10.add(w0.mul(v1));
          a11 = a11.add(w1.mul(v1));
          a20 = a20.add(w0.mul(v2));
          a21 = a21.add(w1.mul(v2));
          a30 = a30.add(w0.mul(v3));
          a31 = a31.add(w1.mul(v3));
        }
        a00.intoArray(dst, d0 + j);
        a01.intoArray(dst, d0 + j + L);
        a10.intoArray(dst, d1 + j);
        a11.intoArray(dst, d1 + j + L);
        a20.intoArray(dst, d2 + j);
        a21.intoArray(dst, d2 + j + L);
        a30.intoArray(dst, d3 + j);
        a31.intoArray(dst, d3 + j + L);
      }
      for (; j + L <= n; j += L) {
        FloatVector a0 = FloatVector.fromArray(F, params, bOff + j);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int p = 0, wp = wOff + j; p < k; p++, wp += n) {
          FloatVector w = FloatVector.fromArray(F, params, wp);
          a0 = a0.add(w.mul(in[x0 + p]));
          a1 = a1.add(w.mul(in[x1 + p]));
          a2 = a2.add(w.mul(in[x2 + p]));
          a3 = a3.add(w.mul(in[x3 + p]));
        }
        a0.intoArray(dst, d0 + j);
        a1.intoArray(dst, d1 + j);
        a2.intoArray(dst, d2 + j);
        a3.intoArray(dst, d3 + j);
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
        FloatVector a = FloatVector.fromArray(F, params, bOff + j);
        for (int p = 0, wp = wOff + j; p < k; p++, wp += n) {
          a = a.add(FloatVector.fromArray(F, params, wp).mul(in[x + p]));
        }
        a.intoArray(dst, d + j);
      }
      for (; j < n; j++) {
        dst[d + j] = dot(params, wOff, bOff, k, n, j, in, x);
      }
    }
  }

  @Override
  public void tanh(float[] z, int off, int len) {
    for (int i = 0; i < len; i += LD) {
      VectorMask<Float> in = FD.indexInRange(i, len);
      FloatVector zf = FloatVector.fromArray(FD, z, off + i, in);
      DoubleVector x = (DoubleVector) zf.convertShape(VectorOperators.F2D, D, 0);
      DoubleVector x2 = x.mul(x);
      DoubleVector p = DoubleVector.broadcast(D, -2.76076847742355e-16);
      p = p.mul(x2).add(2.00018790482477e-13);
      p = p.mul(x2).sub(8.60467152213735e-11);
      p = p.mul(x2).add(5.12229709037114e-08);
      p = p.mul(x2).add(1.48572235717979e-05);
      p = p.mul(x2).add(6.37261928875436e-04);
      p = p.mul(x2).add(4.89352455891786e-03);
      p = p.mul(x);
      DoubleVector q = DoubleVector.broadcast(D, 1.19825839466702e-06);
      q = q.mul(x2).add(1.18534705686654e-04);
      q = q.mul(x2).add(2.26843463243900e-03);
      q = q.mul(x2).add(4.89352518554385e-03);
      DoubleVector t = p.div(q).min(1.0).max(-1.0);
      FloatVector y = (FloatVector) t.convertShape(VectorOperators.D2F, FD, 0);
      FloatVector abs = zf.abs();
      FloatVector sign = FloatVector.broadcast(FD, -1f).blend(1f, zf.compare(VectorOperators.GT, 0f));
      y = y.blend(sign, abs.compare(VectorOperators.GE, Act.TANH_CLAMP));
      y = y.blend(zf, abs.compare(VectorOperators.LT, 0.0004f));
      y.intoArray(z, off + i, in);
    }
  }
}

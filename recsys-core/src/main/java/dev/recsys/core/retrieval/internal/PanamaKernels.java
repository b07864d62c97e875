package dev.recsys.core.retrieval.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating JDK Vector API with the preferred species of the CPU (512 bits with AVX-512) and
 * fused multiply-add; a scalar tail handles dimensions that are not a multiple of the lane count. Loaded
 * reflectively by {@link VectorKernels} only when {@code jdk.incubator.vector} is resolved.
 */
final class PanamaKernels extends VectorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  @Override
  public String name() {
    return "panama-" + SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      for (; i + LANES < bound; i += 2 * LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOff + i + LANES), acc1);
      }
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOff, float[] b, int bOff, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, a, aOff + i).sub(FloatVector.fromArray(SPECIES, b, bOff + i));
        acc = d.fma(d, acc);
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum += d * d;
    }
    return sum;
  }

  /** Four rows at a time: each query chunk is loaded once for four rows, and the four sums run independently. */
  @Override
  public void dotRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    int bound = SPECIES.loopBound(dim);
    if (bound == 0) {
      super.dotRows(q, data, from, to, dim, out);
      return;
    }
    int r = from;
    int o = 0;
    for (; r + 3 < to; r += 4, o += 4) {
      int o0 = r * dim;
      int o1 = o0 + dim;
      int o2 = o1 + dim;
      int o3 = o2 + dim;
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      for (int i = 0; i < bound; i += LANES) {
        FloatVector qv = FloatVector.fromArray(SPECIES, q, i);
        a0 = qv.fma(FloatVector.fromArray(SPECIES, data, o0 + i), a0);
        a1 = qv.fma(FloatVector.fromArray(SPECIES, data, o1 + i), a1);
        a2 = qv.fma(FloatVector.fromArray(SPECIES, data, o2 + i), a2);
        a3 = qv.fma(FloatVector.fromArray(SPECIES, data, o3 + i), a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < dim; i++) {
        float qi = q[i];
        s0 += qi * data[o0 + i];
        s1 += qi * data[o1 + i];
        s2 += qi * data[o2 + i];
        s3 += qi * data[o3 + i];
      }
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
    }
    for (; r < to; r++, o++) {
      out[o] = dot(q, 0, data, r * dim, dim);
    }
  }
}

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
}

package dev.recsys.core.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class AxpyKernelTest {
  @Property(tries = 50)
  void simdAndScalarAxpyAgreeBitForBitAndMatchTheDefinition(@ForAll @IntRange(min = 0, max = 70) int dim,
      @ForAll @IntRange(min = 0, max = 5) int offset, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float alpha = (float) r.nextGaussian();
    float[] x = new float[dim + offset];
    float[] y = new float[dim + offset + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    float[] expected = y.clone();
    for (int i = 0; i < dim; i++) {
      expected[offset + 3 + i] = Math.fma(alpha, x[offset + i], y[offset + 3 + i]);
    }
    float[] scalar = y.clone();
    VectorKernels.scalar().axpy(alpha, x, offset, scalar, offset + 3, dim);
    assertArrayEquals(expected, scalar);
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = y.clone();
      simd.axpy(alpha, x, offset, v, offset + 3, dim);
      assertArrayEquals(expected, v, "SIMD " + simd.name());
    }
    assertEquals(y[0], scalar[0], "components before the offset are untouched");
  }
}

package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.kernels.Activations;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Both dense kernels give the same bits, and a row gives the same bits alone and inside any block of rows. */
class DenseKernelTest {
  private static List<DenseKernel> kernels() {
    List<DenseKernel> ks = new ArrayList<>(List.of(DenseKernel.scalar()));
    if (DenseKernel.simdOrNull() != null) {
      ks.add(DenseKernel.simdOrNull());
    }
    return ks;
  }

  private static float[] gaussian(SplittableRandom r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }

  @Property(tries = 60)
  void aRowHasTheSameBitsAloneAndInABlockWithEitherKernel(@ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 1, max = 80) int n, @ForAll @IntRange(min = 1, max = 11) int rows,
      @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] params = gaussian(r, 3 + k * n + n, 0.5); // weights at 3, biases after them
    float[] in = gaussian(r, rows * (k + 2), 1.0); // stride k + 2
    float[] expected = null;
    for (DenseKernel kernel : kernels()) {
      float[] block = new float[rows * (n + 1)];
      kernel.layer(params, 3, 3 + k * n, k, n, in, 0, k + 2, rows, block, 0, n + 1);
      for (int row = 0; row < rows; row++) {
        float[] alone = new float[n];
        kernel.layer(params, 3, 3 + k * n, k, n, in, row * (k + 2), 0, 1, alone, 0, 0);
        for (int j = 0; j < n; j++) {
          assertEquals(Float.floatToRawIntBits(alone[j]), Float.floatToRawIntBits(block[row * (n + 1) + j]),
              kernel.name() + " row " + row + " output " + j);
        }
      }
      if (expected == null) {
        expected = block;
      } else {
        assertArrayEquals(expected, block, kernel.name() + " differs from the scalar kernel");
      }
    }
  }

  @Property(tries = 60)
  void tanhHasTheBitsOfActTanh(@ForAll @IntRange(min = 0, max = 50) int len, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] z = gaussian(r, len + 3, 4.0);
    float[] special = {0f, -0f, 0.0003f, -0.0004f, 0.0004f, Activations.TANH_CLAMP, -Activations.TANH_CLAMP, 7.9f, 100f, Float.NaN};
    for (int i = 0; i < Math.min(special.length, len); i++) {
      z[1 + i * len / special.length] = special[i];
    }
    for (DenseKernel kernel : kernels()) {
      float[] y = z.clone();
      kernel.tanh(y, 1, len);
      for (int i = 0; i < z.length; i++) {
        float want = i >= 1 && i <= len ? Activations.tanh(z[i]) : z[i];
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(y[i]), kernel.name() + " at " + z[i]);
      }
    }
  }

  @Test
  void theVectorKernelIsTheDefaultWhenTheModuleIsResolved() {
    if (DenseKernel.simdOrNull() != null) {
      assertEquals(DenseKernel.simdOrNull(), DenseKernel.get());
    }
  }

  @Test
  void theVectorKernelLoadsExactlyWhenTheModuleIsResolved() {
    assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), DenseKernel.simdOrNull() != null);
    assertEquals(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        dev.recsys.embedding.twotower.internal.SoftmaxKernel.simdOrNull() != null);
  }
}

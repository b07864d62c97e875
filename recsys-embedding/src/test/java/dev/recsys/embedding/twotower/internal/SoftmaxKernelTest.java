package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SoftmaxKernelTest {
  private static float[] random(int n, SplittableRandom r) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return a;
  }

  @Property(tries = 30)
  void simdIsBitIdenticalToScalar(@ForAll @IntRange(min = 1, max = 9) int b, @ForAll @IntRange(min = 1, max = 70) int d,
      @ForAll @IntRange(min = 1, max = 90) int c, @ForAll long seed) {
    SoftmaxKernel simd = SoftmaxKernel.simdOrNull();
    assumeTrue(simd != null, "jdk.incubator.vector not resolved");
    SoftmaxKernel scalar = SoftmaxKernel.scalar();
    SplittableRandom r = new SplittableRandom(seed);
    float[] u = random(b * d, r);
    float[] vt = random(d * c, r);
    float[] v = random(c * d, r);
    float[] g = random(b * c, r);
    float[] o1 = random(b * c, r);
    float[] o2 = o1.clone();
    int y0 = c / 3;
    simd.logits(u, 0, b, d, vt, c, y0, c, o1);
    scalar.logits(u, 0, b, d, vt, c, y0, c, o2);
    assertArrayEquals(o2, o1);
    float[] dv1 = new float[d * c];
    float[] dv2 = new float[d * c];
    simd.gradCandidates(u, b, d, g, c, y0, c, dv1);
    scalar.gradCandidates(u, b, d, g, c, y0, c, dv2);
    assertArrayEquals(dv2, dv1);
    float[] du1 = new float[b * d];
    float[] du2 = new float[b * d];
    simd.gradQueries(g, 0, b, c, v, d, du1);
    scalar.gradQueries(g, 0, b, c, v, d, du2);
    assertArrayEquals(du2, du1);
  }
}

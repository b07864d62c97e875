package dev.recsys.core.kernels;

/**
 * Plain-loop kernels. The dot product is the simple one-accumulator loop: on JDK 25 the JIT vectorises its
 * multiplications, and it measured faster than a hand-unrolled four-accumulator version (ScanBenchmark).
 */
final class ScalarKernels extends VectorKernels {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int dim) {
    float s = 0;
    for (int i = 0; i < dim; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public float squareDistance(float[] a, int aOff, float[] b, int bOff, int dim) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < dim; i += 4) {
      float d0 = a[aOff + i] - b[bOff + i];
      float d1 = a[aOff + i + 1] - b[bOff + i + 1];
      float d2 = a[aOff + i + 2] - b[bOff + i + 2];
      float d3 = a[aOff + i + 3] - b[bOff + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < dim; i++) {
      float d = a[aOff + i] - b[bOff + i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }
}

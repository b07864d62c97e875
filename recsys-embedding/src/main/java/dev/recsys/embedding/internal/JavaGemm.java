package dev.recsys.embedding.internal;

import java.util.Arrays;

/**
 * {@link Gemm} in plain Java: loop orders chosen so the innermost loop runs over contiguous memory (the JIT
 * vectorises it). Single-threaded; fastest for the small layers of the autoencoder.
 */
public final class JavaGemm implements Gemm {
  @Override
  public void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
      float[] c, int cOff, boolean accumulate) {
    if (!accumulate) {
      Arrays.fill(c, cOff, cOff + m * n, 0f);
    }
    if (!transB) {
      if (!transA) {
        for (int i = 0; i < m; i++) {
          int ci = cOff + i * n;
          int ai = aOff + i * k;
          for (int p = 0; p < k; p++) {
            float av = a[ai + p];
            int bp = bOff + p * n;
            for (int j = 0; j < n; j++) {
              c[ci + j] += av * b[bp + j];
            }
          }
        }
      } else {
        for (int p = 0; p < k; p++) {
          int ap = aOff + p * m;
          int bp = bOff + p * n;
          for (int i = 0; i < m; i++) {
            float av = a[ap + i];
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
              c[ci + j] += av * b[bp + j];
            }
          }
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * n;
        for (int j = 0; j < n; j++) {
          int bj = bOff + j * k;
          float s = 0f;
          if (!transA) {
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
              s += a[ai + p] * b[bj + p];
            }
          } else {
            for (int p = 0; p < k; p++) {
              s += a[aOff + p * m + i] * b[bj + p];
            }
          }
          c[ci + j] += s;
        }
      }
    }
  }
}

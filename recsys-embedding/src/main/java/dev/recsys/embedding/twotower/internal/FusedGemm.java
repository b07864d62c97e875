package dev.recsys.embedding.twotower.internal;

import dev.recsys.embedding.internal.Gemm;
import java.util.Arrays;

/**
 * The {@link Gemm} of the fused two-tower kernel: {@code C = A B} runs as {@link SoftmaxKernel#logits} and
 * {@code C = A^T B} as {@link SoftmaxKernel#gradCandidates} (Vector API register tiles when the module is resolved,
 * plain loops otherwise), cut into column panels of {@value #PANEL} so that the panel of B being read stays in the
 * L2 cache when B is wide. Transposed B and offset operands are copied to contiguous arrays first.
 *
 * <p>Every element of C is one chain of fused multiply-adds over the summed index in order, so the result does not
 * depend on the vector width, the panels or whether SIMD is available. Stateless; one instance may serve several
 * threads.
 */
public final class FusedGemm implements Gemm {
  /** Columns of C per panel. */
  static final int PANEL = 512;

  private final SoftmaxKernel kernel;

  /** A GEMM on the kernel this JVM should use ({@link SoftmaxKernel#get()}). */
  public FusedGemm() {
    this(SoftmaxKernel.get());
  }

  /**
   * A GEMM on the given kernel.
   *
   * @param kernel the kernel
   */
  public FusedGemm(SoftmaxKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
      float[] c, int cOff, boolean accumulate) {
    float[] bb = transB ? Tower.transpose(Arrays.copyOfRange(b, bOff, bOff + n * k), n, k)
        : bOff == 0 ? b : Arrays.copyOfRange(b, bOff, bOff + k * n);
    float[] aa = aOff == 0 ? a : Arrays.copyOfRange(a, aOff, aOff + m * k);
    float[] cc = cOff == 0 ? c : Arrays.copyOfRange(c, cOff, cOff + m * n);
    if (!accumulate) {
      Arrays.fill(cc, 0, m * n, 0f);
    }
    for (int y0 = 0; y0 < n; y0 += PANEL) {
      int y1 = Math.min(n, y0 + PANEL);
      if (transA) {
        kernel.gradCandidates(aa, k, m, bb, n, y0, y1, cc);
      } else {
        kernel.logits(aa, 0, m, k, bb, n, y0, y1, cc);
      }
    }
    if (cc != c) {
      System.arraycopy(cc, 0, c, cOff, m * n);
    }
  }
}

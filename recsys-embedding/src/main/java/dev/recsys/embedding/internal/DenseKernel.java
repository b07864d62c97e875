package dev.recsys.embedding.internal;

import dev.recsys.core.kernels.Vectorization;
import java.lang.invoke.MethodHandles;
import dev.recsys.core.kernels.Activations;

/**
 * The inference kernels of a dense layer: {@link #layer} (bias plus input times weights for a block of rows) and
 * {@link #tanh} (the activation {@link Act#tanh}, in place).
 *
 * <p>Two implementations: {@link #scalar()} (plain loops) and a register-blocked one on the incubating JDK Vector
 * API (four rows times two vectors of outputs per step, so each weight vector loaded serves four rows), picked by
 * {@link #get()} when the {@code jdk.incubator.vector} module is resolved and {@code -Drecsys.vector.scalar=true}
 * is not set; the SIMD class is loaded reflectively, so a JVM without the module never links against it.
 *
 * <p><b>Same bits from both, for any block of rows.</b> Every output starts from its bias and adds
 * {@code in[p] * w[p][j]} for {@code p = 0, 1, ...} in order, each product fused with its sum and rounded once to
 * float ({@link Math#fma}, an IEEE operation with one correct result, so the scalar loop and every vector lane
 * agree); {@link #tanh} evaluates the float rational approximation of {@link Act#tanh} with the same fused
 * operations lane by lane. So one track embedded alone and the same track inside a batch give the same bits,
 * whatever the kernel, the vector width or the number of rows per block. On a processor without fused
 * multiply-add instructions both kernels still give these bits, through the JDK's software {@code fma}, but much
 * more slowly. Stateless and thread-safe.
 */
public abstract class DenseKernel {
  private static final DenseKernel SCALAR = new Scalar();
  private static final DenseKernel SIMD =
      Vectorization.simdOrNull(MethodHandles.lookup(),
          "dev.recsys.embedding.internal.PanamaDenseKernel", DenseKernel.class);
  private static final DenseKernel DEFAULT = Vectorization.choose(SIMD, SCALAR);

  /** Rows per block for which {@link #layer} reuses each weight vector. */
  public static final int BLOCK_ROWS = 4;

  /** For the implementations. */
  DenseKernel() {}

  /** The kernel this JVM should use: SIMD when available (unless {@code -Drecsys.vector.scalar=true}). */
  public static DenseKernel get() {
    return DEFAULT;
  }

  /** The plain-loop kernel. */
  public static DenseKernel scalar() {
    return SCALAR;
  }

  /** The Vector API kernel, or null when {@code jdk.incubator.vector} is not resolved in this JVM. */
  public static DenseKernel simdOrNull() {
    return SIMD;
  }

  /** A short name for reports ({@code "panama-512"}, {@code "scalar"}). */
  public abstract String name();

  /**
   * For {@code r < rows} and {@code j < n}: {@code dst[dOff + r * dStride + j] = b[j] + sum_p in[inOff + r * inStride
   * + p] * w[p * n + j]}, the weights {@code w} ({@code k x n}, row-major) at {@code wOff} of {@code params} and the
   * biases {@code b} at {@code bOff}.
   */
  public abstract void layer(float[] params, int wOff, int bOff, int k, int n, float[] in, int inOff, int inStride,
      int rows, float[] dst, int dOff, int dStride);

  /** {@code z[off + i] = Activations.tanh(z[off + i])} for {@code i < len}. */
  public abstract void tanh(float[] z, int off, int len);

  /** One output of {@link #layer}: the bias, then the products in input order, each fused with its sum. */
  static float dot(float[] params, int wOff, int bias, int k, int n, int j, float[] in, int x) {
    float acc = params[bias + j];
    for (int p = 0, wp = wOff + j; p < k; p++, wp += n) {
      acc = Math.fma(in[x + p], params[wp], acc);
    }
    return acc;
  }

  /** The plain-loop kernel. */
  static final class Scalar extends DenseKernel {
    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public void layer(float[] params, int wOff, int bOff, int k, int n, float[] in, int inOff, int inStride, int rows,
        float[] dst, int dOff, int dStride) {
      for (int r = 0; r < rows; r++) {
        int d = dOff + r * dStride;
        int x = inOff + r * inStride;
        System.arraycopy(params, bOff, dst, d, n);
        for (int p = 0; p < k; p++) {
          float v = in[x + p];
          int wp = wOff + p * n;
          for (int j = 0; j < n; j++) {
            dst[d + j] = Math.fma(v, params[wp + j], dst[d + j]);
          }
        }
      }
    }

    @Override
    public void tanh(float[] z, int off, int len) {
      for (int i = off, end = off + len; i < end; i++) {
        z[i] = Activations.tanh(z[i]);
      }
    }
  }
}

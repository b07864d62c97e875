package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.kernels.Vectorization;
import java.lang.invoke.MethodHandles;

/**
 * The three dense products of a softmax layer over candidate vectors, for the history two-tower model: logits
 * {@code L = U V^T}, the candidates' gradient {@code dV^T = U^T G} and the queries' gradient {@code dU = G V}.
 *
 * <p>Two implementations: {@link #scalar()} (plain loops) and a register-tiled one on the incubating JDK Vector
 * API, picked by {@link #get()} when the {@code jdk.incubator.vector} module is resolved (JVM flag
 * {@code --add-modules jdk.incubator.vector}) and {@code -Drecsys.vector.scalar=true} is not set; the SIMD class is
 * loaded reflectively, so a JVM without the module never links against it.
 *
 * <p><b>Same numbers from both.</b> Every output element is a chain of fused multiply-adds ({@link Math#fma}) in
 * a fixed order of the summed index, starting from the element's value on entry; vector lanes are independent
 * elements, so the result does not depend on the kernel, the vector width, the tiling or the thread count.
 * Stateless and thread-safe.
 */
public abstract class SoftmaxKernel {
  private static final SoftmaxKernel SCALAR = new Scalar();
  private static final SoftmaxKernel SIMD =
      Vectorization.simdOrNull(MethodHandles.lookup(),
          "dev.recsys.embedding.twotower.internal.PanamaSoftmaxKernel", SoftmaxKernel.class);
  private static final SoftmaxKernel DEFAULT = Vectorization.choose(SIMD, SCALAR);

  /** For the implementations. */
  SoftmaxKernel() {}

  /**
   * The kernel this JVM should use.
   *
   * @return SIMD when available (unless {@code -Drecsys.vector.scalar=true}), else scalar
   */
  public static SoftmaxKernel get() {
    return DEFAULT;
  }

  /**
   * The plain-loop kernel.
   *
   * @return the plain-loop kernel
   */
  public static SoftmaxKernel scalar() {
    return SCALAR;
  }

  /**
   * The Vector API kernel.
   *
   * @return the Vector API kernel, or null when {@code jdk.incubator.vector} is not resolved in this JVM
   */
  public static SoftmaxKernel simdOrNull() {
    return SIMD;
  }

  /**
   * A short name for reports.
   *
   * @return {@code "scalar"} or {@code "panama-BITS"}
   */
  public abstract String name();

  /**
   * Logits: for rows {@code x in [x0, x1)} and columns {@code y in [y0, y1)},
   * {@code out[x*c + y] = fma(u[x*d + d-1], vt[(d-1)*c + y], ... fma(u[x*d], vt[y], out[x*c + y]))}.
   *
   * @param u queries, row-major with stride {@code d}
   * @param x0 first row
   * @param x1 end row
   * @param d width
   * @param vt candidates, column-major ({@code d x c})
   * @param c number of candidates (row stride of {@code out})
   * @param y0 first column
   * @param y1 end column
   * @param out logits, accumulated into
   */
  public abstract void logits(float[] u, int x0, int x1, int d, float[] vt, int c, int y0, int y1, float[] out);

  /**
   * Candidates' gradient: for {@code k < d} and {@code y in [y0, y1)},
   * {@code dvt[k*c + y]} accumulates {@code u[x*d + k] * g[x*c + y]} over {@code x = 0 .. b-1} in order.
   *
   * @param u queries, row-major with stride {@code d}
   * @param b number of rows
   * @param d width
   * @param g logit gradients, row-major with stride {@code c}
   * @param c number of candidates
   * @param y0 first column
   * @param y1 end column
   * @param dvt gradient of the candidates, column-major, accumulated into
   */
  public abstract void gradCandidates(float[] u, int b, int d, float[] g, int c, int y0, int y1, float[] dvt);

  /**
   * Queries' gradient: for rows {@code x in [x0, x1)} and {@code k < d}, {@code du[x*d + k]} accumulates
   * {@code g[x*c + y] * v[y*d + k]} over {@code y = 0 .. c-1} in order.
   *
   * @param g logit gradients, row-major with stride {@code c}
   * @param x0 first row
   * @param x1 end row
   * @param c number of candidates
   * @param v candidates, row-major with stride {@code d}
   * @param d width
   * @param du gradient of the queries, accumulated into
   */
  public abstract void gradQueries(float[] g, int x0, int x1, int c, float[] v, int d, float[] du);

  /** Plain loops, the same fused multiply-add chains. */
  static final class Scalar extends SoftmaxKernel {
    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public void logits(float[] u, int x0, int x1, int d, float[] vt, int c, int y0, int y1, float[] out) {
      for (int x = x0; x < x1; x++) {
        for (int y = y0; y < y1; y++) {
          float acc = out[x * c + y];
          for (int k = 0; k < d; k++) {
            acc = Math.fma(u[x * d + k], vt[k * c + y], acc);
          }
          out[x * c + y] = acc;
        }
      }
    }

    @Override
    public void gradCandidates(float[] u, int b, int d, float[] g, int c, int y0, int y1, float[] dvt) {
      for (int k = 0; k < d; k++) {
        for (int y = y0; y < y1; y++) {
          float acc = dvt[k * c + y];
          for (int x = 0; x < b; x++) {
            acc = Math.fma(u[x * d + k], g[x * c + y], acc);
          }
          dvt[k * c + y] = acc;
        }
      }
    }

    @Override
    public void gradQueries(float[] g, int x0, int x1, int c, float[] v, int d, float[] du) {
      for (int x = x0; x < x1; x++) {
        for (int k = 0; k < d; k++) {
          float acc = du[x * d + k];
          for (int y = 0; y < c; y++) {
            acc = Math.fma(g[x * c + y], v[y * d + k], acc);
          }
          du[x * d + k] = acc;
        }
      }
    }
  }
}

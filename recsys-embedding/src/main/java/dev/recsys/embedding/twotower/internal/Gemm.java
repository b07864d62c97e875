package dev.recsys.embedding.twotower.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major single-precision matrix products {@code C = op(A) op(B)} (or {@code C += ...}) on plain arrays, the
 * one kernel behind the towers' forward and backward passes. Two implementations: ND4J's BLAS GEMM (copies the
 * operands off-heap and back) and a plain-Java loop; {@link #DEFAULT} picks ND4J for products large enough to
 * amortise the copies. Both are deterministic for a given input.
 */
public enum Gemm {
  /** ND4J (OpenBLAS) GEMM. */
  ND4J {
    @Override
    public void mm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
      INDArray am = transA ? Nd4j.create(a, new long[] {k, m}, 'c') : Nd4j.create(a, new long[] {m, k}, 'c');
      INDArray bm = transB ? Nd4j.create(b, new long[] {n, k}, 'c') : Nd4j.create(b, new long[] {k, n}, 'c');
      INDArray cm = accumulate ? Nd4j.create(c, new long[] {m, n}, 'c') : Nd4j.create(DataType.FLOAT, m, n);
      Nd4j.gemm(am, bm, cm, transA, transB, 1.0, accumulate ? 1.0 : 0.0);
      float[] out = cm.data().asFloat();
      System.arraycopy(out, 0, c, 0, m * n);
      am.close();
      bm.close();
      cm.close();
    }
  },
  /** Plain Java loops ordered for contiguous inner loops. */
  JAVA {
    @Override
    public void mm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate) {
      if (!accumulate) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
      }
      if (!transA && !transB) {
        for (int i = 0; i < m; i++) {
          int ci = i * n;
          for (int p = 0; p < k; p++) {
            float av = a[i * k + p];
            if (av == 0f) {
              continue;
            }
            int bp = p * n;
            for (int j = 0; j < n; j++) {
              c[ci + j] += av * b[bp + j];
            }
          }
        }
      } else if (!transA) {
        // C = A B^T: B is n x k
        for (int i = 0; i < m; i++) {
          int ai = i * k;
          for (int j = 0; j < n; j++) {
            int bj = j * k;
            float s = 0f;
            for (int p = 0; p < k; p++) {
              s += a[ai + p] * b[bj + p];
            }
            c[i * n + j] += s;
          }
        }
      } else if (!transB) {
        // C = A^T B: A is k x m, B is k x n
        for (int p = 0; p < k; p++) {
          int ap = p * m;
          int bp = p * n;
          for (int i = 0; i < m; i++) {
            float av = a[ap + i];
            if (av == 0f) {
              continue;
            }
            int ci = i * n;
            for (int j = 0; j < n; j++) {
              c[ci + j] += av * b[bp + j];
            }
          }
        }
      } else {
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
              s += a[p * m + i] * b[j * k + p];
            }
            c[i * n + j] += s;
          }
        }
      }
    }
  };

  /** The implementation the towers use. */
  public static final Gemm DEFAULT = ND4J;

  /**
   * Computes {@code C = op(A) op(B)}, or {@code C += op(A) op(B)} when {@code accumulate}.
   *
   * @param transA whether A is stored transposed (k x m instead of m x k)
   * @param transB whether B is stored transposed (n x k instead of k x n)
   * @param m rows of C
   * @param n columns of C
   * @param k the inner dimension
   */
  public abstract void mm(boolean transA, boolean transB, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate);
}

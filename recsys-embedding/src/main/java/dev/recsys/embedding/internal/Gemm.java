package dev.recsys.embedding.internal;

/**
 * Row-major single-precision matrix product {@code C = op(A) * op(B)} (or {@code C += ...}), the one kernel the
 * dense networks of this module spend their training time in. {@code op(A)} is {@code m x k}: A is stored
 * {@code m x k}, or {@code k x m} when {@code transA}; {@code op(B)} is {@code k x n}: B is stored {@code k x n}, or
 * {@code n x k} when {@code transB}; C is {@code m x n}. Offsets locate each matrix inside its array.
 *
 * <p>Implementations are deterministic (same inputs, same bits) but not thread-safe; use one per thread.
 */
public interface Gemm {
  /** Computes the product into C, adding to its contents when {@code accumulate}. */
  void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
      int cOff, boolean accumulate);

  /** The available implementations. */
  enum Kind {
    /** Plain Java loops ({@link JavaGemm}). */
    JAVA,
    /** ND4J's native BLAS ({@link Nd4jGemm}). */
    ND4J;

    /** A new instance of this implementation. */
    public Gemm create() {
      return this == JAVA ? new JavaGemm() : new Nd4jGemm();
    }
  }
}

package dev.recsys.core.retrieval.internal;

/**
 * Similarity kernels over rows of contiguous float arrays. Two implementations: {@link ScalarKernels} (plain
 * loops with independent accumulators) and {@code PanamaKernels} (the incubating JDK Vector API). {@link #get()}
 * picks the SIMD one when the {@code jdk.incubator.vector} module is resolved (JVM flag
 * {@code --add-modules jdk.incubator.vector}) and the scalar one otherwise; the SIMD class is loaded
 * reflectively, so a JVM without the module never links against it. Stateless and thread-safe.
 */
public abstract class VectorKernels {
  private static final VectorKernels SCALAR = new ScalarKernels();
  private static final VectorKernels SIMD = loadSimd();
  private static final VectorKernels DEFAULT =
      SIMD != null && !Boolean.getBoolean("recsys.vector.scalar") ? SIMD : SCALAR;

  /** For subclasses. */
  protected VectorKernels() {}

  /** The kernels this JVM should use: SIMD when available (unless {@code -Drecsys.vector.scalar=true}). */
  public static VectorKernels get() {
    return DEFAULT;
  }

  /** The plain-loop kernels. */
  public static VectorKernels scalar() {
    return SCALAR;
  }

  /** The Vector API kernels, or null when {@code jdk.incubator.vector} is not resolved in this JVM. */
  public static VectorKernels simdOrNull() {
    return SIMD;
  }

  private static VectorKernels loadSimd() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      return (VectorKernels) Class.forName("dev.recsys.core.retrieval.internal.PanamaKernels")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** A short name for reports ({@code "panama-512"}, {@code "scalar"}). */
  public abstract String name();

  /** Dot product of {@code dim} components of {@code a} from {@code aOff} and {@code b} from {@code bOff}. */
  public abstract float dot(float[] a, int aOff, float[] b, int bOff, int dim);

  /** Squared Euclidean distance of {@code dim} components. */
  public abstract float squareDistance(float[] a, int aOff, float[] b, int bOff, int dim);

  /**
   * Dot products of {@code q} with rows {@code [from, to)} of the row-major {@code data}, into
   * {@code out[0 .. to-from)}.
   */
  public void dotRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    for (int r = from, o = 0; r < to; r++, o++) {
      out[o] = dot(q, 0, data, r * dim, dim);
    }
  }

  /** Squared distances of {@code q} to rows {@code [from, to)}, into {@code out[0 .. to-from)}. */
  public void squareDistanceRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    for (int r = from, o = 0; r < to; r++, o++) {
      out[o] = squareDistance(q, 0, data, r * dim, dim);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}

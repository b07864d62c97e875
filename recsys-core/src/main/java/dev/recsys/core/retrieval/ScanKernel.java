package dev.recsys.core.retrieval;

/** Which similarity kernels an {@link ExactIndex} scans with. */
public enum ScanKernel {
  /**
   * The JDK Vector API when {@code jdk.incubator.vector} is resolved (JVM flag
   * {@code --add-modules jdk.incubator.vector}), plain loops otherwise; {@code -Drecsys.vector.scalar=true} forces
   * plain loops.
   */
  AUTO,
  /** The JDK Vector API; opening fails when the module is not resolved. */
  SIMD,
  /** Plain loops (auto-vectorised by the JIT where it can). */
  SCALAR
}

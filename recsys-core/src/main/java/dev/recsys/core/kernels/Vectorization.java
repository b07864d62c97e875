package dev.recsys.core.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How every kernel family of the SDK picks its implementation: the Vector API class when the
 * {@code jdk.incubator.vector} module is resolved in the boot layer (loaded by name, so that a JVM without the module
 * never links it and runs the scalar twin instead of failing), unless {@code -Drecsys.vector.scalar=true} asks for the
 * scalar kernels everywhere (Lucene's {@code VectorizationProvider} plays this role there).
 */
public final class Vectorization {
  private Vectorization() {}

  /** The system property that forces the scalar kernels. */
  public static final String SCALAR_PROPERTY = "recsys.vector.scalar";

  /**
   * Creates the Vector API implementation {@code className} with its no-argument constructor.
   *
   * @param <T> the kernel type
   * @param lookup a lookup of the kernel's package (the caller's {@link MethodHandles#lookup()}), which may create its
   *     package-private classes
   * @param className the implementation's binary name
   * @param type the kernel type
   * @return the implementation, or null when {@code jdk.incubator.vector} is not resolved or the class cannot be
   *     linked in this JVM
   */
  public static <T> T simdOrNull(MethodHandles.Lookup lookup, String className, Class<T> type) {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return null;
    }
    try {
      Class<?> c = lookup.findClass(className);
      return type.cast(lookup.findConstructor(c, MethodType.methodType(void.class)).invoke());
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create the vector kernel " + className, e);
    }
  }

  /**
   * The implementation a JVM should use.
   *
   * @param <T> the kernel type
   * @param simd the Vector API implementation, or null
   * @param scalar the plain-loop implementation
   * @return {@code simd} when present and the scalar kernels are not forced, else {@code scalar}
   */
  public static <T> T choose(T simd, T scalar) {
    return simd != null && !Boolean.getBoolean(SCALAR_PROPERTY) ? simd : scalar;
  }
}

package dev.recsys.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

class VectorizationTest {
  private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  @Test
  void theVectorKernelsLoadExactlyWhenTheModuleIsResolved() {
    assertEquals(VECTOR_MODULE, VectorKernels.simdOrNull() != null);
    assertEquals(VECTOR_MODULE, AllPairsKernel.simdOrNull() != null);
    if (VECTOR_MODULE && !Boolean.getBoolean(Vectorization.SCALAR_PROPERTY)) {
      assertSame(VectorKernels.simdOrNull(), VectorKernels.get());
    }
  }

  @Test
  void aClassThatCannotBeFoundOrIsNotAKernelGivesNothing() {
    assertNull(Vectorization.simdOrNull(MethodHandles.lookup(), "dev.recsys.core.kernels.NoSuchKernel", VectorKernels.class));
    assertSame("scalar", Vectorization.choose(null, "scalar"));
  }
}

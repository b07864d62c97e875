package dev.recsys.embedding.internal;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Gemm} on ND4J's native BLAS (OpenBLAS {@code sgemm}). Operands are copied into off-heap arrays cached by
 * shape, multiplied natively and copied back; the copies are linear in the operand sizes, the product is cubic, so
 * this wins for large batches and wide layers. Creates only FLOAT arrays with explicit types and shapes and never
 * touches ND4J's global defaults. Not thread-safe.
 */
public final class Nd4jGemm implements Gemm {
  private final Map<Long, INDArray> aCache = new HashMap<>();
  private final Map<Long, INDArray> bCache = new HashMap<>();
  private final Map<Long, INDArray> cCache = new HashMap<>();

  private static INDArray buffer(Map<Long, INDArray> cache, int rows, int cols) {
    long key = ((long) rows << 32) | cols;
    return cache.computeIfAbsent(key, x -> Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT,
        new long[] {rows, cols}, 'c'));
  }

  private static void load(INDArray target, float[] src, int off, int len) {
    FloatBuffer fb = target.data().asNioFloat();
    fb.put(src, off, len);
  }

  @Override
  public void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
      float[] c, int cOff, boolean accumulate) {
    INDArray ma = transA ? buffer(aCache, k, m) : buffer(aCache, m, k);
    INDArray mb = transB ? buffer(bCache, n, k) : buffer(bCache, k, n);
    INDArray mc = buffer(cCache, m, n);
    load(ma, a, aOff, m * k);
    load(mb, b, bOff, k * n);
    if (accumulate) {
      load(mc, c, cOff, m * n);
    }
    Nd4j.gemm(ma, mb, mc, transA, transB, 1.0, accumulate ? 1.0 : 0.0);
    mc.data().asNioFloat().get(c, cOff, m * n);
  }
}

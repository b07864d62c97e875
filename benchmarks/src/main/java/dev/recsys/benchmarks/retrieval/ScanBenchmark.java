package dev.recsys.benchmarks.retrieval;

import dev.recsys.core.retrieval.internal.VectorKernels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact-scan kernel throughput in dot products per second (one thread, one query against every row of a
 * contiguous row-major array): the JDK Vector API kernel, the library's scalar fallback kernel, and a plain
 * loop written inline as the baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class ScanBenchmark {
  /** Rows scanned per invocation. */
  public static final int ROWS = 100_000;

  /** Competing kernels. */
  public enum Kernel {
    /** JDK Vector API (preferred species, FMA). */
    SIMD,
    /** The library's scalar fallback kernel (called per row through the kernel interface). */
    SCALAR,
    /** A plain loop written inline in the benchmark: the baseline. */
    PLAIN_LOOP
  }

  /** The kernel measured. */
  @Param({"SIMD", "SCALAR", "PLAIN_LOOP"})
  public Kernel kernel;

  /** Vector dimension. */
  @Param({"32", "64", "128"})
  public int dim;

  private float[] data;
  private float[] query;
  private float[] out;
  private VectorKernels kernels;

  /** Generates the data. */
  @Setup(Level.Trial)
  public void setup() {
    data = BenchData.vectors(BenchData.Distribution.RANDOM, ROWS, dim, 1);
    query = BenchData.vectors(BenchData.Distribution.RANDOM, 1, dim, 2);
    out = new float[ROWS];
    kernels = switch (kernel) {
      case SIMD -> {
        VectorKernels k = VectorKernels.simdOrNull();
        if (k == null) {
          throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
        }
        yield k;
      }
      case SCALAR, PLAIN_LOOP -> VectorKernels.scalar();
    };
  }

  /** One query against every row; one operation = one dot product. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public float[] scan() {
    if (kernel == Kernel.PLAIN_LOOP) {
      int d = dim;
      for (int r = 0; r < ROWS; r++) {
        float s = 0;
        int off = r * d;
        for (int i = 0; i < d; i++) {
          s += query[i] * data[off + i];
        }
        out[r] = s;
      }
    } else {
      kernels.dotRows(query, data, 0, ROWS, dim, out);
    }
    return out;
  }
}

package dev.recsys.benchmarks.retrieval;

import dev.recsys.benchmarks.machine.Reads;
import dev.recsys.core.kernels.VectorKernels;
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
 * Exact-scan kernel throughput in dot products per second (one thread, one query against 100,000 rows of a
 * contiguous row-major array per invocation): the JDK Vector API kernel, the library's scalar fallback kernel,
 * and a plain loop written inline as the baseline. {@code READ_ONLY} is the bound: it only reads the same number
 * of bytes per row ({@link Reads#sum}, a vectorised integer sum), so its "dot products per second" is what the memory
 * hierarchy allows at that working set. {@code rows} sets the working set: 100,000 x 64 floats (25.6 MB) stays in
 * this machine's 105 MiB L3 cache, 1,000,000 x 64 (256 MB) streams from memory; each invocation scans the next
 * 100,000 rows, wrapping around.
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
    PLAIN_LOOP,
    /** Reads the rows' bytes without computing dot products: the memory-bandwidth bound. */
    READ_ONLY
  }

  /** The kernel measured. */
  @Param({"SIMD", "SCALAR", "PLAIN_LOOP", "READ_ONLY"})
  public Kernel kernel;

  /** Vector dimension. */
  @Param({"32", "64", "128"})
  public int dim;

  /** Rows in the working set (a multiple of {@link #ROWS}). */
  @Param({"100000", "1000000"})
  public int rows;

  private float[] data;
  private int[] bits;
  private int offset;
  private float[] query;
  private float[] out;
  private VectorKernels kernels;

  /** Generates the data. */
  @Setup(Level.Trial)
  public void setup() {
    if (rows % ROWS != 0) {
      throw new IllegalArgumentException("rows must be a multiple of " + ROWS + "; rows=" + rows);
    }
    data = BenchData.vectors(BenchData.Distribution.RANDOM, rows, dim, 1);
    if (kernel == Kernel.READ_ONLY) {
      bits = new int[data.length];
      for (int i = 0; i < data.length; i++) {
        bits[i] = Float.floatToRawIntBits(data[i]);
      }
      data = null;
    }
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
      case SCALAR, PLAIN_LOOP, READ_ONLY -> VectorKernels.scalar();
    };
  }

  /** One query against the next {@link #ROWS} rows; one operation = one dot product (or one row read). */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public float[] scan() {
    int from = offset;
    offset = from + ROWS == rows ? 0 : from + ROWS;
    switch (kernel) {
      case PLAIN_LOOP -> {
        int d = dim;
        for (int r = 0; r < ROWS; r++) {
          float s = 0;
          int off = (from + r) * d;
          for (int i = 0; i < d; i++) {
            s += query[i] * data[off + i];
          }
          out[r] = s;
        }
      }
      case READ_ONLY -> {
        out[0] = Reads.sum(bits, from * dim, (from + ROWS) * dim);
      }
      default -> kernels.dotRows(query, data, from, from + ROWS, dim, out);
    }
    return out;
  }
}

package dev.recsys.benchmarks.machine;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential read bandwidth of this machine, in bytes per second (one operation = one byte read): an integer
 * sum over an array with the JDK Vector API ({@link Reads#sum}), so the loop is bound by the memory hierarchy and
 * not by arithmetic. Three working sets: 1 MiB (inside a core's L2), 32 MiB (inside the shared L3)
 * and 1 GiB (main memory). Every thread reads its own array; run with {@code -t 2} for both cores. Exact-scan
 * throughput at a given working set cannot exceed this bandwidth divided by the bytes of one row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--add-modules", "jdk.incubator.vector"})
public class MemoryBandwidthBenchmark {
  /** Bytes of the L2-resident array. */
  public static final int L2_BYTES = 1 << 20;
  /** Bytes of the L3-resident array. */
  public static final int L3_BYTES = 32 << 20;
  /** Bytes of the memory-resident array. */
  public static final int DRAM_BYTES = 1 << 30;

  /** An array of the given size, one per thread. */
  abstract static class Buffer {
    int[] values;

    void fill(int bytes) {
      values = new int[bytes / Integer.BYTES];
      SplittableRandom random = new SplittableRandom(bytes);
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt();
      }
    }
  }

  /** 1 MiB per thread. */
  @State(Scope.Thread)
  public static class L2 extends Buffer {
    /** Fills the array. */
    @Setup(Level.Trial)
    public void setup() {
      fill(L2_BYTES);
    }
  }

  /** 32 MiB per thread. */
  @State(Scope.Thread)
  public static class L3 extends Buffer {
    /** Fills the array. */
    @Setup(Level.Trial)
    public void setup() {
      fill(L3_BYTES);
    }
  }

  /** 1 GiB per thread. */
  @State(Scope.Thread)
  public static class Dram extends Buffer {
    /** Fills the array. */
    @Setup(Level.Trial)
    public void setup() {
      fill(DRAM_BYTES);
    }
  }

  static int sum(int[] values) {
    return Reads.sum(values, 0, values.length);
  }

  /** Reads 1 MiB. */
  @Benchmark
  @OperationsPerInvocation(L2_BYTES)
  public int readL2(L2 buffer) {
    return sum(buffer.values);
  }

  /** Reads 32 MiB. */
  @Benchmark
  @OperationsPerInvocation(L3_BYTES)
  public int readL3(L3 buffer) {
    return sum(buffer.values);
  }

  /** Reads 1 GiB. */
  @Benchmark
  @OperationsPerInvocation(DRAM_BYTES)
  public int readMemory(Dram buffer) {
    return sum(buffer.values);
  }
}

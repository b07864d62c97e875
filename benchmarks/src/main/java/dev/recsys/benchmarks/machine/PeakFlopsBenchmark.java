package dev.recsys.benchmarks.machine;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Peak single-precision arithmetic of this machine, in FLOP/s (one operation = one floating-point operation; a
 * fused multiply-add counts two): {@value #CHAINS} independent chains of Vector API fused multiply-adds on the
 * preferred species, enough to cover the FMA latency on every core this runs on, with nothing loaded from memory.
 * The bound for compute-bound kernels such as autoencoder inference, beside {@link MemoryBandwidthBenchmark} for
 * memory-bound ones. Runs one thread per available core ({@code -t} overrides), so the row is the machine's peak.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Threads(Threads.MAX)
public class PeakFlopsBenchmark {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Independent accumulators: FMA latency (4 cycles) times FMA ports (2), with room. */
  static final int CHAINS = 12;
  /** Fused multiply-adds per chain per invocation. */
  static final int STEPS = 4096;
  /** FLOPs per invocation with 512-bit vectors; {@link #flops} scales the count for the species in use. */
  private static final int OPS_512 = CHAINS * STEPS * 16 * 2;

  private float[] seed;

  /** Per-thread inputs that the JIT cannot fold. */
  @Setup
  public void setup() {
    seed = new float[2 * S.length()];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = 1f + i * 1e-7f;
    }
  }

  /**
   * {@value #CHAINS} chains of {@value #STEPS} FMAs each; with vectors narrower than 512 bits JMH's count is too high
   * by {@code 512 / width}, which {@link #flops} corrects.
   */
  @Benchmark
  @OperationsPerInvocation(OPS_512)
  public float fma() {
    FloatVector a = FloatVector.fromArray(S, seed, 0);
    FloatVector b = FloatVector.fromArray(S, seed, S.length()).mul(1e-3f);
    FloatVector c0 = a;
    FloatVector c1 = a.add(1f);
    FloatVector c2 = a.add(2f);
    FloatVector c3 = a.add(3f);
    FloatVector c4 = a.add(4f);
    FloatVector c5 = a.add(5f);
    FloatVector c6 = a.add(6f);
    FloatVector c7 = a.add(7f);
    FloatVector c8 = a.add(8f);
    FloatVector c9 = a.add(9f);
    FloatVector c10 = a.add(10f);
    FloatVector c11 = a.add(11f);
    for (int i = 0; i < STEPS; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }

  /** The FLOP/s of a {@link #fma} row's per-second score, corrected for the vector width of this JVM. */
  public static double flops(double perSecond) {
    return perSecond * S.vectorBitSize() / 512.0;
  }
}

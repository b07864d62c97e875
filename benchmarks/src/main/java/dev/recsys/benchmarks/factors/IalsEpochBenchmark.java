package dev.recsys.benchmarks.factors;

import dev.recsys.core.eval.baselines.IalsRecommender;
import dev.recsys.core.model.Interactions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One iALS training epoch at 64 factors (all listener vectors then all track vectors solved, on every core), with
 * exact Cholesky solves or 3 conjugate-gradient steps per row (float, on the Vector API kernels: the fork resolves
 * {@code jdk.incubator.vector}). Each measured call is a whole fit with one epoch, so it also counts building the
 * sparse matrix and the initial vectors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class IalsEpochBenchmark {
  @Param({"L100K_T50K_5M"})
  public FactorData.Size size;

  @Param({"EXACT", "CG"})
  public IalsRecommender.Solver solver;

  private Interactions data;

  @Setup
  public void setup() {
    data = FactorData.generate(size, 42);
  }

  @Benchmark
  public IalsRecommender ialsEpoch() {
    return IalsRecommender.fit(data, IalsRecommender.Config.builder().factors(64).epochs(1).solver(solver).build());
  }
}

package dev.recsys.benchmarks.factors;

import dev.recsys.core.eval.baselines.BprRecommender;
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
 * One BPR-MF training epoch at 64 factors: as many sampled (listener, played, unplayed) triples as interactions,
 * on one thread. Each measured call is a whole fit with one epoch, so it also counts building the sparse matrix
 * and the initial vectors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class BprEpochBenchmark {
  @Param({"L100K_T50K_5M"})
  public FactorData.Size size;

  private Interactions data;

  @Setup
  public void setup() {
    data = FactorData.generate(size, 42);
  }

  @Benchmark
  public BprRecommender bprEpoch() {
    return BprRecommender.fit(data, BprRecommender.Config.builder().factors(64).epochs(1).build());
  }
}

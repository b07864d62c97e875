package dev.recsys.benchmarks.matching;

import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.matching.SvdMatcher;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.embedding.matching.CoListeningConfig;
import dev.recsys.embedding.matching.CoListeningMatcherTrainer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting a listener matcher on 2,000 listeners x 20,000 items (50 items each, 100,000 rows) to convergence: the
 * learned matcher with its default settings (validation selection over weightings, dimensions, temperatures and
 * hard negatives with early stopping, then the refit on every listener), against the truncated-SVD baseline in
 * the same run. Target: the learned fit under 60 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class MatcherTrainingBenchmark {
  /** The matcher fitted. */
  public enum Impl { LEARNED, SVD }

  @Param({"LEARNED", "SVD"})
  public Impl impl;

  @Param({"2000"})
  public int listeners;

  private Interactions data;
  private ListenerMatcherTrainer trainer;

  @Setup(Level.Trial)
  public void setUp() {
    data = MatchingFixtures.plays(listeners, 20_000, 50, 1);
    trainer = impl == Impl.LEARNED ? new CoListeningMatcherTrainer(CoListeningConfig.defaults())
        : SvdMatcher.trainer(new SvdMatcher.Config(64, ItemWeighting.TFIDF, 4, 1));
  }

  @Benchmark
  public ListenerMatcher fit() {
    return trainer.fit(data, Catalog.of(List.of()));
  }
}

package dev.recsys.benchmarks.matching;

import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.matching.SvdMatcher;
import dev.recsys.core.model.Catalog;
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
 * Matching every listener of a store (k = 10, the query excluded): one {@code nearest} call over all listener ids
 * of a dense matcher, the serving path of the learned matcher (unit vectors in transposed blocks, four-query
 * SIMD kernel, query tiles on both cores). The store is fitted once per trial (SVD vectors stand in for learned
 * ones: the scan does not depend on where the vectors come from), at the dimensions the learned matcher chooses.
 * Target: 100,000 listeners under 60 s; dimension 16 is the baseline of the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(1)
public class MatchAllBenchmark {
  @Param({"100000"})
  public int listeners;

  @Param({"16", "64"})
  public int dim;

  private ListenerMatcher store;
  private List<String> ids;

  @Setup(Level.Trial)
  public void setUp() {
    store = SvdMatcher.trainer(new SvdMatcher.Config(dim, ItemWeighting.TFIDF, 1, 1))
        .fit(MatchingFixtures.plays(listeners, 20_000, 20, 2), Catalog.of(List.of()));
    ids = store.listeners();
  }

  @Benchmark
  public List<List<ScoredListener>> matchAll() {
    return store.nearest(ids, 10, id -> true);
  }
}

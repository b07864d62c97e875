package dev.recsys.benchmarks.matching;

import dev.recsys.core.matching.DenseListenerMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.matching.SparseCosineIndex;
import dev.recsys.core.model.Interactions;
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
 * Target: 100,000 listeners under 60 s; dimension 16 is the baseline of the ratio. {@code matchAllFused} adds the
 * exact item-overlap part of the learned matcher's fused score ({@code cos(dense) + λ · cos(overlap weighting)}):
 * the dense scan plus an inverted-index pass over every listener sharing an item, re-scored with both parts; λ = 0.5
 * is a weight split-half validation chooses, λ = 100 one chosen on known friends (the overlap part dominates, so
 * nearly every listener sharing an item is re-scored).
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

  @Param({"TFIDF", "BM25_IDF2"})
  public ItemWeighting overlapWeighting;

  @Param({"0.5", "100"})
  public double overlapWeight;

  private ListenerMatcher store;
  private ListenerMatcher fused;
  private List<String> ids;

  @Setup(Level.Trial)
  public void setUp() {
    Interactions plays = MatchingFixtures.plays(listeners, 20_000, 20, 2);
    store = SvdMatcher.trainer(new SvdMatcher.Config(dim, ItemWeighting.TFIDF, 1, 1)).fit(plays, Catalog.of(List.of()));
    ids = store.listeners();
    fused = new Fused(plays, (DenseListenerMatcher) store, overlapWeighting, overlapWeight);
  }

  /** The vectors of {@code store} with the item-overlap part of weight {@code λ} over the same profiles. */
  static final class Fused extends DenseListenerMatcher {
    private final SparseCosineIndex sparse;
    private final double lambda;

    Fused(Interactions plays, DenseListenerMatcher dense, ItemWeighting weighting, double lambda) {
      super("fused", ListenerProfiles.of(plays), Catalog.of(List.of()), vectors(dense));
      sparse = new SparseCosineIndex(profiles, weighting);
      this.lambda = lambda;
    }

    private static float[][] vectors(DenseListenerMatcher dense) {
      List<String> l = dense.listeners();
      float[][] v = new float[l.size()][];
      for (int u = 0; u < v.length; u++) {
        v[u] = dense.vector(l.get(u));
      }
      return v;
    }

    @Override
    protected float[] encode(int u) {
      throw new UnsupportedOperationException("a fixed store");
    }

    @Override
    protected java.util.Map<String, Double> parts(int a, int b) {
      return java.util.Map.of();
    }

    @Override
    protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
      return rankFused(queries, k, eligible, sparse, lambda);
    }
  }

  @Benchmark
  public List<List<ScoredListener>> matchAll() {
    return store.nearest(ids, 10, id -> true);
  }

  @Benchmark
  public List<List<ScoredListener>> matchAllFused() {
    return fused.nearest(ids, 10, id -> true);
  }
}

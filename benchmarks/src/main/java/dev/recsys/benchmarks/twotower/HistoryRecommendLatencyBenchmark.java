package dev.recsys.benchmarks.twotower;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.embedding.twotower.HistoryTwoTowerConfig;
import dev.recsys.embedding.twotower.HistoryTwoTowerRecommender;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * Request latency of the history two-tower recommender ({@code two-tower-history}) for one training listener: pool
 * the latest plays through every network of the ensemble, score the whole catalogue, blend in the item-item
 * component and the popularity- and genre-affinity terms, keep the top 10 and explain them. The catalogue has
 * {@code tracks} tracks in 40 genres with a popularity each; 2,000 listeners play 50 to 250 tracks, mostly of their
 * own two genres. The model is the default configuration with one epoch of one cut per listener (the latency does
 * not depend on how well it is trained); the blend and affinity weights are chosen on held-out plays as in any fit
 * and printed. Sample mode gives the latency percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class HistoryRecommendLatencyBenchmark {
  private static final int LISTENERS = 2_000;
  private static final int GENRES = 40;

  /** Catalogue size. */
  @Param({"10000", "50000"})
  public int tracks;

  /** Networks of the ensemble (the default is 3). */
  @Param({"1", "3"})
  public int ensemble;

  private HistoryTwoTowerRecommender model;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    List<Track> catalog = new ArrayList<>(tracks);
    for (int i = 0; i < tracks; i++) {
      catalog.add(Track.builder("t" + i).title("track " + i).genres(List.of("genre" + i % GENRES))
          .popularity(r.nextInt(101)).build());
    }
    Interactions.Builder b = Interactions.builder();
    int perGenre = tracks / GENRES;
    for (int u = 0; u < LISTENERS; u++) {
      int home = r.nextInt(GENRES);
      int second = r.nextInt(GENRES);
      int plays = 50 + r.nextInt(201);
      for (int p = 0; p < plays; p++) {
        double x = r.nextDouble();
        int g = x < 0.6 ? home : x < 0.9 ? second : r.nextInt(GENRES);
        // skewed within the genre: low ranks are played more
        int rank = (int) (perGenre * Math.pow(r.nextDouble(), 2));
        b.add("u" + u, "t" + (g + GENRES * Math.min(rank, perGenre - 1)), 1, 1_000_000L + 1_000L * p, false);
      }
    }
    HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
    HistoryTwoTowerConfig c = new HistoryTwoTowerConfig(d.dimension(), d.historyLength(), 1, 1, d.targetFraction(),
        d.batchSize(), d.learningRate(), d.weightDecay(), d.historyDropout(), d.content(), d.inputContent(),
        d.fullSoftmaxLimit(), d.sampledNegatives(), d.wholeHistoryShare(), d.outputInitScale(), d.popularityAffinity(),
        d.genreAffinity(), d.genreSmoothing(), d.itemItemItems(), d.itemItemLambda(), d.blendWeight(),
        d.validationFraction(), ensemble, d.threads(), 1);
    model = HistoryTwoTowerRecommender.fit(b.build(), Catalog.of(catalog), c);
    System.out.printf("%n# tracks %d, ensemble %d: blend weight %.2f, popularity-affinity %.2f, genre-affinity %.2f%n",
        tracks, ensemble, model.blendWeight(), model.popularityAffinityWeight(), model.genreAffinityWeight());
  }

  @Benchmark
  public List<Recommendation> recommendTop10() {
    next = (next + 1) % LISTENERS;
    return model.recommend(RecommendationQuery.forListener("u" + next, 10));
  }
}

package dev.recsys.benchmarks.gat;

import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.graph.gat.GatConfig;
import dev.recsys.graph.gat.GatModel;
import dev.recsys.graph.gat.GatTrainer;
import dev.recsys.graph.gat.HeteroGraph;
import dev.recsys.graph.gat.SessionKnnRecommender;
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
 * Latency of one top-10 request with explanations on the TidyTuesday graph (28,356 tracks): the GAT's next-track
 * and playlist-continuation recommenders against session-kNN as the baseline, for seeds drawn from real playlists.
 * The model is trained for one epoch in the setup (latency does not depend on how well it is trained).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class GatInferenceBenchmark {
  /** The competing recommenders. */
  public enum Impl {
    /** GAT, session-based next track (last 10 seeds pooled). */
    GAT_NEXT,
    /** GAT, playlist continuation (all seeds pooled). */
    GAT_PLAYLIST,
    /** Session-kNN baseline (100 neighbour playlists). */
    SESSION_KNN,
    /** Content GAT (v2, default configuration: 64 dimensions, two layers, last 20 seeds pooled). */
    GAT_V2
  }

  @Param({"GAT_NEXT", "GAT_PLAYLIST", "SESSION_KNN", "GAT_V2"})
  public Impl impl;

  @Param({"5", "20"})
  public int seeds;

  private Recommender recommender;
  private List<RecommendationQuery> queries;
  private int next;

  @Setup(Level.Trial)
  public void setup() {
    GatData data = GatData.load(GatData.Source.TIDYTUESDAY);
    if (impl == Impl.SESSION_KNN) {
      recommender = SessionKnnRecommender.fit(data.interactions, 100);
    } else if (impl == Impl.GAT_V2) {
      recommender = new dev.recsys.graph.gat.GatV2Trainer(dev.recsys.graph.gat.GatV2Config.defaults().withEpochs(1))
          .fit(data.catalog, data.interactions, TrainingListener.NONE).recommender("gat");
    } else {
      GatModel m = new GatTrainer(GatConfig.defaults().withEpochs(1)).fit(data.catalog, data.interactions,
          TrainingListener.NONE);
      recommender = impl == Impl.GAT_NEXT ? m.nextTrack() : m.playlistContinuation();
    }
    HeteroGraph g = HeteroGraph.build(data.catalog, data.interactions, dev.recsys.graph.gat.GraphConfig.defaults());
    queries = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int q = 0; q < 256; q++) {
      int[] seq = g.sequence(r.nextInt(g.sequenceCount()));
      List<String> s = new ArrayList<>();
      int start = seq.length > seeds ? r.nextInt(seq.length - seeds) : 0;
      for (int k = start; k < Math.min(seq.length, start + seeds); k++) {
        s.add(g.tracks().id(seq[k]));
      }
      queries.add(RecommendationQuery.forSeeds(s, 10));
    }
  }

  @Benchmark
  public List<Recommendation> recommend() {
    RecommendationQuery q = queries.get(next++ & 255);
    return recommender.recommend(q);
  }
}

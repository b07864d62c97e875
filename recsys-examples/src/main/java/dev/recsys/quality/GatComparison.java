package dev.recsys.quality;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.metrics.BeyondAccuracyMetrics;
import dev.recsys.core.eval.protocol.PlaylistContinuation;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.graph.gat.GatRecommenderPlugin;
import dev.recsys.graph.gat.GatV2Config;
import dev.recsys.graph.gat.SessionKnnRecommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The graph attention recommender against popularity, item-kNN and session-kNN (and optionally more trainers) on
 * one split, with Recall@10, NDCG@10 (bootstrap intervals), genre intra-list diversity and catalogue coverage:
 * what {@code recsys evaluate-gat} prints and the quality harness records.
 */
public final class GatComparison {
  /** The cut-off of every metric. */
  public static final int K = 10;

  private GatComparison() {}

  /**
   * One evaluated model.
   *
   * @param result the evaluation (per-user values, Recall@10 and NDCG@10 with intervals)
   * @param genreDiversity mean intra-list Jaccard distance of the top-10's genre sets
   * @param coverage share of the catalogue recommended to anyone
   */
  public record ModelResult(EvaluationResult result, double genreDiversity, double coverage) {}

  /**
   * The split of the task: playlist continuation (20% of playlists with at least 5 tracks tested, their last 20%
   * hidden) or next track (20% of sessions with at least 3 plays tested, the last play hidden).
   */
  public static Split split(Interactions interactions, boolean playlist, long seed) {
    PlaylistContinuation protocol = playlist ? new PlaylistContinuation(0.2, 0.8, 5, seed)
        : new PlaylistContinuation(0.2, 0.999, 3, seed);
    return protocol.split(interactions);
  }

  /**
   * Popularity, item-kNN, session-kNN, then {@code extra} (may be empty), then the content GAT ({@code gat}, fitted
   * with {@code catalog} at hand; the same model serves both tasks) last.
   */
  public static List<RecommenderTrainer> trainers(Catalog catalog, boolean playlist, int epochs, long seed,
      List<RecommenderTrainer> extra) {
    List<RecommenderTrainer> trainers = new ArrayList<>(List.of(
        Baselines.trainer("popularity", seed),
        Baselines.trainer("itemknn", seed),
        SessionKnnRecommender.trainer(100)));
    trainers.addAll(extra);
    RecommenderTrainer gat = new GatRecommenderPlugin().create(GatV2Config.defaults().withEpochs(epochs)
        .withSeed(seed));
    trainers.add(RecommenderTrainer.of(gat.name(), train -> gat.fit(train, catalog)));
    return trainers;
  }

  /**
   * Fits and evaluates every trainer on the split, in order, handing each result to {@code progress} as it comes.
   *
   * @param bootstrap bootstrap resamples of the intervals
   */
  public static List<ModelResult> evaluate(Split split, Catalog catalog, List<RecommenderTrainer> trainers,
      int bootstrap, long seed, Consumer<ModelResult> progress) {
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(K).depth(K).bootstrapSamples(bootstrap).seed(seed)
        .keepRecommendations(true).build());
    int[][] genres = genres(split.data().items(), catalog);
    List<ModelResult> out = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      EvaluationResult r = evaluator.evaluate(split, t);
      double div = 0;
      int n = r.users().size();
      for (int u = 0; u < n; u++) {
        int[] ranked = Arrays.stream(r.ranked(u)).filter(i -> i >= 0).toArray();
        div += BeyondAccuracyMetrics.intraListDiversity(ranked, K, genres);
      }
      ModelResult m = new ModelResult(r, n == 0 ? 0 : div / n, r.setMetrics().get("coverage@" + K));
      out.add(m);
      progress.accept(m);
    }
    return out;
  }

  private static int[][] genres(IdIndex items, Catalog catalog) {
    Map<String, Integer> genreIds = new HashMap<>();
    int[][] out = new int[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      List<String> gs = catalog.find(items.id(i)).map(Track::genres).orElse(List.of());
      out[i] = gs.stream().mapToInt(g -> genreIds.computeIfAbsent(g, x -> genreIds.size())).distinct().sorted().toArray();
    }
    return out;
  }
}

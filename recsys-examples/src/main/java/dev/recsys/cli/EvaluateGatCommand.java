package dev.recsys.cli;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.metrics.BeyondAccuracyMetrics;
import dev.recsys.core.eval.protocol.PlaylistContinuation;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.graph.gat.GatConfig;
import dev.recsys.graph.gat.GatTrainer;
import dev.recsys.graph.gat.SessionKnnRecommender;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-gat}: the graph attention recommender against popularity, item-kNN and session-kNN on
 * one split (and the hybrid two-tower model unless {@code --no-two-tower}), with Recall@10, NDCG@10, genre diversity and catalogue coverage.
 */
@Command(name = "evaluate-gat", mixinStandardHelpOptions = true,
    description = {"Compare the graph attention recommender with popularity, item-kNN and session-kNN on one split.",
        "--task playlist: playlist continuation, 20% of playlists with >= 5 tracks tested, their last 20% hidden.",
        "--task next: sessions (30-minute gap) as users, 20% of sessions with >= 3 tracks tested, last track hidden.",
        "Prints Recall@10, NDCG@10 (95% bootstrap intervals), genre intra-list diversity and coverage."})
final class EvaluateGatCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "spotify-songs:FILE, another dataset spec, or synthetic[:tracks=N,listeners=M,seed=S].")
  String dataset;

  @Option(names = "--task", paramLabel = "TASK", description = "playlist or next (default: next for timed data, "
      + "else playlist).")
  String task;

  @Option(names = "--epochs", paramLabel = "N", description = "GAT epochs (default ${DEFAULT-VALUE}).")
  int epochs = GatConfig.defaults().training().epochs();

  @Option(names = "--seed", paramLabel = "S", description = "Seed of split, model and bootstrap (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--two-tower", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also evaluate the hybrid two-tower recommender, trained for the same epochs (default: ${DEFAULT-VALUE}).")
  boolean twoTower;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec.commandLine().getOut();
    GatData data = GatData.load(dataset);
    boolean playlist = task == null ? !data.timed() : switch (task) {
      case "playlist" -> true;
      case "next" -> false;
      default -> throw new IllegalArgumentException("--task must be playlist or next; got '" + task + "'");
    };
    Interactions interactions = playlist ? data.interactions() : data.sessions(1800);
    PlaylistContinuation protocol = playlist ? new PlaylistContinuation(0.2, 0.8, 5, seed)
        : new PlaylistContinuation(0.2, 0.999, 3, seed);
    Split split = protocol.split(interactions);
    if (!json) {
      pw.println("dataset " + dataset + ", task " + (playlist ? "playlist continuation" : "next track") + ", split "
          + split);
      pw.flush();
    }
    GatConfig config = GatConfig.defaults().withEpochs(epochs).withSeed(seed);
    List<RecommenderTrainer> trainers = new ArrayList<>(List.of(
        Baselines.trainer("popularity", seed),
        Baselines.trainer("itemknn", seed),
        SessionKnnRecommender.trainer(100)));
    if (twoTower) {
      HybridConfig d = HybridConfig.defaults();
      HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
          .training(d.training().toBuilder().epochs(epochs).seed(seed).build()).build();
      trainers.add(RecommenderTrainer.of("two-tower", train -> new HybridRecommenderTrainer(c,
          dim -> TwoTowerSupport.index(dim, train.items().size())).fit(train, data.catalog(), TrainingListener.NONE)));
    }
    trainers.add(new GatTrainer(config).asRecommenderTrainer(data.catalog(), playlist));
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(10).depth(10).bootstrapSamples(500).seed(seed)
        .keepRecommendations(true).build());
    int[][] genres = genres(split.data().items(), data);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      EvaluationResult r = evaluator.evaluate(split, t);
      double div = 0;
      int n = r.users().size();
      for (int u = 0; u < n; u++) {
        int[] ranked = Arrays.stream(r.ranked(u)).filter(i -> i >= 0).toArray();
        div += BeyondAccuracyMetrics.intraListDiversity(ranked, 10, genres);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("model", r.model());
      row.put("recall@10", r.get("recall@10"));
      row.put("ndcg@10", r.get("ndcg@10"));
      row.put("genreDiversity@10", n == 0 ? 0 : div / n);
      row.put("coverage@10", r.setMetrics().get("coverage@10"));
      row.put("fitSeconds", r.fitMillis() / 1000.0);
      row.put("recommendSeconds", r.recommendMillis() / 1000.0);
      rows.add(row);
      if (!json) {
        pw.printf(Locale.ROOT, "%-14s recall@10 %s  ndcg@10 %s  genre-div %.4f  coverage %.4f  fit %.1fs  recommend %.1fs%n",
            r.model(), r.get("recall@10").format(), r.get("ndcg@10").format(), row.get("genreDiversity@10"),
            (Double) row.get("coverage@10"), r.fitMillis() / 1000.0, r.recommendMillis() / 1000.0);
        pw.flush();
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dataset", dataset);
      out.put("task", playlist ? "playlist" : "next");
      out.put("testUsers", split.numTestUsers());
      out.put("results", rows);
      Json.print(pw, out);
    }
    return 0;
  }

  private static int[][] genres(IdIndex items, GatData data) {
    Map<String, Integer> genreIds = new HashMap<>();
    int[][] out = new int[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      List<String> gs = data.catalog().find(items.id(i)).map(Track::genres).orElse(List.of());
      out[i] = gs.stream().mapToInt(g -> genreIds.computeIfAbsent(g, x -> genreIds.size())).distinct().sorted().toArray();
    }
    return out;
  }
}

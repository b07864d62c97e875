package dev.recsys.cli;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.graph.gat.GatConfig;
import dev.recsys.quality.GatComparison;
import java.io.PrintWriter;
import java.util.ArrayList;
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
        "--task playlist: playlist continuation, 20%% of playlists with >= 5 tracks tested, their last 20%% hidden.",
        "--task next: sessions (30-minute gap) as users, 20%% of sessions with >= 3 tracks tested, last track hidden.",
        "Prints Recall@10, NDCG@10 (95%% bootstrap intervals), genre intra-list diversity and coverage."})
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
    Split split = GatComparison.split(interactions, playlist, seed);
    if (!json) {
      pw.println("dataset " + dataset + ", task " + (playlist ? "playlist continuation" : "next track") + ", split "
          + split);
      pw.flush();
    }
    List<RecommenderTrainer> extra = new ArrayList<>();
    if (twoTower) {
      HybridConfig d = HybridConfig.defaults();
      HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
          .training(d.training().toBuilder().epochs(epochs).seed(seed).build()).build();
      extra.add(RecommenderTrainer.of("two-tower", train -> new HybridRecommenderTrainer(c,
          dim -> TwoTowerSupport.index(dim, train.items().size())).fit(train, data.catalog(), TrainingListener.NONE)));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    GatComparison.evaluate(split, data.catalog(), GatComparison.trainers(data.catalog(), playlist, epochs, seed, extra),
        500, seed, m -> {
          EvaluationResult r = m.result();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("model", r.model());
          row.put("recall@10", r.get("recall@10"));
          row.put("ndcg@10", r.get("ndcg@10"));
          row.put("genreDiversity@10", m.genreDiversity());
          row.put("coverage@10", m.coverage());
          row.put("fitSeconds", r.fitMillis() / 1000.0);
          row.put("recommendSeconds", r.recommendMillis() / 1000.0);
          rows.add(row);
          if (!json) {
            pw.printf(Locale.ROOT, "%-14s recall@10 %s  ndcg@10 %s  genre-div %.4f  coverage %.4f  fit %.1fs  recommend %.1fs%n",
                r.model(), r.get("recall@10").format(), r.get("ndcg@10").format(), m.genreDiversity(), m.coverage(),
                r.fitMillis() / 1000.0, r.recommendMillis() / 1000.0);
            pw.flush();
          }
        });
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
}

package dev.recsys.cli;

import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import java.io.Closeable;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys recommend}: top tracks for a listener from a saved model: any recommender plugin's model file
 * ({@code recsys train}), or a two-tower model directory ({@code train-two-tower --job recommend}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Top tracks for a listener, by a model file of any recommender plugin ('recsys train') or a "
        + "two-tower model directory ('train-two-tower --job recommend'); tracks the listener already has are left "
        + "out.")
final class RecommendCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** Where the model is. */
  static final class Source {
    @Option(names = "--model", required = true, paramLabel = "DIR",
        description = "A two-tower model directory ('train-two-tower --job recommend').")
    Path model;

    @Option(names = "--model-file", required = true, paramLabel = "FILE",
        description = "A model file of any recommender plugin ('recsys train'), read by the plugin it names.")
    Path modelFile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--listener", required = true, paramLabel = "ID",
      description = "The listener (an unknown one is served from --seed tracks, or popular tracks without them).")
  String listener;

  @Option(names = "--k", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int k;

  @Option(names = "--genre", paramLabel = "GENRE", description = "Only tracks of these genres (repeatable).")
  List<String> genres = new ArrayList<>();

  @Option(names = "--seed-track", paramLabel = "ID", description = "Tracks describing the listener (repeatable).")
  List<String> seeds = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** One recommendation in JSON. */
  record Row(int rank, String track, String title, double score, String summary, List<Explanation.Factor> factors) {}

  @Override
  public Integer call() throws Exception {
    RecommendationQuery q = new RecommendationQuery(Optional.of(listener), seeds, k, Set.of(), true, Set.copyOf(genres));
    if (source.modelFile != null) {
      // a model file holds no titles: tracks are shown by id
      Recommender rec = Plugins.loadRecommender(source.modelFile);
      try {
        print(rec.recommend(q), id -> id, "recommendations for " + listener + " by '" + rec.name() + "':");
      } finally {
        if (rec instanceof Closeable c) {
          c.close();
        }
      }
      return 0;
    }
    Path file = TwoTowerSupport.modelFile(source.model);
    String job = TwoTowerSupport.job(file);
    if (!job.equals(TwoTowerRecommender.JOB)) {
      throw new IllegalArgumentException(file + " is a two-tower '" + job + "' model; train one with --job recommend");
    }
    try (TwoTowerRecommender rec = TwoTowerRecommender.load(file, dim -> TwoTowerSupport.index(dim, Integer.MAX_VALUE))) {
      print(rec.recommend(q), rec::title, (rec.knowsListener(listener) ? "recommendations for " + listener + " ("
          + rec.history(listener).size() + " tracks in history)" : "recommendations for new listener " + listener)
          + ":");
    }
    return 0;
  }

  private void print(List<Recommendation> recs, java.util.function.UnaryOperator<String> title, String header) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Row> rows = new ArrayList<>();
      int rank = 1;
      for (Recommendation r : recs) {
        rows.add(new Row(rank++, r.itemId(), title.apply(r.itemId()), r.score(), r.explanation().summary(),
            r.explanation().factors()));
      }
      Json.print(out, rows);
      return;
    }
    out.println(header);
    int rank = 1;
    for (Recommendation r : recs) {
      out.printf("%2d. %-40s %s%n", rank++, truncate(title.apply(r.itemId()), 40), r.explanation().summary());
    }
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}

package dev.recsys.cli;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.SplitFile;
import dev.recsys.core.eval.protocol.PlaylistContinuation;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.eval.report.ReportJson;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.model.Interactions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-gat}: an alias of {@code recsys evaluate} for the sequence tasks of the graph attention
 * recommender, on any dataset spec or a generated world: playlist continuation or next track in a session, with a
 * configurable split, optionally restricted to held-out tracks never seen in training (cold), every model of
 * {@code --models} fitted through the recommender plugins, bootstrap intervals, paired comparisons and exports.
 */
@Command(name = "evaluate-gat", mixinStandardHelpOptions = true,
    description = {"Evaluate the graph attention recommender against neighbourhood baselines and the two-tower model",
        "on playlist continuation or next track (the shared evaluation of 'recsys evaluate', with a sequence split).",
        "--task playlist: --test-fraction of playlists with >= --min-length tracks tested, the first --seed-fraction",
        "  of each is the query, the rest is hidden. --task next: sessions (30-minute gap) are the users, the last",
        "  play of --test-fraction of the sessions with >= 3 plays is hidden. --cold keeps only hidden tracks that",
        "  occur in no training row."})
final class EvaluateGatCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "spotify-songs:FILE, another dataset spec, or synthetic[:tracks=N,listeners=M,seed=S].")
  String dataset;

  @Option(names = "--task", paramLabel = "TASK", description = "playlist or next (default: next for timed data, "
      + "else playlist).")
  String task;

  @Option(names = "--models", split = ",", defaultValue = "popularity,itemknn,sessionknn,two-tower,gat",
      description = "Recommender plugins to evaluate (default: ${DEFAULT-VALUE}).")
  List<String> models;

  @Option(names = "--params", paramLabel = "MODEL=JSON", description = "Overrides of a model's configuration, as in "
      + "'recsys evaluate' (repeatable).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--baseline", split = ",", defaultValue = "itemknn,sessionknn,two-tower",
      description = "Reference models of the paired comparisons; those not evaluated are ignored (default: ${DEFAULT-VALUE}).")
  List<String> baseline;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of eligible playlists or sessions "
      + "tested (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--seed-fraction", description = "Share of a tested playlist given as the query (default 0.8; "
      + "next track: all but the last play).")
  Double seedFraction;

  @Option(names = "--min-length", description = "Shortest tested playlist or session (default 5 for playlists, 3 "
      + "for sessions).")
  Integer minLength;

  @Option(names = "--cold", description = "Keep only hidden tracks that occur in no training row.")
  boolean cold;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the models and the bootstrap "
      + "(default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--k", defaultValue = "10", split = ",", description = "Cut-offs (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(names = "--validation", description = "Evaluate on a split of the same kind carved from the training "
      + "rows (the test rows are left out entirely): for choosing settings.")
  boolean validation;

  @Option(names = "--export-recs", paramLabel = "FILE", description = "Write ranked lists (model,user,rank,item,score)"
      + " to FILE and the held-out items to FILE.heldout.csv.")
  Path exportRecs;

  @Option(names = "--export-split", paramLabel = "FILE", description = "Write the evaluated split to FILE.")
  Path exportSplit;

  @Option(names = "--json", description = "Print the JSON report instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    GatData data = GatData.load(dataset);
    boolean playlist = task == null ? !data.timed() : switch (task) {
      case "playlist" -> true;
      case "next" -> false;
      default -> throw new ParameterException(spec.commandLine(), "--task must be playlist or next; got '" + task + "'");
    };
    Interactions interactions = playlist ? data.interactions() : data.sessions(1800);
    PlaylistContinuation protocol = new PlaylistContinuation(testFraction,
        seedFraction != null ? seedFraction : playlist ? 0.8 : 0.999, minLength != null ? minLength : playlist ? 5 : 3,
        seed);
    Split split = protocol.split(interactions);
    if (validation) {
      Split inner = protocol.split(split.train());
      split = inner;
    }
    if (cold) {
      split = coldOnly(split);
    }
    err.printf("recsys evaluate-gat: %s, %s: %d train rows, %d test rows, %d test users%n", dataset,
        playlist ? "playlist continuation" : "next track", split.train().size(), split.test().size(),
        split.numTestUsers());
    err.flush();
    if (split.numTestUsers() == 0) {
      throw new IllegalArgumentException("the split has no test user; try another --test-fraction or --min-length");
    }
    if (exportSplit != null) {
      SplitFile.write(exportSplit, split);
    }
    for (String m : params.keySet()) {
      if (!models.contains(m)) {
        throw new ParameterException(spec.commandLine(), "--params names '" + m + "', which is not among --models");
      }
    }
    List<RecommenderTrainer> trainers = new ArrayList<>();
    for (String m : models) {
      trainers.add(RecommenderModels.trainer(m.trim(), params.get(m.trim()), seed, data.catalog()));
    }
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(ks.stream().mapToInt(Integer::intValue).toArray())
        .bootstrapSamples(bootstrap).seed(seed).keepRecommendations(exportRecs != null)
        .threads(Runtime.getRuntime().availableProcessors()).build());
    List<EvaluationResult> results = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      EvaluationResult r = EvaluateCommand.evaluate(evaluator, split, t, "evaluate " + t.name());
      err.printf("recsys evaluate-gat: %s fit %.1f s, %d users ranked in %.1f s%n", t.name(), r.fitMillis() / 1000.0, r.users().size(),
          r.recommendMillis() / 1000.0);
      err.flush();
      results.add(r);
    }
    int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<PairedComparison> comparisons = new ArrayList<>();
    for (String ref : baseline) {
      EvaluationResult base = results.stream().filter(r -> r.model().equals(ref.trim())).findFirst().orElse(null);
      if (base == null) {
        continue;
      }
      for (EvaluationResult r : results) {
        if (r != base) {
          for (String metric : List.of("recall@" + maxK, "ndcg@" + maxK)) {
            comparisons.add(evaluator.compare(r, base, metric));
          }
        }
      }
    }
    EvaluationReport rep = EvaluationReport.of(dataset, split, results, comparisons);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? ReportJson.toJson(rep) + "\n" : TextTable.render(rep));
    out.flush();
    if (exportRecs != null) {
      RecommendationExport.write(exportRecs, split, results);
      err.println("recsys evaluate-gat: ranked lists written to " + exportRecs + " and "
          + RecommendationExport.heldOutFile(exportRecs));
    }
    return 0;
  }

  /** The split without the held-out rows whose track occurs in a training row (those rows leave the table). */
  static Split coldOnly(Split split) {
    Interactions data = split.data();
    boolean[] warm = new boolean[data.items().size()];
    for (int r : split.trainRows()) {
      warm[data.item(r)] = true;
    }
    int[] keptTest = Arrays.stream(split.testRows()).filter(r -> !warm[data.item(r)]).toArray();
    int[] train = split.trainRows();
    int[] rows = new int[train.length + keptTest.length];
    System.arraycopy(train, 0, rows, 0, train.length);
    System.arraycopy(keptTest, 0, rows, train.length, keptTest.length);
    Interactions sub = data.subset(rows);
    int[] newTrain = new int[train.length];
    for (int i = 0; i < train.length; i++) {
      newTrain[i] = i;
    }
    int[] newTest = new int[keptTest.length];
    for (int i = 0; i < keptTest.length; i++) {
      newTest[i] = train.length + i;
    }
    int[][] seeds = new int[data.users().size()][];
    for (int q = 0; q < split.numTestUsers(); q++) {
      seeds[split.testUser(q)] = split.seeds(q);
    }
    return Split.of(split.protocol() + ", cold held-out tracks only", split.seed(), sub, newTrain, newTest, seeds);
  }
}

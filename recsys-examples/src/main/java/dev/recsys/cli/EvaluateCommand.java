package dev.recsys.cli;

import dev.recsys.core.eval.Cohorts;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.protocol.LeaveLastOut;
import dev.recsys.core.eval.protocol.PlaylistContinuation;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.eval.report.ReportJson;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate}: splits a dataset with a protocol, fits the named baselines on the training part,
 * ranks the full catalogue for every test user and reports the metrics with bootstrap intervals, paired
 * comparisons against a reference model, cohorts, and optionally an HTML report and a CSV export.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate baseline recommenders on a dataset with a reproducible protocol.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "KIND:PATH",
      description = "movielens:DIR | spotify-songs:FILE | interactions:FILE[#user=COL,item=COL,...] | mpd:DIR (any spec of the data readers)")
  String dataset;

  @Option(names = "--protocol", defaultValue = "temporal",
      description = "temporal | random | leave-last | playlist (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share held out by temporal and random splits; share of playlists tested (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--models", defaultValue = "popularity,itemknn,userknn,random", split = ",",
      description = "Comma-separated: popularity, random, itemknn, userknn, ease (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--k", defaultValue = "10", split = ",", description = "Cut-offs, e.g. 10,20 (default: ${DEFAULT-VALUE})")
  List<Integer> ks;

  @Option(names = "--depth", description = "Results requested per user (default: max(50, max k))")
  Integer depth;

  @Option(names = "--baseline", description = "Reference model of the paired comparisons (default: popularity if "
      + "evaluated, else the first model)")
  String baseline;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the random model and the bootstrap (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(names = "--threads", description = "Query threads (default: available processors); results do not depend on it")
  Integer threads;

  @Option(names = "--report", paramLabel = "DIR", description = "Write report.html, report.json and PNG plots here")
  Path report;

  @Option(names = "--export-recs", paramLabel = "FILE",
      description = "Write ranked lists (model,user,rank,item,score) to FILE and held-out items to FILE.heldout.csv")
  Path exportRecs;

  @Option(names = "--json", description = "Print the JSON report instead of the table")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Loaded data = load(dataset);
    err.printf("recsys evaluate: %s: %d interactions, %d users, %d items%s%n", dataset, data.interactions().size(),
        data.interactions().users().size(), data.interactions().items().size(), data.note());
    err.flush();
    Protocol p = protocol(protocol);
    Split split = p.split(data.interactions());
    err.printf("recsys evaluate: %s -> %d train rows, %d test rows, %d test users%n", split.protocol(),
        split.train().size(), split.test().size(), split.numTestUsers());
    err.flush();
    if (split.numTestUsers() == 0) {
      throw new IllegalArgumentException("the split has no test user; try another protocol or --test-fraction");
    }
    List<RecommenderTrainer> trainers = new ArrayList<>();
    for (String m : models) {
      trainers.add(Baselines.trainer(m.trim(), seed));
    }
    EvaluatorConfig.Builder cb = EvaluatorConfig.builder().ks(ks.stream().mapToInt(Integer::intValue).toArray())
        .bootstrapSamples(bootstrap).seed(seed).keepRecommendations(exportRecs != null)
        .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    if (depth != null) {
      cb.depth(depth);
    }
    Evaluator.Builder eb = Evaluator.builder(cb.build())
        .userCohort("activity", Cohorts.activity(30, 100, 300))
        .itemCohort("item-popularity", Cohorts.coldWarm(5));
    if (data.genres() != null) {
      Map<String, List<String>> g = data.genres();
      eb.userCohort("history-genre", Cohorts.dominantGenre(g::get));
    }
    Evaluator evaluator = eb.build();
    List<EvaluationResult> results = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      err.printf("recsys evaluate: %s ...", t.name());
      err.flush();
      EvaluationResult r = evaluator.evaluate(split, t);
      err.printf(" fit %.1f s, %d users ranked in %.1f s%n", r.fitMillis() / 1000.0, r.users().size(),
          r.recommendMillis() / 1000.0);
      err.flush();
      results.add(r);
    }
    List<PairedComparison> comparisons = comparisons(evaluator, results);
    EvaluationReport rep = EvaluationReport.of(dataset, split, results, comparisons);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ReportJson.toJson(rep));
    } else {
      out.print(TextTable.render(rep));
    }
    out.flush();
    if (report != null) {
      Path html = HtmlReport.write(rep, report);
      err.println("recsys evaluate: report written to " + html);
    }
    if (exportRecs != null) {
      RecommendationExport.write(exportRecs, split, results);
      err.println("recsys evaluate: ranked lists written to " + exportRecs + " and "
          + RecommendationExport.heldOutFile(exportRecs));
    }
    err.flush();
    return 0;
  }

  private List<PairedComparison> comparisons(Evaluator evaluator, List<EvaluationResult> results) {
    String ref = baseline;
    if (ref == null) {
      ref = results.stream().anyMatch(r -> r.model().equals("popularity")) ? "popularity" : results.get(0).model();
    }
    String refName = ref;
    EvaluationResult base = results.stream().filter(r -> r.model().equals(refName)).findFirst()
        .orElseThrow(() -> new ParameterException(spec.commandLine(), "--baseline " + refName + " is not among --models " + models));
    int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<PairedComparison> out = new ArrayList<>();
    for (EvaluationResult r : results) {
      if (r == base) {
        continue;
      }
      for (String m : List.of("recall@" + maxK, "ndcg@" + maxK, "map@" + maxK)) {
        out.add(evaluator.compare(r, base, m));
      }
    }
    return out;
  }

  private Protocol protocol(String name) {
    return switch (name) {
      case "temporal" -> TemporalSplit.lastFraction(testFraction, seed);
      case "random" -> new RandomSplit(testFraction, seed);
      case "leave-last" -> new LeaveLastOut(seed);
      case "playlist" -> new PlaylistContinuation(testFraction, 0.5, 5, seed);
      default -> throw new ParameterException(spec.commandLine(),
          "unknown --protocol '" + name + "'; available: temporal, random, leave-last, playlist");
    };
  }

  /** A loaded dataset: the interactions, genres per item id (null when none), and a note on skipped rows. */
  record Loaded(Interactions interactions, Map<String, List<String>> genres, String note) {}

  /** Reads the dataset with the library's readers in lenient mode: bad rows are skipped, counted and reported. */
  private static Loaded load(String spec) throws IOException {
    MusicDataset d = Datasets.load(spec, ReadOptions.LENIENT);
    ReadReport report = d.report();
    String note = report.rowsSkipped() == 0 ? "" : " (" + report.rowsSkipped() + " rows skipped"
        + (report.firstProblems().isEmpty() ? "" : ", first: " + report.firstProblems().get(0)) + ")";
    Map<String, List<String>> genres = new HashMap<>();
    for (Track t : d.catalog().tracks()) {
      if (!t.genres().isEmpty()) {
        genres.put(t.id(), t.genres());
      }
    }
    if (d.interactions().size() == 0) {
      throw new IllegalArgumentException("dataset '" + spec + "' has no interactions (" + report + ")");
    }
    return new Loaded(d.interactions(), genres.isEmpty() ? null : genres, note);
  }
}

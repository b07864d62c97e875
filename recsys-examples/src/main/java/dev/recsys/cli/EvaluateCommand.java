package dev.recsys.cli;

import dev.recsys.core.eval.Cohorts;
import dev.recsys.core.eval.CrossValidation;
import dev.recsys.core.eval.ErrorAnalysis;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.ItemGrouping;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.SplitFile;
import dev.recsys.core.eval.UserGrouping;
import dev.recsys.core.eval.protocol.LeaveLastOut;
import dev.recsys.core.eval.protocol.PlaylistContinuation;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.eval.report.ReportJson;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.model.Track;
import dev.recsys.report.ErrorAnalysisReport;
import dev.recsys.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code recsys evaluate}: splits a dataset with a protocol (or reads a split file), fits every named recommender
 * plugin on the training part (with the catalogue at hand), ranks the full catalogue for every test user and
 * reports the metrics with bootstrap intervals, paired comparisons against reference models, cohorts, and
 * optionally an HTML report, a CSV export of the ranked lists with the held-out items, and the split itself.
 * With {@code --validation} the same protocol carves a validation split out of the training rows, for choosing
 * settings without looking at the test rows. With {@code --folds K} it runs K-fold cross-validation instead of one
 * split (folds by listener or by time, see {@link CrossValidation}) and reports each metric's mean, standard
 * deviation and range across folds, and each model's difference from the reference models fold by fold.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Evaluate recommenders (any recommender plugin: popularity, itemknn, userknn, ease, ials, bpr,",
        "content, two-tower, gat, ...) on one split with a reproducible protocol."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "KIND:PATH",
      description = "movielens:DIR | spotify-songs:FILE | interactions:FILE[#user=COL,item=COL,...] | mpd:DIR (any spec of the data readers)")
  String dataset;

  @Option(names = "--protocol", defaultValue = "temporal",
      description = "temporal | random | leave-last | playlist | session (listening split into sessions at "
          + "30-minute gaps, each session a user, the last play of --test-fraction of the sessions with >= 3 plays "
          + "hidden) (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share held out by temporal and random splits; share of playlists tested (default: ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--models", defaultValue = "popularity,itemknn,userknn,random", split = ",",
      description = "Comma-separated recommender plugin names ('recsys plugins' lists them): popularity, random, "
          + "itemknn, userknn, ease, ials, bpr, content, two-tower, gat, ... (default: ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--params", paramLabel = "MODEL=JSON",
      description = "Overrides of a model's default configuration, merged field by field, e.g. "
          + "ials='{\"factors\":128}' or two-tower='{\"training\":{\"epochs\":10}}' (repeatable). Every 'seed' "
          + "field not set here takes --seed.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--pipeline", paramLabel = "FILE",
      description = "Also evaluate the recommender of FILE's 'recommender' section (e.g. best.yaml from 'recsys tune')")
  Path pipeline;

  @Option(names = "--split", paramLabel = "FILE",
      description = "Read the split from FILE (written by --export-split) instead of applying --protocol")
  Path splitFile;

  @Option(names = "--export-split", paramLabel = "FILE",
      description = "Write the evaluated split to FILE (user,item,timestamp,part per row)")
  Path exportSplit;

  @Option(names = "--validation",
      description = "Evaluate on a validation split carved from the training rows by the same protocol (the test "
          + "rows are left out entirely): for choosing settings")
  boolean validation;

  @Option(names = "--folds", defaultValue = "0",
      description = "K-fold cross-validation: evaluate on this many folds (>= 2) instead of one split and report each "
          + "metric's mean, standard deviation and range across folds (default: ${DEFAULT-VALUE}: one split)")
  int folds;

  @Option(names = "--cv", defaultValue = "listener",
      description = "Folds by listener (each fold tests a seeded share of the listeners on their latest "
          + "--test-fraction rows) or by time (forward chaining: train on the oldest blocks, test on the next) "
          + "(default: ${DEFAULT-VALUE})")
  String cv;

  @Option(names = "--k", defaultValue = "10", split = ",", description = "Cut-offs, e.g. 10,20 (default: ${DEFAULT-VALUE})")
  List<Integer> ks;

  @Option(names = "--depth", description = "Results requested per user (default: max(50, max k))")
  Integer depth;

  @Option(names = "--baseline", split = ",", description = "Reference models of the paired comparisons, "
      + "comma-separated (default: popularity if evaluated, else the first model)")
  List<String> baseline;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the random model and the bootstrap (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(names = "--threads", description = "Query threads (default: available processors); results do not depend on it")
  Integer threads;

  @Option(names = "--report", paramLabel = "DIR", description = "Write report.html, report.json and PNG plots here")
  Path report;

  @Option(names = "--worst", defaultValue = "10",
      description = "With --report: how many listeners and tracks the error analysis lists (default: ${DEFAULT-VALUE})")
  int worst;

  @Option(names = "--export-recs", paramLabel = "FILE",
      description = "Write ranked lists (model,user,rank,item,score) to FILE and held-out items to FILE.heldout.csv")
  Path exportRecs;

  @Option(names = "--json", description = "Print the JSON report instead of the table")
  boolean json;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    err.printf("recsys evaluate: %s: %s%n", dataset, data.description());
    err.flush();
    List<RecommenderTrainer> trainers = new ArrayList<>();
    for (String m : models) {
      trainers.add(RecommenderModels.trainer(m.trim(), params.get(m.trim()), seed, data.catalog()));
    }
    if (pipeline != null) {
      RecommenderTrainer t = RecommenderModels.fromPipeline(pipeline, data.catalog());
      if (trainers.stream().anyMatch(x -> x.name().equals(t.name()))) {
        throw new ParameterException(spec.commandLine(), "--pipeline configures '" + t.name()
            + "', which --models also names; drop it from --models");
      }
      trainers.add(t);
    }
    for (String m : params.keySet()) {
      if (!models.stream().map(String::trim).toList().contains(m)) {
        throw new ParameterException(spec.commandLine(), "--params names '" + m + "', which is not among --models "
            + models);
      }
    }
    EvaluatorConfig.Builder cb = EvaluatorConfig.builder().ks(ks.stream().mapToInt(Integer::intValue).toArray())
        .bootstrapSamples(bootstrap).seed(seed).keepRecommendations(exportRecs != null || report != null)
        .threads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    if (depth != null) {
      cb.depth(depth);
    }
    Map<String, UserGrouping> listenerCohorts = new LinkedHashMap<>();
    Map<String, ItemGrouping> trackCohorts = new LinkedHashMap<>();
    listenerCohorts.put("activity", Cohorts.activity(30, 100, 300));
    trackCohorts.put("item-popularity", Cohorts.coldWarm(5));
    Map<String, List<String>> genres = new HashMap<>();
    for (Track t : data.catalog().tracks()) {
      if (!t.genres().isEmpty()) {
        genres.put(t.id(), t.genres());
      }
    }
    if (!genres.isEmpty()) {
      listenerCohorts.put("history-genre", Cohorts.dominantGenre(genres::get));
    }
    Evaluator.Builder eb = Evaluator.builder(cb.build());
    listenerCohorts.forEach(eb::userCohort);
    trackCohorts.forEach(eb::itemCohort);
    Evaluator evaluator = eb.build();
    // the error analysis adds how mainstream a listener's history is and the genre of the held-out track
    listenerCohorts.put("history-popularity", Cohorts.historyPopularity());
    if (!genres.isEmpty()) {
      trackCohorts.put("track-genre", Cohorts.byItemId(id -> genres.containsKey(id) ? genres.get(id).get(0) : null));
    }
    if (folds != 0) {
      return crossValidate(err, data, trainers, evaluator);
    }
    Protocol p = protocol(protocol);
    dev.recsys.core.model.Interactions rows = protocol.equals("session")
        ? dev.recsys.quality.Sessions.split(data.interactions(), 1800) : data.interactions();
    Split split = splitFile != null ? SplitFile.read(splitFile, rows) : p.split(rows);
    if (validation) {
      Split outer = split;
      Split inner = p.split(outer.train());
      int[][] seeds = new int[outer.train().users().size()][];
      for (int q = 0; q < inner.numTestUsers(); q++) {
        seeds[inner.testUser(q)] = inner.seeds(q);
      }
      split = Split.of("validation " + inner.protocol() + " of the training part of " + outer.protocol(), seed,
          inner.data(), inner.trainRows(), inner.testRows(), seeds);
    }
    err.printf("recsys evaluate: %s -> %d train rows, %d test rows, %d test users%n", split.protocol(),
        split.train().size(), split.test().size(), split.numTestUsers());
    err.flush();
    if (split.numTestUsers() == 0) {
      throw new IllegalArgumentException("the split has no test user; try another protocol or --test-fraction");
    }
    if (exportSplit != null) {
      SplitFile.write(exportSplit, split);
      err.println("recsys evaluate: split written to " + exportSplit);
    }
    List<EvaluationResult> results = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      EvaluationResult r = evaluate(evaluator, split, t, "evaluate " + t.name());
      err.printf("recsys evaluate: %s fit %.1f s, %d users ranked in %.1f s%n", t.name(), r.fitMillis() / 1000.0, r.users().size(),
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
      Path errors = ErrorAnalysisReport.write(dataset + ", " + split.protocol(),
          errorAnalyses(split, results, listenerCohorts, trackCohorts, data), report);
      err.println("recsys evaluate: error analysis written to " + errors);
    }
    if (exportRecs != null) {
      RecommendationExport.write(exportRecs, split, results);
      err.println("recsys evaluate: ranked lists written to " + exportRecs + " and "
          + RecommendationExport.heldOutFile(exportRecs));
    }
    err.flush();
    return 0;
  }

  /** Fits and evaluates one model with a progress bar: "fitting", then one step per test listener ranked. */
  static EvaluationResult evaluate(Evaluator evaluator, Split split, RecommenderTrainer trainer, String label) {
    try (ProgressBar bar = new ProgressBar(label, split.numTestUsers())) {
      bar.update(0, "fitting");
      return evaluator.evaluate(split, trainer, bar.asListener());
    }
  }

  /** One model's metrics across folds. */
  record FoldRow(String model, Map<String, CrossValidation.FoldSummary> metrics, double fitSeconds) {}

  /** One difference against a reference model across folds. */
  record FoldComparison(String model, String baseline, String metric, CrossValidation.FoldSummary difference) {}

  /** The JSON report of a cross-validated evaluation. */
  record FoldReport(String dataset, String folds, List<String> foldProtocols, List<FoldRow> models,
      List<FoldComparison> comparisons) {}

  private Integer crossValidate(PrintWriter err, TwoTowerSupport.Data data, List<RecommenderTrainer> trainers,
      Evaluator evaluator) throws IOException {
    if (folds < 2) {
      throw new ParameterException(spec.commandLine(), "--folds must be 0 (one split) or >= 2; got " + folds);
    }
    if (splitFile != null || exportSplit != null || exportRecs != null || report != null) {
      throw new ParameterException(spec.commandLine(), "--folds cannot be combined with --split, --export-split, "
          + "--export-recs or --report (they describe one split)");
    }
    CrossValidation cvs;
    try {
      cvs = new CrossValidation(CrossValidation.Kind.parse(cv), folds, testFraction, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--cv/--folds: " + e.getMessage());
    }
    dev.recsys.core.model.Interactions rows = data.interactions();
    String scope = "";
    if (validation) {
      Split outer = protocol(protocol).split(rows);
      rows = outer.train();
      scope = " of the training part of " + outer.protocol();
    }
    List<Split> splits = cvs.splits(rows);
    int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<String> shown = List.of("recall@" + maxK, "ndcg@" + maxK, "map@" + maxK);
    Map<String, double[][]> perModel = new LinkedHashMap<>();
    Map<String, Double> fit = new LinkedHashMap<>();
    for (int f = 0; f < splits.size(); f++) {
      Split s = splits.get(f);
      err.printf("recsys evaluate: %s -> %d train rows, %d test rows, %d test users%n", s.protocol(),
          s.train().size(), s.test().size(), s.numTestUsers());
      for (RecommenderTrainer t : trainers) {
        EvaluationResult r = evaluate(evaluator, s, t, "fold " + (f + 1) + "/" + splits.size() + " " + t.name());
        double[][] v = perModel.computeIfAbsent(t.name(), x -> new double[shown.size()][splits.size()]);
        for (int m = 0; m < shown.size(); m++) {
          v[m][f] = r.get(shown.get(m)).mean();
        }
        fit.merge(t.name(), r.fitMillis() / 1000.0, Double::sum);
        err.printf("recsys evaluate:   %s fit %.1f s%n", t.name(), r.fitMillis() / 1000.0);
        err.flush();
      }
    }
    List<FoldRow> rowsOut = new ArrayList<>();
    perModel.forEach((model, v) -> {
      Map<String, CrossValidation.FoldSummary> ms = new LinkedHashMap<>();
      for (int m = 0; m < shown.size(); m++) {
        ms.put(shown.get(m), CrossValidation.summarize(v[m]));
      }
      rowsOut.add(new FoldRow(model, ms, fit.get(model) / folds));
    });
    List<String> refs = baseline == null || baseline.isEmpty()
        ? List.of(perModel.containsKey("popularity") ? "popularity" : perModel.keySet().iterator().next())
        : baseline.stream().map(String::trim).toList();
    List<FoldComparison> comps = new ArrayList<>();
    for (String ref : refs) {
      double[][] b = perModel.get(ref);
      if (b == null) {
        throw new ParameterException(spec.commandLine(), "--baseline " + ref + " is not among --models " + models);
      }
      for (var e : perModel.entrySet()) {
        if (e.getKey().equals(ref)) {
          continue;
        }
        for (int m = 0; m < shown.size(); m++) {
          double[] diff = new double[folds];
          for (int f = 0; f < folds; f++) {
            diff[f] = e.getValue()[m][f] - b[m][f];
          }
          comps.add(new FoldComparison(e.getKey(), ref, shown.get(m), CrossValidation.summarize(diff)));
        }
      }
    }
    FoldReport rep = new FoldReport(dataset, folds + " " + cvs.kind().name().toLowerCase(java.util.Locale.ROOT)
        + " folds" + scope, splits.stream().map(Split::protocol).toList(), rowsOut, comps);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, rep);
    } else {
      out.printf("%s, %s; per metric: mean ± sd [min, max] across folds%n", rep.dataset(), rep.folds());
      StringBuilder h = new StringBuilder(String.format(java.util.Locale.ROOT, "%-12s", "model"));
      for (String m : shown) {
        h.append(String.format(java.util.Locale.ROOT, " %-34s", m));
      }
      out.println(h.append("  fit s/fold"));
      for (FoldRow r : rowsOut) {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "%-12s", r.model()));
        for (String m : shown) {
          b.append(String.format(java.util.Locale.ROOT, " %-34s", r.metrics().get(m).format()));
        }
        out.println(b.append(String.format(java.util.Locale.ROOT, "  %10.1f", r.fitSeconds())));
      }
      if (!comps.isEmpty()) {
        out.println("differences across folds (mean ± sd [min, max]):");
        for (FoldComparison c : comps) {
          CrossValidation.FoldSummary d = c.difference();
          out.printf(java.util.Locale.ROOT, "  %s - %s %-10s %+.4f ± %.4f [%+.4f, %+.4f]%n", c.model(), c.baseline(),
              c.metric(), d.mean(), d.sd(), d.min(), d.max());
        }
      }
    }
    out.flush();
    return 0;
  }

  /**
   * Every model against the first reference model ({@code --baseline}, else popularity or the first model) at the
   * largest cut-off, on NDCG.
   */
  private List<ErrorAnalysis.Report> errorAnalyses(Split split, List<EvaluationResult> results,
      Map<String, UserGrouping> listenerCohorts, Map<String, ItemGrouping> trackCohorts, TwoTowerSupport.Data data) {
    String ref = references(results).get(0).trim();
    EvaluationResult base = results.stream().filter(r -> r.model().equals(ref)).findFirst().orElseThrow();
    int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    ErrorAnalysis.Config config;
    try {
      config = new ErrorAnalysis.Config("ndcg@" + maxK, maxK, worst, 5, Math.max(1, bootstrap), 0.95, seed);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--worst: " + e.getMessage());
    }
    List<ErrorAnalysis.Report> out = new ArrayList<>();
    for (EvaluationResult r : results) {
      if (r != base) {
        out.add(ErrorAnalysis.analyse(split, r, base, listenerCohorts, trackCohorts,
            id -> data.catalog().find(id).map(Track::displayTitle).orElse(id), config));
      }
    }
    return out;
  }

  private List<String> references(List<EvaluationResult> results) {
    List<String> refs = baseline;
    if (refs == null || refs.isEmpty()) {
      refs = List.of(results.stream().anyMatch(r -> r.model().equals("popularity")) ? "popularity"
          : results.get(0).model());
    }
    return refs;
  }

  private List<PairedComparison> comparisons(Evaluator evaluator, List<EvaluationResult> results) {
    List<String> refs = references(results);
    int maxK = ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<PairedComparison> out = new ArrayList<>();
    for (String ref : refs) {
      String refName = ref.trim();
      EvaluationResult base = results.stream().filter(r -> r.model().equals(refName)).findFirst()
          .orElseThrow(() -> new ParameterException(spec.commandLine(), "--baseline " + refName
              + " is not among --models " + models));
      for (EvaluationResult r : results) {
        if (r == base) {
          continue;
        }
        for (String m : List.of("recall@" + maxK, "ndcg@" + maxK, "map@" + maxK)) {
          out.add(evaluator.compare(r, base, m));
        }
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
      case "session" -> new PlaylistContinuation(testFraction, 0.999, 3, seed);
      default -> throw new ParameterException(spec.commandLine(),
          "unknown --protocol '" + name + "'; available: temporal, random, leave-last, playlist, session");
    };
  }
}

package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.matching.MatchExport;
import dev.recsys.core.eval.matching.MatchingConfig;
import dev.recsys.core.eval.matching.MatchingEvaluator;
import dev.recsys.core.eval.matching.MatchingResult;
import dev.recsys.core.eval.matching.MatchingTask;
import dev.recsys.core.matching.ContentProfileMatcher;
import dev.recsys.core.matching.ContentProfiles;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.model.Interactions;
import dev.recsys.embedding.matching.CoListeningConfig;
import dev.recsys.embedding.matching.CoListeningMatcher;
import dev.recsys.embedding.matching.CoListeningMatcherTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-matching}: fits listener matchers on a dataset under a matching protocol (split-half
 * self-retrieval, ground-truth pairs, or a synthetic world's hidden taste), reports recall@k, NDCG@k, precision@k
 * and MRR@k with bootstrap intervals and paired comparisons of the first model against each other, and optionally
 * exports the ranked matches and the truth.
 */
@Command(name = "evaluate-matching", mixinStandardHelpOptions = true,
    description = "Evaluate listener matchers (the learned matcher and the baselines) with a reproducible protocol.")
final class EvaluateMatchingCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "Any data specification (movielens:DIR, spotify-songs:FILE, interactions:FILE[#user=..,item=..,weight=..]) "
          + "or a world directory written by 'recsys generate'")
  String dataset;

  @Option(names = "--truth", paramLabel = "edges:FILE", description = "Known related listeners (an edge list), for --protocol truth")
  String truth;

  @Option(names = "--protocol", defaultValue = "split-half",
      description = "split-half | truth | synthetic (default: ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--models", split = ",", description = "Comma-separated matcher names; the first is compared with "
      + "each other (default: matcher, random, most-active, cosine-binary, cosine-logplays, cosine-tfidf, cosine-bm25, content, svd, ials)")
  List<String> models;

  @Option(names = "--k", defaultValue = "10", description = "Cut-off (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--min-items", defaultValue = "4", description = "Split-half: fewest distinct items of a query listener (default: ${DEFAULT-VALUE})")
  int minItems;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the models and the bootstrap (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(names = "--pipeline", paramLabel = "FILE",
      description = "Also evaluate the matcher of FILE's 'matcher' section (e.g. best.yaml from 'recsys tune'), "
          + "first, so the paired comparisons are against it (it replaces a --models entry of the same name)")
  Path pipeline;

  @Option(names = "--truth-validation", defaultValue = "0.2", paramLabel = "SHARE",
      description = "--protocol truth: share of the query listeners held out to choose the learned matcher's "
          + "item-overlap weight on the known pairs; every model is then reported on the other queries only "
          + "(0: no validation, the weight chosen in fitting is kept) (default: ${DEFAULT-VALUE})")
  double truthValidation;

  @Option(names = "--overlap-weights", split = ",", paramLabel = "W",
      description = "Candidate item-overlap weights for --truth-validation (default: 0,0.1,0.2,0.5,1,2,5,10,20,50,100; each chosen jointly with the overlap weighting, tfidf or bm25-idf2)")
  List<Double> overlapWeights;

  @Option(names = "--json", description = "Print JSON instead of the table")
  boolean json;

  @Option(names = "--export-matches", paramLabel = "FILE",
      description = "Write model,user,rank,match,score to FILE and the truth (user,match) to FILE.truth.csv")
  Path export;

  /** One model's row of the report. */
  record ModelRow(String model, Map<String, Estimate> metrics, double fitSeconds, double matchSeconds) {}

  /** The JSON report. */
  record Report(String dataset, String protocol, int k, int queries, Map<String, Integer> notes, List<ModelRow> models,
      Map<String, String> skipped, Map<String, CoListeningMatcherTrainer.OverlapChoice> choices,
      List<PairedComparison> comparisons) {}

  /** Default candidates of {@code --overlap-weights}. */
  static final List<Double> OVERLAP_WEIGHTS = List.of(0.0, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0);

  /** Candidate item weightings of the overlap part, chosen jointly with its weight: the matcher's defaults. */
  static final List<ItemWeighting> OVERLAP_WEIGHTINGS = CoListeningConfig.defaults().overlapWeightings();

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    MatchingSupport.Loaded data = MatchingSupport.load(dataset);
    err.printf("recsys evaluate-matching: %s: %d interactions, %d listeners, %d items%s%n", dataset,
        data.interactions().size(), data.interactions().users().size(), data.interactions().items().size(), data.note());
    err.flush();
    MatchingTask task = task(data);
    MatchingTask validation = null;
    if (!(truthValidation >= 0 && truthValidation < 1)) {
      throw new ParameterException(spec.commandLine(), "--truth-validation must be in [0, 1); got " + truthValidation);
    }
    if (protocol.equals("truth") && truthValidation > 0) {
      List<MatchingTask> parts = task.splitQueries(truthValidation, seed);
      validation = parts.get(0);
      task = parts.get(1);
    }
    err.printf("recsys evaluate-matching: %s: %d queries %s%n", task.protocol(), task.relevant().size(), task.notes());
    err.flush();
    if (task.relevant().isEmpty()) {
      throw new IllegalArgumentException("the protocol gives no query listener; " + task.notes());
    }
    List<String> names = models == null ? MatchingSupport.DEFAULT_MODELS : models.stream().map(String::trim).toList();
    List<ListenerMatcherTrainer> trainers = new ArrayList<>();
    for (String n : names) {
      try {
        trainers.add(MatchingSupport.trainer(n, seed));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (pipeline != null) {
      ListenerMatcherTrainer t = MatchingSupport.fromPipeline(pipeline);
      if (trainers.stream().anyMatch(x -> x.name().equals(t.name()))) {
        trainers.removeIf(x -> x.name().equals(t.name()));
      }
      trainers.add(0, t);
    }
    MatchingEvaluator evaluator = new MatchingEvaluator(MatchingConfig.builder().k(k).bootstrapSamples(bootstrap)
        .seed(seed).build());
    List<MatchingResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    Map<String, CoListeningMatcherTrainer.OverlapChoice> choices = new LinkedHashMap<>();
    for (ListenerMatcherTrainer t : trainers) {
      StringBuilder line = new StringBuilder("recsys evaluate-matching: " + t.name());
      if (models == null && t.name().equals(ContentProfileMatcher.NAME)
          && !ContentProfiles.fit(ListenerProfiles.of(task.data()), task.catalog()).present()) {
        String why = "the data has no genre or audio feature";
        err.printf("%s skipped: %s%n", line, why);
        err.flush();
        skipped.put(t.name(), why);
        continue;
      }
      MatchingResult r;
      try (ProgressBar bar = new ProgressBar("evaluate " + t.name(), 1)) {
        if (validation != null && t instanceof CoListeningMatcherTrainer) {
          long t0 = System.nanoTime();
          CoListeningMatcher m = (CoListeningMatcher) t.fit(task.data(), task.catalog());
          CoListeningMatcherTrainer.OverlapChoice c = CoListeningMatcherTrainer.chooseOverlap(m, validation,
              overlapWeights == null ? OVERLAP_WEIGHTS : overlapWeights, OVERLAP_WEIGHTINGS, k);
          long fit = (System.nanoTime() - t0) / 1_000_000;
          choices.put(t.name(), c);
          line.append(String.format(" overlap weight %s (%s) chosen on %d validation queries (recall@%d %s),",
              c.weight(), c.weighting().label(), c.queries(), k, c.recall()));
          r = evaluator.evaluate(task, m, fit);
        } else {
          r = evaluator.evaluate(task, t);
        }
        bar.step("");
      }
      err.printf("%s fit %.1f s, %d queries matched in %.1f s%n", line, r.fitMillis() / 1000.0, r.queries().size(),
          r.matchMillis() / 1000.0);
      err.flush();
      results.add(r);
    }
    String primary = (protocol.equals("synthetic") ? "precision@" : "recall@") + k;
    List<PairedComparison> comparisons = new ArrayList<>();
    if (bootstrap > 0 && !results.isEmpty()) {
      for (MatchingResult r : results.subList(1, results.size())) {
        for (String m : List.of(primary, "ndcg@" + k)) {
          comparisons.add(evaluator.compare(results.get(0), r, m));
        }
      }
    }
    List<ModelRow> rows = new ArrayList<>();
    for (MatchingResult r : results) {
      rows.add(new ModelRow(r.model(), r.aggregate(), r.fitMillis() / 1000.0, r.matchMillis() / 1000.0));
    }
    Report rep = new Report(dataset, task.protocol(), k, task.relevant().size(), task.notes(), rows, skipped, choices,
        comparisons);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, rep);
    } else {
      print(out, rep);
    }
    if (export != null) {
      MatchExport.write(export, task, results);
      err.println("recsys evaluate-matching: matches written to " + export + ", truth to " + MatchExport.truthFile(export));
    }
    err.flush();
    return 0;
  }

  private MatchingTask task(MatchingSupport.Loaded data) throws IOException {
    Interactions in = data.interactions();
    return switch (protocol) {
      case "split-half" -> MatchingTask.splitHalf(in, data.catalog(), seed, minItems);
      case "truth" -> {
        if (truth == null) {
          throw new ParameterException(spec.commandLine(), "--protocol truth needs --truth edges:FILE");
        }
        yield MatchingTask.truth(in, data.catalog(), Datasets.interactions(truth, ReadOptions.LENIENT));
      }
      case "synthetic" -> {
        if (data.labels().isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--protocol synthetic needs a world directory written by "
              + "'recsys generate' (its listeners.csv holds the hidden dominant genre); '" + dataset + "' has none");
        }
        yield MatchingTask.sharedLabel(in, data.catalog(), data.labels());
      }
      default -> throw new ParameterException(spec.commandLine(),
          "unknown --protocol '" + protocol + "'; available: split-half, truth, synthetic");
    };
  }

  private static void print(PrintWriter out, Report rep) {
    out.printf("%s, %s, %d queries, k = %d%n", rep.dataset(), rep.protocol(), rep.queries(), rep.k());
    List<String> metrics = rep.models().isEmpty() ? List.of() : List.copyOf(rep.models().get(0).metrics().keySet());
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-16s", "model"));
    for (String m : metrics) {
      h.append(String.format(Locale.ROOT, " %-26s", m));
    }
    out.println(h.append("   fit s"));
    for (ModelRow r : rep.models()) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s", r.model()));
      for (String m : metrics) {
        b.append(String.format(Locale.ROOT, " %-26s", r.metrics().get(m).format()));
      }
      out.println(b.append(String.format(Locale.ROOT, " %7.1f", r.fitSeconds())));
    }
    rep.skipped().forEach((m, why) -> out.printf("%-16s skipped: %s%n", m, why));
    rep.choices().forEach((m, c) -> out.printf(Locale.ROOT, "%-16s item-overlap weight %s (%s), chosen on %d validation "
        + "queries (not in the table)%n", m, c.weight(), c.weighting().label(), c.queries()));
    if (!rep.comparisons().isEmpty()) {
      out.println("paired differences (percentile bootstrap over queries, sign-flip p):");
      for (PairedComparison c : rep.comparisons()) {
        out.printf(Locale.ROOT, "  %s - %s %-14s %+.4f [%+.4f, %+.4f] p=%.4f%n", c.modelA(), c.modelB(), c.metric(),
            c.meanDifference(), c.lower(), c.upper(), c.pValue());
      }
    }
    out.flush();
  }
}

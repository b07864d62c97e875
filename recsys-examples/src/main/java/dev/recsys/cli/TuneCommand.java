package dev.recsys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.core.config.ConfigException;
import dev.recsys.core.eval.CrossValidation;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.matching.MatchingConfig;
import dev.recsys.core.eval.matching.MatchingEvaluator;
import dev.recsys.core.eval.matching.MatchingResult;
import dev.recsys.core.eval.matching.MatchingTask;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.util.Seeds;
import dev.recsys.core.util.JsonCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys tune}: random search or successive halving over a declared space of a recommender's (or a listener
 * matcher's) settings. Every evaluation is on validation data only: for a recommender, a validation split carved
 * by the temporal protocol from the training part of the temporal split (the test rows are never read), or k folds
 * of that training part ({@code --folds}); for a matcher, the split-half self-retrieval task drawn with a seed of
 * its own (the halves differ from those {@code recsys evaluate-matching --seed} scores). Writes {@code tune.json},
 * {@code tune.md} and the best setting as a pipeline file ({@code best.yaml}) that {@code recsys evaluate
 * --pipeline} (or {@code recsys evaluate-matching --pipeline}) reads.
 *
 * <p>The space file (YAML or JSON) names the model and, per setting, a list of choices or a range:
 * <pre>
 * model: ials
 * kind: recommender                        # or matcher (default: recommender)
 * params:
 *   factors: [32, 64, 128]                 # one of the listed values
 *   regularization: {log: [0.001, 0.05]}   # log-uniform
 *   unobservedWeight: {uniform: [0.05, 1]} # uniform
 *   epochs: {int: [4, 32]}                 # uniform integer, both ends included
 * </pre>
 * Nested settings are written as nested maps ({@code training: {epochs: {int: [5, 20]}}}). Configuration 1 is the
 * model's default, so the table always shows what tuning gained. The draws are seeded.
 *
 * <p><b>Successive halving</b> ({@code --search halving}): the {@code --trials} configurations are all run at the
 * smallest resource, the best {@code 1/eta} of them go on to {@code eta} times the resource, and so on until the
 * survivors run at the full resource. With {@code n} configurations there are {@code floor(log_eta n) + 1} rungs and
 * rung {@code i} (from 0) runs at {@code eta^(i - last)} of the full resource: of each configuration's epochs
 * ({@code --rung-by epochs}, at least one; the first setting named {@code epochs} or {@code maxEpochs}, or
 * {@code --epochs-key}) or of the training rows ({@code --rung-by data}, a seeded nested subsample: a larger
 * fraction holds every row of a smaller one; the validation rows stay whole). Ties go to the earlier configuration.
 * The best configuration is the best of the highest rung that was run. {@code --minutes} stops starting new
 * evaluations; what was measured is still reported.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = {"Random search or successive halving of a recommender's (or matcher's) settings on validation "
        + "data carved from the training data.",
        "Writes tune.json, tune.md and best.yaml (a pipeline file for 'recsys evaluate --pipeline' or "
            + "'recsys evaluate-matching --pipeline')."})
final class TuneCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonCodec.json();
  private static final ObjectMapper YAML = JsonCodec.yaml();

  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC", description = "movielens:DIR, synthetic:DIR, ... "
      + "(for a matcher also a world directory written by 'recsys generate')")
  String dataset;

  @Option(names = "--space", required = true, paramLabel = "FILE", description = "The search space (YAML or JSON).")
  Path space;

  @Option(names = "--search", defaultValue = "random",
      description = "random (every configuration at the full resource) | halving (successive halving) (default: "
          + "${DEFAULT-VALUE})")
  String search;

  @Option(names = "--trials", defaultValue = "20", description = "Configurations drawn, the defaults included "
      + "(default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--minutes", defaultValue = "60", description = "Start no evaluation after this many minutes "
      + "(default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--eta", defaultValue = "3", description = "Successive halving: keep the best 1/eta of a rung, "
      + "give them eta times the resource (default: ${DEFAULT-VALUE}).")
  int eta;

  @Option(names = "--rung-by", defaultValue = "epochs",
      description = "Successive halving resource: epochs | data (share of the training rows) (default: "
          + "${DEFAULT-VALUE})")
  String rungBy;

  @Option(names = "--epochs-key", paramLabel = "PATH",
      description = "The setting that counts epochs, as a dotted path (e.g. training.epochs) (default: the first "
          + "setting named epochs or maxEpochs)")
  String epochsKey;

  @Option(names = "--metric", description = "Metric to maximise (default: ndcg@10 for a recommender, recall@10 for "
      + "a matcher).")
  String metric;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share of each listener's latest rows held out, for test and again for validation (default: "
          + "${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--folds", defaultValue = "0",
      description = "Cross-validate every evaluation over this many folds of the training part (>= 2; 0: one "
          + "validation split) and rank by the mean across folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--cv", defaultValue = "listener",
      description = "Folds by listener or by time (forward chaining) (default: ${DEFAULT-VALUE}).")
  String cv;

  @Option(names = "--min-items", defaultValue = "4",
      description = "Matcher: fewest distinct items of a split-half query listener (default: ${DEFAULT-VALUE}).")
  int minItems;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the draws and the models (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print tune.json's content instead of the table")
  boolean json;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where tune.json, tune.md and best.yaml go.")
  Path out;

  /**
   * One evaluation of one configuration.
   *
   * @param trial the configuration's number (1: the defaults)
   * @param rung the successive-halving rung (0 for random search)
   * @param resource share of the full resource (1: full)
   * @param epochs the epochs run when the rungs are by epochs, else null
   * @param params the drawn settings (empty for the defaults)
   * @param mean the metric (the mean across folds when cross-validating)
   * @param lower lower end of the bootstrap interval, or the smallest fold value when cross-validating
   * @param upper upper end of the bootstrap interval, or the largest fold value when cross-validating
   * @param sd standard deviation across folds, or null for one validation split
   * @param folds the metric per fold, or null
   * @param fitSeconds fitting time, summed over folds
   */
  record Trial(int trial, int rung, double resource, Integer epochs, Map<String, Object> params, double mean,
      double lower, double upper, Double sd, double[] folds, double fitSeconds) {}

  /** The JSON result. */
  record Result(String dataset, String kind, String model, String metric, String split, String search, int eta,
      String rungBy, int folds, long seed, List<Trial> trials, int best, Map<String, Object> bestParams) {}

  /** What one evaluation measures. */
  private record Score(double mean, double lower, double upper, Double sd, double[] folds, double fitSeconds) {}

  private interface Objective {
    Score score(ObjectNode params, double dataFraction);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    JsonNode root = read(space);
    JsonNode model = root.get("model");
    JsonNode params = root.get("params");
    JsonNode kindNode = root.get("kind");
    if (model == null || !model.isTextual()) {
      throw new ConfigException(space + ": 'model' must name a recommender or matcher plugin, e.g. model: ials");
    }
    if (params == null || !params.isObject()) {
      throw new ConfigException(space + ": 'params' must map setting names to choices or ranges");
    }
    String kind = kindNode == null ? "recommender" : kindNode.asText();
    if (!kind.equals("recommender") && !kind.equals("matcher")) {
      throw new ConfigException(space + ": 'kind' must be recommender or matcher; got '" + kind + "'");
    }
    if (!search.equals("random") && !search.equals("halving")) {
      throw new ParameterException(spec.commandLine(), "--search must be random or halving; got '" + search + "'");
    }
    if (!rungBy.equals("epochs") && !rungBy.equals("data")) {
      throw new ParameterException(spec.commandLine(), "--rung-by must be epochs or data; got '" + rungBy + "'");
    }
    if (trials < 1) {
      throw new ParameterException(spec.commandLine(), "--trials must be >= 1; got " + trials);
    }
    if (eta < 2) {
      throw new ParameterException(spec.commandLine(), "--eta must be >= 2; got " + eta);
    }
    if (folds == 1 || folds < 0) {
      throw new ParameterException(spec.commandLine(), "--folds must be 0 (one validation split) or >= 2; got "
          + folds);
    }
    boolean matcher = kind.equals("matcher");
    String name = model.asText();
    if (metric == null) {
      metric = matcher ? "recall@10" : "ndcg@10";
    }
    Plugin<?> plugin = matcher ? RecommenderModels.plugin(MatchingSupport.registry(), "matcher", name)
        : RecommenderModels.plugin(RecommenderModels.registry(), "model", name);
    String[] epochsPath = null;
    if (search.equals("halving") && rungBy.equals("epochs")) {
      epochsPath = epochsPath(RecommenderModels.defaults(plugin, seed), name);
    }
    String validationText;
    Objective objective;
    if (matcher) {
      if (folds > 0) {
        throw new ParameterException(spec.commandLine(), "--folds applies to recommenders; a matcher is tuned on "
            + "the split-half task");
      }
      if (search.equals("halving") && rungBy.equals("data")) {
        throw new ParameterException(spec.commandLine(), "a matcher's rungs are by epochs; --rung-by data applies "
            + "to recommenders");
      }
      MatchingSupport.Loaded data = MatchingSupport.load(dataset);
      MatchingTask task = MatchingTask.splitHalf(data.interactions(), data.catalog(), Seeds.mix(seed, 31), minItems);
      if (task.relevant().isEmpty()) {
        throw new IllegalArgumentException("the split-half task has no query listener; " + task.notes());
      }
      validationText = task.protocol() + " (halves drawn with a tuning seed of their own)";
      err.printf("recsys tune: %s: %d listeners; %s, %d queries%n", dataset, data.interactions().users().size(),
          task.protocol(), task.relevant().size());
      MatchingEvaluator evaluator = new MatchingEvaluator(MatchingConfig.builder().k(k(metric)).bootstrapSamples(200)
          .seed(seed).build());
      objective = (p, fraction) -> {
        ListenerMatcherTrainer t = MatchingSupport.trainer(name, p.isEmpty() ? null : p.toString(), seed);
        MatchingResult r = evaluator.evaluate(task, t);
        if (!r.aggregate().containsKey(metric)) {
          throw new IllegalArgumentException("--metric " + metric + " is not measured; available: " + r.metrics());
        }
        var e = r.get(metric);
        return new Score(e.mean(), e.lower(), e.upper(), null, null, r.fitMillis() / 1000.0);
      };
    } else {
      TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
      Protocol p = TemporalSplit.lastFraction(testFraction, seed);
      Split outer = p.split(data.interactions());
      List<Split> splits;
      if (folds >= 2) {
        CrossValidation cvs;
        try {
          cvs = new CrossValidation(CrossValidation.Kind.parse(cv), folds, testFraction, seed);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--cv/--folds: " + e.getMessage());
        }
        splits = cvs.splits(outer.train());
        validationText = folds + " " + cv + " folds of the training part of " + outer.protocol();
      } else {
        splits = List.of(p.split(outer.train()));
        validationText = splits.get(0).protocol() + " of the training part of " + outer.protocol();
      }
      err.printf("recsys tune: %s: %s; %s: %d train rows, %d validation users in the first%n", dataset,
          data.description(), validationText, splits.get(0).train().size(), splits.get(0).numTestUsers());
      Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(k(metric)).bootstrapSamples(200).seed(seed)
          .build());
      objective = (over, fraction) -> {
        RecommenderTrainer t = RecommenderModels.trainer(name, over.isEmpty() ? null : over.toString(), seed,
            data.catalog());
        double[] values = new double[splits.size()];
        double fit = 0;
        EvaluationResult last = null;
        for (int f = 0; f < splits.size(); f++) {
          Split s = fraction < 1 ? subsample(splits.get(f), fraction, seed) : splits.get(f);
          last = evaluator.evaluate(s, t);
          if (!last.metrics().contains(metric)) {
            throw new IllegalArgumentException("--metric " + metric + " is not measured; available: "
                + last.metrics());
          }
          values[f] = last.get(metric).mean();
          fit += last.fitMillis() / 1000.0;
        }
        if (splits.size() == 1) {
          var e = last.get(metric);
          return new Score(e.mean(), e.lower(), e.upper(), null, null, fit);
        }
        CrossValidation.FoldSummary sum = CrossValidation.summarize(values);
        return new Score(sum.mean(), sum.min(), sum.max(), sum.sd(), values, fit);
      };
    }
    err.flush();

    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 17));
    List<ObjectNode> configs = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      ObjectNode drawn = JSON.createObjectNode();
      if (t > 0) {
        draw((ObjectNode) params, drawn, random, "params");
      }
      configs.add(drawn);
    }
    long deadline = System.nanoTime() + (long) (minutes * 60e9);
    List<Trial> done = new ArrayList<>();
    List<Integer> alive = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      alive.add(i);
    }
    int rungs = search.equals("halving") ? rungs(configs.size(), eta) : 1;
    int lastRung = -1;
    List<Trial> lastRungTrials = new ArrayList<>();
    rungLoop:
    for (int rung = 0; rung < rungs; rung++) {
      double resource = Math.pow(eta, rung - (rungs - 1));
      List<Trial> thisRung = new ArrayList<>();
      try (ProgressBar bar = new ProgressBar(rungs > 1 ? "tune, rung " + (rung + 1) + "/" + rungs : "tune", alive.size())) {
        for (int c : alive) {
          if (System.nanoTime() >= deadline) {
            err.println("recsys tune: --minutes reached; no further evaluation started");
            if (!thisRung.isEmpty()) {
              lastRung = rung;
              lastRungTrials = thisRung;
            }
            break rungLoop;
          }
          ObjectNode over = configs.get(c).deepCopy();
          Integer epochs = null;
          double fraction = 1;
          if (resource < 1 && epochsPath != null) {
            int full = currentEpochs(over, RecommenderModels.defaults(plugin, seed), epochsPath);
            epochs = Math.max(1, (int) Math.round(full * resource));
            setPath(over, epochsPath, epochs);
          } else if (resource < 1) {
            fraction = resource;
          }
          Score sc = objective.score(over, fraction);
          @SuppressWarnings("unchecked")
          Map<String, Object> asMap = JSON.convertValue(configs.get(c), Map.class);
          Trial trial = new Trial(c + 1, rung, resource, epochs, asMap, sc.mean(), sc.lower(), sc.upper(), sc.sd(),
              sc.folds(), sc.fitSeconds());
          done.add(trial);
          thisRung.add(trial);
          err.flush();
          bar.note(String.format(Locale.ROOT, "recsys tune: configuration %d%s %s %s %.4f [%.4f, %.4f] fit %.1f s",
              trial.trial(), rungs > 1 ? String.format(Locale.ROOT, " rung %d (%s)", rung, resourceText(trial)) : "",
              c == 0 ? "(defaults)" : configs.get(c).toString(), metric, sc.mean(), sc.lower(), sc.upper(),
              sc.fitSeconds()));
          bar.step("configuration " + trial.trial());
        }
      }
      lastRung = rung;
      lastRungTrials = thisRung;
      if (rung < rungs - 1) {
        int keep = Math.max(1, thisRung.size() / eta);
        alive = thisRung.stream().sorted(BY_MEAN).limit(keep).map(t -> t.trial() - 1).sorted().toList();
      }
    }
    if (done.isEmpty()) {
      throw new IllegalStateException("no evaluation ran within --minutes " + minutes);
    }
    Trial best = lastRungTrials.stream().sorted(BY_MEAN).findFirst().orElseThrow();
    Files.createDirectories(out);
    Result result = new Result(dataset, kind, name, metric, validationText, search, eta, rungBy, folds, seed, done,
        best.trial(), best.params());
    Files.writeString(out.resolve("tune.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    String md = markdown(result, rungs);
    Files.writeString(out.resolve("tune.md"), md);
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("seed", seed);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("type", name);
    section.put("params", best.params());
    pipeline.put(matcher ? MatchingSupport.SECTION : RecommenderModels.SECTION, section);
    Files.writeString(out.resolve("best.yaml"), YAML.writeValueAsString(pipeline));
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
      o.flush();
      return 0;
    }
    o.print(md);
    o.printf("best: configuration %d (rung %d of %d); written %s, %s, %s%n", result.best(), lastRung, rungs - 1,
        out.resolve("tune.json"), out.resolve("tune.md"), out.resolve("best.yaml"));
    o.flush();
    return 0;
  }

  /** Best mean first, ties by the earlier configuration. */
  private static final Comparator<Trial> BY_MEAN =
      Comparator.comparingDouble((Trial t) -> -t.mean()).thenComparingInt(Trial::trial);

  /** {@code floor(log_eta n) + 1}, computed in integers. */
  static int rungs(int n, int eta) {
    int r = 1;
    for (long size = eta; size <= n; size *= eta) {
      r++;
    }
    return r;
  }

  private static int k(String metric) {
    int at = metric.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("--metric must name a cut-off, e.g. ndcg@10; got '" + metric + "'");
    }
    try {
      return Integer.parseInt(metric.substring(at + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--metric must name a cut-off, e.g. ndcg@10; got '" + metric + "'", e);
    }
  }

  private String markdown(Result r, int rungs) throws IOException {
    boolean cvd = r.folds() >= 2;
    StringBuilder md = new StringBuilder("| configuration |" + (rungs > 1 ? " rung | resource |" : "")
        + " settings | " + r.metric() + (cvd ? " (mean of " + r.folds() + " folds) | sd | fold range" : " | 95% interval")
        + " | fit s |\n|---|" + (rungs > 1 ? "---|---|" : "") + "---|---|---|---|" + (cvd ? "---|" : "") + "\n");
    for (Trial tr : r.trials()) {
      md.append("| ").append(tr.trial()).append(tr.trial() == r.best() && tr.rung() == bestRung(r) ? " (best)" : "")
          .append(" |");
      if (rungs > 1) {
        md.append(' ').append(tr.rung()).append(" | ").append(resourceText(tr)).append(" |");
      }
      md.append(" `").append(tr.trial() == 1 ? "defaults" : JSON.writeValueAsString(tr.params())).append("` | ");
      md.append(String.format(Locale.ROOT, "%.4f | ", tr.mean()));
      if (cvd) {
        md.append(String.format(Locale.ROOT, "%.4f | ", tr.sd()));
      }
      md.append(String.format(Locale.ROOT, "[%.4f, %.4f] | %.1f |%n", tr.lower(), tr.upper(), tr.fitSeconds()));
    }
    return md.toString();
  }

  private static int bestRung(Result r) {
    return r.trials().stream().filter(t -> t.trial() == r.best()).mapToInt(Trial::rung).max().orElse(0);
  }

  private static String resourceText(Trial t) {
    if (t.epochs() != null) {
      return t.epochs() + (t.epochs() == 1 ? " epoch" : " epochs");
    }
    return t.resource() >= 1 ? "full" : String.format(Locale.ROOT, "%.3f of the rows", t.resource());
  }

  /** The path of the epochs setting: {@code --epochs-key}, or the first {@code epochs}/{@code maxEpochs} found. */
  private String[] epochsPath(JsonNode defaults, String name) {
    if (epochsKey != null) {
      String[] path = epochsKey.split("\\.");
      JsonNode n = defaults;
      for (String part : path) {
        n = n == null ? null : n.get(part);
      }
      if (n == null || !n.isNumber()) {
        throw new ParameterException(spec.commandLine(), "--epochs-key " + epochsKey + ": '" + name
            + "' has no numeric setting there");
      }
      return path;
    }
    Deque<Map.Entry<List<String>, JsonNode>> queue = new ArrayDeque<>();
    queue.add(Map.entry(List.of(), defaults));
    while (!queue.isEmpty()) {
      var e = queue.poll();
      for (Iterator<Map.Entry<String, JsonNode>> it = e.getValue().fields(); it.hasNext(); ) {
        var f = it.next();
        List<String> path = new ArrayList<>(e.getKey());
        path.add(f.getKey());
        if ((f.getKey().equals("epochs") || f.getKey().equals("maxEpochs")) && f.getValue().isNumber()) {
          return path.toArray(String[]::new);
        }
        if (f.getValue().isObject()) {
          queue.add(Map.entry(path, f.getValue()));
        }
      }
    }
    throw new ParameterException(spec.commandLine(), "'" + name + "' has no setting named epochs or maxEpochs; "
        + "name one with --epochs-key or use --rung-by data");
  }

  private static int currentEpochs(ObjectNode over, JsonNode defaults, String[] path) {
    JsonNode n = over;
    for (String part : path) {
      n = n == null ? null : n.get(part);
    }
    if (n == null) {
      n = defaults;
      for (String part : path) {
        n = n.get(part);
      }
    }
    return n.asInt();
  }

  private static void setPath(ObjectNode over, String[] path, int value) {
    ObjectNode n = over;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = n.get(path[i]);
      n = child instanceof ObjectNode o ? o : n.putObject(path[i]);
    }
    n.put(path[path.length - 1], value);
  }

  /**
   * The split with a seeded share of its training rows: row {@code r} is kept when a hash of (seed, r) falls below
   * {@code fraction}, so a larger fraction keeps every row of a smaller one. The held-out rows stay, except those
   * of a (listener, track) pair whose training rows were all dropped (they would count as relevant only because
   * the training rows that hid them are gone).
   */
  static Split subsample(Split s, double fraction, long seed) {
    int[] train = s.trainRows();
    int[] test = s.testRows();
    dev.recsys.core.model.Interactions d = s.data();
    int[] keep = new int[train.length];
    int m = 0;
    java.util.Set<Long> dropped = new java.util.HashSet<>();
    java.util.Set<Long> kept = new java.util.HashSet<>();
    for (int r : train) {
      long pair = ((long) d.user(r) << 32) | d.item(r);
      if ((Seeds.mix(Seeds.mix(seed, 37), r) >>> 11) * 0x1.0p-53 < fraction) {
        keep[m++] = r;
        kept.add(pair);
      } else {
        dropped.add(pair);
      }
    }
    int[] rows = new int[m + test.length];
    System.arraycopy(keep, 0, rows, 0, m);
    int n = m;
    for (int r : test) {
      long pair = ((long) d.user(r) << 32) | d.item(r);
      if (!dropped.contains(pair) || kept.contains(pair)) {
        rows[n++] = r;
      }
    }
    int[] newTrain = new int[m];
    int[] newTest = new int[n - m];
    for (int i = 0; i < m; i++) {
      newTrain[i] = i;
    }
    for (int i = m; i < n; i++) {
      newTest[i - m] = i;
    }
    return Split.of(s.protocol() + String.format(Locale.ROOT, ", %.3f of the training rows", fraction), s.seed(),
        d.subset(java.util.Arrays.copyOf(rows, n)), newTrain, newTest, null);
  }

  private static JsonNode read(Path file) throws IOException {
    String text = Files.readString(file);
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      return (n.endsWith(".yaml") || n.endsWith(".yml") ? YAML : JSON).readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(file + ": not valid YAML/JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Draws one value per declared setting, recursing into nested maps that are not ranges. */
  private void draw(ObjectNode declared, ObjectNode into, SplittableRandom r, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = where + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        if (v.isEmpty()) {
          throw new ConfigException(space + ": " + at + ": the list of choices is empty");
        }
        into.set(e.getKey(), v.get(r.nextInt(v.size())));
      } else if (v.isObject() && v.size() == 1 && (v.has("log") || v.has("uniform") || v.has("int"))) {
        String kind = v.fieldNames().next();
        JsonNode range = v.get(kind);
        if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()
            || range.get(0).asDouble() > range.get(1).asDouble()) {
          throw new ConfigException(space + ": " + at + "." + kind + " must be [low, high] with low <= high; got " + range);
        }
        double lo = range.get(0).asDouble();
        double hi = range.get(1).asDouble();
        switch (kind) {
          case "log" -> {
            if (lo <= 0) {
              throw new ConfigException(space + ": " + at + ".log needs low > 0; got " + lo);
            }
            into.put(e.getKey(), Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo))));
          }
          case "uniform" -> into.put(e.getKey(), lo + r.nextDouble() * (hi - lo));
          default -> into.put(e.getKey(), (long) lo + r.nextLong((long) hi - (long) lo + 1));
        }
      } else if (v.isObject()) {
        draw((ObjectNode) v, into.putObject(e.getKey()), r, at);
      } else {
        throw new ConfigException(space + ": " + at + " must be a list of choices, {log|uniform|int: [low, high]} or a "
            + "nested map; got " + v);
      }
    }
  }
}

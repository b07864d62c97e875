package dev.recsys.cli;

import dev.recsys.core.spi.TrainingListener;

import dev.recsys.embedding.twotower.TwoTowerMatcherTrainer;
import dev.recsys.embedding.twotower.MatcherConfig;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import dev.recsys.quality.MatcherEvaluation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-two-tower}: offline evaluation of the two-tower jobs.
 *
 * <p>{@code --job recommend}: per-listener temporal split, full-catalogue ranking, the two-tower recommender
 * against the toolkit's baselines, with bootstrap intervals and paired comparisons. {@code --job match}: on a
 * synthetic world (hidden truth in {@code listeners.csv}), precision@k of matched listeners sharing the asked
 * listener's dominant genre, for the two-tower matcher, plain cosine on the raw profile vectors, and chance.
 */
@Command(name = "evaluate-two-tower", mixinStandardHelpOptions = true,
    description = {"Evaluate the two-tower models.",
        "--job recommend: temporal split, full-catalogue ranking, two-tower vs baselines with confidence intervals.",
        "--job match: on synthetic:DIR (from 'recsys generate'), precision@k of same dominant genre among matched"
            + " listeners, two-tower vs cosine on raw profiles vs chance."})
final class EvaluateTwoTowerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC", description = "movielens:DIR, synthetic:DIR, ...")
  String dataset;

  @Option(names = "--job", required = true, description = "recommend or match.")
  TrainTwoTowerCommand.Job job;

  @Option(names = "--epochs", description = "Maximum epochs (default: 20 for recommend, 10 for match).")
  Integer epochs;

  @Option(names = "--views", defaultValue = "16",
      description = "Matching: training pairs per listener per epoch, each a new split of the history (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--track-bag", description = "Matching: also pool learned track embeddings.")
  boolean trackBag;

  @Option(names = "--temperature", description = "Softmax temperature (default: the job's default).")
  Double temperature;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of split, model and bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share of each listener's latest rows held out (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--baselines", defaultValue = "popularity,itemknn", split = ",",
      description = "Baselines to compare with (default: ${DEFAULT-VALUE}).")
  List<String> baselines;

  @Option(names = "--k", defaultValue = "10", description = "Cut-off (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return job == TrainTwoTowerCommand.Job.recommend ? recommend() : match();
  }

  /**
   * An alias of {@code recsys evaluate --protocol temporal --models BASELINES,two-tower --baseline BASELINES}: the
   * same split, metrics, intervals and paired comparisons as every other model.
   */
  private int recommend() {
    List<String> args = new ArrayList<>(List.of("--dataset", dataset, "--protocol", "temporal", "--test-fraction",
        Double.toString(testFraction), "--seed", Long.toString(seed), "--k", Integer.toString(k), "--bootstrap",
        Integer.toString(bootstrap)));
    List<String> models = new ArrayList<>(baselines.stream().map(String::trim).toList());
    models.add("two-tower");
    args.addAll(List.of("--models", String.join(",", models), "--baseline", String.join(",", models.subList(0,
        models.size() - 1))));
    List<String> overrides = new ArrayList<>();
    if (epochs != null) {
      overrides.add("\"training\":{\"epochs\":" + epochs + "}");
    }
    if (temperature != null) {
      overrides.add("\"model\":{\"temperature\":" + temperature + "}");
    }
    if (!overrides.isEmpty()) {
      args.addAll(List.of("--params", "two-tower={" + String.join(",", overrides) + "}"));
    }
    if (json) {
      args.add("--json");
    }
    CommandLine cl = new CommandLine(new EvaluateCommand());
    cl.setOut(spec.commandLine().getOut());
    cl.setErr(spec.commandLine().getErr());
    cl.setExecutionExceptionHandler(spec.commandLine().getExecutionExceptionHandler());
    return cl.execute(args.toArray(String[]::new));
  }

  /** Result of the matching evaluation. */
  record MatchReport(String dataset, int listeners, int genres, int k, double twoTowerPrecision,
      double rawProfileCosinePrecision, double chance, double trainSeconds) {}

  private int match() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!dataset.startsWith("synthetic:")) {
      throw new IllegalArgumentException("--job match needs the hidden truth of a synthetic world: --dataset synthetic:DIR");
    }
    Path dir = Path.of(dataset.substring("synthetic:".length()));
    Map<String, String> truth = dominantGenres(dir.resolve("listeners.csv"));
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    err.println("evaluate-two-tower: " + dataset + ": " + data.description());
    MatcherConfig d = MatcherConfig.defaults();
    MatcherConfig c = MatcherConfig.builder().model(withTemperature(d.model().toBuilder().seed(seed)).build())
        .viewsPerListener(views).trackBag(trackBag)
        .training(d.training().toBuilder().epochs(epochs == null ? d.training().epochs() : epochs).seed(seed).build()).build();
    ProgressBar bar = new ProgressBar("two-tower training", c.training().epochs());
    TrainingListener progress = bar.asTrainingListener("val");
    long t0 = System.nanoTime();
    try (TwoTowerUserMatcher m = new TwoTowerMatcherTrainer(c,
        dim -> TwoTowerSupport.index(dim, data.interactions().users().size())).fit(data.interactions(), data.catalog(), progress)) {
      bar.close();
      double secs = (System.nanoTime() - t0) / 1e9;
      List<String> ids = m.listenerIds().stream().filter(truth::containsKey).toList();
      if (ids.size() < 2) {
        throw new IllegalArgumentException(dir.resolve("listeners.csv") + " names " + truth.size()
            + " listeners but only " + ids.size() + " of them have plays");
      }
      double tt = MatcherEvaluation.mean(MatcherEvaluation.twoTowerPrecision(m, ids, truth, k));
      double raw = MatcherEvaluation.mean(MatcherEvaluation.rawProfileCosinePrecision(m, ids, truth, k));
      double chance = MatcherEvaluation.mean(MatcherEvaluation.chance(ids, truth));
      long genres = ids.stream().map(truth::get).distinct().count();
      MatchReport r = new MatchReport(dataset, ids.size(), (int) genres, k, tt, raw, chance, secs);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(out, r);
      } else {
        out.printf("listeners %d, dominant genres %d%n", r.listeners(), r.genres());
        out.printf("precision@%d of same dominant genre:%n", k);
        out.printf("  two-tower matcher        %.4f%n", r.twoTowerPrecision());
        out.printf("  cosine on raw profiles   %.4f%n", r.rawProfileCosinePrecision());
        out.printf("  chance                   %.4f%n", r.chance());
        out.printf("training %.1f s%n", secs);
      }
    }
    return 0;
  }

  /** Listener id to dominant genre from a synthetic world's {@code listeners.csv}. */
  static Map<String, String> dominantGenres(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String header = r.readLine();
      if (header == null) {
        throw new IOException(file + ": empty file; expected a header with listener_id and dominant_genre");
      }
      List<String> cols = split(header);
      int id = cols.indexOf("listener_id");
      int genre = cols.indexOf("dominant_genre");
      if (id < 0 || genre < 0) {
        throw new IOException(file + ":1: header must name listener_id and dominant_genre; got " + cols);
      }
      String line;
      int ln = 1;
      while ((line = r.readLine()) != null) {
        ln++;
        if (line.isEmpty()) {
          continue;
        }
        List<String> f = split(line);
        if (f.size() != cols.size()) {
          throw new IOException(file + ":" + ln + ": " + f.size() + " fields; the header has " + cols.size());
        }
        out.put(f.get(id), f.get(genre));
      }
    }
    return out;
  }

  /** Splits one RFC 4180 line (quoted fields without line breaks). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          b.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          b.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(b.toString());
        b.setLength(0);
      } else {
        b.append(ch);
      }
    }
    out.add(b.toString());
    return out;
  }

  private dev.recsys.embedding.twotower.TwoTowerConfig.Builder withTemperature(
      dev.recsys.embedding.twotower.TwoTowerConfig.Builder b) {
    return temperature == null ? b : b.temperature(temperature);
  }
}

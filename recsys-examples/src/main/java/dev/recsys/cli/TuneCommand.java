package dev.recsys.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.recsys.core.config.ConfigException;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.util.Seeds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import picocli.CommandLine.Spec;

/**
 * {@code recsys tune}: random search over a declared space of a recommender's settings, each trial fitted and
 * measured on a validation split carved from the training part of the temporal split (the test rows are never
 * read), within a budget of trials and minutes. Writes {@code tune.json}, {@code tune.md} and the best setting as
 * a pipeline file ({@code best.yaml}) that {@code recsys evaluate --pipeline} reads.
 *
 * <p>The space file (YAML or JSON) names the model and, per setting, a list of choices or a range:
 * <pre>
 * model: ials
 * params:
 *   factors: [32, 64, 128]                 # one of the listed values
 *   regularization: {log: [0.001, 0.05]}   # log-uniform
 *   unobservedWeight: {uniform: [0.05, 1]} # uniform
 *   epochs: {int: [4, 32]}                 # uniform integer, both ends included
 * </pre>
 * Nested settings are written as nested maps ({@code training: {epochs: {int: [5, 20]}}}). Trial 1 is the model's
 * default configuration, so the table always shows what tuning gained. The draws are seeded.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = {"Random search of a recommender's settings on a validation split carved from the training data.",
        "Writes tune.json, tune.md and best.yaml (a pipeline file for 'recsys evaluate --pipeline')."})
final class TuneCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC", description = "movielens:DIR, synthetic:DIR, ...")
  String dataset;

  @Option(names = "--space", required = true, paramLabel = "FILE", description = "The search space (YAML or JSON).")
  Path space;

  @Option(names = "--trials", defaultValue = "20", description = "At most this many trials, the defaults included "
      + "(default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--minutes", defaultValue = "60", description = "Start no trial after this many minutes "
      + "(default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--metric", defaultValue = "ndcg@10", description = "Metric to maximise (default: ${DEFAULT-VALUE}).")
  String metric;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share of each listener's latest rows held out, for test and again for validation (default: "
          + "${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the draws and the models (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where tune.json, tune.md and best.yaml go.")
  Path out;

  /** One trial: the overrides, the metric with its interval, the fit time. */
  record Trial(int trial, Map<String, Object> params, double mean, double lower, double upper, double fitSeconds) {}

  /** The JSON result. */
  record Result(String dataset, String model, String metric, String split, long seed, List<Trial> trials, int best) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    JsonNode root = read(space);
    JsonNode model = root.get("model");
    JsonNode params = root.get("params");
    if (model == null || !model.isTextual()) {
      throw new ConfigException(space + ": 'model' must name a recommender plugin, e.g. model: ials");
    }
    if (params == null || !params.isObject()) {
      throw new ConfigException(space + ": 'params' must map setting names to choices or ranges");
    }
    String name = model.asText();
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    Protocol p = TemporalSplit.lastFraction(testFraction, seed);
    Split outer = p.split(data.interactions());
    Split validation = p.split(outer.train());
    err.printf("recsys tune: %s: %s; validation split of the training part: %d train rows, %d validation users%n",
        dataset, data.description(), validation.train().size(), validation.numTestUsers());
    err.flush();
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(10).bootstrapSamples(200).seed(seed).build());
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 17));
    long deadline = System.nanoTime() + (long) (minutes * 60e9);
    List<Trial> done = new ArrayList<>();
    for (int t = 0; t < trials && System.nanoTime() < deadline; t++) {
      ObjectNode drawn = JSON.createObjectNode();
      if (t > 0) {
        draw((ObjectNode) params, drawn, random, "params");
      }
      var trainer = RecommenderModels.trainer(name, t == 0 ? null : drawn.toString(), seed, data.catalog());
      EvaluationResult r = evaluator.evaluate(validation, trainer);
      if (!r.metrics().contains(metric)) {
        throw new IllegalArgumentException("--metric " + metric + " is not measured; available: " + r.metrics());
      }
      var e = r.get(metric);
      @SuppressWarnings("unchecked")
      Map<String, Object> asMap = JSON.convertValue(drawn, Map.class);
      Trial trial = new Trial(t + 1, asMap, e.mean(), e.lower(), e.upper(), r.fitMillis() / 1000.0);
      done.add(trial);
      err.printf(Locale.ROOT, "recsys tune: trial %d %s %s %.4f [%.4f, %.4f] fit %.1f s%n", trial.trial(),
          t == 0 ? "(defaults)" : drawn.toString(), metric, e.mean(), e.lower(), e.upper(), trial.fitSeconds());
      err.flush();
    }
    int best = 0;
    for (int i = 1; i < done.size(); i++) {
      if (done.get(i).mean() > done.get(best).mean()) {
        best = i;
      }
    }
    Files.createDirectories(out);
    Result result = new Result(dataset, name, metric, validation.protocol() + " of the training part of "
        + outer.protocol(), seed, done, done.get(best).trial());
    Files.writeString(out.resolve("tune.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    StringBuilder md = new StringBuilder("| trial | settings | " + metric + " | 95% interval | fit s |\n|---|---|---|---|---|\n");
    for (Trial tr : done) {
      md.append(String.format(Locale.ROOT, "| %d%s | `%s` | %.4f | [%.4f, %.4f] | %.1f |%n", tr.trial(),
          tr.trial() == result.best() ? " (best)" : "", tr.trial() == 1 ? "defaults" : JSON.writeValueAsString(tr.params()),
          tr.mean(), tr.lower(), tr.upper(), tr.fitSeconds()));
    }
    Files.writeString(out.resolve("tune.md"), md);
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("seed", seed);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("type", name);
    section.put("params", done.get(best).params());
    pipeline.put(RecommenderModels.SECTION, section);
    Files.writeString(out.resolve("best.yaml"), YAML.writeValueAsString(pipeline));
    PrintWriter o = spec.commandLine().getOut();
    o.print(md);
    o.printf("best: trial %d; written %s, %s, %s%n", result.best(), out.resolve("tune.json"), out.resolve("tune.md"),
        out.resolve("best.yaml"));
    o.flush();
    return 0;
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

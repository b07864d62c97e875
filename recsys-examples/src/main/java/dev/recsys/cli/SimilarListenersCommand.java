package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.UserMatcher;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code recsys similar-listeners}: the listeners most similar to one or many listeners, with what they share.
 * With {@code --dataset} a listener matcher (by plugin name, the learned {@code matcher} by default) is fitted on
 * the data, listeners from {@code --add} are added to it incrementally, and every asked listener is answered in
 * one run; {@code --save} writes the matcher (added listeners included) and {@code --matcher-file} answers with a
 * saved one; with {@code --model} a saved two-tower matching model answers.
 */
@Command(name = "similar-listeners", mixinStandardHelpOptions = true,
    description = {"Listeners most similar to listeners, with shared artists, tracks and genres.",
        "Fit a matcher on --dataset (any data spec) or load one saved with --save (--matcher-file FILE), and ask for",
        "--listener ID, --listeners FILE (one id a line) or --all; --add FILE adds new listeners (user,item[,plays]",
        "rows) without refitting. Or --model DIR: a two-tower match model."})
final class SimilarListenersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", description = "Two-tower model directory ('train-two-tower --job match').")
  Path model;

  @Option(names = "--dataset", paramLabel = "SPEC", description = "Listening data to fit a matcher on.")
  String dataset;

  @Option(names = "--matcher", defaultValue = "matcher",
      description = "Matcher plugin name with --dataset (default: ${DEFAULT-VALUE}; see 'recsys plugins').")
  String matcher;

  @Option(names = "--matcher-file", paramLabel = "FILE",
      description = "A saved listener matcher (--save) to answer with instead of fitting one.")
  Path matcherFile;

  @Option(names = "--save", paramLabel = "FILE",
      description = "Save the matcher, listeners of --add included, to FILE (read it back with --matcher-file).")
  Path save;

  @Option(names = "--add", paramLabel = "SPEC", description = "Interactions of new listeners to add before answering.")
  String add;

  /** Which listeners to answer. */
  static final class Which {
    @Option(names = "--listener", paramLabel = "ID", description = "One listener.")
    String listener;

    @Option(names = "--listeners", paramLabel = "FILE", description = "A file of listener ids, one a line ('#' comments).")
    Path listeners;

    @Option(names = "--all", description = "Every known listener (with --dataset or --matcher-file).")
    boolean all;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--k", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int k;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the matcher (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write listener,rank,match,score,driver,summary rows to FILE.")
  Path csv;

  /** One match in JSON. */
  record Row(int rank, String listener, double score, String summary, List<Explanation.Factor> factors) {}

  /** One asked listener's matches in JSON. */
  record Answer(String listener, List<Row> matches) {}

  @Override
  public Integer call() throws Exception {
    if ((model != null ? 1 : 0) + (dataset != null ? 1 : 0) + (matcherFile != null ? 1 : 0) != 1) {
      throw new ParameterException(spec.commandLine(),
          "give exactly one of --dataset SPEC, --matcher-file FILE and --model DIR");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (model != null) {
      if (which.all || add != null || save != null) {
        throw new ParameterException(spec.commandLine(), "--all, --add and --save need --dataset or --matcher-file");
      }
      Path file = TwoTowerSupport.modelFile(model);
      String job = TwoTowerSupport.job(file);
      if (!job.equals(TwoTowerUserMatcher.JOB)) {
        throw new IllegalArgumentException(file + " is a two-tower '" + job + "' model; train one with --job match");
      }
      try (TwoTowerUserMatcher m = TwoTowerUserMatcher.load(file, dim -> TwoTowerSupport.index(dim, Integer.MAX_VALUE))) {
        answer(out, m, asked(null), m::title);
      }
      return 0;
    }
    long t0 = System.nanoTime();
    ListenerMatcher m;
    if (matcherFile != null) {
      m = Plugins.load(matcherFile, ListenerMatcher.class);
      err.printf("recsys similar-listeners: %s with %d listeners loaded from %s in %.1f s%n", m.name(), m.size(),
          matcherFile, (System.nanoTime() - t0) / 1e9);
    } else {
      MatchingSupport.Loaded data = MatchingSupport.load(dataset);
      m = ProgressBar.step("fit " + matcher,
          () -> MatchingSupport.trainer(matcher, seed).fit(data.interactions(), data.catalog()));
      err.printf("recsys similar-listeners: %s fitted on %d listeners in %.1f s%s%n", m.name(), m.size(),
          (System.nanoTime() - t0) / 1e9, data.note());
    }
    if (add != null) {
      Interactions extra = Datasets.interactions(add, ReadOptions.LENIENT);
      Map<String, Map<String, Double>> plays = new LinkedHashMap<>();
      for (int r = 0; r < extra.size(); r++) {
        if (!extra.skipped(r)) {
          plays.computeIfAbsent(extra.users().id(extra.user(r)), x -> new LinkedHashMap<>())
              .merge(extra.items().id(extra.item(r)), (double) (extra.weight(r) > 0 ? extra.weight(r) : 1), Double::sum);
        }
      }
      plays.forEach(m::addListener);
      err.printf("recsys similar-listeners: added %d listeners from %s%n", plays.size(), add);
    }
    if (save != null) {
      if (!(m instanceof SaveableModel saveable)) {
        throw new IllegalArgumentException("matcher '" + m.name() + "' does not save; the cosine-* matchers and "
            + "'matcher' do");
      }
      saveable.save(save);
      err.printf("recsys similar-listeners: saved %s (%d listeners) to %s%n", m.name(), m.size(), save);
    }
    err.flush();
    answer(out, m, asked(m), Function.identity());
    return 0;
  }

  private List<String> asked(ListenerMatcher m) throws IOException {
    if (which.listener != null) {
      return List.of(which.listener);
    }
    if (which.all) {
      return m.listeners();
    }
    List<String> ids = new ArrayList<>();
    List<String> lines = Files.readAllLines(which.listeners, StandardCharsets.UTF_8);
    for (String line : lines) {
      String id = line.strip();
      if (!id.isEmpty() && !id.startsWith("#")) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      throw new IllegalArgumentException(which.listeners + ": no listener id (one a line expected)");
    }
    return ids;
  }

  private void answer(PrintWriter out, UserMatcher m, List<String> ids, Function<String, String> title) throws IOException {
    List<Answer> answers = new ArrayList<>();
    for (String id : ids) {
      List<Row> rows = new ArrayList<>();
      int rank = 1;
      for (ListenerMatch x : m.similarListeners(id, k)) {
        rows.add(new Row(rank++, x.listenerId(), x.score(), x.explanation().summary(), x.explanation().factors()));
      }
      answers.add(new Answer(id, rows));
    }
    if (csv != null) {
      try (var w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        w.write("listener,rank,match,score,driver,summary\n");
        for (Answer a : answers) {
          for (Row r : a.matches()) {
            String driver = r.factors().stream().filter(f -> f.kind().equals("part"))
                .max(java.util.Comparator.comparingDouble(Explanation.Factor::contribution))
                .map(Explanation.Factor::label).orElse("");
            w.write(RecommendationExport.csv(a.listener()) + "," + r.rank() + "," + RecommendationExport.csv(r.listener())
                + "," + String.format(java.util.Locale.ROOT, "%.6g", r.score()) + "," + driver + ","
                + RecommendationExport.csv(r.summary()) + "\n");
          }
        }
      }
    }
    if (json) {
      Json.print(out, answers.size() == 1 && which.listener != null ? answers.get(0).matches() : answers);
      return;
    }
    for (Answer a : answers) {
      out.println("listeners similar to " + a.listener() + ":");
      for (Row x : a.matches()) {
        out.printf("%2d. %-20s %s%n", x.rank(), x.listener(), x.summary());
        line(out, "shared genres", factors(x, "shared-genre"), true, title);
        line(out, "shared artists", factors(x, "shared-artist"), false, title);
        line(out, "shared tracks", factors(x, "shared-track"), false, title);
        line(out, "their top tracks", factors(x, "top-track"), false, title);
      }
    }
    out.flush();
  }

  private static List<Explanation.Factor> factors(Row r, String kind) {
    return r.factors().stream().filter(f -> f.kind().equals(kind)).toList();
  }

  private static void line(PrintWriter out, String what, List<Explanation.Factor> fs, boolean share,
      Function<String, String> title) {
    if (fs.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Explanation.Factor f : fs.subList(0, Math.min(5, fs.size()))) {
      parts.add(share ? String.format("%s %.0f%%", f.label(), 100 * f.value())
          : what.endsWith("tracks") ? title.apply(f.label()) : f.label());
    }
    out.println("      " + what + ": " + String.join("; ", parts));
  }
}

package dev.recsys.cli;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys similar-listeners}: the listeners most similar to one, with what they share. */
@Command(name = "similar-listeners", mixinStandardHelpOptions = true,
    description = "Listeners most similar to a listener, by a two-tower matching model ('train-two-tower --job match').")
final class SimilarListenersCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Option(names = "--listener", required = true, paramLabel = "ID", description = "The listener.")
  String listener;

  @Option(names = "--k", description = "How many (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int k;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** One match in JSON. */
  record Row(int rank, String listener, double score, String summary, List<Explanation.Factor> factors) {}

  @Override
  public Integer call() throws Exception {
    Path file = TwoTowerSupport.modelFile(model);
    String job = TwoTowerSupport.job(file);
    if (!job.equals(TwoTowerUserMatcher.JOB)) {
      throw new IllegalArgumentException(file + " is a two-tower '" + job + "' model; train one with --job match");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TwoTowerUserMatcher m = TwoTowerUserMatcher.load(file, dim -> TwoTowerSupport.index(dim, Integer.MAX_VALUE))) {
      List<ListenerMatch> matches = m.similarListeners(listener, k);
      if (json) {
        List<Row> rows = new ArrayList<>();
        int rank = 1;
        for (ListenerMatch x : matches) {
          rows.add(new Row(rank++, x.listenerId(), x.score(), x.explanation().summary(), x.explanation().factors()));
        }
        Json.print(out, rows);
        return 0;
      }
      out.println("listeners similar to " + listener + ":");
      int rank = 1;
      for (ListenerMatch x : matches) {
        out.printf("%2d. %-20s %s%n", rank++, x.listenerId(), x.explanation().summary());
        line(out, "shared genres", x.explanation().factors("shared-genre"), true, m);
        line(out, "shared artists", x.explanation().factors("shared-artist"), false, m);
        line(out, "shared tracks", x.explanation().factors("shared-track"), false, m);
        line(out, "their top tracks", x.explanation().factors("top-track"), false, m);
      }
    }
    return 0;
  }

  private static void line(PrintWriter out, String what, List<Explanation.Factor> fs, boolean share,
      TwoTowerUserMatcher m) {
    if (fs.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (Explanation.Factor f : fs.subList(0, Math.min(5, fs.size()))) {
      parts.add(share ? String.format("%s %.0f%%", f.label(), 100 * f.value())
          : what.endsWith("tracks") ? m.title(f.label()) : f.label());
    }
    out.println("      " + what + ": " + String.join("; ", parts));
  }
}

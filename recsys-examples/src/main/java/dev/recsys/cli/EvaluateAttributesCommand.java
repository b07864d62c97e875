package dev.recsys.cli;

import dev.recsys.core.eval.PairedComparison;
import dev.recsys.quality.AttributeEvaluation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-attributes}: the measured value of listener attributes in the two-tower recommender
 * ({@link AttributeEvaluation}): NDCG@10 with and without attributes, overall and for cold listeners, the
 * listener-feature variant chosen on validation data, with paired bootstrap intervals.
 */
@Command(name = "evaluate-attributes", mixinStandardHelpOptions = true,
    description = {"Measure what listener attributes add to the two-tower recommender.",
        "Temporal split; a share of listeners cut to a few training rows (cold); the listener-feature variant chosen on"
            + " a validation split of the training rows; NDCG@10 with and without it on the test rows, overall and"
            + " for cold listeners, with paired bootstrap intervals."})
final class EvaluateAttributesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "synthetic:DIR (its listener-attributes.csv), movielens:DIR (ml-100k u.user), or any specification.")
  String dataset;

  @Option(names = "--attributes", paramLabel = "FILE", description = "A listener attribute side file (listeners:FILE).")
  String attributes;

  @Option(names = "--variants", split = ",", paramLabel = "NAME",
      description = "Listener-feature variants to try besides none: attributes, attributes+age-genre, attributes+mood,"
          + " attributes+preference, all (default: every one).")
  List<String> variants;

  @Option(names = "--epochs", defaultValue = "10", description = "Maximum epochs of each fit (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--cold-history", defaultValue = "5",
      description = "Listeners with at most this many training rows are cold (default: ${DEFAULT-VALUE}).")
  int coldHistory;

  @Option(names = "--cold-share", defaultValue = "0.25",
      description = "Share of listeners cut to --cold-history training rows (default: ${DEFAULT-VALUE}).")
  double coldShare;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Share of each listener's latest rows held out (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of split, model and bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> specs = new ArrayList<>(List.of(dataset));
    if (attributes != null) {
      specs.add("listeners:" + attributes);
    }
    TwoTowerSupport.Data data = TwoTowerSupport.load(specs);
    err.println("recsys evaluate-attributes: " + data.description());
    if (data.listeners().stream().allMatch(l -> l.attributes().isEmpty())) {
      throw new IllegalArgumentException(String.join(" + ", specs) + ": no listener has attributes; name a side file"
          + " with --attributes FILE");
    }
    AttributeEvaluation.Settings d = AttributeEvaluation.Settings.defaults(AttributeEvaluation.model(epochs, seed));
    AttributeEvaluation.Settings settings = new AttributeEvaluation.Settings(d.model(), testFraction, coldHistory,
        coldShare, variants == null ? d.variants() : variants, bootstrap, seed);
    AttributeEvaluation.Report r = AttributeEvaluation.run(data.interactions(), data.catalog(), data.listeners(),
        settings, line -> {
          err.println(line);
          err.flush();
        });
    if (json) {
      Json.print(out, r);
      return 0;
    }
    out.printf(Locale.ROOT, "%s: %d test listeners (%d cold: at most %d training rows), %d listener profiles with"
        + " attributes%n", String.join(" + ", specs), r.listeners(), r.coldListeners(), coldHistory,
        r.listenersWithAttributes());
    out.println("validation NDCG@10 (overall / cold):");
    for (AttributeEvaluation.ValidationScore s : r.validation()) {
      out.printf(Locale.ROOT, "  %-22s %.4f / %.4f%s%n", s.variant(), s.overall(), s.cold(),
          s.variant().equals(r.chosen()) ? "  <- chosen" : "");
    }
    out.println("test NDCG@10, " + r.chosen() + " vs none (difference [95% bootstrap interval], randomisation p):");
    line(out, "all listeners", r.overall());
    if (r.cold() == null) {
      out.println("  cold listeners: none");
    } else {
      line(out, "cold listeners", r.cold());
    }
    return 0;
  }

  private static void line(PrintWriter out, String what, PairedComparison c) {
    out.printf(Locale.ROOT, "  %-15s %d listeners: %.4f vs %.4f, %+.4f [%+.4f, %+.4f] p=%.3f%n", what, c.users(),
        c.meanA(), c.meanB(), c.meanDifference(), c.lower(), c.upper(), c.pValue());
  }
}

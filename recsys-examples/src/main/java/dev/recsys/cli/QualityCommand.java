package dev.recsys.cli;

import dev.recsys.quality.QualityConfig;
import dev.recsys.quality.QualityHarness;
import dev.recsys.quality.QualityProfile;
import dev.recsys.quality.QualityReport;
import dev.recsys.quality.QualityWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys quality}: runs the quality harness ({@link QualityHarness}) and writes {@code quality.json} and
 * {@code quality.md} with the git revision.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = {"Run the quality evaluations of all models against their baselines and write quality.json and",
        "quality.md (git revision, JDK, profile, seed; per section metrics, baselines, 95%% intervals, verdicts).",
        "Sections: embedding neighbourhood quality, smart-shuffle metrics, choice-model recovery, two-tower vs",
        "baselines, graph attention vs baselines. quick: a synthetic world, a few minutes on 2 cores; full: a larger",
        "world plus TidyTuesday and MovieLens from --data when present."})
final class QualityCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--profile", paramLabel = "quick|full", defaultValue = "quick",
      description = "quick or full (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--tiny", hidden = true, description = "A tiny world for tests of the harness itself.")
  boolean tiny;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/quality",
      description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder of the real data sets (default: system property recsys.shared.data, else ../shared/data).")
  Path data;

  @Option(names = "--json", description = "Print quality.json's content instead of the summary line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    QualityProfile p;
    if (tiny) {
      p = QualityProfile.TINY;
    } else {
      p = switch (profile.toLowerCase(Locale.ROOT)) {
        case "quick" -> QualityProfile.QUICK;
        case "full" -> QualityProfile.FULL;
        default -> throw new IllegalArgumentException("--profile must be quick or full; got '" + profile + "'");
      };
    }
    Path dataDir = data != null ? data : Path.of(System.getProperty("recsys.shared.data", "../shared/data"));
    PrintWriter err = spec.commandLine().getErr();
    QualityReport report;
    try (ProgressBar bar = new ProgressBar("quality harness (" + p.name().toLowerCase(java.util.Locale.ROOT) + ")", 1);
        PrintWriter notes = bar.notes()) {
      report = QualityHarness.run(QualityConfig.of(p, seed, dataDir), notes);
      bar.step("");
    }
    QualityWriter.write(report, out);
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.print(java.nio.file.Files.readString(out.resolve(QualityWriter.JSON)));
      o.flush();
      return 0;
    }
    o.printf(Locale.ROOT, "wrote %s and %s (git %s, %.1f s)%n", out.resolve(QualityWriter.JSON),
        out.resolve(QualityWriter.MARKDOWN), report.gitRevision(), report.totalMillis() / 1000.0);
    o.flush();
    return 0;
  }
}

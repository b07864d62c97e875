package dev.recsys.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.core.eval.Estimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes a {@link QualityReport} as {@code quality.json} and {@code quality.md}. */
public final class QualityWriter {
  /** The JSON file's name. */
  public static final String JSON = "quality.json";
  /** The Markdown file's name. */
  public static final String MARKDOWN = "quality.md";

  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
      .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private QualityWriter() {}

  /**
   * Writes both files into {@code dir} (created when missing), each through a temporary file moved into place.
   *
   * @throws IOException if a file cannot be written
   */
  public static void write(QualityReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    atomically(dir.resolve(JSON), MAPPER.writeValueAsString(report) + "\n");
    atomically(dir.resolve(MARKDOWN), markdown(report));
  }

  /** The report as Markdown: run facts, a verdict count per section, then each section's tables. */
  public static String markdown(QualityReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("# recsys quality report\n\n");
    sb.append("| | |\n|---|---|\n");
    sb.append("| git revision | `").append(r.gitRevision()).append('`')
        .append(r.gitDirty() == null ? " (dirty: unknown)" : r.gitDirty() ? " (uncommitted changes)" : "").append(" |\n");
    sb.append("| date (UTC) | ").append(r.date()).append(" |\n");
    sb.append("| JDK | ").append(r.jdk()).append(" |\n");
    sb.append("| OS, processors | ").append(r.os()).append(", ").append(r.processors()).append(" |\n");
    sb.append("| profile, seed | ").append(r.profile()).append(", ").append(r.seed()).append(" |\n");
    sb.append(String.format(Locale.ROOT, "| total time | %.1f s |%n%n", r.totalMillis() / 1000.0));
    sb.append("Verdicts compare 95% intervals: **beats** when the intervals are disjoint and the model is better, ")
        .append("**ties** when they overlap, **loses** when they are disjoint and the model is worse.\n\n");
    sb.append("| section | time | beats | ties | loses |\n|---|---|---|---|---|\n");
    for (QualityReport.Section s : r.sections()) {
      Map<Verdict, Integer> count = new EnumMap<>(Verdict.class);
      s.tables().forEach(t -> t.rows().stream().filter(QualityReport.Row::baseline)
          .forEach(row -> count.merge(row.verdict(), 1, Integer::sum)));
      sb.append(String.format(Locale.ROOT, "| %s | %.1f s | %d | %d | %d |%n", s.title(), s.millis() / 1000.0,
          count.getOrDefault(Verdict.BEATS, 0), count.getOrDefault(Verdict.TIES, 0), count.getOrDefault(Verdict.LOSES, 0)));
    }
    for (QualityReport.Section s : r.sections()) {
      sb.append("\n## ").append(s.title()).append(" (`").append(s.name()).append("`)\n\n");
      sb.append(String.format(Locale.ROOT, "Time: %.1f s.%n%n", s.millis() / 1000.0));
      for (String d : s.datasets()) {
        sb.append("- data: ").append(d).append('\n');
      }
      for (String d : s.skipped()) {
        sb.append("- skipped: ").append(d).append('\n');
      }
      sb.append('\n');
      Set<String> intervals = new LinkedHashSet<>();
      sb.append("| data set | metric | model | value [95% interval] | baseline | value [95% interval] | verdict |\n");
      sb.append("|---|---|---|---|---|---|---|\n");
      for (QualityReport.MetricTable t : s.tables()) {
        QualityReport.Row model = t.rows().get(0);
        boolean first = true;
        for (QualityReport.Row row : t.rows().subList(1, t.rows().size())) {
          sb.append("| ").append(first ? t.dataset() : "").append(" | ")
              .append(first ? t.metric() + (t.higherIsBetter() ? " (higher is better)" : " (lower is better)") : "")
              .append(" | ").append(first ? model.name() : "").append(" | ").append(first ? format(model.value()) : "")
              .append(" | ").append(row.name()).append(" | ").append(format(row.value())).append(" | **")
              .append(row.verdict().label()).append("** |\n");
          first = false;
        }
        intervals.add(t.interval());
      }
      if (!intervals.isEmpty()) {
        sb.append("\nIntervals: ").append(String.join("; ", intervals)).append(".\n");
      }
      for (String n : s.notes()) {
        sb.append('\n').append(n).append('\n');
      }
    }
    return sb.toString();
  }

  private static String format(Estimate e) {
    if (Double.isNaN(e.lower()) || e.upper() - e.lower() <= 1e-9 * Math.max(1, Math.abs(e.mean()))) {
      return String.format(Locale.ROOT, "%.4f", e.mean());
    }
    return String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", e.mean(), e.lower(), e.upper());
  }

  private static void atomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}

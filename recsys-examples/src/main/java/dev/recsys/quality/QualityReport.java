package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a harness run: where and when it ran, and one {@link Section} per evaluation. A plain record tree
 * that Jackson serialises as {@code quality.json}; {@link QualityWriter} also renders it as Markdown.
 *
 * @param gitRevision {@code git rev-parse HEAD} of the working directory, or {@code "unknown"}
 * @param gitDirty whether {@code git status --porcelain} listed changes; null when git could not tell
 * @param date start of the run, ISO-8601 UTC
 * @param jdk the Java runtime ({@code java.vm.name} and {@code java.runtime.version})
 * @param os operating system and architecture
 * @param processors available processors
 * @param profile the profile name
 * @param seed the seed
 * @param config every size of the run
 * @param totalMillis wall time of the whole run
 * @param sections the evaluations, in order
 */
public record QualityReport(String gitRevision, Boolean gitDirty, String date, String jdk, String os, int processors,
    String profile, long seed, QualityConfig config, long totalMillis, List<Section> sections) {

  /** Copies the list. */
  public QualityReport {
    sections = List.copyOf(sections);
  }

  /**
   * One evaluation.
   *
   * @param name short key ({@code "embedding"}, {@code "shuffle"}, {@code "choice-recovery"}, {@code "two-tower"},
   *     {@code "gat"})
   * @param title a heading
   * @param millis wall time of the section
   * @param datasets the data sets evaluated, one line each
   * @param tables one table per data set and metric: the model next to its baselines
   * @param details further numbers (recovery rows, paired comparisons, training facts), serialised as they are
   * @param skipped data sets not evaluated, each with the reason
   * @param notes how to read the section
   */
  public record Section(String name, String title, long millis, List<String> datasets, List<MetricTable> tables,
      Map<String, Object> details, List<String> skipped, List<String> notes) {
    /** Copies the collections. */
    public Section {
      Objects.requireNonNull(name, "name");
      datasets = List.copyOf(datasets);
      tables = List.copyOf(tables);
      details = Map.copyOf(details);
      skipped = List.copyOf(skipped);
      notes = List.copyOf(notes);
    }
  }

  /**
   * A model next to its baselines on one metric.
   *
   * @param dataset the data set
   * @param metric the metric, e.g. {@code "ndcg@10"}
   * @param higherIsBetter whether larger values are better
   * @param interval how the intervals were obtained
   * @param model the judged model (the first row)
   * @param rows the model's row, then the baselines' rows with the model's verdict against each
   */
  public record MetricTable(String dataset, String metric, boolean higherIsBetter, String interval, String model,
      List<Row> rows) {
    /** Copies the list. */
    public MetricTable {
      rows = List.copyOf(rows);
    }
  }

  /**
   * One row of a {@link MetricTable}.
   *
   * @param name the model or baseline
   * @param baseline whether this row is a baseline
   * @param value mean with its 95% interval
   * @param verdict for a baseline, the model's verdict against it; null on the model's own row
   */
  public record Row(String name, boolean baseline, Estimate value, Verdict verdict) {}

  /**
   * Builds a table: {@code model} first, then each baseline with the model's verdict against it.
   *
   * @param baselines baseline names to their values, in display order
   */
  public static MetricTable table(String dataset, String metric, boolean higherIsBetter, String interval, String model,
      Estimate modelValue, Map<String, Estimate> baselines) {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(model, false, modelValue, null));
    baselines.forEach((name, v) -> rows.add(new Row(name, true, v, Verdict.of(modelValue, v, higherIsBetter))));
    return new MetricTable(dataset, metric, higherIsBetter, interval, model, rows);
  }
}

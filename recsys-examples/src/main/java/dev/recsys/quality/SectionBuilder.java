package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects one section's tables, details, skipped data sets and notes, and times it. Not thread-safe. */
final class SectionBuilder {
  private final String name;
  private final String title;
  private final PrintWriter log;
  private final long start = System.nanoTime();
  private final List<String> datasets = new ArrayList<>();
  private final List<QualityReport.MetricTable> tables = new ArrayList<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final List<String> skipped = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  SectionBuilder(String name, String title, PrintWriter log) {
    this.name = name;
    this.title = title;
    this.log = log;
    log("start");
  }

  void log(String message) {
    log.printf(Locale.ROOT, "quality [%s %.0f s] %s%n", name, (System.nanoTime() - start) / 1e9, message);
    log.flush();
  }

  void dataset(String description) {
    datasets.add(description);
    log("data set: " + description);
  }

  void table(String dataset, String metric, boolean higherIsBetter, String interval, String model, Estimate value,
      Map<String, Estimate> baselines) {
    QualityReport.MetricTable t = QualityReport.table(dataset, metric, higherIsBetter, interval, model, value, baselines);
    tables.add(t);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %s: %s %s", dataset, metric, model, value.format()));
    for (QualityReport.Row r : t.rows().subList(1, t.rows().size())) {
      sb.append(String.format(Locale.ROOT, "; %s vs %s %s", r.verdict().label(), r.name(), r.value().format()));
    }
    log(sb.toString());
  }

  void detail(String key, Object value) {
    details.put(key, value);
  }

  void skip(String dataset, String reason) {
    skipped.add(dataset + ": " + reason);
    log("skipped " + dataset + ": " + reason);
  }

  void note(String text) {
    notes.add(text);
  }

  QualityReport.Section build() {
    long millis = (System.nanoTime() - start) / 1_000_000;
    log("done");
    return new QualityReport.Section(name, title, millis, datasets, tables, details, skipped, notes);
  }
}

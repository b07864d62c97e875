package dev.recsys.core.eval.report;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.PairedComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table of a report for the terminal: one row per model, headline metrics with intervals. */
public final class TextTable {
  private TextTable() {}

  /** The headline metrics shown for each cut-off. */
  public static final List<String> HEADLINE = List.of("recall", "ndcg", "map", "precision", "hitrate");

  /**
   * Renders the report.
   *
   * @param report the report
   * @return the report as a text table
   */
  public static String render(EvaluationReport report) {
    StringBuilder b = new StringBuilder();
    b.append("dataset ").append(report.dataset()).append(" | protocol ").append(report.protocol())
        .append(" | seed ").append(report.seed()).append(" | data ").append(report.dataFingerprint())
        .append(" | git ").append(shortRev(report.gitRevision())).append('\n');
    EvaluationReport.DataSummary d = report.data();
    b.append(String.format(Locale.ROOT, "%d rows, %d users, %d items; train %d rows, test %d rows, %d test users%n",
        d.rows(), d.users(), d.items(), d.trainRows(), d.testRows(), d.testUsers()));
    List<String> cols = new ArrayList<>();
    for (int k : report.ks()) {
      for (String m : HEADLINE) {
        cols.add(m + "@" + k);
      }
      cols.add("coverage@" + k);
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("model");
    header.addAll(cols);
    header.add("fit s");
    rows.add(header);
    for (EvaluationReport.ModelReport m : report.models()) {
      List<String> row = new ArrayList<>();
      row.add(m.name());
      for (String c : cols) {
        Estimate e = m.metrics().get(c);
        if (e != null) {
          row.add(e.format());
        } else {
          Double v = m.setMetrics().get(c);
          row.add(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v));
        }
      }
      row.add(String.format(Locale.ROOT, "%.1f", m.fitMillis() / 1000.0));
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        b.append(i == 0 ? String.format("%-" + width[i] + "s", r.get(i)) : String.format("  %" + width[i] + "s", r.get(i)));
      }
      b.append('\n');
    }
    if (!report.comparisons().isEmpty()) {
      b.append("paired comparisons (mean difference A - B, ").append("bootstrap interval, randomisation p):\n");
      for (PairedComparison c : report.comparisons()) {
        b.append(String.format(Locale.ROOT, "  %-10s %s vs %s: %+.4f [%+.4f, %+.4f] p=%.4f (%d users)%n",
            c.metric(), c.modelA(), c.modelB(), c.meanDifference(), c.lower(), c.upper(), c.pValue(), c.users()));
      }
    }
    return b.toString();
  }

  private static String shortRev(String rev) {
    return rev.length() > 12 ? rev.substring(0, 12) : rev;
  }
}

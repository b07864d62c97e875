package dev.recsys.report;

import dev.recsys.core.eval.CohortGroup;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.EvaluationReport.ModelReport;
import dev.recsys.core.eval.report.ReportJson;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders an {@link EvaluationReport} as a self-contained HTML page with plots drawn by XChart: metric bars
 * per model (error bars: half the width of the bootstrap interval), metric versus cut-off curves, a cohort
 * breakdown per cohort analysis, and the ROC and precision-recall curves of each model's ranking (the mean
 * recall, precision and false positive rate at every cut-off). Each plot is also written as a PNG beside the
 * page, and the page embeds them, so it opens without the other files. Runs headless.
 */
public final class HtmlReport {
  private static final int W = 900;
  private static final int H = 480;
  private static final int MIN_GROUP = 10;

  private HtmlReport() {}

  /**
   * Writes {@code report.html}, {@code report.json} and the plots as PNG files into {@code dir}.
   *
   * @return the path of the HTML page
   */
  public static Path write(EvaluationReport report, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    ReportJson.write(report, dir.resolve("report.json"));
    Map<String, Chart<?, ?>> charts = charts(report);
    StringBuilder figures = new StringBuilder();
    for (Map.Entry<String, Chart<?, ?>> e : charts.entrySet()) {
      figures.append(figure(e.getKey(), e.getValue(), dir));
    }
    Path html = dir.resolve("report.html");
    Files.writeString(html, page(report, figures.toString()));
    return html;
  }

  /**
   * Writes {@code chart} as {@code dir/name.png} and returns an HTML figure that embeds it (so the page is
   * self-contained).
   */
  static String figure(String name, Chart<?, ?> chart, Path dir) throws IOException {
    return figure(name, caption(name), chart, dir);
  }

  /** As {@link #figure(String, Chart, Path)}, with a one-sentence caption of what the plot shows. */
  static String figure(String name, String caption, Chart<?, ?> chart, Path dir) throws IOException {
    byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    Files.write(dir.resolve(name + ".png"), png);
    return "<figure><img alt=\"" + esc(chart.getTitle()) + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\"><figcaption>" + esc(caption) + " <span class=\"file\">("
        + esc(name) + ".png)</span></figcaption></figure>\n";
  }

  /** Writes {@code svg} as {@code dir/name.svg} and returns an HTML figure with the picture inlined. */
  static String svgFigure(String name, String caption, String svg, Path dir) throws IOException {
    Files.writeString(dir.resolve(name + ".svg"), svg);
    return "<figure>" + svg + "<figcaption>" + esc(caption) + " <span class=\"file\">(" + esc(name)
        + ".svg)</span></figcaption></figure>\n";
  }

  /** What an evaluation plot shows, in one sentence. */
  static String caption(String name) {
    if (name.startsWith("cohort-")) {
      return "NDCG of each model for each " + name.substring("cohort-".length()).replace('_', ' ')
          + " group of test listeners (groups of fewer than " + MIN_GROUP + " listeners left out), with 95% intervals.";
    }
    return switch (name) {
      case "metrics" -> "Mean ranking metrics of each model over the test listeners, with 95% bootstrap intervals as"
          + " error bars.";
      case "recall-vs-k" -> "Share of each listener's held-out tracks found in the top k, as k grows.";
      case "ndcg-vs-k" -> "Rank-weighted quality (NDCG) of the top k, as k grows: higher means hits sit nearer the top.";
      case "precision-vs-k" -> "Share of the top k that the listener did play, as k grows.";
      case "roc" -> "True against false positive rate as the cut-off moves down each ranking: the further up and"
          + " left, the better.";
      case "precision-recall" -> "Precision against recall as the cut-off moves down each ranking.";
      default -> name.replace('-', ' ') + ".";
    };
  }

  /** The plots of a report by file name (without extension), in page order. */
  public static Map<String, Chart<?, ?>> charts(EvaluationReport report) {
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    charts.put("metrics", metricBars(report));
    for (String metric : List.of("recall", "ndcg", "precision")) {
      charts.put(metric + "-vs-k", metricVsK(report, metric));
    }
    int maxK = report.ks().stream().mapToInt(Integer::intValue).max().orElse(10);
    Set<String> cohortNames = new LinkedHashSet<>();
    for (ModelReport m : report.models()) {
      cohortNames.addAll(m.cohorts().keySet());
    }
    for (String c : cohortNames) {
      charts.put("cohort-" + c.replaceAll("[^A-Za-z0-9_-]", "_"), cohort(report, c, "ndcg@" + maxK));
    }
    charts.put("roc", curve(report, "fpr", "recall", "ROC of the ranking (cut-offs 1..depth)",
        "false positive rate", "true positive rate (recall)"));
    charts.put("precision-recall", curve(report, "recall", "precision",
        "Precision-recall of the ranking (cut-offs 1..depth)", "recall", "precision"));
    return charts;
  }

  private static CategoryChart metricBars(EvaluationReport report) {
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Ranking metrics per model (95% intervals)")
        .xAxisTitle("metric").yAxisTitle("mean over test users").build();
    style(c.getStyler());
    List<String> metrics = new ArrayList<>();
    for (int k : report.ks()) {
      for (String m : List.of("recall", "ndcg", "map", "precision", "hitrate")) {
        metrics.add(m + "@" + k);
      }
    }
    for (ModelReport m : report.models()) {
      List<Double> y = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      for (String metric : metrics) {
        Estimate e = m.metrics().get(metric);
        y.add(e == null ? 0 : e.mean());
        err.add(e == null || Double.isNaN(e.lower()) ? 0 : (e.upper() - e.lower()) / 2);
      }
      c.addSeries(m.name(), metrics, y, err);
    }
    c.getStyler().setXAxisLabelRotation(30);
    return c;
  }

  private static XYChart metricVsK(EvaluationReport report, String metric) {
    XYChart c = new XYChartBuilder().width(W).height(H).title(metric + " at cut-off k").xAxisTitle("k")
        .yAxisTitle(metric + "@k").build();
    style(c.getStyler());
    integerX(c);
    for (ModelReport m : report.models()) {
      double[] y = m.curves().get(metric);
      if (y == null || y.length == 0) {
        continue;
      }
      double[] x = new double[y.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
      }
      XYSeries s = c.addSeries(m.name(), x, finite(y));
      s.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  private static CategoryChart cohort(EvaluationReport report, String cohort, String metric) {
    Set<String> all = new LinkedHashSet<>();
    for (ModelReport m : report.models()) {
      Map<String, CohortGroup> g = m.cohorts().get(cohort);
      if (g != null) {
        all.addAll(g.keySet());
      }
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (String g : all) {
      int n = 0;
      for (ModelReport m : report.models()) {
        CohortGroup cg = m.cohorts().getOrDefault(cohort, Map.of()).get(g);
        n = Math.max(n, cg == null ? 0 : cg.users());
      }
      sizes.put(g, n);
    }
    // groups of fewer than MIN_GROUP users are too noisy to draw (they stay in the tables and the JSON)
    boolean filter = sizes.values().stream().anyMatch(n -> n >= MIN_GROUP);
    List<String> groups = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (Map.Entry<String, Integer> e : sizes.entrySet()) {
      if (!filter || e.getValue() >= MIN_GROUP) {
        groups.add(e.getKey());
        labels.add(e.getKey() + " (" + e.getValue() + ")");
      }
    }
    CategoryChart c = new CategoryChartBuilder().width(W).height(H)
        .title(metric + " by " + cohort + " (users per group" + (filter ? "; groups of " + MIN_GROUP + "+ users" : "")
            + ")")
        .xAxisTitle(cohort).yAxisTitle(metric).build();
    style(c.getStyler());
    c.getStyler().setXAxisLabelRotation(30);
    for (ModelReport m : report.models()) {
      Map<String, CohortGroup> byGroup = m.cohorts().getOrDefault(cohort, Map.of());
      List<Double> y = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      for (String g : groups) {
        CohortGroup cg = byGroup.get(g);
        Estimate e = cg == null ? null : cg.metrics().get(metric);
        y.add(e == null || Double.isNaN(e.mean()) ? 0 : e.mean());
        err.add(e == null || Double.isNaN(e.lower()) ? 0 : (e.upper() - e.lower()) / 2);
      }
      c.addSeries(m.name(), labels, y, err);
    }
    return c;
  }

  private static XYChart curve(EvaluationReport report, String xKey, String yKey, String title, String xTitle,
      String yTitle) {
    XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(c.getStyler());
    for (ModelReport m : report.models()) {
      double[] x = m.curves().get(xKey);
      double[] y = m.curves().get(yKey);
      if (x == null || y == null || x.length == 0) {
        continue;
      }
      double[] xs = new double[x.length + 1];
      double[] ys = new double[y.length + 1];
      System.arraycopy(finite(x), 0, xs, 1, x.length);
      System.arraycopy(finite(y), 0, ys, 1, y.length);
      ys[0] = yKey.equals("precision") ? ys[1] : 0; // start at the origin (ROC) or at the first precision (PR)
      XYSeries s = c.addSeries(m.name(), xs, ys);
      s.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      // one tick format on every plot: a leading zero and up to three decimals ("0.05", "0.1", "1.0")
      a.setYAxisDecimalPattern(DECIMALS);
      if (s instanceof org.knowm.xchart.style.XYStyler) {
        a.setXAxisDecimalPattern(DECIMALS);
      }
    }
  }

  /** The tick-label pattern of every plot's continuous axes. */
  static final String DECIMALS = "0.0##";

  /** Integer ticks for an x axis that counts (components, epochs, cut-offs). */
  static void integerX(XYChart c) {
    c.getStyler().setXAxisDecimalPattern("0");
  }

  private static double[] finite(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.isFinite(v[i]) ? v[i] : 0;
    }
    return out;
  }

  private static String page(EvaluationReport r, String figures) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>recsys evaluation: ")
        .append(esc(r.dataset())).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}figure{margin:1em 0}img{max-width:100%}"
            + "code{background:#f4f4f4}</style></head><body>\n");
    b.append("<h1>Evaluation report</h1>\n<table>");
    row(b, "dataset", r.dataset());
    row(b, "protocol", r.protocol());
    row(b, "split seed", Long.toString(r.seed()));
    row(b, "bootstrap seed", Long.toString(r.evaluatorSeed()));
    row(b, "data fingerprint", r.dataFingerprint());
    row(b, "git revision", r.gitRevision());
    row(b, "recsys version", r.recsysVersion());
    row(b, "created", r.createdAt());
    EvaluationReport.DataSummary d = r.data();
    row(b, "data", String.format(Locale.ROOT, "%d rows, %d users, %d items; train %d rows; test %d rows, %d users "
        + "(%d held-out rows already in training dropped)", d.rows(), d.users(), d.items(), d.trainRows(),
        d.testRows(), d.testUsers(), d.droppedSeen()));
    b.append("</table>\n<h2>Results</h2>\n<p>Means over test users with 95% percentile bootstrap intervals.</p>\n");
    List<String> metrics = new ArrayList<>();
    if (!r.models().isEmpty()) {
      metrics.addAll(r.models().get(0).metrics().keySet());
    }
    b.append("<table><tr><th>model</th>");
    for (String m : metrics) {
      b.append("<th>").append(esc(m)).append("</th>");
    }
    b.append("<th>fit s</th></tr>\n");
    for (ModelReport m : r.models()) {
      b.append("<tr><td>").append(esc(m.name())).append("</td>");
      for (String metric : metrics) {
        Estimate e = m.metrics().get(metric);
        b.append("<td>").append(e == null ? "-" : esc(e.format())).append("</td>");
      }
      b.append(String.format(Locale.ROOT, "<td>%.1f</td></tr>%n", m.fitMillis() / 1000.0));
    }
    b.append("</table>\n<h3>Catalogue-level metrics</h3>\n<table><tr><th>model</th>");
    List<String> set = r.models().isEmpty() ? List.of() : new ArrayList<>(r.models().get(0).setMetrics().keySet());
    for (String s : set) {
      b.append("<th>").append(esc(s)).append("</th>");
    }
    b.append("</tr>\n");
    for (ModelReport m : r.models()) {
      b.append("<tr><td>").append(esc(m.name())).append("</td>");
      for (String s : set) {
        Double v = m.setMetrics().get(s);
        b.append("<td>").append(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
    if (!r.comparisons().isEmpty()) {
      b.append("<h3>Paired comparisons</h3>\n<p>Mean per-user difference A - B on the same users, paired bootstrap "
          + "interval and sign-flip randomisation p-value.</p>\n<table><tr><th>metric</th><th>A</th><th>B</th>"
          + "<th>users</th><th>A - B</th><th>interval</th><th>p</th></tr>\n");
      for (PairedComparison c : r.comparisons()) {
        b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%+.4f</td>"
            + "<td>[%+.4f, %+.4f]</td><td>%.4f</td></tr>%n", esc(c.metric()), esc(c.modelA()), esc(c.modelB()),
            c.users(), c.meanDifference(), c.lower(), c.upper(), c.pValue()));
      }
      b.append("</table>\n");
    }
    cohortTables(b, r);
    b.append("<h2>Plots</h2>\n").append(figures);
    b.append("</body></html>\n");
    return b.toString();
  }

  private static void cohortTables(StringBuilder b, EvaluationReport r) {
    int maxK = r.ks().stream().mapToInt(Integer::intValue).max().orElse(10);
    Set<String> names = new LinkedHashSet<>();
    for (ModelReport m : r.models()) {
      names.addAll(m.cohorts().keySet());
    }
    if (names.isEmpty()) {
      return;
    }
    b.append("<h2>Cohorts</h2>\n<p>recall@").append(maxK).append(" and ndcg@").append(maxK)
        .append(" per group (users in the group).</p>\n");
    for (String name : names) {
      b.append("<h3>").append(esc(name)).append("</h3>\n<table><tr><th>group</th>");
      for (ModelReport m : r.models()) {
        b.append("<th>").append(esc(m.name())).append(" recall</th><th>").append(esc(m.name())).append(" ndcg</th>");
      }
      b.append("</tr>\n");
      Set<String> groups = new LinkedHashSet<>();
      for (ModelReport m : r.models()) {
        groups.addAll(m.cohorts().getOrDefault(name, Map.of()).keySet());
      }
      for (String g : groups) {
        int n = 0;
        StringBuilder cells = new StringBuilder();
        for (ModelReport m : r.models()) {
          CohortGroup cg = m.cohorts().getOrDefault(name, Map.of()).get(g);
          n = Math.max(n, cg == null ? 0 : cg.users());
          for (String metric : List.of("recall@" + maxK, "ndcg@" + maxK)) {
            Estimate e = cg == null ? null : cg.metrics().get(metric);
            cells.append("<td>").append(e == null ? "-" : esc(e.format())).append("</td>");
          }
        }
        b.append("<tr><td>").append(esc(g)).append(" (").append(n).append(")</td>").append(cells).append("</tr>\n");
      }
      b.append("</table>\n");
    }
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

package dev.recsys.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.core.eval.ErrorAnalysis;
import dev.recsys.core.eval.PairedComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@link ErrorAnalysis} reports of {@code recsys evaluate --report DIR}: {@code error-analysis.json} (every
 * report as it is) and {@code error-analysis.html} (per model against its baseline: the overall paired difference,
 * every cohort group with its interval, the listeners who lose most with their recent tracks, the tracks the model
 * missed and what it recommended instead, and the held-out tracks the baseline finds more often).
 */
public final class ErrorAnalysisReport {
  private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private ErrorAnalysisReport() {}

  /**
   * Writes both files into {@code dir}.
   *
   * @param dataset the data set's description
   * @param reports one report per model and baseline
   * @param dir the output folder (created if needed)
   * @return the path of the HTML page
   * @throws IOException if a file cannot be written
   */
  public static Path write(String dataset, List<ErrorAnalysis.Report> reports, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dataset", dataset);
    json.put("analyses", reports);
    Files.writeString(dir.resolve("error-analysis.json"), MAPPER.writeValueAsString(json));
    Path html = dir.resolve("error-analysis.html");
    Files.writeString(html, page(dataset, reports));
    return html;
  }

  private static String page(String dataset, List<ErrorAnalysis.Report> reports) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>recsys error analysis: ")
        .append(HtmlReport.esc(dataset)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;"
            + "vertical-align:top}th:first-child,td:first-child{text-align:left}td.text{text-align:left}"
            + ".loss{color:#b00}.win{color:#070}</style></head><body>\n");
    b.append("<h1>Error analysis</h1>\n<p>").append(HtmlReport.esc(dataset)).append("</p>\n");
    if (reports.isEmpty()) {
      b.append("<p>Only one model was evaluated: there is nothing to compare.</p>\n");
    }
    for (ErrorAnalysis.Report r : reports) {
      ErrorAnalysis.Config c = r.config();
      PairedComparison o = r.overall();
      b.append("<h2>").append(HtmlReport.esc(r.model())).append(" vs ").append(HtmlReport.esc(r.baseline()))
          .append("</h2>\n");
      b.append(String.format(Locale.ROOT, "<p>%s over %d test listeners (%s): %.4f vs %.4f, difference "
          + "<span class=\"%s\">%+.4f</span> [%+.4f, %+.4f] (paired bootstrap, p = %.3f). The model is worse for %.0f%% "
          + "of the listeners and better for %.0f%%.</p>%n", HtmlReport.esc(c.metric()), o.users(),
          HtmlReport.esc(r.protocol()), o.meanA(), o.meanB(), o.meanDifference() < 0 ? "loss" : "win",
          o.meanDifference(), o.lower(), o.upper(), o.pValue(), 100 * r.losses(), 100 * r.wins()));
      b.append("<h3>By cohort</h3>\n<p>Listener cohorts compare ").append(HtmlReport.esc(c.metric()))
          .append(String.format(Locale.ROOT, "; track cohorts compare the share of the listener's held-out tracks of "
              + "the group found in the top %d. Differences are model minus baseline with %.0f%% bootstrap intervals."
              + "</p>%n", c.k(), 100 * c.confidence()));
      b.append("<table><tr><th>cohort</th><th>group</th><th>listeners</th><th>model</th><th>baseline</th>"
          + "<th>difference</th><th>model worse</th><th>model better</th></tr>\n");
      for (ErrorAnalysis.CohortRow g : r.cohorts()) {
        b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"text\">%s</td><td>%d</td><td>%.4f</td>"
            + "<td>%.4f</td><td class=\"%s\">%+.4f [%+.4f, %+.4f]</td><td>%.0f%%</td><td>%.0f%%</td></tr>%n",
            HtmlReport.esc(g.cohort()), HtmlReport.esc(g.group()), g.listeners(), g.modelMean(), g.baselineMean(),
            g.difference().mean() < 0 ? "loss" : "win", g.difference().mean(), g.difference().lower(),
            g.difference().upper(), 100 * g.losses(), 100 * g.wins()));
      }
      b.append("</table>\n<h3>Listeners where the model loses most</h3>\n");
      b.append("<table><tr><th>listener</th><th>model</th><th>baseline</th><th>training tracks</th><th>cohorts</th>"
          + "<th>latest tracks</th><th>missed (the baseline found them)</th><th>recommended instead</th></tr>\n");
      for (ErrorAnalysis.ListenerRow l : r.worstListeners()) {
        StringBuilder groups = new StringBuilder();
        l.groups().forEach((k, v) -> groups.append(groups.isEmpty() ? "" : "<br>").append(HtmlReport.esc(k))
            .append(": ").append(HtmlReport.esc(v == null ? "-" : v)));
        b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%d</td><td class=\"text\">"
            + "%s</td><td class=\"text\">%s</td><td class=\"text\">%s</td><td class=\"text\">%s</td></tr>%n",
            HtmlReport.esc(l.listener()), l.model(), l.baseline(), l.trainItems(), groups, names(l.recentHistory()),
            names(l.missed()), names(l.recommended())));
      }
      b.append("</table>\n<h3>Held-out tracks the baseline finds more often</h3>\n");
      b.append(String.format(Locale.ROOT, "<table><tr><th>track</th><th>training listeners</th><th>held out by</th>"
          + "<th>baseline top %d</th><th>model top %d</th></tr>%n", c.k(), c.k()));
      for (ErrorAnalysis.TrackRow t : r.worstTracks()) {
        b.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>%n",
            HtmlReport.esc(t.name()), t.trainListeners(), t.heldOut(), t.baselineHits(), t.modelHits()));
      }
      b.append("</table>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  private static String names(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.isEmpty() ? "" : "<br>").append(HtmlReport.esc(n));
    }
    return b.toString();
  }
}

package dev.recsys.report;

import dev.recsys.core.data.profile.ColumnStats;
import dev.recsys.core.data.profile.DataProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data-profile page of {@code recsys ingest --report DIR} ({@code profile.html}, self-contained): counts, the
 * share of missing values per column, each column's distribution drawn from its percentiles, the genre shares,
 * playlist and interaction distributions, and the profile's checks. Pictures are inline SVG, each with a one-sentence
 * caption.
 */
public final class ProfileReport {
  /** The page's file name. */
  public static final String FILE = "profile.html";
  private static final int WIDTH = 860;
  private static final int LABEL = 190;
  private static final int ROW = 24;
  private static final int GENRES = 20;
  private static final String BAR = "#4477aa";
  private static final String MISSING = "#ee6677";

  private ProfileReport() {}

  /**
   * Writes {@code profile.html} into {@code dir} (created when missing).
   *
   * @param profile the profile
   * @param title one line naming the data
   * @param dir the directory
   * @return the page's path
   * @throws IOException when the page cannot be written
   */
  public static Path write(DataProfile profile, String title, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    Files.writeString(file, html(profile, title));
    return file;
  }

  /** The page. */
  static String html(DataProfile p, String title) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Data profile: ")
        .append(HtmlReport.esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:960px}"
            + "table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}"
            + "figcaption{color:#333;margin-top:.3em}.warn{color:#9b1c1c}</style></head><body>\n<h1>Data profile</h1>\n<p>")
        .append(HtmlReport.esc(title)).append("</p>\n");
    b.append("<h2>Counts</h2>\n<table>");
    row(b, "tracks", p.tracks());
    row(b, "artists", p.artists());
    row(b, "albums", p.albums());
    row(b, "playlists", p.playlists().count());
    row(b, "interactions", p.interactions().rows());
    row(b, "listeners with an interaction", p.interactions().users());
    row(b, "items with an interaction", p.interactions().items());
    b.append("</table>\n");

    List<ColumnStats> columns = new ArrayList<>(p.audio());
    columns.addAll(p.metadata());
    columns.removeIf(c -> c.count() + c.missing() == 0);
    if (!columns.isEmpty()) {
      b.append("<h2>Missing values</h2>\n");
      List<String> names = columns.stream().map(ColumnStats::name).toList();
      double[] shares = columns.stream().mapToDouble(c -> c.missing() / (double) (c.count() + c.missing())).toArray();
      figure(b, bars(names, shares, 1.0, MISSING, ProfileReport::percent), "The share of tracks without a value in"
          + " each column: a long bar means a feature that most tracks lack, which a model must impute or drop.");
      b.append("<h2>Distributions</h2>\n");
      figure(b, strips(columns), "Each column's spread from its smallest to its largest value: the box holds the middle"
          + " half of the tracks, the whiskers 90%, the line is the median and the dots the 1st and 99th percentiles.");
    }

    DataProfile.GenreStats g = p.genres();
    if (!g.top().isEmpty()) {
      b.append("<h2>Genres</h2>\n");
      List<DataProfile.GenreCount> top = g.top().subList(0, Math.min(GENRES, g.top().size()));
      double max = top.stream().mapToDouble(DataProfile.GenreCount::share).max().orElse(1);
      figure(b, bars(top.stream().map(DataProfile.GenreCount::name).toList(),
          top.stream().mapToDouble(DataProfile.GenreCount::share).toArray(), max, BAR, ProfileReport::percent),
          String.format(Locale.ROOT, "The share of tracks carrying each of the %d largest of %,d genres (%,d tracks have"
              + " none, %,d several): the balance the embeddings and the shuffle work with.", top.size(), g.distinct(),
              g.tracksWithoutGenre(), g.tracksWithSeveralGenres()));
    }

    List<ColumnStats> usage = new ArrayList<>();
    if (p.playlists().count() > 0) {
      usage.add(p.playlists().size());
    }
    if (p.interactions().rows() > 0) {
      usage.add(p.interactions().perUser());
      usage.add(p.interactions().perItem());
    }
    usage.removeIf(c -> c.count() == 0);
    if (!usage.isEmpty()) {
      b.append("<h2>Playlists and listening</h2>\n");
      figure(b, strips(usage), "How long playlists are and how many interactions each listener and each played item"
          + " has, drawn as above: a long right whisker means a few heavy listeners or hit items dominate.");
      DataProfile.InteractionStats in = p.interactions();
      if (in.itemGini() != null) {
        b.append(String.format(Locale.ROOT, "<p>The 1%% most played items take %s of the interactions, the 10%% most"
            + " played %s; Gini coefficient of plays per item %.3f.</p>%n", percent(in.top1PercentItemShare()),
            percent(in.top10PercentItemShare()), in.itemGini()));
      }
    }

    if (!p.checks().isEmpty()) {
      b.append("<h2>Checks</h2>\n<table><tr><th>check</th><th>status</th><th>detail</th></tr>");
      for (DataProfile.Check c : p.checks()) {
        b.append("<tr><td>").append(HtmlReport.esc(c.name())).append("</td><td")
            .append(c.status() == DataProfile.Status.WARN ? " class=\"warn\"" : "").append(">")
            .append(c.status().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(HtmlReport.esc(c.detail()))
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  private static void row(StringBuilder b, String name, long value) {
    b.append("<tr><th>").append(HtmlReport.esc(name)).append("</th><td class=\"num\">")
        .append(String.format(Locale.ROOT, "%,d", value)).append("</td></tr>\n");
  }

  private static void figure(StringBuilder b, String svg, String caption) {
    b.append("<figure>").append(svg).append("<figcaption>").append(HtmlReport.esc(caption))
        .append("</figcaption></figure>\n");
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private static String number(double v) {
    double a = Math.abs(v);
    return a != 0 && (a >= 1e5 || a < 1e-2) ? String.format(Locale.ROOT, "%.2e", v)
        : a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String open(int height, String label) {
    return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
        + " height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height,
        WIDTH, height, HtmlReport.esc(label));
  }

  /** Horizontal bars, one per label, scaled so that {@code max} fills the width. */
  static String bars(List<String> labels, double[] values, double max, String colour,
      java.util.function.DoubleFunction<String> format) {
    int plot = WIDTH - LABEL - 70;
    StringBuilder s = new StringBuilder(open(labels.size() * ROW + 8, "bar chart"));
    for (int i = 0; i < labels.size(); i++) {
      int y = 4 + i * ROW;
      double w = max > 0 ? plot * Math.min(1, values[i] / max) : 0;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>"
          + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/><text x=\"%.1f\" y=\"%d\">%s</text>%n",
          LABEL - 8, y + 15, HtmlReport.esc(cut(labels.get(i))), LABEL, y + 3, w, ROW - 8, colour, LABEL + w + 6, y + 15,
          format.apply(values[i])));
    }
    return s.append("</svg>\n").toString();
  }

  /** One percentile strip per column, each scaled from its own minimum to its maximum. */
  static String strips(List<ColumnStats> columns) {
    int plot = WIDTH - LABEL - 150;
    StringBuilder s = new StringBuilder(open(columns.size() * ROW + 8, "distributions"));
    for (int i = 0; i < columns.size(); i++) {
      ColumnStats c = columns.get(i);
      int y = 4 + i * ROW;
      int mid = y + ROW / 2;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", LABEL - 8, mid + 4,
          HtmlReport.esc(cut(c.name()))));
      if (c.count() == 0 || c.min() == null) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">no values</text>%n", LABEL, mid + 4));
        continue;
      }
      double lo = c.min();
      double span = c.max() - lo;
      java.util.function.DoubleUnaryOperator x = v -> LABEL + (span > 0 ? plot * (v - lo) / span : plot / 2.0);
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#555\"/>",
          x.applyAsDouble(c.p05()), x.applyAsDouble(c.p95()), mid, mid));
      s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\""
          + " fill-opacity=\"0.8\"/>", x.applyAsDouble(c.p25()), y + 5,
          Math.max(1, x.applyAsDouble(c.p75()) - x.applyAsDouble(c.p25())), ROW - 10, BAR));
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#000\""
          + " stroke-width=\"2\"/>", x.applyAsDouble(c.p50()), x.applyAsDouble(c.p50()), y + 4, y + ROW - 4));
      for (double p : new double[] {c.p01(), c.p99()}) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"2.5\" fill=\"#555\"/>",
            x.applyAsDouble(p), mid));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333\">%s \u2013 %s (median %s)</text>%n",
          LABEL + plot + 8, mid + 4, number(c.min()), number(c.max()), number(c.p50())));
    }
    return s.append("</svg>\n").toString();
  }

  private static String cut(String s) {
    return s.length() <= 26 ? s : s.substring(0, 25) + "\u2026";
  }
}

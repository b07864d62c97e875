package dev.recsys.benchmarks.scale;

import java.util.List;
import java.util.Locale;

/**
 * A log-log line chart as standalone SVG: both axes in decades with a labelled tick at every power of ten (and
 * unlabelled ones at 2..9 times it), one polyline with markers per series, and a legend. Plain text output, no
 * dependencies; the same series always give the same bytes.
 */
public final class LogLogPlot {
  /** Colours of the series, in order (repeating). */
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f"};
  private static final int WIDTH = 640;
  private static final int HEIGHT = 420;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  /**
   * One line of the chart.
   *
   * @param label its legend text
   * @param x the sizes, ascending
   * @param y the values; non-positive ones are left out
   */
  public record Series(String label, double[] x, double[] y) {
    /** Validates. */
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("x and y must have the same length; " + x.length + " vs " + y.length);
      }
    }
  }

  private LogLogPlot() {}

  /**
   * Renders the chart.
   *
   * @param title the title above the plot
   * @param xLabel the label of the horizontal axis
   * @param yLabel the label of the vertical axis
   * @param series the lines
   * @return the SVG document
   * @throws IllegalArgumentException when no series has a positive point
   */
  public static String render(String title, String xLabel, String yLabel, List<Series> series) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = 0;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        if (s.x()[i] > 0 && s.y()[i] > 0) {
          minX = Math.min(minX, s.x()[i]);
          maxX = Math.max(maxX, s.x()[i]);
          minY = Math.min(minY, s.y()[i]);
          maxY = Math.max(maxY, s.y()[i]);
        }
      }
    }
    if (maxX == 0) {
      throw new IllegalArgumentException("no series has a point with positive x and y");
    }
    int x0 = (int) Math.floor(Math.log10(minX));
    int x1 = Math.max(x0 + 1, (int) Math.ceil(Math.log10(maxX)));
    int y0 = (int) Math.floor(Math.log10(minY));
    int y1 = Math.max(y0 + 1, (int) Math.ceil(Math.log10(maxY)));
    Axis ax = new Axis(x0, x1, LEFT, WIDTH - RIGHT);
    Axis ay = new Axis(y0, y1, HEIGHT - BOTTOM, TOP);

    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, escape(title)));
    grid(b, ax, ay, true);
    grid(b, ay, ax, false);
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
        LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 10, escape(xLabel)));
    b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>%n",
        (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String colour = COLOURS[k % COLOURS.length];
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.x().length; i++) {
        if (s.x()[i] > 0 && s.y()[i] > 0) {
          double px = ax.at(s.x()[i]);
          double py = ay.at(s.y()[i]);
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
          b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, colour));
        }
      }
      b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          points.toString().trim(), colour));
      int ly = TOP + 10 + 20 * k;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly, colour));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 38, ly + 4,
          escape(s.label())));
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /** A logarithmic axis over the decades {@code 10^lo .. 10^hi}, mapped to pixels {@code from .. to}. */
  private record Axis(int lo, int hi, int from, int to) {
    double at(double v) {
      return from + (Math.log10(v) - lo) / (hi - lo) * (to - from);
    }
  }

  /** Grid lines and tick labels of {@code axis}, drawn across {@code other}. */
  private static void grid(StringBuilder b, Axis axis, Axis other, boolean horizontal) {
    for (int e = axis.lo(); e <= axis.hi(); e++) {
      for (int m = 1; m <= 9 && (m == 1 || e < axis.hi()); m++) {
        double p = axis.at(m * Math.pow(10, e));
        String stroke = m == 1 ? "#bbbbbb" : "#eeeeee";
        if (horizontal) {
          b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
              p, other.to(), p, other.from(), stroke));
          if (m == 1) {
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                p, other.from() + 18, decade(e)));
          }
        } else {
          b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
              other.from(), p, other.to(), p, stroke));
          if (m == 1) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                other.from() - 6, p + 4, decade(e)));
          }
        }
      }
    }
  }

  /** {@code 10^e} as a label: plain digits from 0.001 to 1,000,000, else {@code 1e-5} style. */
  static String decade(int e) {
    if (e >= 0 && e <= 6) {
      return String.format(Locale.ROOT, "%,d", (long) Math.pow(10, e));
    }
    if (e < 0 && e >= -3) {
      return String.format(Locale.ROOT, "%." + (-e) + "f", Math.pow(10, e));
    }
    return "1e" + e;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

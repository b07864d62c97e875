package dev.recsys.report;

import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A picture of one graph-attention recommendation, from its explanation: the seed tracks on the left, each joined
 * to the recommended track by a line as thick as its pool weight (how much the listener's representation drew on
 * that seed), and on the right the neighbours the recommended track's own layer attended to (tracks, artists,
 * genres), each line as thick as its attention weight. Weights are printed on the lines. SVG, standalone.
 */
public final class AttentionPicture {
  private static final int WIDTH = 900;
  private static final int ROW = 34;
  private static final String SEED = "#4477aa";
  private static final String TRACK = "#228833";
  private static final String ARTIST = "#aa3377";
  private static final String GENRE = "#ccbb44";

  private AttentionPicture() {}

  private record Node(String kind, String label, double weight) {}

  /**
   * The picture of a recommendation whose explanation has "seed" factors (value: pool weight) and "neighbour",
   * "artist" and "genre" factors (value: mean attention over heads), as {@code GatModel}'s recommenders give.
   *
   * @param rec the recommendation
   * @param trackTitle a track's display title by id (ids shown as they are when it returns null)
   * @return the SVG document
   * @throws IllegalArgumentException when the explanation has no seed factor
   */
  public static String svg(Recommendation rec, UnaryOperator<String> trackTitle) {
    List<Node> seeds = new ArrayList<>();
    List<Node> attended = new ArrayList<>();
    for (Explanation.Factor f : rec.explanation().factors()) {
      switch (f.kind()) {
        case "seed" -> seeds.add(new Node("seed", title(trackTitle, f.label()), f.value()));
        case "neighbour" -> attended.add(new Node("track", title(trackTitle, f.label()), f.value()));
        case "artist", "genre" -> attended.add(new Node(f.kind(), f.label(), f.value()));
        default -> { }
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("the recommendation of " + rec.itemId() + " has no seed factor: not a"
          + " graph-attention explanation");
    }
    int rows = Math.max(seeds.size(), attended.size());
    int height = 70 + rows * ROW;
    int centreX = WIDTH / 2;
    int centreY = 50 + rows * ROW / 2;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\""
        + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\""
        + " font-size=\"12\">%n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height, WIDTH, height,
        HtmlReport.esc("Graph attention behind one recommendation"), WIDTH, height));
    b.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-size=\"13\">seed tracks (pool weight)</text>"
        + "<text x=\"%d\" y=\"18\" font-size=\"13\" text-anchor=\"end\">what the recommended track attends to"
        + " (attention)</text>%n", WIDTH - 10));
    edges(b, seeds, 10, centreX, centreY, rows, true);
    edges(b, attended, WIDTH - 10, centreX, centreY, rows, false);
    String name = title(trackTitle, rec.itemId());
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"200\" height=\"44\" rx=\"8\" fill=\"#1d1b2e\"/>"
        + "<text x=\"%d\" y=\"%d\" fill=\"#ffffff\" text-anchor=\"middle\">recommended</text>"
        + "<text x=\"%d\" y=\"%d\" fill=\"#ffffff\" text-anchor=\"middle\">%s</text>%n", centreX - 100, centreY - 22,
        centreX, centreY - 6, centreX, centreY + 12, HtmlReport.esc(cut(name, 30))));
    return b.append("</svg>\n").toString();
  }

  private static void edges(StringBuilder b, List<Node> nodes, int x, int centreX, int centreY, int rows, boolean left) {
    double max = nodes.stream().mapToDouble(Node::weight).max().orElse(1);
    int top = 40 + (rows - nodes.size()) * ROW / 2;
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      int y = top + i * ROW + ROW / 2;
      int end = left ? x + 250 : x - 250;
      int towards = left ? centreX - 100 : centreX + 100;
      double width = 1 + 7 * (max > 0 ? Math.max(0, n.weight()) / max : 0);
      String colour = switch (n.kind()) {
        case "seed" -> SEED;
        case "track" -> TRACK;
        case "artist" -> ARTIST;
        default -> GENRE;
      };
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
          + " stroke-width=\"%.1f\" stroke-opacity=\"0.7\"/>", end, y, towards, centreY, colour, width));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">%.2f</text>",
          (end + towards) / 2, (y + centreY) / 2 - 4, n.weight()));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"><tspan fill=\"%s\">%s</tspan> %s"
          + "</text>%n", x, y + 4, left ? "start" : "end", colour, n.kind(), HtmlReport.esc(cut(n.label(), 34))));
    }
  }

  private static String title(UnaryOperator<String> trackTitle, String id) {
    String t = trackTitle.apply(id);
    return t == null ? id : t;
  }

  private static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
  }
}

package dev.recsys.report;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.projection.Projection2D;
import dev.recsys.core.projection.TSne;
import dev.recsys.core.spi.ProgressListener;
import dev.recsys.core.util.Seeds;
import dev.recsys.graph.simulation.ShuffleEvaluation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A 2D map of the track embedding space, coloured by genre: a seeded sample of tracks placed by t-SNE (or PCA), with
 * the map's trustworthiness (how well it keeps each track's 10 nearest neighbours). Shown as SVG in the demo report
 * and as the web app's map view. Immutable.
 *
 * @param method "t-SNE" or "PCA"
 * @param trustworthiness trustworthiness of the map at 10 neighbours, in [0, 1]
 * @param genres the genres coloured, largest first; the rest are "other"
 * @param points the mapped tracks
 */
public record EmbeddingMap(String method, double trustworthiness, List<String> genres, List<Point> points) {
  /** Colours of the genres, in order (a colour-blind-safe qualitative palette); "other" is grey. */
  static final List<String> PALETTE = List.of("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377",
      "#332288", "#cc6633");
  /** The colour of genres beyond the palette. */
  static final String OTHER_COLOUR = "#bbbbbb";
  /** Default number of tracks mapped (t-SNE is O(n^2)). */
  public static final int DEFAULT_POINTS = 1_000;
  private static final int NEIGHBOURS = 10;

  /**
   * A mapped track.
   *
   * @param id the track id
   * @param title the track's display title
   * @param genre its genre, one of {@link #genres()} or "other"
   * @param x first coordinate
   * @param y second coordinate
   */
  public record Point(String id, String title, String genre, double x, double y) {}

  /** Copies the lists. */
  public EmbeddingMap {
    genres = List.copyOf(genres);
    points = List.copyOf(points);
  }

  /**
   * Maps a seeded sample of at most {@code maxPoints} tracks of the catalogue that have a vector. The vectors are
   * scaled to unit length first, so distances on the map follow the cosine similarity that retrieval and the
   * similarity graph use.
   *
   * @param catalog the tracks
   * @param vectors the track vectors, by track id
   * @param maxPoints how many tracks to map at most (at most {@link TSne#MAX_POINTS} with t-SNE)
   * @param tsne t-SNE when true, PCA otherwise
   * @param seed the seed of the sample and of t-SNE
   * @param progress told of t-SNE's iterations
   * @return the map
   */
  public static EmbeddingMap of(Catalog catalog, TrackVectors vectors, int maxPoints, boolean tsne, long seed,
      ProgressListener progress) {
    int d = vectors.dimension();
    float[] unit = ShuffleEvaluation.alignedUnitVectors(vectors, catalog);
    int[] withVector = IntStream.range(0, catalog.size()).filter(t -> {
      for (int c = 0; c < d; c++) {
        if (unit[t * d + c] != 0) {
          return true;
        }
      }
      return false;
    }).toArray();
    if (withVector.length == 0) {
      throw new IllegalArgumentException("no track of the catalogue has a vector");
    }
    int[] order = Seeds.permutation(withVector.length, Seeds.mix(seed, 0x3a9));
    int[] sample = new int[Math.min(maxPoints, withVector.length)];
    for (int i = 0; i < sample.length; i++) {
      sample[i] = withVector[order[i]];
    }
    Arrays.sort(sample);
    FeatureMatrix rows = new FeatureMatrix(catalog.size(), d, unit,
        IntStream.range(0, d).mapToObj(c -> "d" + c).toList()).selectRows(sample);
    Projection2D map = tsne && sample.length >= 2
        ? TSne.fit(rows, TSne.Config.defaults(seed).withIterations(500), progress) : Projection2D.pca(rows);
    double trust = sample.length > 2 * NEIGHBOURS + 1 ? Projection2D.trustworthiness(rows, map, NEIGHBOURS) : 1.0;
    Map<String, Integer> count = new HashMap<>();
    String[] genre = new String[sample.length];
    for (int i = 0; i < sample.length; i++) {
      List<String> g = catalog.get(sample[i]).genres();
      genre[i] = g.isEmpty() ? "(none)" : g.get(0);
      count.merge(genre[i], 1, Integer::sum);
    }
    List<String> top = count.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(PALETTE.size()).map(Map.Entry::getKey).toList();
    List<Point> points = new ArrayList<>(sample.length);
    for (int i = 0; i < sample.length; i++) {
      Track t = catalog.get(sample[i]);
      points.add(new Point(t.id(), t.displayTitle(), top.contains(genre[i]) ? genre[i] : "other", map.x(i), map.y(i)));
    }
    return new EmbeddingMap(tsne ? "t-SNE" : "PCA", trust, top, points);
  }

  /** The colour of a genre of this map. */
  public String colour(String genre) {
    int i = genres.indexOf(genre);
    return i >= 0 ? PALETTE.get(i) : OTHER_COLOUR;
  }

  /** One sentence on what the map shows, with its trustworthiness. */
  public String caption() {
    return String.format(Locale.ROOT, "%,d tracks placed by %s so that tracks with near vectors land near each other,"
        + " coloured by genre: separate coloured regions mean the embedding groups genres it was never told about"
        + " (trustworthiness %.3f at %d neighbours; 1 keeps every neighbourhood).", points.size(), method,
        trustworthiness, NEIGHBOURS);
  }

  /**
   * The map as a standalone SVG image: one dot per track (its title as tooltip) and a legend of the genres.
   *
   * @param width width in pixels
   * @param height height in pixels
   * @return the SVG document
   */
  public String svg(int width, int height) {
    int legend = 170;
    int pad = 16;
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Point p : points) {
      minX = Math.min(minX, p.x());
      maxX = Math.max(maxX, p.x());
      minY = Math.min(minY, p.y());
      maxY = Math.max(maxY, p.y());
    }
    double plotW = width - legend - 2 * pad;
    double plotH = height - 2 * pad - 24;
    double scale = Math.min(plotW / Math.max(maxX - minX, 1e-12), plotH / Math.max(maxY - minY, 1e-12));
    StringBuilder b = new StringBuilder(points.size() * 120 + 2_000);
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
        + " height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"13\">%n", width, height,
        width, height, HtmlReport.esc("Map of the track embedding space (" + method + "), coloured by genre")));
    b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"15\">Track embeddings, %s map of %,d"
        + " tracks</text>%n", pad, pad + 4, method, points.size()));
    for (Point p : points) {
      double cx = pad + (p.x() - minX) * scale;
      double cy = pad + 24 + (maxY - p.y()) * scale;
      b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.75\">"
          + "<title>%s (%s)</title></circle>%n", cx, cy, colour(p.genre()), HtmlReport.esc(p.title()),
          HtmlReport.esc(p.genre())));
    }
    List<String> keys = new ArrayList<>(genres);
    if (points.stream().anyMatch(p -> p.genre().equals("other"))) {
      keys.add("other");
    }
    for (int i = 0; i < keys.size(); i++) {
      int y = pad + 40 + 22 * i;
      b.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s"
          + "</text>%n", width - legend + 8, y, colour(keys.get(i)), width - legend + 20, y + 5,
          HtmlReport.esc(keys.get(i).length() > 20 ? keys.get(i).substring(0, 19) + "\u2026" : keys.get(i))));
    }
    b.append("</svg>\n");
    return b.toString();
  }
}

package dev.recsys.report;

import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.embedding.EmbeddingQualityReport;
import dev.recsys.graph.simulation.ShuffleEvaluation;
import dev.recsys.graph.simulation.ShuffleExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The HTML report of {@code recsys demo}, telling the pipeline's story in order: the data, the track embeddings,
 * retrieval, the smart shuffle with "why this song", the choice model, listeners, recommendations and the
 * evaluation. Each plot is an embedded PNG (also written beside the page) with a one-sentence caption; tables are
 * text. Parts may be added in any order as the demo runs; the page puts them in story order. Not thread-safe.
 */
public final class DemoReport {
  private static final int W = 900;
  private static final int H = 440;

  /** The report's chapters, in the order the page tells them. */
  public enum Chapter {
    /** The catalogue and listeners. */
    DATA("1. Data"),
    /** Features, PCA and the autoencoder. */
    EMBEDDINGS("2. Track embeddings"),
    /** Nearest tracks from the vector index. */
    RETRIEVAL("3. Retrieval"),
    /** A smart-shuffle playlist with its explanations, beside a plain shuffle. */
    SMART_SHUFFLE("4. Smart shuffle, and why each song"),
    /** The choice model behind the shuffle's weights. */
    CHOICE_MODEL("5. Choice model"),
    /** Similar listeners. */
    LISTENERS("6. Listeners"),
    /** Recommendations for one listener. */
    RECOMMENDATIONS("7. Recommendations"),
    /** Recommenders against baselines. */
    EVALUATION("8. Evaluation");

    private final String title;

    Chapter(String title) {
      this.title = title;
    }

    /** The chapter's heading. */
    public String title() {
      return title;
    }
  }

  /** A plot: an xchart chart (written as PNG) or a ready SVG image (written as SVG); exactly one is set. */
  private record Figure(String name, String caption, Chart<?, ?> chart, String svg) {}

  private final Map<Chapter, String> texts = new TreeMap<>();
  private final Map<Chapter, String> intros = new TreeMap<>();
  private final Map<Chapter, List<Figure>> figures = new TreeMap<>();

  /** An empty report. */
  public DemoReport() {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Sets a chapter's one-line introduction and its text (a preformatted table or listing).
   *
   * @param chapter the chapter
   * @param intro one sentence saying what the chapter shows
   * @param text preformatted text, or empty
   */
  public void text(Chapter chapter, String intro, String text) {
    intros.put(chapter, intro);
    texts.put(chapter, text);
  }

  private void chart(Chapter chapter, String name, String caption, Chart<?, ?> chart) {
    figures.computeIfAbsent(chapter, c -> new ArrayList<>()).add(new Figure(name, caption, chart, null));
  }

  /**
   * Adds an SVG picture to a chapter (written as {@code name.svg} beside the page and inlined in it).
   *
   * @param chapter the chapter
   * @param name the file name without extension
   * @param caption one sentence saying what the picture shows
   * @param svg the SVG document
   */
  public void svg(Chapter chapter, String name, String caption, String svg) {
    figures.computeIfAbsent(chapter, c -> new ArrayList<>()).add(new Figure(name, caption, null, svg));
  }

  /** Adds the map of the track embedding space to the embeddings chapter. */
  public void map(EmbeddingMap map) {
    svg(Chapter.EMBEDDINGS, "embedding-map", map.caption(), map.svg(W, 560));
  }

  /**
   * Adds the data chapter: a description and the tracks per genre.
   *
   * @param description one line on the catalogue and listeners
   * @param tracksPerGenre track counts by genre
   */
  public void data(String description, Map<String, Integer> tracksPerGenre) {
    text(Chapter.DATA, "The catalogue and the listening data every later step learns from.", description);
    List<Map.Entry<String, Integer>> top = tracksPerGenre.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(15).toList();
    if (top.isEmpty()) {
      return;
    }
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Tracks per genre (15 largest)")
        .xAxisTitle("genre").yAxisTitle("tracks").build();
    HtmlReport.style(c.getStyler());
    c.getStyler().setYAxisDecimalPattern("#,##0");
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisLabelRotation(30);
    c.addSeries("tracks", top.stream().map(Map.Entry::getKey).toList(),
        top.stream().map(e -> (Number) e.getValue()).toList());
    chart(Chapter.DATA, "genres", "How many tracks each of the largest genres holds: the mix the embeddings and the"
        + " shuffle work with.", c);
  }

  /** Adds the embedding's explained variance and training curves. */
  public void embedding(EmbeddingQualityReport r) {
    text(Chapter.EMBEDDINGS, "Audio and metadata features are compressed by PCA, then by an autoencoder, into the"
        + " track vectors used for retrieval and the similarity graph.", String.format(Locale.ROOT,
        "%d rows, %d features -> PCA %d components -> autoencoder %d dimensions%n"
            + "held-out reconstruction MSE: autoencoder %.5f, PCA of the same size %.5f, kept PCA %.5f",
        r.rows(), r.inputDimension(), r.pcaComponents(), r.dimension(), r.reconstruction().autoencoderMse(),
        r.reconstruction().pcaSameDimensionMse(), r.reconstruction().pcaMse()));
    XYChart v = new XYChartBuilder().width(W).height(H).title("PCA explained variance").xAxisTitle("component")
        .yAxisTitle("share of variance").build();
    HtmlReport.style(v.getStyler());
    HtmlReport.integerX(v);
    v.addSeries("per component", index(r.explainedVarianceRatio().size()), toArray(r.explainedVarianceRatio()));
    v.addSeries("cumulative", index(r.cumulativeExplainedVarianceRatio().size()), toArray(r.cumulativeExplainedVarianceRatio()));
    chart(Chapter.EMBEDDINGS, "explained-variance", "Share of the features' variance each principal component keeps,"
        + " and the running total that decides how many components stay.", v);
    XYChart t = new XYChartBuilder().width(W).height(H).title("Autoencoder training").xAxisTitle("epoch")
        .yAxisTitle("loss (MSE)").build();
    HtmlReport.style(t.getStyler());
    HtmlReport.integerX(t);
    List<Double> train = r.training().trainLoss();
    t.addSeries("training loss", index(train.size()), toArray(train)).setMarker(SeriesMarkers.NONE);
    List<Double> val = r.training().validationMetric();
    if (!val.isEmpty() && val.stream().allMatch(d -> Double.isFinite(d))) {
      t.addSeries("validation loss", index(val.size()), toArray(val)).setMarker(SeriesMarkers.NONE);
    }
    chart(Chapter.EMBEDDINGS, "training-curve", "Reconstruction loss of the autoencoder per epoch on training and"
        + " held-out rows: the two falling together means it is not overfitting.", t);
  }

  /** Adds the shuffle comparison (to the smart-shuffle chapter) and the choice-model recovery. */
  public void shuffle(ShuffleExperiment.Result r) {
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Shuffle over simulated sessions")
        .xAxisTitle("metric").yAxisTitle("value").build();
    HtmlReport.style(c.getStyler());
    List<String> metrics = List.of("repeat rate", "artist repeat rate", "coherence", "key smoothness");
    for (ShuffleEvaluation.Row row : r.evaluation().rows()) {
      c.addSeries(row.sampler(), metrics, List.of(row.repeatRate(), row.artistRepeatRate(), row.coherence(), row.keySmoothness()));
    }
    chart(Chapter.SMART_SHUFFLE, "shuffle-metrics", "Repeats, coherence and key smoothness of each shuffle over"
        + " simulated sessions: smart shuffle should repeat less and flow more than a plain one.", c);
    evaluationTable = r.evaluation().table();
    text(Chapter.CHOICE_MODEL, "The shuffle's feature weights are fitted as a conditional-logit choice model on"
        + " simulated listener choices; on simulated data the hidden weights are known, so recovery can be checked.",
        r.recoveryTable());
    CategoryChart w = new CategoryChartBuilder().width(W).height(H).title("Choice model: hidden vs fitted weights")
        .xAxisTitle("feature").yAxisTitle("weight").build();
    HtmlReport.style(w.getStyler());
    List<String> names = r.recovery().stream().map(ShuffleExperiment.RecoveryRow::feature).toList();
    w.addSeries("hidden", names, r.recovery().stream().map(ShuffleExperiment.RecoveryRow::trueWeight).toList());
    w.addSeries("fitted", names, r.recovery().stream().map(ShuffleExperiment.RecoveryRow::fitted).toList());
    w.getStyler().setXAxisLabelRotation(30);
    chart(Chapter.CHOICE_MODEL, "choice-weights", "Each walk feature's weight as simulated (hidden) and as fitted"
        + " from the choices: bars of equal height mean the model recovered what listeners do.", w);
  }

  private String evaluationTable = "";

  /**
   * Adds the smart-shuffle playlist with each pick's "why".
   *
   * @param playlist the playlist as a text table (smart beside plain, with the top feature contributions)
   */
  public void smartShuffle(String playlist) {
    text(Chapter.SMART_SHUFFLE, "A playlist drawn by the smart shuffle from one start song, each pick with the"
        + " features that raised (+) or lowered (-) its score, beside a plain shuffle from the same start.",
        playlist + (evaluationTable.isEmpty() ? "" : "\n" + evaluationTable));
  }

  /** Adds the evaluation table and plots. */
  public void evaluation(EvaluationReport r) {
    text(Chapter.EVALUATION, "Recommenders against simple baselines on held-out listening, with paired bootstrap"
        + " intervals.", TextTable.render(r));
    HtmlReport.charts(r).forEach((name, chart) -> chart(Chapter.EVALUATION, name, HtmlReport.caption(name), chart));
  }

  /** Writes {@code report.html} and the PNG files into {@code dir}; returns the page's path. */
  public Path write(Path dir, String title) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>recsys demo: ")
        .append(HtmlReport.esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto}img,svg{max-width:100%;height:auto}figcaption{color:#333}"
            + "figcaption .file{color:#888;font-size:.85em}nav li{margin:.1em 0}</style></head><body>\n<h1>recsys demo</h1>\n<p>")
        .append(HtmlReport.esc(title)).append("</p>\n<nav><ol>");
    for (Chapter c : Chapter.values()) {
      if (texts.containsKey(c) || figures.containsKey(c)) {
        b.append("<li><a href=\"#").append(c.name().toLowerCase(Locale.ROOT)).append("\">")
            .append(HtmlReport.esc(c.title().replaceFirst("^\\d+\\. ", ""))).append("</a></li>");
      }
    }
    b.append("</ol></nav>\n");
    for (Chapter c : Chapter.values()) {
      if (!texts.containsKey(c) && !figures.containsKey(c)) {
        continue;
      }
      b.append("<h2 id=\"").append(c.name().toLowerCase(Locale.ROOT)).append("\">").append(HtmlReport.esc(c.title()))
          .append("</h2>\n");
      String intro = intros.get(c);
      if (intro != null) {
        b.append("<p>").append(HtmlReport.esc(intro)).append("</p>\n");
      }
      String text = texts.get(c);
      if (text != null && !text.isEmpty()) {
        b.append("<pre>").append(HtmlReport.esc(text)).append("</pre>\n");
      }
      for (Figure f : figures.getOrDefault(c, List.of())) {
        b.append(f.svg() != null ? HtmlReport.svgFigure(f.name(), f.caption(), f.svg(), dir)
            : HtmlReport.figure(f.name(), f.caption(), f.chart(), dir));
      }
    }
    b.append("</body></html>\n");
    Path html = dir.resolve("report.html");
    Files.writeString(html, b.toString());
    return html;
  }

  private static double[] index(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }

  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(d -> Double.isFinite(d) ? d : 0).toArray();
  }
}

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
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The HTML report of {@code recsys demo}: explained variance and training curves of the embedding, the shuffle
 * comparison and choice-model recovery, and the evaluation plots, each as an embedded PNG (also written beside
 * the page), with the tables as text. Collects parts as the demo runs; not thread-safe.
 */
public final class DemoReport {
  private static final int W = 900;
  private static final int H = 440;
  private final List<String> sections = new ArrayList<>();
  private final List<Map.Entry<String, Chart<?, ?>>> charts = new ArrayList<>();
  private final List<Integer> chartSection = new ArrayList<>();

  /** An empty report. */
  public DemoReport() {
    System.setProperty("java.awt.headless", "true");
  }

  private void section(String title, String text) {
    sections.add("<h2>" + HtmlReport.esc(title) + "</h2>\n" + (text.isEmpty() ? "" : "<pre>" + HtmlReport.esc(text) + "</pre>\n"));
  }

  private void chart(String name, Chart<?, ?> chart) {
    charts.add(Map.entry(name, chart));
    chartSection.add(sections.size() - 1);
  }

  /** Adds the embedding's explained variance and training curves. */
  public void embedding(EmbeddingQualityReport r) {
    section("Track embeddings", String.format(java.util.Locale.ROOT,
        "%d rows, %d features -> PCA %d components -> autoencoder %d dimensions%n"
            + "held-out reconstruction MSE: autoencoder %.5f, PCA of the same size %.5f, kept PCA %.5f",
        r.rows(), r.inputDimension(), r.pcaComponents(), r.dimension(), r.reconstruction().autoencoderMse(),
        r.reconstruction().pcaSameDimensionMse(), r.reconstruction().pcaMse()));
    XYChart v = new XYChartBuilder().width(W).height(H).title("PCA explained variance").xAxisTitle("component")
        .yAxisTitle("share of variance").build();
    HtmlReport.style(v.getStyler());
    v.addSeries("per component", index(r.explainedVarianceRatio().size()), toArray(r.explainedVarianceRatio()));
    v.addSeries("cumulative", index(r.cumulativeExplainedVarianceRatio().size()), toArray(r.cumulativeExplainedVarianceRatio()));
    chart("explained-variance", v);
    XYChart t = new XYChartBuilder().width(W).height(H).title("Autoencoder training").xAxisTitle("epoch")
        .yAxisTitle("loss (MSE)").build();
    HtmlReport.style(t.getStyler());
    List<Double> train = r.training().trainLoss();
    t.addSeries("training loss", index(train.size()), toArray(train)).setMarker(SeriesMarkers.NONE);
    List<Double> val = r.training().validationMetric();
    if (!val.isEmpty() && val.stream().allMatch(d -> Double.isFinite(d))) {
      t.addSeries("validation loss", index(val.size()), toArray(val)).setMarker(SeriesMarkers.NONE);
    }
    chart("training-curve", t);
  }

  /** Adds the choice-model recovery and the shuffle comparison. */
  public void shuffle(ShuffleExperiment.Result r) {
    section("Smart shuffle", r.recoveryTable() + "\n" + r.evaluation().table());
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Shuffle over simulated sessions")
        .xAxisTitle("metric").yAxisTitle("value").build();
    HtmlReport.style(c.getStyler());
    List<String> metrics = List.of("repeat rate", "artist repeat rate", "coherence", "key smoothness");
    for (ShuffleEvaluation.Row row : r.evaluation().rows()) {
      c.addSeries(row.sampler(), metrics, List.of(row.repeatRate(), row.artistRepeatRate(), row.coherence(), row.keySmoothness()));
    }
    chart("shuffle-metrics", c);
    CategoryChart w = new CategoryChartBuilder().width(W).height(H).title("Choice model: hidden vs fitted weights")
        .xAxisTitle("feature").yAxisTitle("weight").build();
    HtmlReport.style(w.getStyler());
    List<String> names = r.recovery().stream().map(ShuffleExperiment.RecoveryRow::feature).toList();
    w.addSeries("hidden", names, r.recovery().stream().map(ShuffleExperiment.RecoveryRow::trueWeight).toList());
    w.addSeries("fitted", names, r.recovery().stream().map(ShuffleExperiment.RecoveryRow::fitted).toList());
    w.getStyler().setXAxisLabelRotation(30);
    chart("choice-weights", w);
  }

  /** Adds the evaluation table and plots. */
  public void evaluation(EvaluationReport r) {
    section("Recommenders against baselines", TextTable.render(r));
    HtmlReport.charts(r).forEach(this::chart);
  }

  /** Writes {@code report.html} and the PNG files into {@code dir}; returns the page's path. */
  public Path write(Path dir, String title) throws IOException {
    Files.createDirectories(dir);
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>recsys demo: ")
        .append(HtmlReport.esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto}img{max-width:100%}</style></head><body>\n<h1>recsys demo</h1>\n<p>")
        .append(HtmlReport.esc(title)).append("</p>\n");
    for (int s = 0; s < sections.size(); s++) {
      b.append(sections.get(s));
      for (int c = 0; c < charts.size(); c++) {
        if (chartSection.get(c) == s) {
          b.append(HtmlReport.figure(charts.get(c).getKey(), charts.get(c).getValue(), dir));
        }
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

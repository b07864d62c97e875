package dev.recsys.benchmarks.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes a scale curve: {@code NAME.json} (environment, settings, every size's stages, the growth exponents and
 * where the curve stopped), {@code NAME.md} (the tables) and the log-log charts {@code NAME-time.svg} (wall time
 * per stage) and {@code NAME-memory.svg} (peak heap per stage and the process's peak resident set).
 */
public final class ScaleReport {
  private static final double MIB = 1024.0 * 1024.0;

  private ScaleReport() {}

  /**
   * The growth exponents of one stage over the sizes run: least-squares slopes of {@code log cost} against
   * {@code log tracks} ({@link LogLogFit}).
   *
   * @param stage the stage name, or {@code "total"}
   * @param time the exponent of the wall time
   * @param timeR2 the fit's coefficient of determination
   * @param heap the exponent of the peak heap after GC
   * @param output the exponent of the output size (NaN where the output is not positive at every size)
   * @param timeLast the exponent of the wall time between the two largest sizes (where fixed costs such as the JIT
   *     and class loading weigh least)
   * @param heapLast the exponent of the peak heap above the JVM's baseline between the two largest sizes
   */
  public record Exponents(String stage, double time, double timeR2, double heap, double output, double timeLast,
      double heapLast) {}

  /**
   * The exponents of every stage and of the whole run.
   *
   * @param sizes finished sizes
   * @return one row per stage, then {@code "total"}
   */
  public static List<Exponents> exponents(List<SizeResult> sizes) {
    double[] n = sizes.stream().mapToDouble(SizeResult::tracks).toArray();
    List<Exponents> out = new ArrayList<>();
    List<SizeResult> last = sizes.size() > 2 ? sizes.subList(sizes.size() - 2, sizes.size()) : sizes;
    double[] nLast = last.stream().mapToDouble(SizeResult::tracks).toArray();
    for (String stage : ScalePipeline.STAGES) {
      ToDoubleFunction<SizeResult> time = r -> r.stage(stage).seconds();
      ToDoubleFunction<SizeResult> aboveBaseline = r -> r.stage(stage).peakHeapAfterGcBytes() - baselineHeap(r);
      LogLogFit t = fit(sizes, n, time);
      out.add(new Exponents(stage, t.slope(), t.r2(), fit(sizes, n, r -> r.stage(stage).peakHeapAfterGcBytes()).slope(),
          fit(sizes, n, r -> r.stage(stage).outputBytes()).slope(), fit(last, nLast, time).slope(),
          fit(last, nLast, aboveBaseline).slope()));
    }
    LogLogFit total = fit(sizes, n, SizeResult::seconds);
    out.add(new Exponents("total", total.slope(), total.r2(), fit(sizes, n, SizeResult::peakHeapAfterGcBytes).slope(),
        fit(sizes, n, r -> r.vmHwmBytes()).slope(), fit(last, nLast, SizeResult::seconds).slope(),
        fit(last, nLast, r -> r.peakHeapAfterGcBytes() - baselineHeap(r)).slope()));
    return out;
  }

  /**
   * The live heap of the JVM before the pipeline starts (the harness and its classes loaded, nothing generated): what
   * every stage's peak is measured above when memory per track is computed.
   *
   * @param r a size's result
   * @return the live heap at the start of the first stage, in bytes
   */
  public static long baselineHeap(SizeResult r) {
    StageResult first = r.stages().get(0);
    return first.liveAtEndBytes() - first.retainedBytes();
  }

  private static LogLogFit fit(List<SizeResult> sizes, double[] n, ToDoubleFunction<SizeResult> cost) {
    double[] y = sizes.stream().mapToDouble(cost).toArray();
    for (double v : y) {
      if (!(v > 0)) {
        return new LogLogFit(Double.NaN, Double.NaN, Double.NaN, 0);
      }
    }
    return LogLogFit.of(n, y);
  }

  /**
   * Writes the four files.
   *
   * @param json the JSON file; the others are written beside it with the same base name
   * @param environment the revision, JDK and machine
   * @param sizes finished sizes, ascending
   * @param stop the size the curve did not run and why, or null when every size ran
   * @param heap the children's maximum heap as given
   * @param settings the walks, queries, seed and threads of every size
   * @throws IOException when a file cannot be written
   */
  public static void write(Path json, Map<String, Object> environment, List<SizeResult> sizes, ScaleCurve.Stop stop,
      String heap, ScalePipeline.Settings settings) throws IOException {
    List<Exponents> exponents = exponents(sizes);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generated", Instant.now().toString());
    doc.put("environment", environment);
    doc.put("heap", heap);
    doc.put("listeners", "max(" + ScalePipeline.MIN_LISTENERS + ", tracks / " + ScalePipeline.TRACKS_PER_LISTENER + ")");
    doc.put("walks", settings.walks());
    doc.put("walkLength", settings.walkLength());
    doc.put("queries", settings.queries());
    doc.put("seed", settings.seed());
    doc.put("threads", settings.threads());
    doc.put("sizes", sizes);
    doc.put("exponents", exponents);
    doc.put("stoppedBefore", stop);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), doc);
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path dir = json.toAbsolutePath().getParent();
    Files.writeString(dir.resolve(base + ".md"), markdown(sizes, exponents, stop, base), StandardCharsets.UTF_8);
    if (!sizes.isEmpty()) {
      Files.writeString(dir.resolve(base + "-time.svg"), timeChart(sizes, exponents), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(base + "-memory.svg"), memoryChart(sizes, exponents), StandardCharsets.UTF_8);
    }
  }

  /**
   * The Markdown tables: one row per size and stage, the exponents, and where the curve stopped.
   *
   * @param sizes finished sizes
   * @param exponents their {@link #exponents}
   * @param stop where the curve stopped, or null
   * @param charts the base name of the charts (linked as {@code charts-time.svg} and {@code charts-memory.svg})
   * @return the Markdown
   */
  public static String markdown(List<SizeResult> sizes, List<Exponents> exponents, ScaleCurve.Stop stop, String charts) {
    StringBuilder b = new StringBuilder();
    b.append("| tracks | stage | wall s | peak heap after GC MiB | heap above baseline B/track | peak used heap MiB "
        + "| peak RSS MiB | output B/track | notes |\n|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (SizeResult r : sizes) {
      long base = baselineHeap(r);
      for (StageResult s : r.stages()) {
        b.append(String.format(Locale.ROOT, "| %,d | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.1f | %s |%n", r.tracks(),
            s.stage(), seconds(s.seconds()), s.peakHeapAfterGcBytes() / MIB,
            (double) (s.peakHeapAfterGcBytes() - base) / r.tracks(), s.peakUsedHeapBytes() / MIB, s.peakRssBytes() / MIB,
            (double) s.outputBytes() / r.tracks(), notes(s)));
      }
      b.append(String.format(Locale.ROOT, "| %,d | **total** | **%s** | **%,.0f** | **%,.0f** | | **%,.0f** (VmHWM) | | "
          + "%,d listeners, %,d plays; baseline heap %,.0f MiB |%n", r.tracks(), seconds(r.seconds()),
          r.peakHeapAfterGcBytes() / MIB, (double) (r.peakHeapAfterGcBytes() - base) / r.tracks(), r.vmHwmBytes() / MIB,
          r.listeners(), r.plays(), base / MIB));
    }
    if (sizes.size() >= 2) {
      int a = sizes.get(sizes.size() - 2).tracks();
      int z = sizes.get(sizes.size() - 1).tracks();
      b.append(String.format(Locale.ROOT, "%nGrowth exponents: least-squares slope of log cost against log tracks over "
          + "%,d to %,d tracks, and between the two largest sizes (%,d to %,d), where fixed costs weigh least:%n%n"
          + "| stage | time | R² (time) | time, %,d to %,d | peak heap after GC | heap above baseline, %,d to %,d | output |%n"
          + "|---|---:|---:|---:|---:|---:|---:|%n", sizes.get(0).tracks(), z, a, z, a, z, a, z));
      for (Exponents e : exponents) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", e.stage(), exponent(e.time()),
            sizes.size() == 2 ? "(2 sizes)" : exponent(e.timeR2()), exponent(e.timeLast()), exponent(e.heap()),
            exponent(e.heapLast()), e.stage().equals("total") ? exponent(e.output()) + " (VmHWM)" : exponent(e.output())));
      }
    }
    if (stop != null) {
      b.append(String.format(Locale.ROOT, "%nStopped before %,d tracks: %s.%n", stop.tracks(), stop.reason()));
    }
    b.append(String.format(Locale.ROOT, "%n![wall time per stage](%s-time.svg) ![peak heap per stage](%s-memory.svg)%n",
        charts, charts));
    return b.toString();
  }

  private static String timeChart(List<SizeResult> sizes, List<Exponents> exponents) {
    double[] n = sizes.stream().mapToDouble(SizeResult::tracks).toArray();
    List<LogLogPlot.Series> series = new ArrayList<>();
    for (int k = 0; k < ScalePipeline.STAGES.size(); k++) {
      String stage = ScalePipeline.STAGES.get(k);
      series.add(new LogLogPlot.Series(label(stage, exponents.get(k).time()), n,
          sizes.stream().mapToDouble(r -> r.stage(stage).seconds()).toArray()));
    }
    series.add(new LogLogPlot.Series(label("total", exponents.get(exponents.size() - 1).time()), n,
        sizes.stream().mapToDouble(SizeResult::seconds).toArray()));
    return LogLogPlot.render("Wall time per stage (slope = growth exponent)", "tracks", "seconds", series);
  }

  private static String memoryChart(List<SizeResult> sizes, List<Exponents> exponents) {
    double[] n = sizes.stream().mapToDouble(SizeResult::tracks).toArray();
    List<LogLogPlot.Series> series = new ArrayList<>();
    for (int k = 0; k < ScalePipeline.STAGES.size(); k++) {
      String stage = ScalePipeline.STAGES.get(k);
      series.add(new LogLogPlot.Series(label(stage, exponents.get(k).heap()), n,
          sizes.stream().mapToDouble(r -> r.stage(stage).peakHeapAfterGcBytes() / MIB).toArray()));
    }
    series.add(new LogLogPlot.Series(label("process RSS", exponents.get(exponents.size() - 1).output()), n,
        sizes.stream().mapToDouble(r -> r.vmHwmBytes() / MIB).toArray()));
    return LogLogPlot.render("Peak heap after GC per stage, process peak RSS", "tracks", "MiB", series);
  }

  private static String label(String name, double exponent) {
    return Double.isNaN(exponent) ? name : String.format(Locale.ROOT, "%s (%.2f)", name, exponent);
  }

  private static String notes(StageResult s) {
    Map<String, Object> d = s.details();
    return switch (s.stage()) {
      case "generate" -> d.get("artists") + " artists";
      case "embed" -> d.get("featureColumns") + " features -> " + d.get("dimension") + " dims (" + d.get("embedder") + ")";
      case "index" -> String.format(Locale.ROOT, "load %s s + merge %s s, %s segment(s)", seconds(number(d, "loadSeconds")),
          seconds(number(d, "mergeSeconds")), d.get("segments"));
      case "graph" -> String.format(Locale.ROOT, "k = %s, %,d edges, from the index", d.get("k"), (long) number(d, "edges"));
      case "shuffle" -> String.format(Locale.ROOT, "%s walks x %s: %.2f µs/step (second half, warm: %.2f)",
          d.get("walks"), d.get("walkLength"), number(d, "microsPerStep"), number(d, "microsPerStepWarm"));
      case "recommend" -> String.format(Locale.ROOT, "item-kNN fit %s s; %s queries p50 %.2f ms, p99 %.2f ms",
          seconds(number(d, "fitSeconds")), d.get("queries"), number(d, "p50Millis"), number(d, "p99Millis"));
      default -> "";
    };
  }

  private static double number(Map<String, Object> d, String key) {
    return d.get(key) instanceof Number v ? v.doubleValue() : Double.NaN;
  }

  private static String seconds(double s) {
    return s < 10 ? String.format(Locale.ROOT, "%.2f", s) : String.format(Locale.ROOT, "%,.1f", s);
  }

  private static String exponent(double e) {
    return Double.isNaN(e) ? "–" : String.format(Locale.ROOT, "%.2f", e);
  }
}

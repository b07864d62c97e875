package dev.recsys.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleCurveTest {
  @TempDir
  Path tmp;

  @Test
  void runsEveryStageAt2000TracksAndWritesTheReport() throws IOException {
    ScalePipeline.Settings settings = new ScalePipeline.Settings(2000, 50, 20, 50, 7, 2, tmp.resolve("work"));
    SizeResult r = ScalePipeline.run(settings, new PrintStream(OutputStream.nullOutputStream()));
    assertEquals(ScalePipeline.STAGES, r.stages().stream().map(StageResult::stage).toList());
    assertEquals(2000, r.tracks());
    assertEquals(ScalePipeline.MIN_LISTENERS, r.listeners());
    assertTrue(r.plays() > 0);
    for (StageResult s : r.stages()) {
      assertTrue(s.seconds() > 0, s.stage() + " took no time");
      assertTrue(s.peakHeapAfterGcBytes() > 0 && s.peakUsedHeapBytes() > 0, s.stage() + ": " + s);
    }
    int dim = (Integer) r.stage("embed").details().get("dimension");
    assertTrue(dim >= 2, "dimension " + dim);
    assertEquals(4L * 2000 * dim, r.stage("embed").outputBytes());
    assertTrue(r.stage("index").outputBytes() > 4L * 2000 * dim, "the index holds at least the vectors");
    assertEquals(1, r.stage("index").details().get("segments"));
    long edges = ((Number) r.stage("graph").details().get("edges")).longValue();
    assertTrue(edges >= 2000L * 50, "k = 50 neighbours per track at least; edges " + edges);
    assertEquals(4L * (2001 + 2 * edges), r.stage("graph").outputBytes());
    assertTrue((Double) r.stage("shuffle").details().get("microsPerStep") > 0);
    assertTrue((Double) r.stage("shuffle").details().get("microsPerStepWarm") > 0);
    assertTrue(r.stage("recommend").retainedBytes() > 0, "the fitted model is live at the end of its stage");
    assertEquals(10.0, (Double) r.stage("recommend").details().get("meanResults"), 1e-9);
    assertFalse(Files.exists(tmp.resolve("work")) && Files.list(tmp.resolve("work")).findAny().isPresent(),
        "the index directory is deleted");

    // a second, larger size made up from the first: twice the tracks, every cost doubled
    List<SizeResult> two = List.of(r, scaled(r, 2));
    List<ScaleReport.Exponents> e = ScaleReport.exponents(two);
    assertEquals(ScalePipeline.STAGES.size() + 1, e.size());
    for (ScaleReport.Exponents x : e) {
      assertEquals(1, x.time(), 1e-9, x.stage());
      assertEquals(1, x.heap(), 1e-9, x.stage());
      assertEquals(1, x.timeLast(), 1e-9, x.stage());
    }
    assertEquals(1, e.get(e.size() - 1).heapLast(), 1e-9, "total heap above the baseline");
    Path json = tmp.resolve("curve.json");
    ScaleReport.write(json, Map.of("machine", "test"), two, new ScaleCurve.Stop(8000, "a reason", 1, 2, 3), "1g", settings);
    String md = Files.readString(tmp.resolve("curve.md"));
    assertTrue(md.contains("| 4,000 | recommend |"), md);
    assertTrue(md.contains("Stopped before 8,000 tracks: a reason."), md);
    assertTrue(Files.readString(tmp.resolve("curve-time.svg")).contains("generate (1.00)"));
    assertTrue(Files.readString(tmp.resolve("curve-memory.svg")).startsWith("<svg"));
    assertTrue(Files.readString(json).contains("\"stoppedBefore\""));
    List<SizeResult> read = ScaleCurve.readSizes(json);
    assertEquals(List.of(2000, 4000), read.stream().map(SizeResult::tracks).toList());
    assertEquals(r.stage("graph").outputBytes(), read.get(0).stage("graph").outputBytes());
    assertEquals(r.stage("index").details().get("segments"), read.get(0).stage("index").details().get("segments"));
  }

  @Test
  void predictsFromTheLargestSizeWithAnExponentOfAtLeastOne() {
    SizeResult small = size(10_000, 1 << 20, 2);
    SizeResult large = size(100_000, 100 << 20, 20);
    ScaleCurve.Prediction linear = ScaleCurve.predict(List.of(small), 100_000);
    assertEquals(10 << 20, linear.peakHeapBytes(), 1e-6);
    assertEquals(20, linear.seconds(), 1e-9);
    ScaleCurve.Prediction quadratic = ScaleCurve.predict(List.of(small, large), 1_000_000);
    assertEquals(2, quadratic.heapExponent(), 1e-9);
    assertEquals(100.0 * 100 * (1 << 20), quadratic.peakHeapBytes(), 1e-3);
    assertEquals(1, quadratic.timeExponent(), 1e-9);
    assertEquals(200, quadratic.seconds(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> ScaleCurve.predict(List.of(), 10));
  }

  @Test
  void parsesSizesAndHeap() {
    assertEquals(List.of(10_000, 100_000), ScaleCurve.parseSizes("10_000, 100000"));
    assertThrows(IllegalArgumentException.class, () -> ScaleCurve.parseSizes("100,10"));
    assertEquals(20L << 30, ScaleCurve.parseBytes("20g"));
    assertEquals(512L << 20, ScaleCurve.parseBytes("512M"));
    assertEquals(4096, ScaleCurve.parseBytes("4096"));
  }

  @Test
  void plotsDecadeTicks() {
    String svg = LogLogPlot.render("t", "tracks", "s", List.of(
        new LogLogPlot.Series("a", new double[] {1e4, 1e5}, new double[] {0.5, 30})));
    for (String tick : List.of(">10,000<", ">100,000<", ">0.1<", ">1<", ">10<", ">100<")) {
      assertTrue(svg.contains(tick), tick + " in " + svg);
    }
    assertEquals("1e7", LogLogPlot.decade(7));
    assertEquals("0.001", LogLogPlot.decade(-3));
    assertThrows(IllegalArgumentException.class, () -> LogLogPlot.render("t", "x", "y",
        List.of(new LogLogPlot.Series("a", new double[] {1}, new double[] {0}))));
  }

  private static SizeResult scaled(SizeResult r, int factor) {
    List<StageResult> stages = new ArrayList<>();
    for (StageResult s : r.stages()) {
      stages.add(new StageResult(s.stage(), s.seconds() * factor, s.peakHeapAfterGcBytes() * factor,
          s.peakUsedHeapBytes() * factor, s.liveAtEndBytes() * factor, s.retainedBytes() * factor,
          s.peakRssBytes() * factor, s.outputBytes() * factor, s.details()));
    }
    return new SizeResult(r.tracks() * factor, r.listeners() * factor, r.plays() * factor, r.seconds() * factor,
        r.maxHeapBytes(), r.vmHwmBytes() * factor, stages);
  }

  private static SizeResult size(int tracks, long heap, double seconds) {
    StageResult s = new StageResult("generate", seconds, heap, heap, heap, heap, heap, heap, Map.of());
    return new SizeResult(tracks, tracks / 20, tracks * 6L, seconds, 1L << 30, heap, List.of(s));
  }
}

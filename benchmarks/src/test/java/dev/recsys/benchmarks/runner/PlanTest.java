package dev.recsys.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

class PlanTest {
  private static SortedSet<BenchmarkListEntry> all() {
    return BenchmarkList.defaultList().find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
        List.of(".*"), List.of());
  }

  @Test
  void everyStepSelectsBenchmarksAndEveryParameterExists() {
    SortedSet<BenchmarkListEntry> all = all();
    Set<String> ids = new HashSet<>();
    for (JmhStep step : Plan.jmh()) {
      assertTrue(ids.add(step.id), "duplicate step id " + step.id);
      Pattern include = Pattern.compile(step.include);
      List<BenchmarkListEntry> selected = all.stream().filter(e -> include.matcher(e.getUsername()).find()).toList();
      if (step.fullOnly && selected.isEmpty()) {
        continue;
      }
      assertFalse(selected.isEmpty(), step.id + " selects no benchmark: " + step.include);
      for (Map<String, String[]> params : List.of(step.quickParams, step.fullParams)) {
        for (Map.Entry<String, String[]> p : params.entrySet()) {
          for (BenchmarkListEntry e : selected) {
            assertTrue(declares(e, p.getKey()), step.id + ": " + e.getUsername() + " has no @Param " + p.getKey());
          }
        }
      }
      if (step.baselineParam != null) {
        for (BenchmarkListEntry e : selected) {
          assertTrue(declares(e, step.baselineParam),
              step.id + ": baseline parameter " + step.baselineParam + " missing in " + e.getUsername());
        }
      }
    }
    for (ProcessStep p : Plan.processes()) {
      assertTrue(ids.add(p.id()), "duplicate step id " + p.id());
    }
  }

  @Test
  void everyJmhTargetNamesAnExistingBenchmarkMethod() {
    Set<String> methods = new HashSet<>();
    for (BenchmarkListEntry e : all()) {
      String u = e.getUsername();
      int cut = u.lastIndexOf('.', u.lastIndexOf('.') - 1);
      methods.add(u.substring(cut + 1));
    }
    Set<String> steps = new HashSet<>();
    Plan.processes().forEach(p -> steps.add(p.id()));
    for (Target t : Plan.targets()) {
      assertTrue(methods.contains(t.reads()) || steps.contains(t.reads()),
          t.text() + " reads " + t.reads() + ", which is neither a benchmark method nor a plan step");
    }
  }

  @Test
  void targetsMatchRowsByBenchmarkAndParameters() {
    ResultRow a = row("avgt", "ms/op", "impl", "A", 2);
    ResultRow b = row("avgt", "ms/op", "impl", "B", 8);
    Target.Run run = new Target.Run(List.of(a, b), Map.of(), Map.of());
    assertEquals(0.008, Target.median("B.m", Target::seconds, "impl", "B").apply(run).orElseThrow().value(), 1e-15);
    assertEquals(Optional.empty(), Target.median("B.m", Target::seconds, "impl", "C").apply(run));
    assertEquals(Optional.empty(), Target.median("X.y", Target::seconds, "impl", "A").apply(run));
  }

  @Test
  void speedUpIsOrientedSoThatAboveOneIsFaster() {
    ResultRow fastThroughput = row("thrpt", "ops/s", "impl", "NEW", 300);
    ResultRow slowThroughput = row("thrpt", "ops/s", "impl", "OLD", 100);
    ResultRow fastTime = row("avgt", "ms/op", "impl", "NEW", 2);
    ResultRow slowTime = row("avgt", "ms/op", "impl", "OLD", 8);
    assertEquals(3.0, ResultRow.withSpeedups(List.of(fastThroughput, slowThroughput), "impl", "OLD").get(0).speedup(), 1e-12);
    assertEquals(4.0, ResultRow.withSpeedups(List.of(fastTime, slowTime), "impl", "OLD").get(0).speedup(), 1e-12);
    assertEquals(1.0, ResultRow.withSpeedups(List.of(fastTime, slowTime), "impl", "OLD").get(1).speedup(), 1e-12);
  }

  @Test
  void unitsConvertToSecondsAndRates() {
    assertEquals(0.002, Target.seconds(row("sample", "ms/op", "impl", "A", 2)), 1e-15);
    assertEquals(3e-6, Target.seconds(row("avgt", "us/op", "impl", "A", 3)), 1e-18);
    assertEquals(5000.0, Target.perSecond(row("thrpt", "ops/ms", "impl", "A", 5)), 1e-9);
    Target atMost = new Target("a", "t", "s", 1, false, "x", run -> Optional.of(new Target.Measured(0.5, "x")));
    assertEquals("met", atMost.verdict(Optional.of(new Target.Measured(0.5, "x"))));
    assertEquals("missed", atMost.verdict(Optional.of(new Target.Measured(1.5, "x"))));
    assertEquals("not measured", atMost.verdict(Optional.empty()));
  }

  private static boolean declares(BenchmarkListEntry e, String param) {
    return e.getParams().hasValue() && e.getParams().get().containsKey(param);
  }

  private static ResultRow row(String mode, String unit, String param, String value, double median) {
    return new ResultRow("s", "B.m", mode, unit, Map.of(param, value), 1, 1, 3, median, median, 0, median, median,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }
}

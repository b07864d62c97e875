package dev.recsys.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One JMH benchmark class (or a subset of its parameters) in the plan: which parameters each profile overrides,
 * which parameter value is the baseline the other rows are compared with, whether allocation is profiled, and
 * fork settings that differ from the class's annotations. Built fluently by {@link Plan}.
 */
public final class JmhStep {
  final String id;
  final String include;
  final String title;
  final Map<String, String[]> quickParams = new LinkedHashMap<>();
  final Map<String, String[]> fullParams = new LinkedHashMap<>();
  String baselineParam;
  String baselineValue;
  boolean gc;
  int threads = 1;
  List<String> jvmArgs;
  int[] quickIterations;
  int[] fullIterations;
  boolean fullOnly;
  String requiresData;
  String displayUnit;
  double displayFactor = 1;

  JmhStep(String id, String include, String title) {
    this.id = Objects.requireNonNull(id);
    this.include = Objects.requireNonNull(include);
    this.title = Objects.requireNonNull(title);
  }

  /** Parameter values for the quick profile (the class's defaults otherwise). */
  JmhStep quick(String param, String... values) {
    quickParams.put(param, values);
    return this;
  }

  /** Parameter values for the full profile (the class's defaults otherwise). */
  JmhStep full(String param, String... values) {
    fullParams.put(param, values);
    return this;
  }

  /** Parameter values for both profiles. */
  JmhStep both(String param, String... values) {
    return quick(param, values).full(param, values);
  }

  /** The row with {@code param=value} is the baseline of the rows that differ from it only in {@code param}. */
  JmhStep baseline(String param, String value) {
    this.baselineParam = param;
    this.baselineValue = value;
    return this;
  }

  /** Adds JMH's GC profiler (allocation per operation). */
  JmhStep gc() {
    this.gc = true;
    return this;
  }

  /** Benchmark threads (default 1). */
  JmhStep threads(int threads) {
    this.threads = threads;
    return this;
  }

  /** Replaces the forked JVM's arguments (for runs that must differ in a JVM flag). */
  JmhStep jvmArgs(String... args) {
    this.jvmArgs = List.of(args);
    return this;
  }

  /** Warm-up and measurement iteration counts per profile (for single-shot benchmarks). */
  JmhStep iterations(int quickWarmup, int quickMeasured, int fullWarmup, int fullMeasured) {
    this.quickIterations = new int[] {quickWarmup, quickMeasured};
    this.fullIterations = new int[] {fullWarmup, fullMeasured};
    return this;
  }

  /** Runs only in the full profile. */
  JmhStep fullOnly() {
    this.fullOnly = true;
    return this;
  }

  /** Shows scores in the Markdown tables multiplied by {@code factor}, in {@code unit} (e.g. bytes/s as GB/s). */
  JmhStep display(String unit, double factor) {
    this.displayUnit = unit;
    this.displayFactor = factor;
    return this;
  }

  /** Skipped (with the reason recorded) when this path under the shared data folder is absent. */
  JmhStep requires(String dataPath) {
    this.requiresData = dataPath;
    return this;
  }

  /** The JMH options of this step in the given profile. */
  ChainedOptionsBuilder options(Profile profile) {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include(include)
        .forks(profile.forks)
        .threads(threads)
        .warmupTime(TimeValue.seconds(profile.warmupSeconds))
        .measurementTime(TimeValue.seconds(profile.seconds))
        .shouldFailOnError(false);
    int[] it = profile == Profile.QUICK ? quickIterations : fullIterations;
    b.warmupIterations(it == null ? profile.warmupIterations : it[0]);
    b.measurementIterations(it == null ? profile.iterations : it[1]);
    for (Map.Entry<String, String[]> e : (profile == Profile.QUICK ? quickParams : fullParams).entrySet()) {
      b.param(e.getKey(), e.getValue());
    }
    if (gc) {
      b.addProfiler(GCProfiler.class);
    }
    if (jvmArgs != null) {
      b.jvmArgs(jvmArgs.toArray(String[]::new));
    }
    return b;
  }

  /** A one-line description of the configuration for the report. */
  String describe(Profile profile) {
    List<String> parts = new ArrayList<>();
    parts.add(include);
    (profile == Profile.QUICK ? quickParams : fullParams)
        .forEach((k, v) -> parts.add("-p " + k + "=" + String.join(",", v)));
    if (threads != 1) {
      parts.add("-t " + threads);
    }
    if (gc) {
      parts.add("-prof gc");
    }
    if (jvmArgs != null) {
      parts.add("-jvmArgs \"" + String.join(" ", jvmArgs) + "\"");
    }
    return String.join(" ", parts);
  }
}

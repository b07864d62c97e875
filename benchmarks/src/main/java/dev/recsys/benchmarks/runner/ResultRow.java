package dev.recsys.benchmarks.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

/**
 * One JMH result (one benchmark method at one parameter combination), reduced to what the report needs. The
 * {@code median} is over the measurement iterations of all forks (over all samples in sample-time mode); JMH's own
 * mean and 99.9% error are kept beside it. {@code speedup} is filled in by {@link #withSpeedup} against the
 * baseline row of the same run: above 1 means faster than the baseline, whatever the unit.
 *
 * @param step the plan step that produced the row
 * @param benchmark {@code Class.method} without the package
 * @param mode JMH mode ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param unit score unit
 * @param params the benchmark's parameters
 * @param threads benchmark threads
 * @param forks forks
 * @param samples number of measurements behind the statistics
 * @param median median score
 * @param mean JMH's mean score
 * @param error JMH's 99.9% confidence half-width (NaN when too few samples)
 * @param min smallest measurement
 * @param max largest measurement
 * @param p90 90th percentile (sample-time mode), else NaN
 * @param p99 99th percentile (sample-time mode), else NaN
 * @param allocBytesPerOp bytes allocated per operation ({@code -prof gc}), else NaN
 * @param speedup median against the baseline row's median, oriented so that above 1 is faster; NaN without one
 */
public record ResultRow(String step, String benchmark, String mode, String unit, Map<String, String> params, int threads,
    int forks, long samples, double median, double mean, double error, double min, double max, double p90, double p99,
    double allocBytesPerOp, double speedup) {
  /** Validates. */
  public ResultRow {
    Objects.requireNonNull(benchmark);
    params = Map.copyOf(params);
  }

  /** Whether a larger score is better (throughput) rather than a smaller one (time). */
  public boolean higherIsBetter() {
    return mode.equals(Mode.Throughput.shortLabel());
  }

  /** The row with its speed-up against {@code baseline} set. */
  ResultRow withSpeedup(ResultRow baseline) {
    double s = higherIsBetter() ? median / baseline.median : baseline.median / median;
    return new ResultRow(step, benchmark, mode, unit, params, threads, forks, samples, median, mean, error, min, max, p90,
        p99, allocBytesPerOp, s);
  }

  /** Whether the parameter {@code name} has {@code value}. */
  public boolean has(String name, String value) {
    return value.equals(params.get(name));
  }

  static ResultRow of(String step, RunResult run) {
    BenchmarkParams p = run.getParams();
    Map<String, String> params = new LinkedHashMap<>();
    for (String key : p.getParamsKeys()) {
      params.put(key, p.getParam(key));
    }
    String fqn = p.getBenchmark();
    int cut = fqn.lastIndexOf('.', fqn.lastIndexOf('.') - 1);
    Result<?> primary = run.getPrimaryResult();
    Statistics st = primary.getStatistics();
    boolean sample = p.getMode() == Mode.SampleTime;
    double alloc = Double.NaN;
    Result<?> gc = run.getSecondaryResults().get("gc.alloc.rate.norm");
    if (gc == null) {
      gc = run.getSecondaryResults().get("·gc.alloc.rate.norm");
    }
    if (gc != null) {
      alloc = gc.getScore();
    }
    return new ResultRow(step, fqn.substring(cut + 1), p.getMode().shortLabel(), primary.getScoreUnit(), params,
        p.getThreads(), p.getForks(), st.getN(), st.getPercentile(50), primary.getScore(), primary.getScoreError(),
        st.getMin(), st.getMax(), sample ? st.getPercentile(90) : Double.NaN, sample ? st.getPercentile(99) : Double.NaN,
        alloc, Double.NaN);
  }

  /** Fills in speed-ups: each row against the row that differs only in {@code param}, set to {@code value}. */
  static List<ResultRow> withSpeedups(List<ResultRow> rows, String param, String value) {
    if (param == null) {
      return rows;
    }
    return rows.stream().map(r -> {
      for (ResultRow b : rows) {
        if (b.benchmark.equals(r.benchmark) && b.threads == r.threads && b.has(param, value) && sameExcept(b, r, param)) {
          return r.withSpeedup(b);
        }
      }
      return r;
    }).toList();
  }

  private static boolean sameExcept(ResultRow a, ResultRow b, String param) {
    if (!a.params.keySet().equals(b.params.keySet())) {
      return false;
    }
    for (Map.Entry<String, String> e : a.params.entrySet()) {
      if (!e.getKey().equals(param) && !e.getValue().equals(b.params.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}

package dev.recsys.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A speed target named in the project's issues, with how to read its measured value out of a run. The verdict is
 * {@code met}, {@code missed} or {@code not measured} (the step did not run in this profile, or failed).
 *
 * @param area the capability
 * @param text the target as the issue states it
 * @param unit unit of the measured value
 * @param threshold the bound
 * @param atLeast whether the value must be at least ({@code true}) or at most ({@code false}) the bound
 * @param reads what the value is read from: a JMH {@code Class.method} or a plan step id
 * @param measure reads the value from the run, empty when it was not measured
 */
public record Target(String area, String text, String unit, double threshold, boolean atLeast, String reads,
    Function<Run, Optional<Measured>> measure) {

  /** A measured value and where it came from. */
  public record Measured(double value, String source) {}

  /** What a run produced: the JMH rows and the JSON documents written by the harness programs. */
  public record Run(List<ResultRow> rows, Map<String, JsonNode> documents, Map<String, Double> processSeconds) {}

  /** The verdict for a run. */
  String verdict(Optional<Measured> m) {
    if (m.isEmpty()) {
      return "not measured";
    }
    double v = m.get().value();
    return (atLeast ? v >= threshold : v <= threshold) ? "met" : "missed";
  }

  /** A target read from the JMH row of {@code benchmark} whose parameters include all of {@code params}. */
  static Target jmh(String area, String text, String unit, double threshold, boolean atLeast, String benchmark,
      Function<ResultRow, Double> value, String... params) {
    return new Target(area, text, unit, threshold, atLeast, benchmark, median(benchmark, value, params));
  }

  /** The median of the JMH row of {@code benchmark} whose parameters include all of {@code params}, converted. */
  static Function<Run, Optional<Measured>> median(String benchmark, Function<ResultRow, Double> value, String... params) {
    Predicate<ResultRow> match = r -> {
      if (!r.benchmark().equals(benchmark)) {
        return false;
      }
      for (int i = 0; i + 1 < params.length; i += 2) {
        if (!r.has(params[i], params[i + 1])) {
          return false;
        }
      }
      return true;
    };
    return run -> run.rows().stream().filter(match).findFirst()
        .map(r -> new Measured(value.apply(r), describe(r)));
  }

  /**
   * A ratio target: {@code value / baseline}, both read from the same run, at least {@code threshold}. The source
   * names both rows and their values, so the verdict reads the same on any machine.
   */
  static Target ratio(String area, String text, String unit, double threshold, String reads,
      Function<Run, Optional<Measured>> value, Function<Run, Optional<Measured>> baseline, double scale) {
    return new Target(area, text, unit, threshold, true, reads, quotient(value, baseline, scale));
  }

  /** A ratio target that must stay at most {@code threshold} (e.g. a latency against a baseline's latency). */
  static Target ratioAtMost(String area, String text, String unit, double threshold, String reads,
      Function<Run, Optional<Measured>> value, Function<Run, Optional<Measured>> baseline) {
    return new Target(area, text, unit, threshold, false, reads, quotient(value, baseline, 1));
  }

  private static Function<Run, Optional<Measured>> quotient(Function<Run, Optional<Measured>> value,
      Function<Run, Optional<Measured>> baseline, double scale) {
    return run -> value.apply(run).flatMap(v -> baseline.apply(run)
        .filter(b -> b.value() > 0)
        .map(b -> new Measured(scale * v.value() / b.value(),
            v.source() + " (" + format(v.value()) + ") / " + b.source() + " (" + format(b.value()) + ")")));
  }

  /** A value computed from a harness's JSON document. */
  static Function<Run, Optional<Measured>> document(String step, Function<JsonNode, Optional<Measured>> read) {
    return run -> Optional.ofNullable(run.documents().get(step)).flatMap(read);
  }

  /** The wall time of a process step, in seconds. */
  static Function<Run, Optional<Measured>> seconds(String step) {
    return run -> Optional.ofNullable(run.processSeconds().get(step)).map(s -> new Measured(s, "step " + step));
  }

  /** A row's median in seconds (time modes), whatever JMH's time unit. */
  static double seconds(ResultRow r) {
    return r.median() * unitSeconds(r.unit());
  }

  /** A row's median per second (throughput), whatever JMH's time unit. */
  static double perSecond(ResultRow r) {
    return r.median() / unitSeconds(r.unit());
  }

  private static double unitSeconds(String unit) {
    String u = unit.contains("/op") ? unit.substring(0, unit.indexOf('/')) : unit.substring(unit.indexOf('/') + 1);
    return switch (u) {
      case "s" -> 1;
      case "ms" -> 1e-3;
      case "us" -> 1e-6;
      case "ns" -> 1e-9;
      case "min" -> 60;
      default -> throw new IllegalArgumentException("unknown time unit in '" + unit + "'");
    };
  }

  private static String describe(ResultRow r) {
    List<String> p = new ArrayList<>();
    r.params().forEach((k, v) -> p.add(k + "=" + v));
    return r.benchmark() + (p.isEmpty() ? "" : " " + String.join(" ", p));
  }

  /** Formats a value with a sensible number of digits. */
  static String format(double v) {
    double a = Math.abs(v);
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}

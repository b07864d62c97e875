package dev.recsys.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders a run as Markdown: environment, the targets with verdicts, then one table per step. */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Map<String, Object> doc, List<ResultRow> rows, List<Map<String, Object>> steps,
      Map<String, String> outputs, Map<String, JmhStep> plan) {
    StringBuilder md = new StringBuilder();
    Map<?, ?> env = (Map<?, ?>) doc.get("environment");
    Map<?, ?> git = (Map<?, ?>) env.get("git");
    Map<?, ?> jdk = (Map<?, ?>) env.get("jdk");
    Map<?, ?> machine = (Map<?, ?>) env.get("machine");
    md.append("# recsys benchmarks: ").append(doc.get("profile")).append(" profile\n\n");
    md.append("- revision `").append(git.get("revision")).append('`')
        .append(Boolean.TRUE.equals(git.get("dirty")) ? " (work tree had uncommitted changes)" : "").append('\n');
    md.append("- started ").append(doc.get("started")).append(", took ")
        .append(String.format(Locale.ROOT, "%.1f min", ((Number) doc.get("durationSeconds")).doubleValue() / 60)).append('\n');
    md.append("- machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores")).append(" cores, ")
        .append(String.join(", ", castList(machine.get("caches")))).append(", ")
        .append(String.format(Locale.ROOT, "%.1f GiB", ((Number) machine.get("memoryBytes")).doubleValue() / (1L << 30)))
        .append(" memory, ").append(machine.get("os")).append('\n');
    md.append("- load average: ").append(machine.get("loadAverageAtStart")).append(" at start, ")
        .append(machine.get("loadAverageAtEnd")).append(" at end\n");
    md.append("- JDK: ").append(jdk.get("version")).append(" (").append(jdk.get("vm")).append(")")
        .append(Boolean.TRUE.equals(jdk.get("vectorApi")) ? ", Vector API " + jdk.get("preferredVectorBits") + "-bit" : ", no Vector API")
        .append('\n');
    md.append("- reproduce: `benchmarks/run --profile ").append(doc.get("profile")).append("`\n\n");

    md.append("## Targets\n\n| area | target | measured | verdict | from |\n|---|---|---:|---|---|\n");
    for (Object o : (List<?>) doc.get("targets")) {
      Map<?, ?> t = (Map<?, ?>) o;
      Object m = t.get("measured");
      md.append("| ").append(t.get("area")).append(" | ").append(t.get("target")).append(" | ")
          .append(m == null ? "-" : Target.format(((Number) m).doubleValue()) + " " + t.get("unit")).append(" | ")
          .append(t.get("verdict")).append(" | ").append(t.get("source") == null ? "" : t.get("source")).append(" |\n");
    }
    md.append('\n');

    for (Map<String, Object> step : steps) {
      String id = (String) step.get("id");
      md.append("## ").append(step.get("title")).append(" (`").append(id).append("`)\n\n");
      md.append('`').append(step.get("command")).append("`");
      if (step.get("seconds") instanceof Number n) {
        md.append(String.format(Locale.ROOT, ", %.0f s", n.doubleValue()));
      }
      if (step.get("baseline") != null) {
        md.append("; speed-up against `").append(step.get("baseline")).append('`');
      }
      md.append("\n\n");
      if (!"ok".equals(step.get("status"))) {
        md.append("**").append(step.get("status")).append("**: ").append(step.get("error")).append("\n\n");
      }
      if ("jmh".equals(step.get("kind"))) {
        JmhStep js = plan.get(id);
        table(md, rows.stream().filter(r -> r.step().equals(id)).toList(), js.displayUnit, js.displayFactor);
      } else if (outputs.containsKey(id)) {
        md.append("```text\n").append(outputs.get(id)).append("\n```\n\n");
      }
    }
    return md.toString();
  }

  private static void table(StringBuilder md, List<ResultRow> rows, String displayUnit, double factor) {
    if (rows.isEmpty()) {
      return;
    }
    Set<String> varying = new LinkedHashSet<>();
    for (ResultRow r : rows) {
      for (Map.Entry<String, String> e : r.params().entrySet()) {
        for (ResultRow o : rows) {
          if (!e.getValue().equals(o.params().get(e.getKey()))) {
            varying.add(e.getKey());
          }
        }
      }
    }
    boolean methods = rows.stream().map(ResultRow::benchmark).distinct().count() > 1;
    boolean sample = rows.stream().anyMatch(r -> !Double.isNaN(r.p90()));
    boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
    boolean speedup = rows.stream().anyMatch(r -> !Double.isNaN(r.speedup()));
    List<String> head = new ArrayList<>();
    if (methods) {
      head.add("benchmark");
    }
    head.addAll(varying);
    head.add(sample ? "p50" : "median");
    if (sample) {
      head.add("p90");
      head.add("p99");
    }
    head.add("mean ± 99.9%");
    head.add("unit");
    if (alloc) {
      head.add("B/op");
    }
    if (speedup) {
      head.add("speed-up");
    }
    head.add("n");
    md.append("| ").append(String.join(" | ", head)).append(" |\n|");
    md.append("---|".repeat(head.size())).append('\n');
    Set<String> constant = new LinkedHashSet<>(rows.get(0).params().keySet());
    constant.removeAll(varying);
    for (ResultRow r : rows) {
      List<String> cells = new ArrayList<>();
      if (methods) {
        cells.add(r.benchmark().substring(r.benchmark().indexOf('.') + 1));
      }
      for (String v : varying) {
        cells.add(r.params().getOrDefault(v, ""));
      }
      cells.add(Target.format(r.median() * factor));
      if (sample) {
        cells.add(Double.isNaN(r.p90()) ? "" : Target.format(r.p90() * factor));
        cells.add(Double.isNaN(r.p99()) ? "" : Target.format(r.p99() * factor));
      }
      cells.add(Target.format(r.mean() * factor) + (Double.isNaN(r.error()) ? "" : " ± " + Target.format(r.error() * factor)));
      cells.add((displayUnit == null ? r.unit() : displayUnit) + (r.threads() > 1 ? " (" + r.threads() + " threads together)" : ""));
      if (alloc) {
        cells.add(Double.isNaN(r.allocBytesPerOp()) ? "" : Target.format(r.allocBytesPerOp()));
      }
      if (speedup) {
        cells.add(Double.isNaN(r.speedup()) ? "" : String.format(Locale.ROOT, "%.2fx", r.speedup()));
      }
      cells.add(Long.toString(r.samples()));
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    if (!constant.isEmpty()) {
      List<String> fixed = new ArrayList<>();
      for (String c : constant) {
        fixed.add(c + "=" + rows.get(0).params().get(c));
      }
      md.append("\nFixed: ").append(String.join(", ", fixed)).append('\n');
    }
    md.append('\n');
  }

  private static List<String> castList(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    }
    return out;
  }
}

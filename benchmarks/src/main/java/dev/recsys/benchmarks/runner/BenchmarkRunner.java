package dev.recsys.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the benchmark plan of a profile and writes {@code <out>/<profile>-<time>-<revision>.json} and {@code .md}
 * (and {@code latest-<profile>.json}/{@code .md} beside them). Started by {@code benchmarks/run}, which builds the
 * jar and passes the JVM flags; the JMH forks inherit those flags.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.recsys.benchmarks.runner.BenchmarkRunner --profile quick [--out benchmarks/results] [--only REGEX] [--list]
 * </pre>
 *
 * <p>{@code --only} keeps the steps whose id matches the regular expression. A failing step is recorded with its
 * error and the run goes on; the exit status is 1 when any step failed. Steps that need a real data set under the
 * shared data folder ({@code -Drecsys.shared.data}) are skipped with the reason when it is absent.
 */
public final class BenchmarkRunner {
  private BenchmarkRunner() {}

  /** Entry point. */
  public static void main(String[] args) throws IOException {
    Profile profile = Profile.QUICK;
    Path out = Path.of("benchmarks", "results");
    Pattern only = null;
    boolean list = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--profile" -> profile = Profile.parse(value(args, ++i, "--profile"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--only" -> only = Pattern.compile(value(args, ++i, "--only"));
        case "--list" -> list = true;
        default -> throw new IllegalArgumentException("unknown argument '" + args[i]
            + "'; known: --profile quick|full, --out DIR, --only REGEX, --list");
      }
    }
    Path repository = Path.of("").toAbsolutePath();
    Path data = Path.of(System.getProperty("recsys.shared.data", "../shared/data"));
    List<JmhStep> jmh = new ArrayList<>();
    for (JmhStep s : Plan.jmh()) {
      if ((only == null || only.matcher(s.id).find()) && !(s.fullOnly && profile == Profile.QUICK)) {
        jmh.add(s);
      }
    }
    List<ProcessStep> processes = new ArrayList<>();
    for (ProcessStep s : Plan.processes()) {
      if ((only == null || only.matcher(s.id()).find()) && s.args(profile) != null) {
        processes.add(s);
      }
    }
    if (list) {
      for (JmhStep s : jmh) {
        System.out.println(s.id + "\t" + s.describe(profile));
      }
      for (ProcessStep s : processes) {
        System.out.println(s.id() + "\t" + (s.mainClass() == null ? "" : s.mainClass() + " ") + String.join(" ", s.args(profile)));
      }
      return;
    }

    Instant started = Instant.now();
    Map<String, Object> environment = RunEnvironment.capture(repository);
    String revision = String.valueOf(((Map<?, ?>) environment.get("git")).get("revision"));
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
    String base = profile.id() + "-" + stamp + "-" + (revision.length() >= 7 ? revision.substring(0, 7) : revision);
    Files.createDirectories(out);
    Path work = Files.createDirectories(Path.of("benchmarks", "target", "runs", base));

    List<Map<String, Object>> steps = new ArrayList<>();
    List<ResultRow> rows = new ArrayList<>();
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, String> outputs = new LinkedHashMap<>();
    boolean failed = false;
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    for (JmhStep s : jmh) {
      Map<String, Object> record = stepRecord(s.id, "jmh", s.title, s.describe(profile));
      steps.add(record);
      if (missing(data, s.requiresData, record)) {
        continue;
      }
      System.out.println("\n== " + s.id + ": " + s.describe(profile));
      long t0 = System.nanoTime();
      try {
        Collection<RunResult> results = new Runner(s.options(profile).build()).run();
        List<ResultRow> stepRows = new ArrayList<>();
        for (RunResult r : results) {
          stepRows.add(ResultRow.of(s.id, r));
        }
        rows.addAll(ResultRow.withSpeedups(stepRows, s.baselineParam, s.baselineValue));
        if (stepRows.isEmpty()) {
          throw new IllegalStateException("no benchmark of the step completed (see the JMH output above)");
        }
        record.put("status", "ok");
        if (s.baselineParam != null) {
          record.put("baseline", s.baselineParam + "=" + s.baselineValue);
        }
      } catch (RunnerException | RuntimeException e) {
        failed = true;
        record.put("status", "failed");
        record.put("error", String.valueOf(e.getMessage()));
        System.out.println("step " + s.id + " failed: " + e);
      }
      record.put("seconds", (System.nanoTime() - t0) / 1e9);
    }

    boolean commandsWarm = false;
    for (ProcessStep s : processes) {
      List<String> stepArgs = s.args(profile);
      Map<String, Object> record = stepRecord(s.id(), s.mainClass() == null ? "command" : "harness", s.title(),
          (s.mainClass() == null ? "" : s.mainClass() + " ") + String.join(" ", stepArgs));
      steps.add(record);
      if (missing(data, s.requiresData(), record)) {
        continue;
      }
      if (s.mainClass() == null && !commandsWarm) {
        // Builds the CLI if its sources changed, so that the timed commands do not include a build.
        execute(List.of(stepArgs.get(0), "--version"), repository, work.resolve("cli-version.log"));
        commandsWarm = true;
      }
      System.out.println("\n== " + s.id() + ": " + record.get("command"));
      Path result = work.resolve(s.id() + ".json");
      Path log = work.resolve(s.id() + ".log");
      List<String> command = new ArrayList<>();
      if (s.mainClass() != null) {
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(s.mainClass());
        command.addAll(stepArgs);
        command.addAll(s.outArgs(result));
      } else {
        command.addAll(stepArgs);
      }
      long t0 = System.nanoTime();
      int exit = execute(command, repository, log);
      double wall = (System.nanoTime() - t0) / 1e9;
      record.put("seconds", wall);
      record.put("exitCode", exit);
      outputs.put(s.id(), tail(log, 60));
      System.out.printf(Locale.ROOT, "   exit %d after %.1f s; log %s%n", exit, wall, log);
      if (exit != 0) {
        failed = true;
        record.put("status", "failed");
        record.put("error", "exit code " + exit + "; log " + log);
        continue;
      }
      record.put("status", "ok");
      seconds.put(s.id(), wall);
      if (s.outOption() != null && Files.exists(result)) {
        JsonNode doc = json.readTree(result.toFile());
        documents.put(s.id(), doc);
        record.put("result", doc);
      }
    }

    Target.Run run = new Target.Run(rows, documents, seconds);
    List<Map<String, Object>> targets = new ArrayList<>();
    for (Target t : Plan.targets()) {
      var m = t.measure().apply(run);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("area", t.area());
      row.put("target", t.text());
      row.put("unit", t.unit());
      row.put("threshold", t.threshold());
      row.put("measured", m.map(Target.Measured::value).orElse(null));
      row.put("source", m.map(Target.Measured::source).orElse(null));
      row.put("verdict", t.verdict(m));
      targets.add(row);
    }
    ((Map<String, Object>) environment.get("machine")).put("loadAverageAtEnd", RunEnvironment.loadAverage());

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("profile", profile.id());
    doc.put("started", started.toString());
    doc.put("finished", Instant.now().toString());
    doc.put("durationSeconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0);
    doc.put("environment", environment);
    doc.put("targets", targets);
    doc.put("steps", steps);
    doc.put("results", rows);
    Path jsonFile = out.resolve(base + ".json");
    json.writeValue(jsonFile.toFile(), doc);
    Map<String, JmhStep> byId = new LinkedHashMap<>();
    jmh.forEach(j -> byId.put(j.id, j));
    String markdown = MarkdownReport.render(doc, rows, steps, outputs, byId);
    Path mdFile = out.resolve(base + ".md");
    Files.writeString(mdFile, markdown, StandardCharsets.UTF_8);
    Files.copy(jsonFile, out.resolve("latest-" + profile.id() + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(mdFile, out.resolve("latest-" + profile.id() + ".md"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(Locale.ROOT, "%nwrote %s and %s (%.0f s)%n", jsonFile, mdFile, doc.get("durationSeconds"));
    if (failed) {
      System.out.println("some steps failed: see \"steps\" in " + jsonFile);
      System.exit(1);
    }
  }

  private static Map<String, Object> stepRecord(String id, String kind, String title, String command) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", id);
    record.put("kind", kind);
    record.put("title", title);
    record.put("command", command);
    return record;
  }

  private static boolean missing(Path data, String required, Map<String, Object> record) {
    if (required == null || Files.exists(data.resolve(required))) {
      return false;
    }
    record.put("status", "skipped");
    record.put("error", data.resolve(required) + " not found (set -Drecsys.shared.data)");
    System.out.println("\n== " + record.get("id") + ": skipped, " + record.get("error"));
    return true;
  }

  private static int execute(List<String> command, Path dir, Path log) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
  }

  private static String tail(Path log, int lines) throws IOException {
    List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}

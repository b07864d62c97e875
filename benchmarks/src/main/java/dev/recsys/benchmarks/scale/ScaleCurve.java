package dev.recsys.benchmarks.scale;

import dev.recsys.benchmarks.runner.HarnessArgs;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.benchmarks.runner.RunEnvironment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The single-machine scale curve: the {@link ScalePipeline} (generate, embed, index, graph, shuffle, recommend) at
 * growing catalogue sizes, each size in a fresh child JVM so that no peak carries over, then the growth exponent of
 * every stage's time and memory, written as JSON, Markdown and two log-log SVG charts by {@link ScaleReport}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.recsys.benchmarks.scale.ScaleCurve \
 *   sizes=10000,100000,1000000,10000000 heap=20g out=benchmarks/results/scale-curve.json
 * </pre>
 *
 * <p>Arguments ({@code key=value}): {@code sizes} (ascending, default {@code 10000,100000,1000000,10000000}),
 * {@code heap} (the children's {@code -Xmx}, default {@code 20g}), {@code out} (the JSON file; the Markdown table
 * and the charts go beside it), {@code walks}, {@code walkLength}, {@code queries}, {@code seed}, {@code threads},
 * {@code work} (the directory of the temporary index), {@code budget} (seconds: also stop before a size whose
 * predicted wall time exceeds it; default none), {@code previous} (the JSON of an earlier curve: its sizes are taken
 * as they are and only the larger sizes run, each still in its own JVM). {@code single=N} runs one size in this JVM and writes its
 * {@link SizeResult} to {@code out} (what each child does).
 *
 * <p><b>Where it stops.</b> Before each size after the first, the peak heap and the wall time are extrapolated from
 * the largest finished size with the growth exponent fitted so far (at least 1: a cost never grows slower than the
 * catalogue here, and the JVM's fixed footprint makes small sizes look sub-linear). A size whose predicted peak heap
 * exceeds {@value #HEAP_HEADROOM} of the children's maximum heap is not run, nor any after it; the result names the
 * size, the prediction and the heap available. A child that fails (out of memory, say) ends the curve the same way
 * with its exit code.
 */
public final class ScaleCurve {
  /** The share of the maximum heap a predicted peak may take. */
  public static final double HEAP_HEADROOM = 0.9;

  private ScaleCurve() {}

  /**
   * A size the curve did not run and why.
   *
   * @param tracks the size
   * @param reason the reason, in words with the numbers
   * @param predictedPeakHeapBytes the extrapolated peak heap (-1 when the reason is not memory)
   * @param availableHeapBytes the heap the size would have had
   * @param predictedSeconds the extrapolated wall time
   */
  public record Stop(int tracks, String reason, long predictedPeakHeapBytes, long availableHeapBytes, double predictedSeconds) {}

  /**
   * The extrapolation to a larger size from finished ones.
   *
   * @param peakHeapBytes predicted peak heap after GC
   * @param seconds predicted wall time of all stages
   * @param heapExponent the exponent used for the heap
   * @param timeExponent the exponent used for the time
   */
  public record Prediction(double peakHeapBytes, double seconds, double heapExponent, double timeExponent) {}

  /**
   * Extrapolates the peak heap and the wall time to {@code tracks} from the largest finished size, with the exponent
   * fitted over all finished sizes (linear with one size; never below 1).
   *
   * @param done finished sizes, ascending
   * @param tracks the size to predict
   * @return the prediction
   * @throws IllegalArgumentException when nothing has finished
   */
  public static Prediction predict(List<SizeResult> done, int tracks) {
    if (done.isEmpty()) {
      throw new IllegalArgumentException("nothing to extrapolate from");
    }
    double[] n = done.stream().mapToDouble(SizeResult::tracks).toArray();
    double[] heap = done.stream().mapToDouble(SizeResult::peakHeapAfterGcBytes).toArray();
    double[] time = done.stream().mapToDouble(SizeResult::seconds).toArray();
    double he = exponent(LogLogFit.of(n, heap));
    double te = exponent(LogLogFit.of(n, time));
    SizeResult last = done.get(done.size() - 1);
    double ratio = (double) tracks / last.tracks();
    return new Prediction(last.peakHeapAfterGcBytes() * Math.pow(ratio, he), last.seconds() * Math.pow(ratio, te), he, te);
  }

  private static double exponent(LogLogFit fit) {
    return Double.isNaN(fit.slope()) ? 1 : Math.max(1, fit.slope());
  }

  /**
   * Runs the curve (or, with {@code single=N}, one size in this JVM).
   *
   * @param args {@code key=value} arguments (see the class comment)
   * @throws IOException when a result cannot be written or read
   * @throws InterruptedException when interrupted while a child runs
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    HarnessArgs arguments = HarnessArgs.parse(args);
    List<Integer> sizes = arguments.value("sizes", List.of(10_000, 100_000, 1_000_000, 10_000_000), ScaleCurve::parseSizes);
    String heap = arguments.get("heap", "20g");
    Path out = arguments.getPath("out", Path.of("benchmarks", "results", "scale-curve.json"));
    ScalePipeline.Settings base = ScalePipeline.Settings.of(1000);
    int walks = arguments.getInt("walks", base.walks());
    int walkLength = arguments.getInt("walkLength", base.walkLength());
    int queries = arguments.getInt("queries", base.queries());
    long seed = arguments.getLong("seed", base.seed());
    int threads = arguments.getInt("threads", base.threads());
    Path work = arguments.getPath("work", base.work());
    double budget = arguments.getDouble("budget", Double.POSITIVE_INFINITY);
    Integer single = arguments.value("single", null, Integer::valueOf);
    Path previous = arguments.getPath("previous", null);
    arguments.done();
    ObjectMapper json = new ObjectMapper();
    if (single != null) {
      SizeResult r = ScalePipeline.run(new ScalePipeline.Settings(single, walks, walkLength, queries, seed, threads, work),
          System.out);
      json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), r);
      return;
    }
    long heapBytes = parseBytes(heap);
    Map<String, Object> environment = RunEnvironment.capture(Path.of("").toAbsolutePath());
    System.out.printf(Locale.ROOT, "# scale curve: sizes %s, child heap %s, %d walks of %d, %d queries, seed %d, %d threads%n",
        sizes, heap, walks, walkLength, queries, seed, threads);
    List<SizeResult> done = new ArrayList<>(previous == null ? List.of() : readSizes(previous));
    Stop stop = null;
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    for (int n : sizes) {
      if (done.stream().anyMatch(r -> r.tracks() == n)) {
        System.out.printf(Locale.ROOT, "# %,d tracks: taken from %s%n", n, previous);
        continue;
      }
      if (!done.isEmpty() && done.get(done.size() - 1).tracks() > n) {
        throw new IllegalArgumentException("the previous curve " + previous + " has sizes above " + n);
      }
      Prediction p = done.isEmpty() ? null : predict(done, n);
      if (p != null && p.peakHeapBytes() > HEAP_HEADROOM * heapBytes) {
        stop = new Stop(n, String.format(Locale.ROOT, "predicted peak heap %.1f GiB (x %.2f per decade from %,d tracks) "
            + "exceeds %.0f%% of the %.1f GiB heap", p.peakHeapBytes() / GIB, Math.pow(10, p.heapExponent()),
            done.get(done.size() - 1).tracks(), 100 * HEAP_HEADROOM, heapBytes / GIB), (long) p.peakHeapBytes(), heapBytes,
            p.seconds());
        break;
      }
      if (p != null && p.seconds() > budget) {
        stop = new Stop(n, String.format(Locale.ROOT, "predicted wall time %.0f s exceeds the budget of %.0f s",
            p.seconds(), budget), (long) p.peakHeapBytes(), heapBytes, p.seconds());
        break;
      }
      if (p != null) {
        System.out.printf(Locale.ROOT, "# %,d tracks: predicted peak heap %.2f GiB of %.1f, wall time %.0f s%n",
            n, p.peakHeapBytes() / GIB, heapBytes / GIB, p.seconds());
      }
      Path result = Files.createTempFile(dir, "scale-" + n + "-", ".json");
      try {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
          if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-XX:MaxRAM")) {
            command.add(arg);
          }
        }
        command.addAll(List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ScaleCurve.class.getName(),
            "single=" + n, "walks=" + walks, "walkLength=" + walkLength, "queries=" + queries, "seed=" + seed,
            "threads=" + threads, "work=" + work, "out=" + result));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
          stop = new Stop(n, "the run failed with exit code " + exit + " (see its output above)",
              p == null ? -1 : (long) p.peakHeapBytes(), heapBytes, p == null ? Double.NaN : p.seconds());
          break;
        }
        done.add(json.readValue(result.toFile(), SizeResult.class));
      } finally {
        Files.deleteIfExists(result);
      }
    }
    if (stop != null) {
      System.out.println("# stopped before " + stop.tracks() + " tracks: " + stop.reason());
    }
    ScaleReport.write(out, environment, done, stop, heap,
        new ScalePipeline.Settings(sizes.get(0), walks, walkLength, queries, seed, threads, work));
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  /**
   * The sizes of a curve written before ({@link ScaleReport#write}'s JSON), so that a run can add larger sizes to it.
   *
   * @param json the curve's JSON file
   * @return its sizes, ascending
   * @throws IOException when the file cannot be read or has no sizes
   */
  static List<SizeResult> readSizes(Path json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode sizes = mapper.readTree(json.toFile()).path("sizes");
    if (!sizes.isArray()) {
      throw new IOException(json + ": no \"sizes\" array; not a scale curve");
    }
    List<SizeResult> out = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode s : sizes) {
      out.add(mapper.treeToValue(s, SizeResult.class));
    }
    return out;
  }

  /** Comma-separated ascending sizes. */
  static List<Integer> parseSizes(String s) {
    List<Integer> out = new ArrayList<>();
    for (String p : s.split(",")) {
      int n = Integer.parseInt(p.trim().replace("_", ""));
      if (!out.isEmpty() && n <= out.get(out.size() - 1)) {
        throw new IllegalArgumentException("sizes must be ascending; got " + s);
      }
      out.add(n);
    }
    return List.copyOf(out);
  }

  /** {@code 20g}, {@code 512m}, {@code 1048576}: bytes, as {@code -Xmx} reads them. */
  static long parseBytes(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long unit = switch (t.charAt(t.length() - 1)) {
      case 'k' -> 1L << 10;
      case 'm' -> 1L << 20;
      case 'g' -> 1L << 30;
      case 't' -> 1L << 40;
      default -> 1;
    };
    return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
  }
}

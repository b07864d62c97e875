package dev.recsys.benchmarks.retrieval.peers;

import dev.recsys.benchmarks.runner.HarnessArgs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.benchmarks.retrieval.BenchData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recsys HNSW index against raw Lucene, hnswlib-java and jvector on the same vectors, in one JVM run: for each
 * data set it first builds and searches a small index of every library (class loading, JIT), then for each
 * library builds the index once and measures build wall time, build CPU
 * (the whole process: all threads, JIT and GC), the heap the index retains (used heap after full GCs, after the build
 * minus before it) and its bytes on disk; then, for each recall target, calibrates the search beam (see
 * {@link Calibration}) and measures single-thread queries per second as the median of several timed rounds after a
 * warm-up round. Rows go to a JSON file and a Markdown table with ratios against {@code RECSYS_HNSW} is printed.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar \
 *   dev.recsys.benchmarks.retrieval.peers.PeerComparison n=100000 dim=64 queries=1000 dist=CLUSTERED --out target/peers.json
 * </pre>
 *
 * <p>Arguments ({@code key=value}): {@code n} (20000), {@code dim} (64), {@code queries} measured (1000, seed 2),
 * {@code calibration} queries (500, seed 3), {@code dist} (comma list of {@link BenchData.Distribution}, CLUSTERED,RANDOM: the clustered vectors are easy, a beam of 10 often already reaches 0.99 below n = 100,000),
 * {@code recall} targets (0.90,0.95,0.99), {@code impl} (comma list of {@link PeerLibrary}, all), {@code threads}
 * building threads given to every library (1), {@code rounds} (5) and {@code seconds} per round (1), and
 * {@code --out FILE} (target/peers.json).
 */
public final class PeerComparison {
  private static final int K = 10;
  private static final int WARMUP_ROWS = 5000;

  private PeerComparison() {}

  /**
   * One measured configuration.
   *
   * @param library the library
   * @param version its version
   * @param dataset the data distribution
   * @param n vectors indexed
   * @param dim dimension
   * @param buildThreads threads the build used
   * @param targetRecall the recall@10 target
   * @param paramName the library's name for the search beam
   * @param param the calibrated beam
   * @param reached whether the target was reached within {@link Calibration#MAX_BEAM}
   * @param achievedRecall recall@10 on the calibration queries at {@code param}
   * @param heldOutRecall recall@10 on the measured queries at {@code param}
   * @param qps median single-thread queries per wall-clock second
   * @param qpsPerCpuSecond median queries per CPU second of the searching thread (robust to a busy machine)
   * @param buildWallSeconds build wall time
   * @param buildCpuSeconds process CPU time during the build
   * @param heapBytes heap retained by the built index (vectors included when the library keeps them on the heap)
   * @param diskBytes bytes the index keeps on disk (memory-mapped while searching)
   */
  public record Row(String library, String version, String dataset, int n, int dim, int buildThreads, double targetRecall,
      String paramName, int param, boolean reached, double achievedRecall, double heldOutRecall, double qps,
      double qpsPerCpuSecond, double buildWallSeconds, double buildCpuSeconds, long heapBytes, long diskBytes) {}

  /** Runs with {@code key=value} arguments (see the class comment). */
  public static void main(String[] args) throws IOException {
    HarnessArgs arguments = HarnessArgs.parse(args);
    int n = arguments.getInt("n", 20_000);
    int dim = arguments.getInt("dim", 64);
    int queries = arguments.getInt("queries", 1000);
    int calibration = arguments.getInt("calibration", 500);
    String dists = arguments.get("dist", "CLUSTERED,RANDOM");
    String recalls = arguments.get("recall", "0.90,0.95,0.99");
    String impls = arguments.get("impl",
        Arrays.stream(PeerLibrary.values()).map(Enum::name).reduce((a, b) -> a + "," + b).orElseThrow());
    int threads = arguments.getInt("threads", 1);
    int rounds = arguments.getInt("rounds", 5);
    double seconds = arguments.getDouble("seconds", 1);
    Path out = arguments.getPath("out", Path.of("target", "peers.json"));
    arguments.done();
    if (n < 100 || dim < 2 || queries < 1 || calibration < 1 || threads < 1 || rounds < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("need n >= 100, dim >= 2, queries, calibration, threads, rounds >= 1 and seconds > 0");
    }
    double[] targets = Arrays.stream(recalls.split(",")).mapToDouble(Double::parseDouble).toArray();
    List<PeerLibrary> libraries = Arrays.stream(impls.split(",")).map(PeerLibrary::valueOf).toList();

    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("java", Runtime.version().toString());
    environment.put("cores", Runtime.getRuntime().availableProcessors());
    environment.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    environment.put("loadAverageAtStart", loadAverage());
    environment.put("buildThreads", threads);
    environment.put("jvectorVectorization", JVectorPeer.provider());
    environment.put("recsysKernels", dev.recsys.core.kernels.VectorKernels.get().name());
    for (PeerLibrary lib : PeerLibrary.values()) {
      environment.put(lib.name() + "Version", lib.version());
    }
    environment.put("k", K);
    environment.put("calibrationQueries", calibration);
    environment.put("measuredQueries", queries);
    environment.put("rounds", rounds);
    environment.put("secondsPerRound", seconds);
    System.out.printf(Locale.ROOT, "# peer comparison: n=%d dim=%d dist=%s queries=%d calibration=%d, build threads=%d, %s%n",
        n, dim, dists, queries, calibration, threads, environment);

    List<Row> rows = new ArrayList<>();
    Path tmp = Files.createTempDirectory("recsys-peers");
    try {
      for (String distName : dists.split(",")) {
        BenchData.Distribution dist = BenchData.Distribution.valueOf(distName);
        float[] data = BenchData.vectors(dist, n, dim, 1);
        List<float[]> measured = BenchData.rows(BenchData.vectors(dist, queries, dim, 2), dim);
        List<float[]> calib = BenchData.rows(BenchData.vectors(dist, calibration, dim, 3), dim);
        int[][] calibTruth = Calibration.groundTruth(data, dim, calib, K);
        int[][] measuredTruth = Calibration.groundTruth(data, dim, measured, K);
        for (PeerLibrary lib : libraries) {
          warmUp(lib, Arrays.copyOf(data, Math.min(n, WARMUP_ROWS) * dim), dim, threads, calib, tmp.resolve(lib + "-warmup"));
        }
        // Every index is built first and stays open, so that the timed rounds can alternate between the libraries:
        // measured one after the other, the library measured later profits from the JIT work done for the earlier
        // ones (Lucene code is shared by two of them), which biased single-library rounds by up to 1.5x.
        List<PeerIndex> built = new ArrayList<>();
        double[] buildWall = new double[libraries.size()];
        double[] buildCpu = new double[libraries.size()];
        long[] heap = new long[libraries.size()];
        long[] disk = new long[libraries.size()];
        try {
          for (int li = 0; li < libraries.size(); li++) {
            PeerLibrary lib = libraries.get(li);
            long heapBefore = usedHeapAfterGc();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            built.add(lib.build(data, dim, threads, tmp.resolve(dist + "-" + lib)));
            buildWall[li] = (System.nanoTime() - t0) / 1e9;
            buildCpu[li] = (processCpuNanos() - cpu0) / 1e9;
            heap[li] = usedHeapAfterGc() - heapBefore;
            disk[li] = built.get(li).diskBytes();
            System.err.printf(Locale.ROOT, "%s %s: built in %.1f s (%.1f CPU s), heap %.1f MB, disk %.1f MB%n", dist, lib,
                buildWall[li], buildCpu[li], heap[li] / 1e6, disk[li] / 1e6);
          }
          List<Map<Integer, Double>> memos = new ArrayList<>();
          for (int li = 0; li < libraries.size(); li++) {
            memos.add(Calibration.memo());
          }
          for (double target : targets) {
            Calibration.Result[] cal = new Calibration.Result[libraries.size()];
            double[] heldOut = new double[libraries.size()];
            for (int li = 0; li < libraries.size(); li++) {
              cal[li] = Calibration.calibrate(built.get(li), calib, calibTruth, K, target, memos.get(li));
              heldOut[li] = Calibration.recall(built.get(li), measured, measuredTruth, K);
            }
            double[][] qps = throughput(built, measured, rounds, seconds);
            for (int li = 0; li < libraries.size(); li++) {
              PeerLibrary lib = libraries.get(li);
              PeerIndex index = built.get(li);
              rows.add(new Row(lib.name(), lib.version(), dist.name(), n, dim, threads, target, index.parameterName(),
                  cal[li].beam(), cal[li].reached(), cal[li].recall(), heldOut[li], qps[li][0], qps[li][1], buildWall[li],
                  buildCpu[li], heap[li], disk[li]));
              System.err.printf(Locale.ROOT, "  %s target %.2f: %s=%d recall %.4f (measured queries %.4f), %.0f QPS, %.0f per CPU-s%n",
                  lib, target, index.parameterName(), cal[li].beam(), cal[li].recall(), heldOut[li], qps[li][0], qps[li][1]);
            }
          }
        } finally {
          for (int li = 0; li < built.size(); li++) {
            built.get(li).close();
            deleteTree(tmp.resolve(dist + "-" + libraries.get(li)));
          }
        }
      }
    } finally {
      deleteTree(tmp);
    }
    environment.put("loadAverageAtEnd", loadAverage());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("environment", environment);
    doc.put("rows", rows);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), doc);
    System.out.println(markdown(rows));
    System.out.printf(Locale.ROOT, "load average: %.2f at start, %.2f at end; JSON written to %s%n",
        (double) environment.get("loadAverageAtStart"), (double) environment.get("loadAverageAtEnd"), out);
  }

  /** Builds and searches a small index so that the measured build does not pay for class loading and first JIT. */
  private static void warmUp(PeerLibrary lib, float[] data, int dim, int threads, List<float[]> queries, Path dir) throws IOException {
    try (PeerIndex index = lib.build(data, dim, threads, dir)) {
      for (int round = 0; round < 3; round++) {
        for (float[] q : queries) {
          index.search(q, K);
        }
      }
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Median single-thread queries per wall second and per CPU second of the searching thread, per index, over
   * {@code rounds} rounds of {@code seconds} each after one warm-up round; within a round every index is measured
   * once, in turn, so that JIT and machine state affect all of them alike. Queries cycle through {@code qs}.
   */
  static double[][] throughput(List<PeerIndex> indexes, List<float[]> qs, int rounds, double seconds) throws IOException {
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    int m = indexes.size();
    long sink = 0;
    double[][] wall = new double[m][rounds];
    double[][] perCpu = new double[m][rounds];
    int[] next = new int[m];
    for (int r = -1; r < rounds; r++) {
      for (int i = 0; i < m; i++) {
        PeerIndex index = indexes.get(i);
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long cpu = threadBean.getCurrentThreadCpuTime();
        long count = 0;
        long elapsed;
        do {
          int[] rows = index.rows(index.search(qs.get(next[i]), K));
          sink += rows.length == 0 ? 0 : rows[0];
          next[i] = next[i] + 1 == qs.size() ? 0 : next[i] + 1;
          count++;
          elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        long cpuUsed = threadBean.getCurrentThreadCpuTime() - cpu;
        if (r >= 0) {
          wall[i][r] = count / (elapsed / 1e9);
          perCpu[i][r] = count / (Math.max(1, cpuUsed) / 1e9);
        }
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.print("");
    }
    double[][] out = new double[m][];
    for (int i = 0; i < m; i++) {
      out[i] = new double[] {median(wall[i]), median(perCpu[i])};
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The Markdown table: one block per data set and recall target, ratios against {@code RECSYS_HNSW}. */
  static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| data | target | library | beam | recall@10 calib / measured | QPS | QPS per CPU-s | QPS vs recsys "
        + "| build s | build CPU s | build vs recsys | heap MB | disk MB |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, Row> base = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.library().equals(PeerLibrary.RECSYS_HNSW.name())) {
        base.put(r.dataset() + "/" + r.targetRecall(), r);
      }
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(Row::dataset).thenComparingDouble(Row::targetRecall)
        .thenComparing(r -> PeerLibrary.valueOf(r.library()).ordinal()));
    for (Row r : sorted) {
      Row b = base.get(r.dataset() + "/" + r.targetRecall());
      sb.append(String.format(Locale.ROOT, "| %s | %.2f | %s %s | %s=%d%s | %.4f / %.4f | %.0f | %.0f | %s | %.2f | %.2f | %s | %.1f | %.1f |%n",
          r.dataset(), r.targetRecall(), r.library(), r.version(), r.paramName(), r.param(), r.reached() ? "" : " (not reached)",
          r.achievedRecall(), r.heldOutRecall(), r.qps(), r.qpsPerCpuSecond(),
          b == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.qpsPerCpuSecond() / b.qpsPerCpuSecond()),
          r.buildWallSeconds(), r.buildCpuSeconds(),
          b == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.buildWallSeconds() / b.buildWallSeconds()),
          r.heapBytes() / 1e6, r.diskBytes() / 1e6));
    }
    return sb.toString();
  }

  /** Used heap after full collections (bytes). */
  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** CPU time of this process (all threads, including JIT and GC), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Deletes a file tree if present. */
  static void deleteTree(Path p) throws IOException {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}

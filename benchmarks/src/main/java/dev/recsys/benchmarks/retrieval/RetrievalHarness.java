package dev.recsys.benchmarks.retrieval;

import dev.recsys.benchmarks.runner.HarnessArgs;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.retrieval.Recall;
import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Build time, single-thread queries per second, batch queries per second and recall@10 of exact search and Lucene
 * HNSW variants on one data set, printed as a Markdown table with the machine and revision.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.recsys.benchmarks.retrieval.RetrievalHarness n=100000 dim=64 dist=CLUSTERED quant=NONE,INT7,INT4 candidates=100 oversample=3
 * </pre>
 *
 * <p>Quantized indexes are searched once per {@code oversample} value (the top {@code ceil(10 * oversample)}
 * quantized candidates re-scored with the float vectors).
 *
 * <p>Each HNSW index is built with {@link LuceneHnswIndex#bulkLoad} (one segment, one graph). Single-thread
 * throughput is the median of {@code rounds} rounds of {@code seconds} each, the indexes taking turns within a round
 * (so a busy machine slows them alike); per CPU-s counts the searching thread's CPU time.
 *
 * <p>With {@code out=FILE} the rows are also written as JSON (one object per index: name, build seconds, build
 * CPU seconds, segments, queries per second single-threaded and batched, recall@10).
 */
public final class RetrievalHarness {
  private RetrievalHarness() {}

  /** Runs with {@code key=value} arguments (see the class comment). */
  public static void main(String[] args) throws IOException {
    HarnessArgs arguments = HarnessArgs.parse(args);
    int n = arguments.getInt("n", 100_000);
    int dim = arguments.getInt("dim", 64);
    int queries = arguments.getInt("queries", 1000);
    int seconds = arguments.getInt("seconds", 5);
    int rounds = arguments.getInt("rounds", 5);
    BenchData.Distribution dist = arguments.getEnum("dist", BenchData.Distribution.class, BenchData.Distribution.CLUSTERED);
    String quant = arguments.get("quant", "NONE,INT7");
    String candidates = arguments.get("candidates", "100");
    String oversample = arguments.get("oversample", "3");
    int threads = arguments.getInt("threads", Runtime.getRuntime().availableProcessors());
    Path out = arguments.getPath("out", null);
    arguments.done();
    System.out.printf(Locale.ROOT, "# retrieval harness: n=%d dim=%d dist=%s queries=%d, %d cores, kernels=%s, java %s%n",
        n, dim, dist, queries, Runtime.getRuntime().availableProcessors(), VectorKernels.get().name(), Runtime.version());
    float[] data = BenchData.vectors(dist, n, dim, 1);
    List<float[]> qs = BenchData.rows(BenchData.vectors(dist, queries, dim, 2), dim);
    System.out.println("| index | build s | segments | single-thread QPS (per CPU-s) | batch QPS, all cores (per CPU-s) | recall@10"
        + " | MB the graph walk scores | float vectors MB | graph MB |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    long t0 = System.nanoTime();
    ExactIndex exact = BenchData.exact(data, dim);
    double exactBuild = (System.nanoTime() - t0) / 1e9;
    List<float[]> exactQs = qs.subList(0, Math.min(qs.size(), 200));
    List<Measured> measured = new ArrayList<>();
    double floatMb = (double) n * dim * Float.BYTES / (1 << 20);
    measured.add(new Measured("exact (" + VectorKernels.get().name() + ")", exact, exactQs, exactBuild, 0, 1.0,
        new VectorFiles(floatMb, floatMb, 0)));
    List<Map<String, Object>> rows = new ArrayList<>();
    Rate exactBatch = null;
    Path tmp = Files.createTempDirectory("recsys-harness");
    try {
      for (String q : quant.split(",")) {
        Quantization quantization = Quantization.valueOf(q);
        LuceneHnswConfig config = LuceneHnswConfig.builder().path(tmp.resolve(q)).dimension(dim).similarity(Similarity.COSINE)
            .quantization(quantization).ramBufferMb(Math.max(256, Math.min(8192, 4.0 * data.length * 4 / (1 << 20))))
            .mergeWorkers(threads).build();
        long b0 = System.nanoTime();
        long c0 = processCpuNanos();
        try (LuceneHnswIndex idx = LuceneHnswIndex.open(config)) {
          idx.bulkLoad(BenchData.keys(n), data, Collections.nCopies(n, Metadata.EMPTY), threads);
        }
        double build = (System.nanoTime() - b0) / 1e9;
        double buildCpu = (processCpuNanos() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "<!-- %s: bulk load into one segment (one graph, %d merge workers) %.1f s, %.1f CPU s -->%n",
            q, threads, build, buildCpu);
        VectorFiles files = VectorFiles.of(tmp.resolve(q));
        for (String c : candidates.split(",")) {
          for (String o : quantization == Quantization.NONE ? new String[] {"1"} : oversample.split(",")) {
            // every open index holds its directory's write lock: each search setting gets a copy of the index
            Path copy = tmp.resolve(q + "-ef" + c + "-x" + o);
            copyTree(tmp.resolve(q), copy);
            LuceneHnswConfig searchConfig = config.toBuilder().path(copy).searchCandidates(Integer.parseInt(c))
                .oversample(Double.parseDouble(o)).verifyOnOpen(false).build();
            LuceneHnswIndex s = LuceneHnswIndex.open(searchConfig);
            double recall = Recall.of(s, exact, qs, 10, SearchFilter.NONE).mean();
            String name = "hnsw " + q + " M=16 ef=" + c + (quantization == Quantization.NONE ? "" : " oversample=" + o);
            measured.add(new Measured(name, s, qs, build, buildCpu, recall, files));
          }
        }
      }
      // single-thread throughput in interleaved rounds: every index sees the same machine load, in turn
      double[][] wall = new double[measured.size()][rounds];
      double[][] cpu = new double[measured.size()][rounds];
      for (int r = -1; r < rounds; r++) {
        for (int i = 0; i < measured.size(); i++) {
          Measured m = measured.get(i);
          Rate rate = qps(m.index(), m.queries(), seconds);
          if (r >= 0) {
            wall[i][r] = rate.perWallSecond();
            cpu[i][r] = rate.perCpuSecond();
          }
        }
      }
      for (int i = 0; i < measured.size(); i++) {
        Measured m = measured.get(i);
        Rate batch = batchQps(m.index(), m.queries(), seconds);
        if (i == 0) {
          exactBatch = batch;
          System.out.printf(Locale.ROOT, "<!-- exact batch scan: %.1f M dot products per wall second, %.1f M per CPU second -->%n",
              batch.perWallSecond() * n / 1e6, batch.perCpuSecond() * n / 1e6);
        }
        int segments = m.index() instanceof LuceneHnswIndex h ? h.segmentCount() : 1;
        rows.add(row(m.name(), m.build(), m.buildCpu(), segments, new Rate(median(wall[i]), median(cpu[i])), batch, m.recall(),
            m.files()));
      }
    } finally {
      for (Measured m : measured) {
        m.index().close();
      }
      BenchData.deleteTree(tmp);
    }
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("n", n);
      doc.put("dim", dim);
      doc.put("distribution", dist.name());
      doc.put("queries", queries);
      doc.put("kernels", VectorKernels.get().name());
      doc.put("exactBatchDotProductsPerSecond", exactBatch.perWallSecond() * n);
      doc.put("rows", rows);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    }
  }

  /** CPU time of this process (all threads, including JIT and GC), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** An index under measurement, with the queries it is timed on and what its build and recall measured. */
  private record Measured(String name, VectorIndex index, List<float[]> queries, double build, double buildCpu, double recall,
      VectorFiles files) {}

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals("write.lock")) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A rate per wall-clock second and per process-CPU second. */
  record Rate(double perWallSecond, double perCpuSecond) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f (%.0f/cpu-s)", perWallSecond, perCpuSecond);
    }
  }

  /**
   * Sizes of an index's vector files: what the graph walk scores (the quantized vectors of a quantized index, else
   * the float vectors), the float vectors (kept by quantized indexes for re-scoring) and the HNSW graph, in MiB.
   */
  record VectorFiles(double searchedMb, double floatMb, double graphMb) {
    /** Sums the Lucene vector files of an index directory by extension. */
    static VectorFiles of(Path dir) throws IOException {
      long vec = 0;
      long veq = 0;
      long vex = 0;
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          long size = Files.size(f);
          if (name.endsWith(".vec")) {
            vec += size;
          } else if (name.endsWith(".veq")) {
            veq += size;
          } else if (name.endsWith(".vex")) {
            vex += size;
          }
        }
      }
      double mb = 1 << 20;
      return new VectorFiles((veq > 0 ? veq : vec) / mb, vec / mb, vex / mb);
    }
  }

  private static Map<String, Object> row(String name, double build, double buildCpu, int segments, Rate qps, Rate batch,
      double recall, VectorFiles files) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %s | %s | %.4f | %.1f | %.1f | %.1f |%n", name, build, segments, qps,
        batch, recall, files.searchedMb(), files.floatMb(), files.graphMb());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("index", name);
    row.put("buildSeconds", build);
    row.put("buildCpuSeconds", buildCpu);
    row.put("segments", segments);
    row.put("qps", qps.perWallSecond());
    row.put("qpsPerCpuSecond", qps.perCpuSecond());
    row.put("batchQps", batch.perWallSecond());
    row.put("recallAt10", recall);
    row.put("searchedVectorMb", files.searchedMb());
    row.put("floatVectorMb", files.floatMb());
    row.put("graphMb", files.graphMb());
    return row;
  }

  /** Queries per second of one thread (per wall second and per CPU second of that thread), after a warm-up pass. */
  static Rate qps(VectorIndex idx, List<float[]> qs, int seconds) throws IOException {
    for (float[] q : qs) {
      idx.search(q, 10, SearchFilter.NONE);
    }
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    long count = 0;
    while (System.nanoTime() < end) {
      idx.search(qs.get((int) (count % qs.size())), 10, SearchFilter.NONE);
      count++;
    }
    return new Rate(count / ((System.nanoTime() - start) / 1e9), count / ((threads.getCurrentThreadCpuTime() - cpu) / 1e9));
  }

  /** Queries per second of {@link VectorIndex#searchBatch} (all cores). */
  static Rate batchQps(VectorIndex idx, List<float[]> qs, int seconds) throws IOException {
    idx.searchBatch(qs, 10, SearchFilter.NONE);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long cpu = processCpuNanos();
    long count = 0;
    while (System.nanoTime() < end) {
      idx.searchBatch(qs, 10, SearchFilter.NONE);
      count += qs.size();
    }
    return new Rate(count / ((System.nanoTime() - start) / 1e9), count / ((processCpuNanos() - cpu) / 1e9));
  }
}

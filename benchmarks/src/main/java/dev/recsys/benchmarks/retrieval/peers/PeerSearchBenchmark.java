package dev.recsys.benchmarks.retrieval.peers;

import dev.recsys.benchmarks.retrieval.BenchData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-10 query throughput of one searching thread for the recsys HNSW index and its peers at matched recall@10.
 * The trial setup builds the index (on all cores: build time is measured by {@link PeerComparison}, not here), then
 * calibrates the library's search beam to the smallest value reaching {@link #recall} on 500 calibration queries
 * (seed 3) and prints it with the recall on the 1,000 measured queries (seed 2), which each invocation cycles through.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class PeerSearchBenchmark {
  /** The library measured. */
  @Param({"RECSYS_HNSW", "LUCENE_RAW", "HNSWLIB", "JVECTOR"})
  public PeerLibrary impl;

  /** Target recall@10 on the calibration queries. */
  @Param({"0.90", "0.95", "0.99"})
  public String recall;

  /** Number of vectors. */
  @Param({"100000"})
  public int n;

  /** Vector dimension. */
  @Param({"64"})
  public int dim;

  /** Data distribution. */
  @Param({"CLUSTERED"})
  public BenchData.Distribution distribution;

  private PeerIndex index;
  private Path dir;
  private float[][] queries;
  private int next;

  /** Builds the index and calibrates its search beam. */
  @Setup(Level.Trial)
  public void setup() throws IOException {
    float[] data = BenchData.vectors(distribution, n, dim, 1);
    List<float[]> measured = BenchData.rows(BenchData.vectors(distribution, 1000, dim, 2), dim);
    List<float[]> calibration = BenchData.rows(BenchData.vectors(distribution, 500, dim, 3), dim);
    queries = measured.toArray(new float[0][]);
    dir = Files.createTempDirectory("recsys-peer-bench");
    index = impl.build(data, dim, Runtime.getRuntime().availableProcessors(), dir.resolve("index"));
    Calibration.Result r = Calibration.calibrate(index, calibration, Calibration.groundTruth(data, dim, calibration, 10), 10,
        Double.parseDouble(recall), Calibration.memo());
    double heldOut = Calibration.recall(index, measured, Calibration.groundTruth(data, dim, measured, 10), 10);
    System.out.printf(Locale.ROOT, "%n%s %s: %s=%d, recall@10 %.4f on the calibration queries (target %s%s), %.4f on the measured queries%n",
        impl, impl.version(), index.parameterName(), r.beam(), r.recall(), recall, r.reached() ? "" : ", NOT reached", heldOut);
  }

  /** Closes the index and deletes its files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try {
      if (index != null) {
        index.close();
      }
    } finally {
      PeerComparison.deleteTree(dir);
    }
  }

  /** One top-10 search; returns the library's own result. */
  @Benchmark
  public Object search() throws IOException {
    float[] q = queries[next];
    next = next + 1 == queries.length ? 0 : next + 1;
    return index.search(q, 10);
  }
}

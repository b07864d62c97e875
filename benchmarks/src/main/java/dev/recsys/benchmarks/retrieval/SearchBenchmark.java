package dev.recsys.benchmarks.retrieval;

import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * Top-10 query throughput of one searching thread: exact scan (SIMD, both cores for large n) vs Lucene HNSW
 * (full precision, and 7- and 4-bit quantized with the top {@code 3k} and {@code 5k} candidates re-scored). HNSW indexes are built once into
 * {@code ${java.io.tmpdir}/recsys-bench-indexes} and reused by later runs; recall@10 of each setup is printed
 * (measure it with {@link RetrievalHarness}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class SearchBenchmark {
  /** Competing indexes. */
  public enum Impl {
    /** Brute force. */
    EXACT,
    /** Lucene HNSW, float32. */
    HNSW,
    /** Lucene HNSW, 7-bit quantization, full-precision re-scoring. */
    HNSW_INT7,
    /** Lucene HNSW, 4-bit quantization, full-precision re-scoring. */
    HNSW_INT4
  }

  /** The index measured. */
  @Param({"EXACT", "HNSW", "HNSW_INT7", "HNSW_INT4"})
  public Impl impl;

  /** Number of vectors. */
  @Param({"100000"})
  public int n;

  /** Vector dimension. */
  @Param({"32", "64", "128"})
  public int dim;

  /** Data distribution. */
  @Param({"CLUSTERED"})
  public BenchData.Distribution distribution;

  /**
   * Whether the fork runs with the JDK Vector API ({@code on}: Lucene's and recsys's SIMD scoring) or without it
   * ({@code off}: scalar scoring). A JVM flag, so {@code off} needs a fork started without the module, e.g.
   * {@code -p simd=off -jvmArgs "-Xmx8g --enable-native-access=ALL-UNNAMED"}; the setup refuses a mismatch.
   */
  @Param({"on"})
  public String simd;

  private VectorIndex index;
  private List<float[]> queries;
  private int next;

  /** Builds or reopens the index and prints its recall@10. */
  @Setup(Level.Trial)
  public void setup() throws IOException {
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (vectorModule != simd.equals("on")) {
      throw new IllegalStateException("simd=" + simd + " but jdk.incubator.vector is "
          + (vectorModule ? "resolved" : "not resolved") + " in this fork: set the fork's -jvmArgs to match");
    }
    float[] data = BenchData.vectors(distribution, n, dim, 1);
    queries = BenchData.rows(BenchData.vectors(distribution, 1000, dim, 2), dim);
    Path cache = Path.of(System.getProperty("java.io.tmpdir"), "recsys-bench-indexes");
    index = switch (impl) {
      case EXACT -> BenchData.exact(data, dim);
      case HNSW -> BenchData.hnsw(cache, distribution, data, dim, Quantization.NONE, 100);
      case HNSW_INT7 -> BenchData.hnsw(cache, distribution, data, dim, Quantization.INT7, 100);
      case HNSW_INT4 -> BenchData.hnsw(cache, distribution, data, dim, Quantization.INT4, 100);
    };
    if (impl != Impl.EXACT) {
      try (ExactIndex truth = BenchData.exact(data, dim)) {
        System.out.println("recall: " + dev.recsys.core.retrieval.Recall.of(index, truth, queries.subList(0, 200), 10, SearchFilter.NONE));
      }
    }
  }

  /** Closes the index. */
  @TearDown(Level.Trial)
  public void tearDown() {
    BenchData.close(index);
  }

  /** One top-10 search. */
  @Benchmark
  public List<SearchHit> search() throws IOException {
    float[] q = queries.get(next);
    next = next + 1 == queries.size() ? 0 : next + 1;
    return index.search(q, 10, SearchFilter.NONE);
  }
}

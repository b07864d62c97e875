package dev.recsys.benchmarks.retrieval;

import dev.recsys.core.retrieval.LuceneEmbeddingStore;
import dev.recsys.core.retrieval.LuceneEmbeddingStoreConfig;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
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
 * Top-10 search latency of the embedding store, which filters by model version, against the plain HNSW index on the
 * same vectors with the same graph (M = 16, beam 100, 100 candidates, one segment built by one thread, in memory), one
 * searching thread.
 * {@code STORE} holds one model version; {@code STORE_MIXED} also holds a quarter as many embeddings of an older
 * version under other keys (a re-embedding in progress), so its searches must filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx8g"})
public class StoreSearchBenchmark {
  /** What is searched. */
  public enum Impl {
    /** {@link LuceneHnswIndex}: the baseline. */
    INDEX,
    /** {@link LuceneEmbeddingStore} with one model version. */
    STORE,
    /** {@link LuceneEmbeddingStore} with the searched version and an older one under other keys. */
    STORE_MIXED
  }

  /** The structure measured. */
  @Param({"INDEX", "STORE", "STORE_MIXED"})
  public Impl impl;

  /** Number of vectors of the searched version. */
  @Param({"100000"})
  public int n;

  /** Vector dimension. */
  @Param({"64"})
  public int dim;

  private LuceneHnswIndex index;
  private LuceneEmbeddingStore store;
  private List<float[]> queries;
  private int next;

  /** Builds the index or the store in memory. */
  @Setup(Level.Trial)
  public void setup() throws IOException {
    float[] data = BenchData.vectors(BenchData.Distribution.CLUSTERED, n, dim, 1);
    queries = BenchData.rows(BenchData.vectors(BenchData.Distribution.CLUSTERED, 1000, dim, 2), dim);
    List<Metadata> meta = Collections.nCopies(n, Metadata.EMPTY);
    // One indexing thread: the index and the one-version store hold the same graph (one segment, built in row order
    // with Lucene's fixed seed), so the two differ only in the store's per-query work, not in graph luck.
    LuceneEmbeddingStoreConfig config = LuceneEmbeddingStoreConfig.inMemory(dim, Similarity.COSINE);
    if (impl == Impl.INDEX) {
      index = LuceneHnswIndex.open(LuceneHnswConfig.builder().dimension(dim).similarity(Similarity.COSINE)
          .maxConnections(config.maxConnections()).beamWidth(config.beamWidth())
          .searchCandidates(config.searchCandidates()).build());
      index.upsertAll(BenchData.keys(n), data, meta, 1);
      index.optimize();
      return;
    }
    store = LuceneEmbeddingStore.open(config);
    store.putAll(BenchData.keys(n), data, meta, "v1", 1);
    if (impl == Impl.STORE_MIXED) {
      int m = n / 4;
      List<String> old = new ArrayList<>(m);
      for (int i = 0; i < m; i++) {
        old.add("old" + i);
      }
      store.putAll(old, BenchData.vectors(BenchData.Distribution.CLUSTERED, m, dim, 3), Collections.nCopies(m, Metadata.EMPTY),
          "v0", 1);
    }
    store.optimize();
  }

  /** Closes what was built. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (index != null) {
      index.close();
    }
    if (store != null) {
      store.close();
    }
  }

  /** One top-10 search. */
  @Benchmark
  public List<SearchHit> search() throws IOException {
    float[] q = queries.get(next);
    next = next + 1 == queries.size() ? 0 : next + 1;
    return impl == Impl.INDEX ? index.search(q, 10, SearchFilter.NONE) : store.search(q, "v1", 10, SearchFilter.NONE);
  }
}

package dev.recsys.solr.bench;

import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.solr.SolrConfig;
import dev.recsys.solr.SolrVectorIndex;
import dev.recsys.solr.SolrChildClusters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The price of going distributed: the embedded {@link LuceneHnswIndex} against {@link SolrVectorIndex} collections of 1
 * and 2 shards (1 replica each) on a 2-node SolrCloud in a child JVM, on the same seeded vectors. For each engine:
 * indexing throughput (upserts plus the final commit), top-10 search latency p50/p99 over sequential queries without
 * and with a metadata filter (one genre in ten), and recall@10 against exact search over the same vectors and filter.
 * All engines use M=16, construction beam 100 and 100 search candidates.
 *
 * <p>Arguments ({@code key=value}): {@code n} (20000), {@code dim} (32), {@code queries} (500), {@code warmup} (200),
 * {@code seed} (42). Prints a Markdown table.
 */
public final class SolrRetrievalBenchmark {
  private SolrRetrievalBenchmark() {}

  private record Row(String engine, double docsPerSecond, double[] plain, double[] filtered, double recall, double recallFiltered) {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code key=value} arguments
   * @throws Exception if an engine fails
   */
  public static void main(String[] args) throws Exception {
    int n = 20_000;
    int dim = 32;
    int queries = 500;
    int warmup = 200;
    long seed = 42;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "n" -> n = Integer.parseInt(kv[1]);
        case "dim" -> dim = Integer.parseInt(kv[1]);
        case "queries" -> queries = Integer.parseInt(kv[1]);
        case "warmup" -> warmup = Integer.parseInt(kv[1]);
        case "seed" -> seed = Long.parseLong(kv[1]);
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'; known: n, dim, queries, warmup, seed");
      }
    }
    float[][] data = clustered(n, dim, 100, seed);
    float[][] q = clustered(queries + warmup, dim, 100, seed + 7);
    List<String> keys = new ArrayList<>(n);
    List<Metadata> meta = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add("t" + i);
      meta.add(Metadata.builder().put("genre", "g" + i % 10).build());
    }
    SearchFilter filter = SearchFilter.builder().anyOf("genre", Set.of("g3")).build();
    ExactIndex exact = ExactIndex.inMemory(dim, Similarity.COSINE);
    for (int i = 0; i < n; i++) {
      exact.upsert(keys.get(i), data[i], meta.get(i));
    }
    exact.commit();
    List<float[]> timed = Arrays.asList(q).subList(warmup, warmup + queries);
    List<List<SearchHit>> truth = search(exact, timed, SearchFilter.NONE, null);
    List<List<SearchHit>> truthFiltered = search(exact, timed, filter, null);

    List<Row> rows = new ArrayList<>();
    LuceneHnswConfig lucene = LuceneHnswConfig.builder().dimension(dim).similarity(Similarity.COSINE).maxConnections(16)
        .beamWidth(100).searchCandidates(100).build();
    try (LuceneHnswIndex idx = LuceneHnswIndex.open(lucene)) {
      rows.add(measure("LuceneHnswIndex (embedded, in memory)", idx, keys, data, meta, q, warmup, filter, truth, truthFiltered));
    }
    try (var cluster = SolrChildClusters.start(2)) {
      for (int shards : new int[] {1, 2}) {
        SolrConfig config = SolrConfig.builder().zkHosts(cluster.zkHosts()).collection("bench_" + shards).dimension(dim)
            .similarity(Similarity.COSINE).layout(shards, 1).hnsw(16, 100).searchCandidates(100).batchSize(500).build();
        try (SolrVectorIndex idx = SolrVectorIndex.open(config)) {
          rows.add(measure("SolrVectorIndex, " + shards + " shard" + (shards > 1 ? "s" : "") + " x 1 replica", idx, keys, data, meta, q,
              warmup, filter, truth, truthFiltered));
        }
      }
    }
    System.out.printf(Locale.ROOT, "n=%d dim=%d queries=%d (after %d warm-up) k=10, filter: genre in {g3} (10%%)%n%n", n, dim,
        queries, warmup);
    System.out.println("| engine | index docs/s | p50 ms | p99 ms | p50 ms, filter | p99 ms, filter | recall@10 | recall@10, filter |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f |%n", r.engine(), r.docsPerSecond(),
          r.plain()[0], r.plain()[1], r.filtered()[0], r.filtered()[1], r.recall(), r.recallFiltered());
    }
  }

  private static Row measure(String name, VectorIndex idx, List<String> keys, float[][] data, List<Metadata> meta, float[][] q,
      int warmup, SearchFilter filter, List<List<SearchHit>> truth, List<List<SearchHit>> truthFiltered) throws IOException {
    long start = System.nanoTime();
    for (int i = 0; i < keys.size(); i++) {
      idx.upsert(keys.get(i), data[i], meta.get(i));
    }
    idx.commit();
    double docsPerSecond = keys.size() / ((System.nanoTime() - start) / 1e9);
    search(idx, Arrays.asList(q).subList(0, warmup), SearchFilter.NONE, null);
    search(idx, Arrays.asList(q).subList(0, warmup), filter, null);
    List<float[]> timed = Arrays.asList(q).subList(warmup, q.length);
    long[] plainNanos = new long[timed.size()];
    long[] filteredNanos = new long[timed.size()];
    List<List<SearchHit>> plain = search(idx, timed, SearchFilter.NONE, plainNanos);
    List<List<SearchHit>> filtered = search(idx, timed, filter, filteredNanos);
    return new Row(name, docsPerSecond, percentiles(plainNanos), percentiles(filteredNanos), recall(truth, plain),
        recall(truthFiltered, filtered));
  }

  private static List<List<SearchHit>> search(VectorIndex idx, List<float[]> queries, SearchFilter f, long[] nanos)
      throws IOException {
    List<List<SearchHit>> out = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      long t = System.nanoTime();
      out.add(idx.search(queries.get(i), 10, f));
      if (nanos != null) {
        nanos[i] = System.nanoTime() - t;
      }
    }
    return out;
  }

  private static double[] percentiles(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return new double[] {s[(int) Math.floor(0.50 * (s.length - 1))] / 1e6, s[(int) Math.floor(0.99 * (s.length - 1))] / 1e6};
  }

  private static double recall(List<List<SearchHit>> truth, List<List<SearchHit>> got) {
    double hits = 0;
    double total = 0;
    for (int i = 0; i < truth.size(); i++) {
      Set<String> t = new HashSet<>();
      truth.get(i).forEach(h -> t.add(h.key()));
      for (SearchHit h : got.get(i)) {
        if (t.contains(h.key())) {
          hits++;
        }
      }
      total += t.size();
    }
    return hits / total;
  }

  /** Unit vectors around {@code clusters} random centres (Gaussian noise 0.15 a component), seeded. */
  static float[][] clustered(int n, int dim, int clusters, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) r.nextGaussian();
      }
      normalise(c);
    }
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      float[] c = centres[r.nextInt(clusters)];
      for (int j = 0; j < dim; j++) {
        v[i][j] = c[j] + (float) (r.nextGaussian() * 0.15);
      }
      normalise(v[i]);
    }
    return v;
  }

  private static void normalise(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    for (int j = 0; j < v.length; j++) {
      v[j] /= (float) Math.sqrt(norm);
    }
  }
}

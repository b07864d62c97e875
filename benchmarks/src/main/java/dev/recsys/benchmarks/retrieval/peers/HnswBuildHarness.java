package dev.recsys.benchmarks.retrieval.peers;

import dev.recsys.benchmarks.runner.HarnessArgs;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.benchmarks.retrieval.BenchData;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Similarity;
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
 * Time to build one HNSW segment from the same vectors with the same threads, side by side in one process:
 * <ul>
 *   <li>{@code RAW}: Lucene used directly ({@link LuceneRawPeer}: {@code threads} threads add vector documents, each
 *       flushed segment gets its graph, {@code forceMerge(1)} merges them on {@code threads} merge workers);
 *   <li>{@code BULK}: {@link LuceneHnswIndex#bulkLoad} (segments written without graphs, one graph built by the merge
 *       on {@code threads} workers);
 *   <li>{@code UPSERT}: {@link LuceneHnswIndex#upsertAll} then {@link LuceneHnswIndex#optimize()} (a graph per
 *       segment, rebuilt by the merge).
 * </ul>
 * Same graph parameters everywhere (M = 16, construction beam 100, cosine); each build starts from an empty
 * directory and ends committed with one segment.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *   dev.recsys.benchmarks.retrieval.peers.HnswBuildHarness n=1000000 dim=64 threads=2 modes=RAW,BULK out=build.json
 * </pre>
 */
public final class HnswBuildHarness {
  private HnswBuildHarness() {}

  /** Runs with {@code key=value} arguments (see the class comment). */
  public static void main(String[] args) throws IOException {
    HarnessArgs arguments = HarnessArgs.parse(args);
    int n = arguments.getInt("n", 100_000);
    int dim = arguments.getInt("dim", 64);
    int threads = arguments.getInt("threads", Runtime.getRuntime().availableProcessors());
    String modes = arguments.get("modes", "RAW,BULK,UPSERT");
    BenchData.Distribution dist = arguments.getEnum("dist", BenchData.Distribution.class, BenchData.Distribution.CLUSTERED);
    Path out = arguments.getPath("out", null);
    arguments.done();
    float[] data = BenchData.vectors(dist, n, dim, 1);
    System.out.printf(Locale.ROOT, "# HNSW build: n=%d dim=%d dist=%s threads=%d, %d cores, java %s%n", n, dim, dist, threads,
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.println("| build | seconds | CPU seconds | segments | vs RAW |");
    System.out.println("|---|---:|---:|---:|---:|");
    List<Map<String, Object>> rows = new ArrayList<>();
    Double raw = null;
    Path root = Files.createTempDirectory("recsys-build");
    try {
      for (String mode : modes.split(",")) {
        Path dir = root.resolve(mode);
        long t0 = System.nanoTime();
        long c0 = PeerComparison.processCpuNanos();
        int segments;
        switch (mode) {
          case "RAW" -> {
            try (LuceneRawPeer peer = LuceneRawPeer.build(data, dim, threads, dir)) {
              segments = 1;
            }
          }
          case "BULK", "UPSERT" -> {
            LuceneHnswConfig config = LuceneHnswConfig.builder().path(dir).dimension(dim).similarity(Similarity.COSINE)
                .maxConnections(PeerLibrary.M).beamWidth(PeerLibrary.BEAM_WIDTH)
                .ramBufferMb(PeerLibrary.ramBufferMb(data.length)).mergeWorkers(threads).verifyOnOpen(false).build();
            try (LuceneHnswIndex index = LuceneHnswIndex.open(config)) {
              List<String> keys = BenchData.keys(n);
              List<Metadata> metadata = Collections.nCopies(n, Metadata.EMPTY);
              if (mode.equals("BULK")) {
                index.bulkLoad(keys, data, metadata, threads);
              } else {
                index.upsertAll(keys, data, metadata, threads);
                index.optimize();
              }
              segments = index.segmentCount();
            }
          }
          default -> throw new IllegalArgumentException("unknown mode " + mode + "; known: RAW, BULK, UPSERT");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (PeerComparison.processCpuNanos() - c0) / 1e9;
        if (mode.equals("RAW")) {
          raw = seconds;
        }
        String ratio = raw == null ? "-" : String.format(Locale.ROOT, "%.2fx", seconds / raw);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %d | %s |%n", mode, seconds, cpu, segments, ratio);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("mode", mode);
        row.put("seconds", seconds);
        row.put("cpuSeconds", cpu);
        row.put("segments", segments);
        rows.add(row);
        PeerComparison.deleteTree(dir);
      }
    } finally {
      PeerComparison.deleteTree(root);
    }
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("n", n);
      doc.put("dim", dim);
      doc.put("threads", threads);
      doc.put("distribution", dist.name());
      doc.put("rows", rows);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
    }
  }
}

package dev.recsys.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.benchmarks.embedding.AutoencoderInferenceBenchmark;
import dev.recsys.benchmarks.machine.PeakFlopsBenchmark;
import java.util.List;
import java.util.Optional;

/**
 * What {@code benchmarks/run} measures, in order: one {@link JmhStep} per hot path (with the baseline each is
 * compared with), the harness programs (peer comparison, retrieval at scale) and timed commands, and the
 * {@link Target}s named in the issues. The quick profile shrinks the sizes that make a step take minutes; the full
 * profile uses the sizes the targets name.
 */
final class Plan {
  private Plan() {}

  /** The JMH steps. */
  static List<JmhStep> jmh() {
    String tidy = "spotify-songs-tidytuesday/spotify_songs.csv";
    return List.of(
        new JmhStep("memory-bandwidth", "machine\\.MemoryBandwidthBenchmark", "Memory read bandwidth, one thread")
            .display("GB/s", 1e-9),
        new JmhStep("memory-bandwidth-2t", "machine\\.MemoryBandwidthBenchmark", "Memory read bandwidth, two threads")
            .threads(2).display("GB/s", 1e-9),
        new JmhStep("csv-ingest", "data\\.CsvIngestBenchmark", "CSV ingest, TidyTuesday schema (rows/s)")
            .baseline("impl", "BASELINE_SPLIT_PARSE"),
        new JmhStep("feature-transform", "synth\\.FeatureTransformBenchmark", "Feature transform (rows/s)")
            .baseline("impl", "BASELINE_ZSCORE"),
        new JmhStep("generator", "synth\\.GeneratorBenchmark", "Synthetic catalogue generation (tracks/s)")
            .baseline("impl", "BASELINE_UNIFORM"),
        new JmhStep("pca-fit", "embedding\\.PcaFitBenchmark", "PCA fit, 1,000,000 x 15 (ms per fit)")
            .baseline("impl", "NAIVE"),
        new JmhStep("autoencoder-inference", "embedding\\.AutoencoderInferenceBenchmark",
            "PCA + autoencoder inference (batch: tracks/s; single: calls/s)")
            .gc().baseline("impl", "ND4J_BATCH"),
        // right after the inference it bounds: the autoencoder's share of the peak is read from both rows
        new JmhStep("peak-flops", "machine\\.PeakFlopsBenchmark", "FMA peak, one thread per core (FLOP/s)"),
        new JmhStep("autoencoder-training", "embedding\\.AutoencoderTrainingBenchmark",
            "Autoencoder training epoch, 100k tracks (ms per epoch)")
            .quick("batch", "256").baseline("kernel", "JAVA").iterations(1, 2, 2, 3),
        new JmhStep("exact-scan", "retrieval\\.ScanBenchmark", "Exact scan kernels, one thread (dot products/s)")
            .quick("dim", "64").baseline("kernel", "PLAIN_LOOP"),
        new JmhStep("vector-search", "retrieval\\.SearchBenchmark", "Top-10 search, one thread, SIMD on (queries/s)")
            .quick("n", "20000").quick("dim", "64").baseline("impl", "EXACT"),
        new JmhStep("vector-search-scalar", "retrieval\\.SearchBenchmark", "Top-10 search, one thread, SIMD off (queries/s)")
            .quick("n", "20000").both("dim", "64").both("simd", "off").baseline("impl", "EXACT")
            .jvmArgs("-Xmx8g", "--enable-native-access=ALL-UNNAMED"),
        new JmhStep("store-search", "retrieval\\.StoreSearchBenchmark",
            "Top-10 search, embedding store (version-filtered) vs the plain index, same vectors (latency)")
            .quick("n", "20000").baseline("impl", "INDEX"),
        new JmhStep("peer-search", "retrieval\\.peers\\.PeerSearchBenchmark",
            "Top-10 search at matched recall, recsys vs raw Lucene, hnswlib, jvector (queries/s)")
            .baseline("impl", "LUCENE_RAW").fullOnly(),
        new JmhStep("walk-step", "shuffle\\.NextTrackStepBenchmark", "Smart-shuffle next-track step, k = 50 (time per step)")
            .gc().baseline("impl", "NAIVE"),
        new JmhStep("graph-build", "shuffle\\.SimilarityGraphBuildBenchmark", "Similarity graph build, k = 50 (s per build)")
            .quick("tracks", "20000").full("tracks", "100000").full("kernel", "SIMD").iterations(0, 1, 0, 2)
            .baseline("kernel", "SCALAR"),
        new JmhStep("choice-fit", "shuffle\\.ChoiceModelFitBenchmark", "Choice-model fit (s per fit)")
            .quick("choices", "20000").baseline("method", "LBFGS").iterations(0, 1, 1, 3),
        new JmhStep("metrics", "eval\\.MetricsBenchmark", "NDCG@10 + recall@10 + MAP@10 (users/s)")
            .gc().baseline("impl", "NAIVE_HASHSET"),
        new JmhStep("item-knn", "eval\\.ItemKnnScoringBenchmark", "Item-kNN scoring, MovieLens latest-small (users/s)"),
        new JmhStep("two-tower-training", "twotower\\.TwoTowerTrainingBenchmark", "Two-tower training epoch, 8 batches (ms)")
            .quick("batch", "256").baseline("kernel", "JAVA"),
        new JmhStep("two-tower-step", "twotower\\.TwoTowerStepBenchmark",
            "Two-tower training, 64 steps of batch 256: feature two-tower (fused, ND4J, Java) vs history two-tower (ms)")
            .baseline("path", "JAVA"),
        new JmhStep("tower-inference", "twotower\\.TowerInferenceBenchmark", "Tower inference (ms per call)").gc(),
        new JmhStep("recommend-latency", "twotower\\.RecommendLatencyBenchmark",
            "Recommend top 10 for one listener at 100k tracks (latency)")
            .baseline("index", "EXACT"),
        new JmhStep("history-recommend-latency", "twotower\\.HistoryRecommendLatencyBenchmark",
            "History two-tower, top 10 for one listener with explanations (latency)")
            .quick("tracks", "10000").baseline("ensemble", "1"),
        new JmhStep("matcher-training", "matching\\.MatcherTrainingBenchmark",
            "Listener matcher fit, 2,000 listeners x 20,000 items (s per fit)").baseline("impl", "SVD"),
        new JmhStep("match-all", "matching\\.MatchAllBenchmark", "Match every listener of the store, k = 10 (s)")
            .quick("listeners", "20000").both("overlapWeighting", "BM25_IDF2").baseline("dim", "16"),
        new JmhStep("gat-inference", "gat\\.GatInferenceBenchmark", "GAT request latency, TidyTuesday graph")
            .quick("seeds", "5").baseline("impl", "SESSION_KNN").requires(tidy),
        new JmhStep("gat-training", "gat\\.GatTrainingBenchmark", "GAT training epoch (s)")
            .iterations(0, 1, 1, 2).requires(tidy),
        new JmhStep("gat-training-100k", "gat\\.GatTrainingBenchmark.oneEpochV2",
            "Content GAT training epoch, 100k-track synthetic graph (s)")
            .both("data", "SYNTHETIC_100K").iterations(0, 1, 0, 2),
        new JmhStep("ials-epoch", "factors\\.IalsEpochBenchmark", "iALS epoch, 64 factors, both cores (s)")
            .quick("size", "L20K_T10K_1M").iterations(1, 1, 1, 3).baseline("solver", "EXACT"),
        new JmhStep("bpr-epoch", "factors\\.BprEpochBenchmark", "BPR-MF epoch, 64 factors, one thread (s)")
            .quick("size", "L20K_T10K_1M").iterations(1, 1, 1, 3));
  }

  /** The harness programs and timed commands. */
  static List<ProcessStep> processes() {
    return List.of(
        new ProcessStep("peer-comparison", "Vector search peers at matched recall: build, memory, QPS",
            "dev.recsys.benchmarks.retrieval.peers.PeerComparison",
            List.of("n=20000", "dim=64", "queries=500", "dist=RANDOM", "rounds=3"),
            List.of("n=100000", "dim=64", "queries=1000", "dist=CLUSTERED,RANDOM"), "--out", null),
        new ProcessStep("retrieval-1m", "Exact scan vs Lucene HNSW at n = 1,000,000, d = 64: build, QPS, recall",
            "dev.recsys.benchmarks.retrieval.RetrievalHarness", null,
            List.of("n=1000000", "dim=64", "dist=CLUSTERED", "quant=NONE", "candidates=50,100", "queries=500", "seconds=10"),
            "out=", null),
        new ProcessStep("hnsw-build", "HNSW build into one segment, 2 threads: recsys bulkLoad vs raw Lucene, same vectors",
            "dev.recsys.benchmarks.retrieval.peers.HnswBuildHarness",
            List.of("n=100000", "dim=64", "threads=2", "modes=RAW,BULK"),
            List.of("n=1000000", "dim=64", "threads=2", "modes=RAW,BULK"), "out=", null),
        new ProcessStep("scale-curve", "Scale curve: generate, embed, index, graph, shuffle, recommend; time and memory per "
            + "stage, growth exponents", "dev.recsys.benchmarks.scale.ScaleCurve",
            List.of("sizes=10000,100000", "heap=20g"), List.of("sizes=10000,100000,1000000", "heap=20g"), "out=", null),
        new ProcessStep("generate-100k", "recsys generate --tracks 100000 --listeners 5000 (wall time)", null,
            List.of("./recsys", "generate", "--tracks", "100000", "--listeners", "5000", "--seed", "7",
                "--out", "target/bench-generate"),
            List.of("./recsys", "generate", "--tracks", "100000", "--listeners", "5000", "--seed", "7",
                "--out", "target/bench-generate"), null, null),
        new ProcessStep("web-load", "recsys serve on the TidyTuesday model: 8 clients for 60 s, latency and server RSS",
            "dev.recsys.benchmarks.web.WebLoadHarness", List.of("clients=8", "seconds=60", "warmup=10"),
            List.of("clients=8", "seconds=60", "warmup=10"), "out=", "spotify-songs-tidytuesday/spotify_songs.csv"),
        new ProcessStep("demo", "recsys demo (wall time)", null, null,
            List.of("./recsys", "demo", "--out", "target/bench-demo"), null, null));
  }

  /** The targets named in the issues. */
  static List<Target> targets() {
    return List.of(
        Target.jmh("data", "CSV ingest >= 300k rows/s, TidyTuesday schema (full reader)", "rows/s", 300_000, true,
            "CsvIngestBenchmark.ingest", Target::perSecond, "impl", "SPOTIFY_READER"),
        new Target("data", "`generate --tracks 100000 --listeners 5000` < 20 s", "s", 20, false, "generate-100k",
            Target.seconds("generate-100k")),
        Target.jmh("matching", "learned listener matcher fit, 2,000 listeners x 20,000 items < 60 s", "s", 60, false,
            "MatcherTrainingBenchmark.fit", Target::seconds, "impl", "LEARNED"),
        Target.jmh("matching", "match every listener of a 100,000-listener store, k = 10 < 60 s", "s", 60, false,
            "MatchAllBenchmark.matchAll", Target::seconds, "listeners", "100000", "dim", "64"),
        Target.jmh("embeddings", "PCA fit 1,000,000 x 15 < 1 s", "s", 1, false,
            "PcaFitBenchmark.fit", Target::seconds, "impl", "RECSYS"),
        Target.jmh("embeddings", "autoencoder inference >= 1M tracks/s (batch)", "tracks/s", 1_000_000, true,
            "AutoencoderInferenceBenchmark.batch", Target::perSecond, "impl", "JAVA_ROW"),
        Target.ratio("embeddings", "autoencoder inference >= 20% of the FMA peak (batch FLOP/s over PeakFlopsBenchmark, same run)",
            "%", 20, "AutoencoderInferenceBenchmark.batch",
            Target.median("AutoencoderInferenceBenchmark.batch",
                r -> Target.perSecond(r) * AutoencoderInferenceBenchmark.FLOPS_PER_TRACK, "impl", "JAVA_ROW"),
            Target.median("PeakFlopsBenchmark.fma", r -> PeakFlopsBenchmark.flops(Target.perSecond(r))), 100),
        Target.jmh("retrieval", "exact scan >= 100M dot products/s at d = 64 (one thread, one query, L3-resident)",
            "dot products/s", 1e8, true, "ScanBenchmark.scan", Target::perSecond, "kernel", "SIMD", "dim", "64", "rows", "100000"),
        new Target("retrieval", "exact scan >= 100M dot products/s at d = 64 (batch of queries, both cores, n = 1M)",
            "dot products/s", 1e8, true, "retrieval-1m", Target.document("retrieval-1m", d -> Optional.of(new Target.Measured(
                d.path("exactBatchDotProductsPerSecond").asDouble(), "RetrievalHarness exact searchBatch")))),
        new Target("retrieval", "HNSW >= 20x the QPS of the exact scan at n = 1M, d = 64, recall@10 >= 0.95", "x", 20, true,
            "retrieval-1m", Target.document("retrieval-1m", Plan::hnswSpeedup)),
        new Target("retrieval", "HNSW build 1M x 64 < 5 min", "s", 300, false, "retrieval-1m",
            Target.document("retrieval-1m", d -> hnswRow(d).map(r -> new Target.Measured(r.path("buildSeconds").asDouble(),
                "RetrievalHarness " + r.path("index").asText())))),
        Target.jmh("smart shuffle", "next-track step <= 1 us (k = 50, 6+ features)", "us", 1, false,
            "NextTrackStepBenchmark.step", r -> Target.seconds(r) * 1e6, "impl", "BUFFERED"),
        Target.ratio("smart shuffle", "next-track step >= 45x the naive walk (k = 50, 8 features, same run)", "x", 45,
            "NextTrackStepBenchmark.step",
            Target.median("NextTrackStepBenchmark.step", r -> 1 / Target.seconds(r), "impl", "BUFFERED", "constraints", "off"),
            Target.median("NextTrackStepBenchmark.step", r -> 1 / Target.seconds(r), "impl", "NAIVE", "constraints", "off"), 1),
        Target.ratio("data", "full CSV reader >= 0.6x the tokenizer with number parsing (TidyTuesday, same run)", "x", 0.6,
            "CsvIngestBenchmark.ingest",
            Target.median("CsvIngestBenchmark.ingest", Target::perSecond, "impl", "SPOTIFY_READER"),
            Target.median("CsvIngestBenchmark.ingest", Target::perSecond, "impl", "TOKENIZER_PARSE"), 1),
        new Target("retrieval", "HNSW build into one segment <= 1.2x raw Lucene's time, same vectors and threads (1M x 64 in full)",
            "x", 1.2, false, "hnsw-build", Target.document("hnsw-build", Plan::buildRatio)),
        Target.ratio("retrieval", "int7 HNSW >= the QPS of float HNSW at n = 100k, d = 64 (top 3k re-scored, same run)", "x", 1,
            "SearchBenchmark.search",
            Target.median("SearchBenchmark.search", Target::perSecond, "impl", "HNSW_INT7", "n", "100000", "dim", "64", "simd", "on"),
            Target.median("SearchBenchmark.search", Target::perSecond, "impl", "HNSW", "n", "100000", "dim", "64", "simd", "on"), 1),
        Target.ratio("retrieval", "int4 HNSW >= the QPS of float HNSW at n = 100k, d = 64 (top 5k re-scored, same run)", "x", 1,
            "SearchBenchmark.search",
            Target.median("SearchBenchmark.search", Target::perSecond, "impl", "HNSW_INT4", "n", "100000", "dim", "64", "simd", "on"),
            Target.median("SearchBenchmark.search", Target::perSecond, "impl", "HNSW", "n", "100000", "dim", "64", "simd", "on"), 1),
        Target.ratioAtMost("retrieval", "version-filtered store search <= 1.2x the plain index's latency (p50, same vectors, same run)",
            "x", 1.2, "StoreSearchBenchmark.search",
            Target.median("StoreSearchBenchmark.search", Target::seconds, "impl", "STORE"),
            Target.median("StoreSearchBenchmark.search", Target::seconds, "impl", "INDEX")),
        Target.jmh("smart shuffle", "next-track step allocates nothing (-prof gc)", "B/op", 1, false,
            "NextTrackStepBenchmark.step", ResultRow::allocBytesPerOp, "impl", "BUFFERED"),
        Target.jmh("smart shuffle", "similarity graph build, 100k tracks, k = 50 < 60 s", "s", 60, false,
            "SimilarityGraphBuildBenchmark.build", Target::seconds, "tracks", "100000"),
        Target.jmh("evaluation", "NDCG + recall + MAP@10 >= 1M users/s, one thread", "users/s", 1_000_000, true,
            "MetricsBenchmark.ndcgRecallMap", Target::perSecond, "impl", "FUSED"),
        Target.jmh("two-tower", "recommend p50 < 2 ms at 100k tracks (embed + HNSW + filter)", "ms", 2, false,
            "RecommendLatencyBenchmark.recommendTop10", r -> Target.seconds(r) * 1e3, "index", "HNSW"),
        Target.jmh("two-tower", "training >= 50,000 examples/s at batch 256 on 2 cores (fused kernel)", "examples/s",
            50_000, true, "TwoTowerStepBenchmark.train",
            r -> Integer.parseInt(r.params().get("batches")) * 256 / Target.seconds(r), "path", "FUSED"),
        Target.jmh("factor models", "iALS epoch < 10 s at 100k listeners x 50k tracks x 5M interactions, 64 factors",
            "s", 10, false, "IalsEpochBenchmark.ialsEpoch", Target::seconds, "size", "L100K_T50K_5M", "solver", "CG"),
        Target.jmh("graph attention", "inference p50 < 5 ms (next track)", "ms", 5, false,
            "GatInferenceBenchmark.recommend", r -> Target.seconds(r) * 1e3, "impl", "GAT_NEXT"),
        Target.jmh("graph attention", "content GAT inference p50 < 5 ms (next track, 5 seeds)", "ms", 5, false,
            "GatInferenceBenchmark.recommend", r -> Target.seconds(r) * 1e3, "impl", "GAT_V2", "seeds", "5"),
        Target.jmh("graph attention", "content GAT training epoch on the TidyTuesday graph < 5 s", "s", 5, false,
            "GatTrainingBenchmark.oneEpochV2", Target::seconds, "data", "TIDYTUESDAY"),
        Target.jmh("graph attention", "content GAT training epoch on a 100k-track synthetic graph < 30 s", "s", 30,
            false, "GatTrainingBenchmark.oneEpochV2", Target::seconds, "data", "SYNTHETIC_100K"),
        new Target("web", "`recsys serve`, 8 clients x 60 s on TidyTuesday: p99 latency < 100 ms", "ms", 100, false,
            "web-load", Target.document("web-load", d -> Optional.of(new Target.Measured(d.path("p99Ms").asDouble(),
                "WebLoadHarness, " + d.path("requests").asInt() + " requests")))),
        new Target("web", "`recsys serve`, 8 clients x 60 s on TidyTuesday: server peak RSS < 1.5 GiB", "MiB", 1536, false,
            "web-load", Target.document("web-load", d -> Optional.of(new Target.Measured(d.path("serverPeakRssMiB").asDouble(),
                "WebLoadHarness, VmHWM of the server process")))),
        new Target("product face", "`recsys demo` < 2 min", "s", 120, false, "demo", Target.seconds("demo")));
  }

  private static Optional<JsonNode> hnswRow(JsonNode doc) {
    JsonNode best = null;
    for (JsonNode r : doc.path("rows")) {
      if (r.path("index").asText().startsWith("hnsw") && r.path("recallAt10").asDouble() >= 0.95
          && (best == null || r.path("qps").asDouble() > best.path("qps").asDouble())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<Target.Measured> buildRatio(JsonNode doc) {
    JsonNode raw = null;
    JsonNode bulk = null;
    for (JsonNode r : doc.path("rows")) {
      switch (r.path("mode").asText()) {
        case "RAW" -> raw = r;
        case "BULK" -> bulk = r;
        default -> { }
      }
    }
    if (raw == null || bulk == null || raw.path("seconds").asDouble() <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Target.Measured(bulk.path("seconds").asDouble() / raw.path("seconds").asDouble(),
        "HnswBuildHarness n=" + doc.path("n").asInt() + ": BULK " + Target.format(bulk.path("seconds").asDouble())
            + " s / RAW " + Target.format(raw.path("seconds").asDouble()) + " s"));
  }

  private static Optional<Target.Measured> hnswSpeedup(JsonNode doc) {
    JsonNode exact = null;
    for (JsonNode r : doc.path("rows")) {
      if (r.path("index").asText().startsWith("exact")) {
        exact = r;
      }
    }
    JsonNode exactRow = exact;
    return hnswRow(doc).filter(r -> exactRow != null).map(r -> new Target.Measured(
        r.path("qps").asDouble() / exactRow.path("qps").asDouble(),
        "RetrievalHarness " + r.path("index").asText() + " (recall " + Target.format(r.path("recallAt10").asDouble()) + ")"));
  }
}

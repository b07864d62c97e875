package dev.recsys.benchmarks.scale;

import dev.recsys.benchmarks.retrieval.BenchData;
import dev.recsys.core.eval.baselines.ItemKnnRecommender;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.embedding.PcaPlugin;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The pipeline from an empty JVM to recommendations at one catalogue size, stage by stage, with the SDK's public API
 * only, each stage timed and its memory measured by a {@link StageMeter}:
 * <ol>
 *   <li><b>generate</b>: {@link SyntheticWorld#generate} of {@code tracks} tracks and {@link #listenersFor} listeners
 *       (output: the live heap the world adds);</li>
 *   <li><b>embed</b>: the feature pipeline ({@link FeatureConfig#audioAndMetadata()}) and the {@value PcaPlugin#NAME}
 *       embedder plugin with its default configuration (95% of the variance), fitted and applied to every track
 *       (output: the track vectors, {@code tracks × dimension × 4} bytes). The autoencoder the CLI adds on top trains
 *       for 60 epochs, each linear in the catalogue; its epoch cost is measured by {@code AutoencoderTrainingBenchmark};</li>
 *   <li><b>index</b>: every vector into a {@link LuceneHnswIndex} on disk (cosine, default graph parameters, all
 *       cores) and merged into one segment ({@code upsertAll}, then {@code optimize}, timed apart; {@code recsys
 *       index} uses {@code bulkLoad}, which skips the per-segment graphs, see {@code HnswBuildHarness}) (output: the
 *       index directory);</li>
 *   <li><b>graph</b>: the k = 50 {@link SimilarityGraph} by {@link SimilarityGraphBuilder#fromIndex}, one HNSW query per
 *       track. The exact builder scores all pairs (quadratic) and serves as the recall reference at 100k tracks in
 *       {@code SimilarityGraphBuildBenchmark}; the curve uses the index path at every size so that it measures one
 *       algorithm (output: offsets, neighbours and weights, 4 bytes each);</li>
 *   <li><b>shuffle</b>: {@link SoftmaxWalkSampler} with the default eight features and weights: {@code walks} walks of
 *       {@code walkLength} tracks from seeded random start tracks, one {@link ListeningHistory} cleared between walks
 *       (output: that history's catalogue-sized table, the per-session memory of the walk). The time per step is
 *       reported over all walks (the first ones run before the JIT has compiled the step) and over the second half
 *       (warm);</li>
 *   <li><b>recommend</b>: the interaction table of the world's plays, an {@link ItemKnnRecommender} (100 neighbours
 *       per track) fitted on it, and top-10 recommendations for {@code queries} seeded random listeners, heard
 *       tracks excluded (output: the live heap the table and the model add).</li>
 * </ol>
 * Each stage keeps only what the next stages use (the features are dropped after embedding, the vectors after
 * indexing, the index after the graph, the graph after the shuffle), as an application running the pipeline would.
 *
 * <p>Deterministic: the world, the PCA, the walks and the queried listeners all follow {@code seed}; only the
 * times and memory vary between runs.
 */
public final class ScalePipeline {
  /** The stages, in order. */
  public static final List<String> STAGES = List.of("generate", "embed", "index", "graph", "shuffle", "recommend");

  /** Tracks per listener: {@code listeners = tracks / 20}, so plays (about 120 per listener) grow with the catalogue. */
  public static final int TRACKS_PER_LISTENER = 20;

  /** Fewest listeners of a world, so that small catalogues still have interactions to fit. */
  public static final int MIN_LISTENERS = 100;

  /**
   * What to run at one size.
   *
   * @param tracks catalogue size, in [1000, 50,000,000]
   * @param walks shuffle walks, at least 1
   * @param walkLength tracks per walk, at least 2
   * @param queries recommendation queries, at least 1
   * @param seed the seed of everything
   * @param threads worker threads of the index and the graph
   * @param work directory for the index (deleted after the graph)
   */
  public record Settings(int tracks, int walks, int walkLength, int queries, long seed, int threads, Path work) {
    /** Validates. */
    public Settings {
      if (tracks < 1000 || tracks > 50_000_000) {
        throw new IllegalArgumentException("tracks must be in [1000, 50000000]; tracks=" + tracks);
      }
      if (walks < 1 || walkLength < 2 || queries < 1 || threads < 1) {
        throw new IllegalArgumentException("walks, queries and threads must be >= 1 and walkLength >= 2; walks=" + walks
            + ", walkLength=" + walkLength + ", queries=" + queries + ", threads=" + threads);
      }
    }

    /**
     * 1,000 walks of 50 tracks, 1,000 queries, seed 7, all cores, the temporary directory.
     *
     * @param tracks the catalogue size
     * @return the settings
     */
    public static Settings of(int tracks) {
      return new Settings(tracks, 1000, 50, 1000, 7, Runtime.getRuntime().availableProcessors(),
          Path.of(System.getProperty("java.io.tmpdir")));
    }
  }

  private ScalePipeline() {}

  /**
   * Listeners of a world of {@code tracks} tracks: {@code max(100, tracks / 20)}.
   *
   * @param tracks the catalogue size
   * @return the number of listeners
   */
  public static int listenersFor(int tracks) {
    return Math.max(MIN_LISTENERS, tracks / TRACKS_PER_LISTENER);
  }

  /**
   * Runs every stage at {@code settings.tracks()} in this JVM.
   *
   * @param settings what to run
   * @param log receives one line per stage
   * @return the result
   * @throws IOException when the index fails
   */
  public static SizeResult run(Settings settings, PrintStream log) throws IOException {
    int n = settings.tracks();
    List<StageResult> stages = new ArrayList<>();
    long started = System.nanoTime();
    Path dir = Files.createTempDirectory(Files.createDirectories(settings.work()), "scale-" + n + "-");
    try (StageMeter meter = new StageMeter(50)) {
      // generate
      long live = meter.begin();
      long t0 = System.nanoTime();
      SyntheticWorld world = SyntheticWorld.generate(SynthConfig.builder().tracks(n).listeners(listenersFor(n))
          .seed(settings.seed()).build());
      double s = seconds(t0);
      StageMeter.Memory m = meter.end(live);
      Catalog catalog = world.catalog();
      stages.add(log(log, n, stage("generate", s, m, m.retained(), Map.of("artists", world.artists().size(),
          "listeners", world.listeners().size(), "plays", world.eventCount()))));

      // embed
      live = meter.begin();
      t0 = System.nanoTime();
      FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
      EmbeddingModel pca = pca().fit(x, TrainingListener.NONE);
      FeatureMatrix vectors = pca.embedAll(x);
      s = seconds(t0);
      int featureColumns = x.cols();
      x = null;
      m = meter.end(live);
      int d = vectors.cols();
      stages.add(log(log, n, stage("embed", s, m, 4L * vectors.data().length,
          Map.of("embedder", PcaPlugin.NAME, "featureColumns", featureColumns, "dimension", d))));

      // index
      live = meter.begin();
      t0 = System.nanoTime();
      Path indexDir = dir.resolve("index");
      LuceneHnswIndex index = LuceneHnswIndex.open(LuceneHnswConfig.builder().path(indexDir).dimension(d)
          .similarity(Similarity.COSINE).ramBufferMb(Math.max(64, Math.min(4096, 3.0 * vectors.data().length * 4 / (1 << 20))))
          .mergeWorkers(settings.threads()).build());
      List<String> ids = catalog.ids().ids();
      index.upsertAll(ids, vectors.data(), Collections.nCopies(n, Metadata.EMPTY), settings.threads());
      double load = seconds(t0);
      index.optimize();
      s = seconds(t0);
      vectors = null;
      m = meter.end(live);
      long indexBytes = directoryBytes(indexDir);
      stages.add(log(log, n, stage("index", s, m, indexBytes, Map.of("loadSeconds", load, "mergeSeconds", s - load,
          "segments", index.segmentCount(), "threads", settings.threads()))));

      // graph
      live = meter.begin();
      t0 = System.nanoTime();
      SimilarityGraph graph = SimilarityGraphBuilder.fromIndex(index, catalog,
          SimilarityGraphConfig.defaults().withK(SimilarityGraphConfig.DEFAULT_K).withThreads(settings.threads())).graph();
      s = seconds(t0);
      index.close();
      index = null;
      BenchData.deleteTree(indexDir);
      m = meter.end(live);
      long graphBytes = 4L * (graph.offsets().length + graph.neighbours().length + graph.weights().length);
      stages.add(log(log, n, stage("graph", s, m, graphBytes, Map.of("method", "fromIndex (one HNSW query per track)",
          "k", SimilarityGraphConfig.DEFAULT_K, "edges", graph.edgeCount(), "isolated", graph.isolatedCount()))));

      // shuffle
      live = meter.begin();
      t0 = System.nanoTime();
      int[] clusters = new int[n];
      for (int t = 0; t < n; t++) {
        clusters[t] = world.trackGenre(t);
      }
      SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(graph, TrackAttributes.of(catalog, clusters),
          SoftmaxWalkConfig.defaults());
      ListeningHistory history = new ListeningHistory(n, walk.config().historyWindow());
      SplittableRandom random = new SplittableRandom(settings.seed());
      long walkNanos = 0;
      long warmNanos = 0;
      int warmFrom = settings.walks() / 2;
      Set<Integer> visited = new HashSet<>();
      for (int w = 0; w < settings.walks(); w++) {
        history.clear();
        int start = random.nextInt(n);
        long w0 = System.nanoTime();
        int[] tracks = walk.walk(start, settings.walkLength(), history, random);
        long took = System.nanoTime() - w0;
        walkNanos += took;
        if (w >= warmFrom) {
          warmNanos += took;
        }
        for (int t : tracks) {
          visited.add(t);
        }
      }
      s = seconds(t0);
      long steps = (long) settings.walks() * (settings.walkLength() - 1);
      graph = null;
      walk = null;
      m = meter.end(live);
      stages.add(log(log, n, stage("shuffle", s, m, 4L * n, Map.of("walks", settings.walks(),
          "walkLength", settings.walkLength(), "microsPerStep", walkNanos / 1e3 / steps,
          "microsPerStepWarm", warmNanos / 1e3 / ((long) (settings.walks() - warmFrom) * (settings.walkLength() - 1)),
          "distinctTracks", visited.size()))));
      history = null;

      // recommend
      live = meter.begin();
      t0 = System.nanoTime();
      Interactions plays = world.interactions();
      ItemKnnRecommender knn = ItemKnnRecommender.fit(plays, ItemKnnRecommender.Config.defaults());
      double fit = seconds(t0);
      IdIndex users = plays.users();
      long[] latency = new long[settings.queries()];
      int results = 0;
      for (int q = 0; q < latency.length; q++) {
        String listener = users.id(random.nextInt(users.size()));
        long q0 = System.nanoTime();
        results += knn.recommend(RecommendationQuery.forListener(listener, 10)).size();
        latency[q] = System.nanoTime() - q0;
      }
      s = seconds(t0);
      m = meter.end(live);
      // the model and its table are the stage's output: keep them reachable through the measurement
      Reference.reachabilityFence(knn);
      Reference.reachabilityFence(plays);
      Arrays.sort(latency);
      stages.add(log(log, n, stage("recommend", s, m, m.retained(), Map.of("recommender", ItemKnnRecommender.NAME,
          "fitSeconds", fit, "queries", latency.length, "p50Millis", quantile(latency, 0.5) / 1e6,
          "p99Millis", quantile(latency, 0.99) / 1e6, "meanResults", results / (double) latency.length))));

      return new SizeResult(n, world.listeners().size(), world.eventCount(), seconds(started),
          Runtime.getRuntime().maxMemory(), dev.recsys.benchmarks.machine.ProcStatus.self("VmHWM"), List.copyOf(stages));
    } finally {
      BenchData.deleteTree(dir);
    }
  }

  /** The {@value PcaPlugin#NAME} embedder, looked up by name as a saved model or a config file would. */
  private static Embedder pca() {
    return create(PluginRegistry.load(EmbedderPlugin.class).get(PcaPlugin.NAME));
  }

  private static <C> Embedder create(EmbedderPlugin<C> plugin) {
    return plugin.create(plugin.defaultConfig());
  }

  private static StageResult stage(String name, double seconds, StageMeter.Memory m, long output, Map<String, Object> details) {
    return new StageResult(name, seconds, m.peakHeapAfterGc(), m.peakUsedHeap(), m.liveAtEnd(), m.retained(), m.peakRss(),
        output, new LinkedHashMap<>(details));
  }

  private static StageResult log(PrintStream log, int n, StageResult r) {
    log.printf(Locale.ROOT, "%,12d tracks  %-9s %9.2f s  heap after GC %,9.1f MiB  used %,9.1f MiB  RSS %,9.1f MiB  output %,9.1f MiB  %s%n",
        n, r.stage(), r.seconds(), r.peakHeapAfterGcBytes() / MIB, r.peakUsedHeapBytes() / MIB, r.peakRssBytes() / MIB,
        r.outputBytes() / MIB, r.details());
    log.flush();
    return r;
  }

  private static final double MIB = 1024.0 * 1024.0;

  /** The {@code q}-quantile of sorted values (nearest rank). */
  static double quantile(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}

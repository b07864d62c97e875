package dev.recsys.it;

import dev.recsys.core.config.ConfigLoader;
import dev.recsys.core.config.PipelineConfig;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.plugin.PluginKind;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.plugin.VectorIndexPlugin;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the smart shuffle on a synthetic catalogue with recsys-core and recsys-graph only, beside the application's
 * own sampler, and searches with its own index found by name. Prints what it did, one fact per line
 * ({@code key: value}), including the modules it ran in, so a launcher can check it ran on the module path.
 */
public final class ShuffleApp {
  /** The pipeline file the application reads: its own index, sampler and recommender, selected by name. */
  static final String PIPELINE = """
      seed: 7
      index:
        type: flat-scan
        params: { dimension: %d, similarity: COSINE }
      sampler:
        type: tempo-step
        params: { sameGenre: 0.75 }
      recommender:
        type: co-listen
        params: { minCoListens: 2 }
      """;

  private ShuffleApp() {}

  /** Arguments: optional track count (default 400) and seed (default 7). */
  public static void main(String[] args) throws IOException {
    int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
    run(tracks, seed, System.out);
  }

  /** The shuffle run, written to {@code out}. */
  public static void run(int tracks, long seed, PrintStream out) throws IOException {
    out.println("module: " + ShuffleApp.class.getModule().getName());
    out.println("graph-module: " + SoftmaxWalkSampler.class.getModule().getName());
    out.println("core-module: " + Catalog.class.getModule().getName());
    out.println("nd4j: " + (ModuleLayer.boot().findModule("nd4j.api").isPresent() ? "present" : "absent"));

    SyntheticWorld world = SyntheticWorld.generate(SynthConfig.builder().seed(seed).tracks(tracks).listeners(10).threads(1).build());
    Catalog catalog = world.catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.defaults()).fit(catalog).transform(catalog);
    float[] data = x.data(); // the graph builder and the cosine index normalise for themselves
    List<Metadata> meta = new ArrayList<>();
    for (int i = 0; i < catalog.size(); i++) {
      meta.add(Metadata.builder().put("genre", catalog.get(i).genres()).build());
    }
    TrackVectors vectors = new TrackVectors(catalog.ids().ids(), x.cols(), data, meta);
    SimilarityGraph graph = SimilarityGraphBuilder.exact(vectors, catalog, SimilarityGraphConfig.defaults()).graph();
    SoftmaxWalkSampler smart = SoftmaxWalkSampler.create(graph, TrackAttributes.of(catalog), SoftmaxWalkConfig.defaults());
    print(out, "smart-shuffle", smart, catalog, seed);

    // the application's own plugins, selected by name from a pipeline file and opened through their kinds
    PipelineConfig pipeline = ConfigLoader.standard().parse(PIPELINE.formatted(x.cols()), "pipeline.yaml", true);
    NextTrackSampler tempo = pipeline.open("sampler", PluginKind.SAMPLER).orElseThrow().create(catalog, vectors);
    print(out, "tempo-shuffle", tempo, catalog, seed);
    RecommenderTrainer coListen = pipeline.open("recommender", PluginKind.RECOMMENDER).orElseThrow();
    Recommender fitted = coListen.fit(world.interactions(), catalog);
    String listener = world.interactions().users().id(0);
    out.println("recommend-first-listener: " + fitted.recommend(RecommendationQuery.forListener(listener, 5)).stream()
        .map(Recommendation::itemId).toList());

    PluginRegistry<VectorIndexPlugin<?>> indexes = PluginKind.VECTOR_INDEX.registry();
    out.println("index-plugins: " + indexes.names());
    out.println("sampler-plugins: " + PluginKind.SAMPLER.registry().names());
    try (VectorIndex index = pipeline.open("index", PluginKind.VECTOR_INDEX).orElseThrow()) {
      for (int i = 0; i < catalog.size(); i++) {
        index.upsert(catalog.get(i).id(), Arrays.copyOfRange(data, i * x.cols(), (i + 1) * x.cols()), meta.get(i));
      }
      index.commit();
      List<SearchHit> hits = index.searchByKey(catalog.get(0).id(), 5, SearchFilter.NONE);
      out.println("similar-to-first: " + hits.stream().map(SearchHit::key).toList());
    }
    out.println("shadowed-plugins: " + Plugins.shadowed().size());
  }

  private static void print(PrintStream out, String label, NextTrackSampler sampler, Catalog catalog, long seed) {
    int[] walk = sampler.walk(0, 12, new ListeningHistory(catalog.size(), 50), new SplittableRandom(seed));
    List<String> ids = Arrays.stream(walk).mapToObj(i -> catalog.get(i).id()).toList();
    out.println(label + ": " + ids);
    // the last pick's explanation: replay the history up to it
    ListeningHistory h = new ListeningHistory(catalog.size(), 50);
    for (int i = 0; i < walk.length - 1; i++) {
      h.play(walk[i]);
    }
    NextTrackDistribution d = sampler.distribution(walk[walk.length - 2], h);
    for (int c = 0; c < d.size(); c++) {
      if (d.candidates()[c] == walk[walk.length - 1]) {
        Explanation e = d.explain(c);
        out.println(label + "-last-pick: " + e.summary() + " " + e.factors().stream()
            .map(f -> f.label() + "=" + String.format("%.3f", f.contribution())).toList());
      }
    }
  }
}

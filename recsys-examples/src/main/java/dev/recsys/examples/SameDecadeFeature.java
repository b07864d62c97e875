package dev.recsys.examples;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.WalkContext;
import dev.recsys.graph.shuffle.WalkFeature;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A custom smart-shuffle feature: "same decade" is 1 when the candidate was released in the same decade as the
 * current track, 0 otherwise or when either release year is unknown. It is plugged into the softmax walk beside the
 * built-in features with its own weight, and shows up in every explanation. Run: {@code ./recsys example feature}.
 */
public final class SameDecadeFeature implements WalkFeature {
  private final int[] decade;

  /** Precomputes each track's decade (-1 when the release date is unknown), so the hot path only reads an array. */
  public SameDecadeFeature(Catalog catalog) {
    decade = new int[catalog.size()];
    for (int t = 0; t < decade.length; t++) {
      decade[t] = catalog.get(t).releaseDate().map(ReleaseDate::year).map(y -> y / 10).orElse(-1);
    }
  }

  @Override
  public String name() {
    return "same-decade";
  }

  @Override
  public double compute(int candidate, WalkContext context) {
    int a = decade[context.current()];
    return a >= 0 && a == decade[candidate] ? 1 : 0;
  }

  /**
   * A walk with the built-in features plus this one (weight {@code weight}).
   */
  public static SoftmaxWalkSampler walkWith(SimilarityGraph graph, Catalog catalog, double weight) {
    SoftmaxWalkConfig config = SoftmaxWalkConfig.defaults();
    List<WalkFeature> features = new ArrayList<>();
    for (String name : config.featureNames()) {
      features.add(WalkFeatures.builtIn(name, config));
    }
    features.add(new SameDecadeFeature(catalog));
    double[] weights = Arrays.copyOf(config.weightArray(), features.size());
    weights[weights.length - 1] = weight;
    return new SoftmaxWalkSampler(graph, TrackAttributes.of(catalog), features, weights, config);
  }

  /** Shows the first step's explanation with the custom feature. */
  public static void main(String[] args) {
    SyntheticWorld world = SyntheticWorld.generate(SynthConfig.builder().tracks(2_000).listeners(10).seed(3).build());
    Catalog catalog = world.catalog();
    FeatureMatrix x = new FeaturePipeline(
        FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    List<Metadata> meta = new ArrayList<>();
    catalog.tracks().forEach(t -> meta.add(Metadata.EMPTY));
    SimilarityGraph graph = SimilarityGraphBuilder.exact(
        new TrackVectors(catalog.ids().ids(), x.cols(), x.data(), meta), catalog,
        SimilarityGraphConfig.defaults()).graph();
    SoftmaxWalkSampler walk = walkWith(graph, catalog, 2.0);
    ListeningHistory history = new ListeningHistory(catalog.size(), 50);
    history.play(0);
    NextTrackDistribution d = walk.distribution(0, history);
    int best = 0;
    for (int c = 1; c < d.size(); c++) {
      if (d.probabilities()[c] > d.probabilities()[best]) {
        best = c;
      }
    }
    System.out.println("features: " + d.featureNames());
    System.out.println("after " + catalog.get(0).displayTitle() + " (" + catalog.get(0).releaseDate().orElse(null) + "), most likely "
        + catalog.get(d.candidates()[best]).displayTitle() + " (" + catalog.get(d.candidates()[best]).releaseDate().orElse(null) + "):");
    d.explain(best).factors().forEach(f -> System.out.printf("  %-14s value %6.3f contribution %+.3f%n", f.label(), f.value(), f.contribution()));
  }
}

package dev.recsys.graph.shuffle;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.plugin.NextTrackSamplerPlugin;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import java.util.Objects;
import java.util.Set;

/**
 * The next-track samplers of this module as {@link NextTrackSamplerPlugin}s, registered by name in
 * {@code module-info.java} and {@code META-INF/services}: {@value SoftmaxWalkSampler#NAME} (the smart shuffle),
 * {@value UniformShuffleSampler#NAME} and {@value #SIMILARITY_WALK} (its two baselines). The graph samplers build an
 * exact cosine {@link SimilarityGraph} over the vectors when created; clusters are the tracks' first genre labels
 * ({@link TrackAttributes#of(Catalog)}).
 *
 * <p>The graph walks read back the saved parts they are built from: {@link TrackVectors} and
 * {@link SimilarityGraph} for both, and the {@link ChoiceModel} that fits the smart shuffle's weights for
 * {@value SoftmaxWalkSampler#NAME} ({@link dev.recsys.core.plugin.Plugins#load(java.nio.file.Path, Class)}).
 */
public final class SamplerPlugins {
  /** The plugin name of the similarity-only walk. */
  public static final String SIMILARITY_WALK = "similarity-walk";

  private SamplerPlugins() {}

  /**
   * Configuration of {@value SoftmaxWalkSampler#NAME}.
   *
   * @param neighbours graph neighbours per track, in [1, 10000]
   * @param walk the walk's features, weights, constraints and temperature
   */
  public record WalkConfig(int neighbours, SoftmaxWalkConfig walk) {
    /** Validates the fields. */
    public WalkConfig {
      Checks.inRange("neighbours", neighbours, 1, 10_000);
      Objects.requireNonNull(walk, "walk");
    }
  }

  /**
   * Configuration of {@value #SIMILARITY_WALK}.
   *
   * @param neighbours graph neighbours per track, in [1, 10000]
   * @param temperature softmax temperature over the cosine weights, &gt; 0 (lower follows the nearest more closely)
   */
  public record SimilarityWalkConfig(int neighbours, double temperature) {
    /** Validates the fields. */
    public SimilarityWalkConfig {
      Checks.inRange("neighbours", neighbours, 1, 10_000);
      Checks.positive("temperature", temperature);
    }
  }

  /** The saved parts both graph walks read. */
  private static final Set<String> GRAPH_PARTS = Set.of(TrackVectors.PROVIDER, SimilarityGraph.PROVIDER);
  /** The saved parts the smart shuffle reads: the graph walk's and its fitted weights. */
  private static final Set<String> WALK_PARTS =
      Set.of(TrackVectors.PROVIDER, SimilarityGraph.PROVIDER, ChoiceModel.PROVIDER);

  /**
   * A sampler plugin that walks a similarity graph and reads back the saved parts it is built from.
   *
   * @param <C> its configuration record
   */
  abstract static class GraphWalkPlugin<C> implements NextTrackSamplerPlugin<C> {
    private final Set<String> parts;

    GraphWalkPlugin(Set<String> parts) {
      this.parts = parts;
    }

    @Override
    public Set<String> providers() {
      return parts;
    }

    /** Reads a saved part of the walk: track vectors, a similarity graph or, for the smart shuffle, a choice model. */
    @Override
    public SaveableModel load(ModelContainer container) throws ModelFormatException {
      String provider = container.provider();
      String source = "'" + provider + "' container";
      if (parts.contains(provider)) {
        switch (provider) {
          case TrackVectors.PROVIDER:
            return TrackVectors.load(container, source);
          case SimilarityGraph.PROVIDER:
            return SimilarityGraph.load(container, source);
          case ChoiceModel.PROVIDER:
            return ChoiceModel.load(container, source);
          default:
            break;
        }
      }
      throw new ModelFormatException("sampler plugin '" + name() + "' reads " + new java.util.TreeSet<>(parts)
          + ", not provider '" + provider + "'");
    }
  }

  static SimilarityGraph graph(Catalog catalog, TrackVectors vectors, int k) {
    Objects.requireNonNull(catalog, "catalog");
    if (vectors == null) {
      throw new IllegalArgumentException("a graph walk needs track vectors to build its similarity graph; got none");
    }
    return SimilarityGraphBuilder.exact(vectors, catalog, SimilarityGraphConfig.defaults().withK(k)).graph();
  }

  /** {@value SoftmaxWalkSampler#NAME}: the smart shuffle with the default weights and hard constraints. */
  public static final class SoftmaxWalk extends GraphWalkPlugin<WalkConfig> {
    /** Public for {@link java.util.ServiceLoader}. Reads track vectors, similarity graphs and choice models. */
    public SoftmaxWalk() {
      super(WALK_PARTS);
    }

    @Override
    public String name() {
      return SoftmaxWalkSampler.NAME;
    }

    @Override
    public String description() {
      return "smart shuffle: softmax walk on the similarity graph, no repeat within 50 plays, no artist twice within 3";
    }

    @Override
    public Class<WalkConfig> configType() {
      return WalkConfig.class;
    }

    @Override
    public WalkConfig defaultConfig() {
      return new WalkConfig(SimilarityGraphConfig.DEFAULT_K, SoftmaxWalkConfig.defaults());
    }

    @Override
    public NextTrackSampler create(WalkConfig config, Catalog catalog, TrackVectors vectors) {
      return SoftmaxWalkSampler.create(graph(catalog, vectors, config.neighbours()), TrackAttributes.of(catalog), config.walk());
    }
  }

  /** {@value #SIMILARITY_WALK}: the coherence baseline, a softmax over cosine weights only, no constraints. */
  public static final class SimilarityWalk extends GraphWalkPlugin<SimilarityWalkConfig> {
    /** Public for {@link java.util.ServiceLoader}. Reads track vectors and similarity graphs. */
    public SimilarityWalk() {
      super(GRAPH_PARTS);
    }

    @Override
    public String name() {
      return SIMILARITY_WALK;
    }

    @Override
    public String description() {
      return "baseline: walk to a neighbour by softmax of cosine similarity only";
    }

    @Override
    public Class<SimilarityWalkConfig> configType() {
      return SimilarityWalkConfig.class;
    }

    @Override
    public SimilarityWalkConfig defaultConfig() {
      return new SimilarityWalkConfig(SimilarityGraphConfig.DEFAULT_K, 0.1);
    }

    @Override
    public NextTrackSampler create(SimilarityWalkConfig config, Catalog catalog, TrackVectors vectors) {
      return SoftmaxWalkSampler.similarityOnly(graph(catalog, vectors, config.neighbours()), TrackAttributes.of(catalog),
          config.temperature());
    }
  }

  /** {@value UniformShuffleSampler#NAME}: the plain shuffle baseline, uniform without replacement; ignores vectors. */
  public static final class UniformShuffle implements NextTrackSamplerPlugin<NoConfig> {
    /** Public for {@link java.util.ServiceLoader}. */
    public UniformShuffle() {}

    @Override
    public String name() {
      return UniformShuffleSampler.NAME;
    }

    @Override
    public String description() {
      return "baseline: uniform shuffle of the whole catalogue without replacement";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return NoConfig.INSTANCE;
    }

    @Override
    public NextTrackSampler create(NoConfig config, Catalog catalog, TrackVectors vectors) {
      return new UniformShuffleSampler(Objects.requireNonNull(catalog, "catalog").size());
    }
  }
}

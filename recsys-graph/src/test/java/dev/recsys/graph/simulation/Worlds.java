package dev.recsys.graph.simulation;

import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;

/** Shared small fixtures: a synthetic world with its graph and default walk, cached per size. */
public final class Worlds {
  private static final java.util.Map<Integer, Fixture> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private Worlds() {}

  /** A world with its exact graph (k=30) and the default smart walk. */
  public record Fixture(SyntheticWorld world, SimilarityGraph graph, TrackAttributes attributes, SoftmaxWalkSampler walk) {
    /**
     * The default walk without the hard constraints: every feature varies within its candidate sets, so choice
     * models fitted on its simulated choices can identify every weight.
     */
    public SoftmaxWalkSampler unconstrained() {
      return SoftmaxWalkSampler.create(graph, attributes, SoftmaxWalkConfig.builder().unconstrained().build());
    }
  }

  /** The fixture of {@code tracks} tracks in 20 clusters (seed 42). */
  public static Fixture of(int tracks) {
    return CACHE.computeIfAbsent(tracks, n -> {
      SyntheticWorld w = SyntheticWorld.generate(n, 20, 8, 16, 42);
      SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(),
          SimilarityGraphConfig.defaults().withK(30).withThreads(2)).graph();
      TrackAttributes at = TrackAttributes.of(w.catalog(), w.clusters());
      return new Fixture(w, g, at, SoftmaxWalkSampler.create(g, at, SoftmaxWalkConfig.defaults()));
    });
  }
}

package dev.recsys.graph.shuffle;

import dev.recsys.testframework.NextTrackSamplerConformance;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.SyntheticWorld;
import dev.recsys.graph.simulation.Worlds;
import org.junit.jupiter.api.Nested;

/** The core sampler contract for every sampler of this module, including degenerate catalogues. */
class SamplerConformanceTests {
  @Nested
  class SmartWalk extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      return Worlds.of(2000).walk();
    }

    @Override
    protected int catalogSize() {
      return 2000;
    }
  }

  @Nested
  class SmartWalkWithHardFilterAndRecentNeighbours extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      Worlds.Fixture fx = Worlds.of(2000);
      return SoftmaxWalkSampler.create(fx.graph(), fx.attributes(),
          SoftmaxWalkConfig.builder().excludeWithin(100).recentNeighbourTracks(3).build());
    }

    @Override
    protected int catalogSize() {
      return 2000;
    }
  }

  @Nested
  class SimilarityOnly extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      Worlds.Fixture fx = Worlds.of(2000);
      return SoftmaxWalkSampler.similarityOnly(fx.graph(), fx.attributes(), 0.1);
    }

    @Override
    protected int catalogSize() {
      return 2000;
    }
  }

  @Nested
  class Uniform extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      return new UniformShuffleSampler(500);
    }

    @Override
    protected int catalogSize() {
      return 500;
    }
  }

  @Nested
  class UniformOneTrack extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      return new UniformShuffleSampler(1);
    }

    @Override
    protected int catalogSize() {
      return 1;
    }
  }

  @Nested
  class SmartWalkOneTrack extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      SyntheticWorld w = SyntheticWorld.generate(1, 1, 1, 4, 1);
      SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults()).graph();
      return SoftmaxWalkSampler.create(g, TrackAttributes.of(w.catalog()), SoftmaxWalkConfig.defaults());
    }

    @Override
    protected int catalogSize() {
      return 1;
    }
  }

  @Nested
  class SmartWalkOnAGraphWithoutEdges extends NextTrackSamplerConformance {
    @Override
    protected NextTrackSampler newSampler() {
      SyntheticWorld w = SyntheticWorld.generate(40, 2, 4, 4, 1);
      int[] offsets = new int[41];
      SimilarityGraph g = new SimilarityGraph(w.vectors().ids(), offsets, new int[0], new float[0],
          SimilarityGraphConfig.defaults());
      return SoftmaxWalkSampler.create(g, TrackAttributes.of(w.catalog()), SoftmaxWalkConfig.defaults());
    }

    @Override
    protected int catalogSize() {
      return 40;
    }
  }

}

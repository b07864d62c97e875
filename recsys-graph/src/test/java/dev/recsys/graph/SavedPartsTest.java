package dev.recsys.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.SyntheticWorld;
import dev.recsys.testframework.SaveableModelConformance;
import org.junit.jupiter.api.Nested;

/**
 * The parts the graph samplers are built from meet the persistence contract ({@link SaveableModelConformance}):
 * track vectors, the similarity graph and the fitted choice model save with {@code save(Path)} and load back through
 * the {@code softmax-walk} / {@code similarity-walk} plugins ({@code Plugins.load(file, type)}) with the same values
 * and provenance; newer format versions, other providers and damaged files are refused naming the file.
 */
class SavedPartsTest {
  private static final SyntheticWorld WORLD = SyntheticWorld.generate(300, 5, 4, 8, 3);

  @Nested
  class Vectors extends SaveableModelConformance<TrackVectors> {
    @Override
    protected TrackVectors model() {
      return WORLD.vectors().withProvenance(new Provenance("1.0", "25", 3, "sha256:world", java.time.Instant.ofEpochMilli(7)));
    }

    @Override
    protected Class<? super TrackVectors> type() {
      return TrackVectors.class;
    }

    @Override
    protected void assertSameAnswers(TrackVectors saved, Object loaded) {
      TrackVectors back = (TrackVectors) loaded;
      assertEquals(saved, back);
      assertArrayEquals(saved.data(), back.data());
    }
  }

  @Nested
  class Graph extends SaveableModelConformance<SimilarityGraph> {
    @Override
    protected SimilarityGraph model() {
      return SimilarityGraphBuilder.exact(WORLD.vectors(), WORLD.catalog(), SimilarityGraphConfig.defaults().withK(6)
          .withThreads(1)).graph();
    }

    @Override
    protected Class<? super SimilarityGraph> type() {
      return SaveableModel.class;
    }

    @Override
    protected void assertSameAnswers(SimilarityGraph saved, Object loaded) {
      SimilarityGraph back = (SimilarityGraph) loaded;
      assertEquals(saved.ids(), back.ids());
      assertArrayEquals(saved.offsets(), back.offsets());
      assertArrayEquals(saved.neighbours(), back.neighbours());
      assertArrayEquals(saved.weights(), back.weights());
      assertEquals(saved.config(), back.config());
    }
  }

  @Nested
  class Choice extends SaveableModelConformance<ChoiceModel> {
    @Override
    protected ChoiceModel model() {
      // 400 choice sets of 6 candidates with 3 features, chosen by a seeded logit with weights (2, -1, 0.5)
      java.util.SplittableRandom r = new java.util.SplittableRandom(5);
      ChoiceData.Builder b = ChoiceData.builder(java.util.List.of("similarity", "recency", "popularity"));
      double[] truth = {2, -1, 0.5};
      for (int s = 0; s < 400; s++) {
        double[] x = new double[6 * 3];
        double[] p = new double[6];
        double sum = 0;
        for (int i = 0; i < 6; i++) {
          double u = 0;
          for (int f = 0; f < 3; f++) {
            x[i * 3 + f] = r.nextGaussian();
            u += truth[f] * x[i * 3 + f];
          }
          p[i] = Math.exp(u);
          sum += p[i];
        }
        double pick = r.nextDouble() * sum;
        int chosen = 0;
        while (chosen < 5 && (pick -= p[chosen]) > 0) {
          chosen++;
        }
        b.add(x, 6, chosen);
      }
      return new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(b.build());
    }

    @Override
    protected Class<? super ChoiceModel> type() {
      return ChoiceModel.class;
    }

    @Override
    protected void assertSameAnswers(ChoiceModel saved, Object loaded) {
      assertEquals(saved, loaded);
      assertArrayEquals(saved.weights(), ((ChoiceModel) loaded).weights());
      assertArrayEquals(saved.standardErrors(), ((ChoiceModel) loaded).standardErrors());
    }
  }
}

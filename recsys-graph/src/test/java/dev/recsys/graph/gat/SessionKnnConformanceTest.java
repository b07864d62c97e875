package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.testframework.RecommenderConformance;

/** The recommender contract, saving and loading through the {@code sessionknn} plugin included. */
class SessionKnnConformanceTest extends RecommenderConformance {
  @Override
  protected RecommenderTrainer trainer() {
    return new SessionKnnRecommenderPlugin().create(new SessionKnnRecommenderPlugin.Config(20));
  }
}

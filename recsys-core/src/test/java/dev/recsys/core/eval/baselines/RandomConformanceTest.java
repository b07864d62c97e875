package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class RandomConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return RandomRecommender.fit(train, 5);
  }
}

package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class UserKnnConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return UserKnnRecommender.fit(train, new UserKnnRecommender.Config(10));
  }
}

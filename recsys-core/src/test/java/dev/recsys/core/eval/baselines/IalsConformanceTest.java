package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class IalsConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return IalsRecommender.fit(train, IalsRecommender.Config.builder().factors(16).epochs(8).build());
  }
}

package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class BprConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return BprRecommender.fit(train, BprRecommender.Config.builder().factors(16).epochs(30).build());
  }
}

package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class EaseConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return EaseRecommender.fit(train, new EaseRecommender.Config(10, 1000));
  }
}

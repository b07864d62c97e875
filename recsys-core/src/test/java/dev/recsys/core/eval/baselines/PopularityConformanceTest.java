package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class PopularityConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return PopularityRecommender.fit(train);
  }
}

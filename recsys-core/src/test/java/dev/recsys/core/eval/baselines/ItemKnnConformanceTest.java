package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class ItemKnnConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return ItemKnnRecommender.fit(train, ItemKnnRecommender.Config.defaults());
  }
}

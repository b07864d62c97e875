package dev.recsys.core.eval.baselines;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommender;

class ContentConformanceTest extends BaselineFixture {
  @Override
  Recommender fit(Interactions train) {
    return ContentRecommender.fit(train, ContentVectors.of(train));
  }
}

package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.plugin.Plugin;
import dev.recsys.testframework.PluginConformance;
import dev.recsys.testframework.RecommenderConformance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The recommender and plugin conformance suites against every baseline. */
class BaselineConformanceTest {
  @Nested
  class PopularityRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new BaselinePlugins.Popularity().create();
    }
  }

  @Nested
  class RandomRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new BaselinePlugins.Random().create(new RandomRecommender.Config(5));
    }
  }

  @Nested
  class ItemKnnRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new BaselinePlugins.ItemKnn().create();
    }
  }

  @Nested
  class UserKnnRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new BaselinePlugins.UserKnn().create(new UserKnnRecommender.Config(10));
    }
  }

  @Nested
  class EaseRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      return new BaselinePlugins.Ease().create(new EaseRecommender.Config(10, 1000));
    }
  }

  @Nested
  class ContentRecommenderContract extends RecommenderConformance {
    @Override
    protected RecommenderTrainer trainer() {
      // a one-hot of the item's taste group plus a small per-item offset
      Interactions data = trainingData();
      Map<String, float[]> vectors = new HashMap<>();
      for (String id : data.items().ids()) {
        int i = Integer.parseInt(id.substring(1));
        float[] v = new float[5];
        v[Math.min(3, i / 15)] = 1;
        v[4] = (i % 15) / 30f;
        vectors.put(id, v);
      }
      return ContentRecommender.trainer(vectors);
    }
  }

  @Nested
  class PopularityPlugin extends PluginConformance<NoConfig> {
    @Override
    protected Plugin<NoConfig> plugin() {
      return new BaselinePlugins.Popularity();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }

  @Nested
  class ItemKnnPlugin extends PluginConformance<ItemKnnRecommender.Config> {
    @Override
    protected Plugin<ItemKnnRecommender.Config> plugin() {
      return new BaselinePlugins.ItemKnn();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }

  @Nested
  class EasePlugin extends PluginConformance<EaseRecommender.Config> {
    @Override
    protected Plugin<EaseRecommender.Config> plugin() {
      return new BaselinePlugins.Ease();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }
  }

  @Nested
  class UserKnnPlugin extends PluginConformance<UserKnnRecommender.Config> {
    @Override
    protected Plugin<UserKnnRecommender.Config> plugin() {
      return new BaselinePlugins.UserKnn();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return Map.of("{\"neighbours\":0}", List.of("neighbours", "0"));
    }
  }
}

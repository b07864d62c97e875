package dev.recsys.core.eval.baselines;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Recommender;
import java.util.HashMap;
import java.util.Map;
import dev.recsys.core.plugin.NoConfig;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.plugin.RecommenderPlugin;

/**
 * The interaction-only baselines as {@link RecommenderPlugin}s, registered as services, so that they are selected
 * by name like any other recommender. Each reads back the models it fits ({@link RecommenderPlugin#load}): the
 * fitted state itself (neighbours, weights, embeddings), never a refit.
 */
public final class BaselinePlugins {
  private BaselinePlugins() {}

  /** {@code popularity}: the most played items the listener has not heard. */
  public static final class Popularity implements RecommenderPlugin<NoConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Popularity() {}

    @Override
    public String name() {
      return PopularityRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return PopularityRecommender.load(container);
    }

    @Override
    public String description() {
      return "most popular unheard items (the floor every model must clear)";
    }

    @Override
    public Class<NoConfig> configType() {
      return NoConfig.class;
    }

    @Override
    public NoConfig defaultConfig() {
      return NoConfig.INSTANCE;
    }

    @Override
    public RecommenderTrainer create(NoConfig config) {
      return PopularityRecommender.trainer();
    }
  }

  /** {@code random}: seeded uniformly random scores. */
  public static final class Random implements RecommenderPlugin<RandomRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Random() {}

    @Override
    public String name() {
      return RandomRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return RandomRecommender.load(container);
    }

    @Override
    public String description() {
      return "uniformly random unheard items, deterministic for a seed";
    }

    @Override
    public Class<RandomRecommender.Config> configType() {
      return RandomRecommender.Config.class;
    }

    @Override
    public RandomRecommender.Config defaultConfig() {
      return RandomRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(RandomRecommender.Config config) {
      return RandomRecommender.trainer(config.seed());
    }
  }

  /** {@code itemknn}: cosine item-item neighbourhoods. */
  public static final class ItemKnn implements RecommenderPlugin<ItemKnnRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public ItemKnn() {}

    @Override
    public String name() {
      return ItemKnnRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return ItemKnnRecommender.load(container);
    }

    @Override
    public String description() {
      return "item-kNN: cosine item-item neighbourhoods over co-listening";
    }

    @Override
    public Class<ItemKnnRecommender.Config> configType() {
      return ItemKnnRecommender.Config.class;
    }

    @Override
    public ItemKnnRecommender.Config defaultConfig() {
      return ItemKnnRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(ItemKnnRecommender.Config config) {
      return ItemKnnRecommender.trainer(config);
    }
  }

  /** {@code userknn}: cosine listener-listener neighbourhoods. */
  public static final class UserKnn implements RecommenderPlugin<UserKnnRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public UserKnn() {}

    @Override
    public String name() {
      return UserKnnRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return UserKnnRecommender.load(container);
    }

    @Override
    public String description() {
      return "user-kNN: items of the most similar listeners";
    }

    @Override
    public Class<UserKnnRecommender.Config> configType() {
      return UserKnnRecommender.Config.class;
    }

    @Override
    public UserKnnRecommender.Config defaultConfig() {
      return UserKnnRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(UserKnnRecommender.Config config) {
      return UserKnnRecommender.trainer(config);
    }
  }

  /** {@code ease}: Steck's closed-form item-item model. */
  public static final class Ease implements RecommenderPlugin<EaseRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Ease() {}

    @Override
    public String name() {
      return EaseRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return EaseRecommender.load(container);
    }

    @Override
    public String description() {
      return "EASE: closed-form shallow autoencoder over items (Steck 2019)";
    }

    @Override
    public Class<EaseRecommender.Config> configType() {
      return EaseRecommender.Config.class;
    }

    @Override
    public EaseRecommender.Config defaultConfig() {
      return EaseRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(EaseRecommender.Config config) {
      return EaseRecommender.trainer(config);
    }
  }

  /** {@code ials}: implicit alternating least squares with the tuned recipe of Rendle et al. (2022). */
  public static final class Ials implements RecommenderPlugin<IalsRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Ials() {}

    @Override
    public String name() {
      return IalsRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return IalsRecommender.load(container);
    }

    @Override
    public String description() {
      return "iALS: matrix factorisation by alternating least squares, frequency-scaled regularisation";
    }

    @Override
    public Class<IalsRecommender.Config> configType() {
      return IalsRecommender.Config.class;
    }

    @Override
    public IalsRecommender.Config defaultConfig() {
      return IalsRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(IalsRecommender.Config config) {
      return IalsRecommender.trainer(config);
    }
  }

  /** {@code bpr}: matrix factorisation trained on sampled pairwise preferences. */
  public static final class Bpr implements RecommenderPlugin<BprRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Bpr() {}

    @Override
    public String name() {
      return BprRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return BprRecommender.load(container);
    }

    @Override
    public String description() {
      return "BPR-MF: matrix factorisation trained on sampled negatives (Rendle et al. 2009)";
    }

    @Override
    public Class<BprRecommender.Config> configType() {
      return BprRecommender.Config.class;
    }

    @Override
    public BprRecommender.Config defaultConfig() {
      return BprRecommender.Config.defaults();
    }

    @Override
    public RecommenderTrainer create(BprRecommender.Config config) {
      return BprRecommender.trainer(config);
    }
  }

  /**
   * {@code content}: the content baseline over the catalogue's features (audio features, genres, artist, release
   * year, as the feature pipeline encodes them). It needs a catalogue: fit it with
   * {@link RecommenderTrainer#fit(Interactions, Catalog)}.
   */
  public static final class Content implements RecommenderPlugin<FeatureConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Content() {}

    @Override
    public String name() {
      return ContentRecommender.NAME;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return ContentRecommender.load(container);
    }

    @Override
    public String description() {
      return "content: cosine between the mean feature vector of the history and each track's features";
    }

    @Override
    public Class<FeatureConfig> configType() {
      return FeatureConfig.class;
    }

    @Override
    public FeatureConfig defaultConfig() {
      return FeatureConfig.defaults();
    }

    @Override
    public RecommenderTrainer create(FeatureConfig config) {
      return new RecommenderTrainer() {
        @Override
        public String name() {
          return ContentRecommender.NAME;
        }

        @Override
        public Recommender fit(Interactions train) {
          throw new IllegalArgumentException("the content recommender needs the catalogue's features; fit it with "
              + "fit(train, catalog)");
        }

        @Override
        public Recommender fit(Interactions train, Catalog catalog) {
          FittedFeatures features = new FeaturePipeline(config).fit(catalog);
          Map<String, float[]> vectors = new HashMap<>();
          for (Track t : catalog.tracks()) {
            vectors.put(t.id(), features.transform(t));
          }
          return ItemGenres.of(catalog).filtering(ContentRecommender.fit(train, vectors, config));
        }
      };
    }
  }
}

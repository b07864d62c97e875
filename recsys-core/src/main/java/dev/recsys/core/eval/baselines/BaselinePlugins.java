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
import java.util.function.Function;
import java.util.function.Supplier;
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

  /** Reads a saved model of one baseline. */
  @FunctionalInterface
  interface Loader {
    Recommender load(ModelContainer container) throws ModelFormatException;
  }

  /**
   * What every baseline plugin is made of: its name, description, configuration type and default, the reader of
   * its saved models and the trainer of a configuration.
   */
  abstract static class Baseline<C> implements RecommenderPlugin<C> {
    private final String name;
    private final String description;
    private final Class<C> configType;
    private final Supplier<C> defaults;
    private final Loader loader;
    private final Function<C, RecommenderTrainer> trainer;

    Baseline(String name, String description, Class<C> configType, Supplier<C> defaults, Loader loader,
        Function<C, RecommenderTrainer> trainer) {
      this.name = name;
      this.description = description;
      this.configType = configType;
      this.defaults = defaults;
      this.loader = loader;
      this.trainer = trainer;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Recommender load(ModelContainer container) throws ModelFormatException {
      return loader.load(container);
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public Class<C> configType() {
      return configType;
    }

    @Override
    public C defaultConfig() {
      return defaults.get();
    }

    @Override
    public RecommenderTrainer create(C config) {
      return trainer.apply(config);
    }
  }

  /** {@code popularity}: the most played items the listener has not heard. */
  public static final class Popularity extends Baseline<NoConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Popularity() {
      super(PopularityRecommender.NAME, "most popular unheard items (the floor every model must clear)",
          NoConfig.class,
          () -> NoConfig.INSTANCE, PopularityRecommender::load,
          config -> PopularityRecommender.trainer());
    }
  }

  /** {@code random}: seeded uniformly random scores. */
  public static final class Random extends Baseline<RandomRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Random() {
      super(RandomRecommender.NAME, "uniformly random unheard items, deterministic for a seed",
          RandomRecommender.Config.class,
          RandomRecommender.Config::defaults, RandomRecommender::load,
          config -> RandomRecommender.trainer(config.seed()));
    }
  }

  /** {@code itemknn}: cosine item-item neighbourhoods. */
  public static final class ItemKnn extends Baseline<ItemKnnRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public ItemKnn() {
      super(ItemKnnRecommender.NAME, "item-kNN: cosine item-item neighbourhoods over co-listening",
          ItemKnnRecommender.Config.class,
          ItemKnnRecommender.Config::defaults, ItemKnnRecommender::load,
          ItemKnnRecommender::trainer);
    }
  }

  /** {@code userknn}: cosine listener-listener neighbourhoods. */
  public static final class UserKnn extends Baseline<UserKnnRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public UserKnn() {
      super(UserKnnRecommender.NAME, "user-kNN: items of the most similar listeners",
          UserKnnRecommender.Config.class,
          UserKnnRecommender.Config::defaults, UserKnnRecommender::load,
          UserKnnRecommender::trainer);
    }
  }

  /** {@code ease}: Steck's closed-form item-item model. */
  public static final class Ease extends Baseline<EaseRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Ease() {
      super(EaseRecommender.NAME, "EASE: closed-form shallow autoencoder over items (Steck 2019)",
          EaseRecommender.Config.class,
          EaseRecommender.Config::defaults, EaseRecommender::load,
          EaseRecommender::trainer);
    }
  }

  /** {@code ials}: implicit alternating least squares with the tuned recipe of Rendle et al. (2022). */
  public static final class Ials extends Baseline<IalsRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Ials() {
      super(IalsRecommender.NAME,
          "iALS: matrix factorisation by alternating least squares, frequency-scaled regularisation",
          IalsRecommender.Config.class,
          IalsRecommender.Config::defaults, IalsRecommender::load,
          IalsRecommender::trainer);
    }
  }

  /** {@code bpr}: matrix factorisation trained on sampled pairwise preferences. */
  public static final class Bpr extends Baseline<BprRecommender.Config> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Bpr() {
      super(BprRecommender.NAME, "BPR-MF: matrix factorisation trained on sampled negatives (Rendle et al. 2009)",
          BprRecommender.Config.class, BprRecommender.Config::defaults, BprRecommender::load, BprRecommender::trainer);
    }
  }

  /**
   * {@code content}: the content baseline over the catalogue's features (audio features, genres, artist, release
   * year, as the feature pipeline encodes them). It needs a catalogue: fit it with
   * {@link RecommenderTrainer#fit(Interactions, Catalog)}.
   */
  public static final class Content extends Baseline<FeatureConfig> {
    /** Creates the plugin; {@link java.util.ServiceLoader} calls this constructor. */
    public Content() {
      super(ContentRecommender.NAME,
          "content: cosine between the mean feature vector of the history and each track's features",
          FeatureConfig.class, FeatureConfig::defaults, ContentRecommender::load, Content::trainer);
    }

    private static RecommenderTrainer trainer(FeatureConfig config) {
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

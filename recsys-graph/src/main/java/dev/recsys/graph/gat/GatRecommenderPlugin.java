package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.TrainingListener;
import java.util.List;

/**
 * The {@code gat} recommender plugin: the graph attention recommender selected by name, e.g. by
 * {@code recsys evaluate --models gat}. It is fitted on the listener-track-artist-genre graph of the training
 * interactions and the catalogue (tracks missing from the catalogue join the graph by id only) and answers a
 * listener query by pooling the listener's training history, as in playlist continuation. Stateless.
 */
public final class GatRecommenderPlugin implements RecommenderPlugin<GatConfig> {
  /** The plugin name. */
  public static final String NAME = "gat";

  /** For {@link java.util.ServiceLoader}. */
  public GatRecommenderPlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "graph attention over listeners, tracks, artists and genres (history pooled per listener)";
  }

  @Override
  public Class<GatConfig> configType() {
    return GatConfig.class;
  }

  @Override
  public GatConfig defaultConfig() {
    return GatConfig.defaults();
  }

  @Override
  public RecommenderTrainer create(GatConfig config) {
    return new RecommenderTrainer() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public Recommender fit(Interactions train) {
        return fit(train, Catalog.of(List.of()));
      }

      @Override
      public Recommender fit(Interactions train, Catalog catalog) {
        GatModel m = new GatTrainer(config).fit(catalog.coveringItemsOf(train), train, TrainingListener.NONE);
        return m.playlistContinuation();
      }

      @Override
      public String toString() {
        return "RecommenderTrainer[name=" + NAME + ", config=" + config + "]";
      }
    };
  }
}

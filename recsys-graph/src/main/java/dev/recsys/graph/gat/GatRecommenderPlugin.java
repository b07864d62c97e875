package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.spi.TrainingListener;

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
    return RecommenderTrainer.withCatalog(NAME,
        (train, catalog) -> new GatTrainer(config).fit(catalog, train, TrainingListener.NONE).playlistContinuation(NAME));
  }
}

package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.util.Checks;

/**
 * The {@code sessionknn} recommender plugin: {@link SessionKnnRecommender} (session-kNN, Ludewig and Jannach 2018)
 * selected by name, e.g. by {@code recsys evaluate --models itemknn,sessionknn,gat}. Stateless.
 */
public final class SessionKnnRecommenderPlugin implements RecommenderPlugin<SessionKnnRecommenderPlugin.Config> {
  /**
   * The settings.
   *
   * @param neighbours the most similar training sessions that vote, in [1, 100000]
   */
  public record Config(int neighbours) {
    /** Validates the settings. */
    public Config {
      Checks.inRange("neighbours", neighbours, 1, 100_000);
    }
  }

  /** For {@link java.util.ServiceLoader}. */
  public SessionKnnRecommenderPlugin() {}

  @Override
  public String name() {
    return SessionKnnRecommender.NAME;
  }

  @Override
  public String description() {
    return "session-kNN: the most similar training sessions or playlists vote for their tracks";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(100);
  }

  @Override
  public Recommender load(ModelContainer container) throws ModelFormatException {
    return SessionKnnRecommender.load(container);
  }

  @Override
  public RecommenderTrainer create(Config config) {
    return SessionKnnRecommender.trainer(config.neighbours());
  }
}

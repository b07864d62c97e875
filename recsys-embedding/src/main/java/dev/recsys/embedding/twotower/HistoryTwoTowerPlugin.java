package dev.recsys.embedding.twotower;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code two-tower-history} recommender plugin: {@link HistoryTwoTowerRecommender} selected by name, e.g. by
 * {@code recsys evaluate --models two-tower-history}. Fitted with a catalogue, the track tower adds the tracks'
 * content. A fitted model saves with {@link HistoryTwoTowerRecommender#save(Path)} and loads back with
 * {@link #load(Path)}. Stateless.
 */
public final class HistoryTwoTowerPlugin implements RecommenderPlugin<HistoryTwoTowerConfig> {
  /** For {@link java.util.ServiceLoader}. */
  public HistoryTwoTowerPlugin() {}

  @Override
  public String name() {
    return HistoryTwoTowerRecommender.NAME;
  }

  @Override
  public String description() {
    return "two-tower: recency-weighted pooling of recent plays -> listener, id + content -> track, full softmax";
  }

  @Override
  public Class<HistoryTwoTowerConfig> configType() {
    return HistoryTwoTowerConfig.class;
  }

  @Override
  public HistoryTwoTowerConfig defaultConfig() {
    return HistoryTwoTowerConfig.defaults();
  }

  @Override
  public RecommenderTrainer create(HistoryTwoTowerConfig config) {
    return RecommenderTrainer.withCatalog(HistoryTwoTowerRecommender.NAME,
        (train, catalog) -> HistoryTwoTowerRecommender.fit(train, catalog, config));
  }

  /**
   * Reads a model written by {@link HistoryTwoTowerRecommender#save(Path)}.
   *
   * @param file the file
   * @return the model, giving the same recommendations as the saved one
   * @throws IOException if the file cannot be read, holds another model, a newer format version or is malformed
   */
  public HistoryTwoTowerRecommender load(Path file) throws IOException {
    return HistoryTwoTowerRecommender.load(file);
  }

  @Override
  public HistoryTwoTowerRecommender load(ModelContainer container) throws ModelFormatException {
    return HistoryTwoTowerRecommender.load(container, "'" + name() + "' model");
  }
}

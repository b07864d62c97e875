package dev.recsys.graph.gat;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.plugin.RecommenderPlugin;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.TrainingListener;
import java.util.Set;

/**
 * The {@code gat} recommender plugin: the content graph attention recommender ({@link GatV2Trainer}) selected by
 * name, e.g. by {@code recsys evaluate --models gat}. It is fitted on the graph of the training interactions and
 * the catalogue (content, artists, genres, albums; catalogue tracks never played are scored through their content)
 * and answers a query by pooling its seed items, else the listener's latest training tracks. Stateless.
 */
public final class GatRecommenderPlugin implements RecommenderPlugin<GatV2Config> {
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
    return "graph attention over tracks with content, artists, genres and albums (seeds or latest history pooled)";
  }

  @Override
  public Class<GatV2Config> configType() {
    return GatV2Config.class;
  }

  @Override
  public GatV2Config defaultConfig() {
    return GatV2Config.defaults();
  }

  /** Its models are saved under the graph attention provider name, {@value GatV2Model#PROVIDER}. */
  @Override
  public Set<String> providers() {
    return Set.of(GatV2Model.PROVIDER);
  }

  /** Reads a saved model ({@link GatV2Model#toContainer()}) as this plugin's recommender. */
  @Override
  public Recommender load(ModelContainer container) throws ModelFormatException {
    return GatV2Model.load(container, "'" + NAME + "' model").recommender(NAME);
  }

  @Override
  public RecommenderTrainer create(GatV2Config config) {
    return RecommenderTrainer.withCatalog(NAME,
        (train, catalog) -> new GatV2Trainer(config).fit(catalog, train, TrainingListener.NONE).recommender(NAME));
  }
}

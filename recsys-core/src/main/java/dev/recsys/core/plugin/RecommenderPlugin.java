package dev.recsys.core.plugin;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Recommender;
import java.util.Set;

/**
 * A plugin that creates reusable {@link RecommenderTrainer}s: the kind that lets {@code recsys evaluate --models
 * NAME,...} and pipeline files select any recommender (baselines, factor models, two-tower, graph attention, a
 * user's own) by name.
 *
 * <p>A trainer created here may be fitted many times; each fit returns a new, independent, immutable
 * recommender, and a trainer whose configuration carries a seed gives the same recommender for the same data.
 *
 * <p>Saving and loading: a fitted recommender that implements {@link dev.recsys.core.io.SaveableModel} writes a
 * {@link ModelContainer} whose provider is one of this plugin's {@link #providers()}; {@link #load} reads it back
 * into a recommender that gives exactly the same lists and scores. {@link Plugins#loadRecommender(java.nio.file.Path)}
 * finds the plugin from the file.
 *
 * @param <C> its configuration record
 */
public interface RecommenderPlugin<C> extends Plugin<C> {
  /**
   * A reusable trainer with this configuration; its {@link RecommenderTrainer#name()} is this plugin's name.
   *
   * @param config the configuration
   * @return a reusable trainer with this configuration
   */
  RecommenderTrainer create(C config);

  /**
   * A trainer with the {@linkplain #defaultConfig() default configuration}.
   *
   * @return a trainer with the {@linkplain #defaultConfig() default configuration}
   */
  default RecommenderTrainer create() {
    return create(defaultConfig());
  }

  /**
   * The provider names of the containers this plugin's models write and {@link #load} reads: by default its
   * {@linkplain #name() name}. A plugin that kept an older provider name for its files lists it here too.
   *
   * @return the provider names this plugin reads
   */
  @Override
  default Set<String> providers() {
    return Set.of(name());
  }

  /**
   * Reads a recommender that one of this plugin's models saved ({@link dev.recsys.core.io.SaveableModel}): the
   * result recommends exactly what the saved model did. The default refuses: the plugin's models are not saved.
   *
   * @param container the container, of one of {@link #providers()}
   * @return the recommender
   * @throws ModelFormatException if the container holds another provider's model, a format version newer than
   *     this plugin reads, or a malformed payload
   */
  @Override
  default Recommender load(ModelContainer container) throws ModelFormatException {
    throw new ModelFormatException("recommender plugin '" + name() + "' does not load saved models (provider '"
        + container.provider() + "')");
  }
}

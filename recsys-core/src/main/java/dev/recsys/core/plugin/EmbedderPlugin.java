package dev.recsys.core.plugin;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;

/**
 * A plugin that creates {@link Embedder}s and reads back the models they fit.
 *
 * @param <C> its configuration record
 */
public interface EmbedderPlugin<C> extends Plugin<C> {
  /**
   * A new single-use trainer.
   *
   * @param config the configuration
   * @return a new single-use trainer
   */
  Embedder create(C config);

  /**
   * Reads a model this plugin saved.
   *
   * @throws ModelFormatException if the container was written by another provider or a newer payload version
   * @param container the model container
   * @return the {@code EmbeddingModel}
   */
  EmbeddingModel load(ModelContainer container) throws ModelFormatException;
}

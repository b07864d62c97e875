package dev.recsys.core.plugin;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;
import java.util.Set;

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
   * The provider names of the models this plugin's embedders fit and {@link #load} reads: by default its
   * {@linkplain #name() name}.
   *
   * @return the provider names this plugin reads
   */
  @Override
  default Set<String> providers() {
    return Set.of(name());
  }

  /**
   * Reads a model this plugin's embedder fitted and saved ({@link EmbeddingModel#toContainer()}); it embeds exactly
   * as the saved one did.
   *
   * @throws ModelFormatException if the container was written by another provider or a newer format version
   * @param container the model container
   * @return the {@code EmbeddingModel}
   */
  @Override
  EmbeddingModel load(ModelContainer container) throws ModelFormatException;
}

package dev.recsys.core.plugin;

import dev.recsys.core.spi.EmbeddingStore;
import java.io.IOException;

/**
 * A plugin that opens {@link EmbeddingStore}s.
 *
 * @param <C> its configuration record
 */
public interface EmbeddingStorePlugin<C> extends Plugin<C> {
  /**
   * Opens (or creates) a store.
   *
   * @param config the configuration
   * @return the {@code EmbeddingStore}
   * @throws IOException if the data cannot be read or is malformed
   */
  EmbeddingStore open(C config) throws IOException;
}

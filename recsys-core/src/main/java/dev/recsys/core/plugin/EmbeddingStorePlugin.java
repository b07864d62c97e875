package dev.recsys.core.plugin;

import dev.recsys.core.spi.EmbeddingStore;
import java.io.IOException;

/**
 * A plugin that opens {@link EmbeddingStore}s.
 *
 * @param <C> its configuration record
 */
public interface EmbeddingStorePlugin<C> extends Plugin<C> {
  /** Opens (or creates) a store. */
  EmbeddingStore open(C config) throws IOException;
}

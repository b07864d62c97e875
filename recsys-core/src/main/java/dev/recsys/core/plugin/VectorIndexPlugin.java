package dev.recsys.core.plugin;

import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;

/**
 * A plugin that opens {@link VectorIndex}es.
 *
 * @param <C> its configuration record (dimension, similarity, location, tuning)
 */
public interface VectorIndexPlugin<C> extends Plugin<C> {
  /**
   * Opens (or creates) an index.
   *
   * @param config the configuration
   * @return the {@code VectorIndex}
   * @throws IOException if the data cannot be read or is malformed
   */
  VectorIndex open(C config) throws IOException;
}

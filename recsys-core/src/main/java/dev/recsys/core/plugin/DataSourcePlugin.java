package dev.recsys.core.plugin;

import dev.recsys.core.spi.DataSource;

/**
 * A plugin that opens a {@link DataSource}.
 *
 * @param <C> its configuration record (typically naming the files to read)
 */
public interface DataSourcePlugin<C> extends Plugin<C> {
  /**
   * Opens a data source; nothing is read until {@link DataSource#read} is called.
   *
   * @param config the configuration
   * @return the {@code DataSource}
   */
  DataSource open(C config);
}

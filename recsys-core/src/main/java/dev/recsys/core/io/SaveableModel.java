package dev.recsys.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted model that can be written to a {@link ModelContainer} and read back by the plugin that made it: the one
 * persistence shape of the SDK. The container names the provider (the plugin that reads it), the payload version,
 * the configuration as JSON and the {@link Provenance} of the fit; {@code RecommenderPlugin.load} and
 * {@code EmbedderPlugin.load} turn it back into a model that answers exactly as this one does, and
 * {@code Plugins.loadRecommender(Path)} finds that plugin from the file alone.
 *
 * <p>Implementations are immutable or synchronise {@link #toContainer()} against their own writers; the container
 * they return is a snapshot.
 */
public interface SaveableModel {
  /**
   * This model as a container: provider, payload version, configuration, provenance and payload.
   *
   * @return a new container holding this model's fitted state
   */
  ModelContainer toContainer();

  /**
   * Writes {@link #toContainer()} to {@code file} atomically and durably ({@link ModelContainer#writeTo}).
   *
   * @param file the file to write
   * @throws IOException if the file cannot be written; a previous file of that name is then unchanged
   */
  default void save(Path file) throws IOException {
    toContainer().writeTo(file);
  }
}

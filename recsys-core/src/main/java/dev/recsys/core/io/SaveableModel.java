package dev.recsys.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fitted model that can be written to a {@link ModelContainer} and read back by the plugin that made it: the one
 * persistence shape of the SDK, shared by recommenders, embedding models, listener matchers, similarity graphs,
 * choice models and track vectors. The container names the provider (the plugin that reads it), the format version
 * (each format's {@code FORMAT_VERSION} constant), the configuration as JSON and the {@link Provenance} of the fit;
 * the plugin's {@code load(ModelContainer)} ({@code Plugin.load}) turns it back into a model that answers exactly
 * as this one does, and {@code Plugins.load(Path, Class)} finds that plugin from the file alone.
 *
 * <p>Every format keeps golden files of each of its versions in its module's test resources: older versions keep
 * loading, and a newer version is refused with a {@link ModelFormatException} naming the file and both versions.
 *
 * <p>Implementations are immutable or synchronise {@link #toContainer()} against their own writers; the container
 * they return is a snapshot.
 */
public interface SaveableModel {
  /**
   * This model as a container: provider, format version, configuration, provenance and payload.
   *
   * @return a new container holding this model's fitted state
   */
  ModelContainer toContainer();

  /**
   * Where this model came from: the seed and data fingerprint of its fit, the library and Java versions and the time
   * it was fitted; a loaded model keeps the provenance it was saved with.
   *
   * @return the provenance written with this model
   */
  default Provenance provenance() {
    return toContainer().provenance();
  }

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

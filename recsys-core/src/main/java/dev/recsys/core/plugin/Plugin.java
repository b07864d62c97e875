package dev.recsys.core.plugin;

/**
 * A named provider of one kind of component (an index, an embedder, a data source, ...), found through
 * {@link java.util.ServiceLoader} or passed in directly.
 *
 * <p>Each plugin has one immutable configuration record type, validated in its constructor; configuration
 * files are parsed only into that record. Implementations must be stateless and thread-safe, with a public
 * no-argument constructor when registered as a service.
 *
 * @param <C> the plugin's configuration record
 */
public interface Plugin<C> {
  /**
   * The short unique name configuration files use ({@code "lucene-hnsw"}): lower-case letters, digits and
   * dashes, starting with a letter or digit, at most 64 characters.
   *
   * @return the short unique name configuration files use ({@code "lucene-hnsw"})
   */
  String name();

  /**
   * One line on what the plugin does.
   *
   * @return one line on what the plugin does
   */
  String description();

  /**
   * The configuration record type.
   *
   * @return the configuration record type
   */
  Class<C> configType();

  /**
   * The configuration used when none is given.
   *
   * @return the configuration used when none is given
   */
  C defaultConfig();

  /**
   * {@code config} as this plugin's configuration type: the one run-time check between a configuration read from a
   * file (or passed as {@code Object}) and the plugin's typed factory method.
   *
   * @param config a configuration object
   * @return the same object, typed
   * @throws IllegalArgumentException naming the plugin, the expected and the actual type when it is of another type
   * @throws NullPointerException if {@code config} is null
   */
  /**
   * The provider names of the model files this plugin reads with {@link #load}: empty for plugins whose parts are
   * never saved. Each {@link dev.recsys.core.io.ModelContainer} names its provider, so a file finds the plugin that
   * reads it ({@link Plugins#load(java.nio.file.Path, Class)}).
   *
   * @return the provider names this plugin reads
   */
  default java.util.Set<String> providers() {
    return java.util.Set.of();
  }

  /**
   * Reads a model that a part of this plugin saved ({@link dev.recsys.core.io.SaveableModel}); the result answers
   * exactly as the saved model did. Each kind narrows the result type (a {@code Recommender}, an
   * {@code EmbeddingModel}, a {@code ListenerMatcher}, ...). The default refuses: this plugin's parts are not saved.
   *
   * @param container a container of one of {@link #providers()}
   * @return the model
   * @throws dev.recsys.core.io.ModelFormatException if the container holds another provider's model, a format version
   *     newer than this plugin reads (naming both versions), or a malformed payload
   */
  default Object load(dev.recsys.core.io.ModelContainer container) throws dev.recsys.core.io.ModelFormatException {
    throw new dev.recsys.core.io.ModelFormatException("plugin '" + name() + "' does not load saved models (provider '"
        + container.provider() + "')");
  }

  /**
   * Checks that {@code config} is this plugin's configuration type, so that a configuration read for one plugin is
   * never handed to another.
   *
   * @param config a configuration object, not null
   * @return {@code config} cast to {@link #configType()}
   * @throws IllegalArgumentException naming the plugin and both types when {@code config} has another type
   */
  default C checkConfig(Object config) {
    java.util.Objects.requireNonNull(config, "config");
    Class<C> type = configType();
    if (!type.isInstance(config)) {
      throw new IllegalArgumentException("configuration of plugin '" + name() + "' must be a " + type.getName()
          + "; got " + config.getClass().getName());
    }
    return type.cast(config);
  }
}

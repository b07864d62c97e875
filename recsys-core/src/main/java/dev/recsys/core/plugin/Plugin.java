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
}

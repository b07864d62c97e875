package dev.recsys.core.plugin;

import dev.recsys.core.config.Component;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * One extension point of the SDK as a typed token: the plugin interface ({@code P}), what its plugins build
 * ({@code T}), and the section name pipeline files use for it. With a kind, opening a plugin by name needs no raw
 * types and no casts:
 *
 * <pre>{@code
 * VectorIndex index = PluginKind.VECTOR_INDEX.open("lucene-hnsw", new LuceneHnswIndex.Config(...));
 * PluginRegistry<VectorIndexPlugin<?>> indexes = PluginKind.VECTOR_INDEX.registry();
 * RecommenderTrainer ials = PluginKind.RECOMMENDER.open("ials", PluginKind.RECOMMENDER.registry().get("ials").defaultConfig());
 * }</pre>
 *
 * <p>The configuration passed to {@link #open(String, Object)} is checked against the plugin's
 * {@linkplain Plugin#configType() configuration type} at run time ({@link Plugin#checkConfig(Object)}), the one
 * place where a configuration read from a file meets the plugin's type.
 *
 * @param <P> the plugin interface, with a wildcard for its configuration type ({@code VectorIndexPlugin<?>})
 * @param <T> what an opened plugin gives: a {@link VectorIndex}, an {@link Embedder}, a {@link RecommenderTrainer}, ...
 */
public final class PluginKind<P extends Plugin<?>, T> {
  /**
   * How a kind turns a plugin and a configuration of its type into a component.
   *
   * @param <P> the plugin interface
   * @param <T> the component
   */
  @FunctionalInterface
  public interface Opener<P, T> {
    /**
     * Opens {@code plugin} with {@code config}.
     *
     * @param plugin the plugin
     * @param config a configuration of the plugin's configuration type
     * @return the component
     * @throws IOException if opening touches storage and fails
     */
    T open(P plugin, Object config) throws IOException;
  }

  /**
   * A next-track sampler plugin bound to its configuration: creating the sampler needs the catalogue and the
   * track vectors, which a pipeline file does not hold.
   */
  @FunctionalInterface
  public interface SamplerFactory {
    /**
     * A sampler over {@code catalog}.
     *
     * @param catalog the catalogue whose track indices the sampler returns
     * @param vectors track vectors, or {@code null} for samplers that do not use them
     * @return the sampler
     */
    NextTrackSampler create(Catalog catalog, TrackVectors vectors);
  }

  /** Data sources ({@code data} section): open to a {@link DataSource}. */
  public static final PluginKind<DataSourcePlugin<?>, DataSource> DATA_SOURCE =
      new PluginKind<>("data", "data source", type(DataSourcePlugin.class), PluginKind::openSource);
  /** Embedders ({@code embedder} section): open to an {@link Embedder}. */
  public static final PluginKind<EmbedderPlugin<?>, Embedder> EMBEDDER =
      new PluginKind<>("embedder", "embedder", type(EmbedderPlugin.class), PluginKind::openEmbedder);
  /** Vector indexes ({@code index} section): open to a {@link VectorIndex}. */
  public static final PluginKind<VectorIndexPlugin<?>, VectorIndex> VECTOR_INDEX =
      new PluginKind<>("index", "vector index", type(VectorIndexPlugin.class), PluginKind::openIndex);
  /** Embedding stores ({@code store} section): open to an {@link EmbeddingStore}. */
  public static final PluginKind<EmbeddingStorePlugin<?>, EmbeddingStore> EMBEDDING_STORE =
      new PluginKind<>("store", "embedding store", type(EmbeddingStorePlugin.class), PluginKind::openStore);
  /** Recommenders ({@code recommender} section): open to a reusable {@link RecommenderTrainer}. */
  public static final PluginKind<RecommenderPlugin<?>, RecommenderTrainer> RECOMMENDER =
      new PluginKind<>("recommender", "recommender", type(RecommenderPlugin.class), PluginKind::openRecommender);
  /** Next-track samplers ({@code sampler} section): open to a {@link SamplerFactory}. */
  public static final PluginKind<NextTrackSamplerPlugin<?>, SamplerFactory> SAMPLER =
      new PluginKind<>("sampler", "next-track sampler", type(NextTrackSamplerPlugin.class), PluginKind::openSampler);
  /** Listener matchers ({@code matcher} section): open to a reusable {@link ListenerMatcherTrainer}. */
  public static final PluginKind<ListenerMatcherPlugin<?>, ListenerMatcherTrainer> LISTENER_MATCHER =
      new PluginKind<>("matcher", "listener matcher", type(ListenerMatcherPlugin.class), PluginKind::openMatcher);

  /** Every kind, in the order listings show them. */
  public static final List<PluginKind<?, ?>> ALL = List.of(DATA_SOURCE, EMBEDDER, VECTOR_INDEX, EMBEDDING_STORE,
      RECOMMENDER, LISTENER_MATCHER, SAMPLER);

  private final String section;
  private final String displayName;
  private final Class<P> type;
  private final Opener<? super P, ? extends T> opener;

  private PluginKind(String section, String displayName, Class<P> type, Opener<? super P, ? extends T> opener) {
    this.section = section;
    this.displayName = displayName;
    this.type = type;
    this.opener = opener;
  }

  /**
   * A kind of the application's own: a plugin interface outside the SDK's seven, with its opener.
   *
   * @param section the pipeline-file section name (lower case)
   * @param displayName the name messages use
   * @param type the plugin interface, as {@link #type(Class)} gives it
   * @param opener how a plugin and its configuration become a component
   * @param <P> the plugin interface
   * @param <T> the component
   * @return the kind
   */
  public static <P extends Plugin<?>, T> PluginKind<P, T> of(String section, String displayName, Class<P> type,
      Opener<? super P, ? extends T> opener) {
    return new PluginKind<>(Objects.requireNonNull(section, "section"), Objects.requireNonNull(displayName, "displayName"),
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(opener, "opener"));
  }

  /**
   * A generic plugin interface as the wildcard-parameterised class token a kind holds
   * ({@code Class<VectorIndexPlugin<?>>}): Java has no class literal for it, so this is the one checked conversion.
   *
   * @param rawType the plugin interface
   * @param <P> the plugin interface with a wildcard argument
   * @return the same class object
   * @throws IllegalArgumentException if {@code rawType} does not extend {@link Plugin}
   */
  @SuppressWarnings("unchecked")
  public static <P extends Plugin<?>> Class<P> type(Class<?> rawType) {
    if (!Plugin.class.isAssignableFrom(rawType) || !rawType.isInterface()) {
      throw new IllegalArgumentException(rawType.getName() + " is not a plugin interface (a subinterface of "
          + Plugin.class.getName() + ")");
    }
    return (Class<P>) rawType;
  }

  /**
   * The pipeline-file section name of this kind ({@code "index"}).
   *
   * @return the section name
   */
  public String section() {
    return section;
  }

  /**
   * The name messages use ({@code "vector index"}).
   *
   * @return the display name
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The plugin interface.
   *
   * @return the plugin interface
   */
  public Class<P> type() {
    return type;
  }

  /**
   * The plugins of this kind on the class path ({@link PluginRegistry#load(Class)}).
   *
   * @return the registry
   */
  public PluginRegistry<P> registry() {
    return PluginRegistry.load(type);
  }

  /**
   * Opens the plugin named {@code name} on the class path with {@code config}.
   *
   * @param name the plugin name
   * @param config a configuration of the plugin's type (its {@link Plugin#defaultConfig()} when {@code null})
   * @return the component
   * @throws IllegalArgumentException for an unknown name (listing the known ones) or a configuration of another
   *     type
   * @throws IOException if opening touches storage and fails
   */
  public T open(String name, Object config) throws IOException {
    return open(registry().get(name), config);
  }

  /**
   * Opens {@code plugin} with {@code config}.
   *
   * @param plugin a plugin of this kind
   * @param config a configuration of the plugin's type (its {@link Plugin#defaultConfig()} when {@code null})
   * @return the component
   * @throws IllegalArgumentException for a configuration of another type
   * @throws IOException if opening touches storage and fails
   */
  public T open(P plugin, Object config) throws IOException {
    Objects.requireNonNull(plugin, "plugin");
    return opener.open(plugin, config == null ? plugin.defaultConfig() : config);
  }

  /**
   * Opens a component read from a pipeline file.
   *
   * @param component a configured component whose plugin is of this kind
   * @return the component
   * @throws IllegalArgumentException if the component's plugin is of another kind
   * @throws IOException if opening touches storage and fails
   */
  public T open(Component<?> component) throws IOException {
    return open(cast(component.plugin(), component.section()), component.config());
  }

  /**
   * {@code plugin} as a plugin of this kind.
   *
   * @param plugin a plugin
   * @param where the section or name messages use
   * @return the same plugin
   * @throws IllegalArgumentException if it is of another kind
   */
  public P cast(Object plugin, String where) {
    if (!type.isInstance(plugin)) {
      throw new IllegalArgumentException("'" + where + "' holds a " + plugin.getClass().getName() + ", not a "
          + displayName + " (" + type.getSimpleName() + ")");
    }
    return type.cast(plugin);
  }

  @Override
  public String toString() {
    return displayName + " (" + type.getSimpleName() + ", section '" + section + "')";
  }

  private static <C> DataSource openSource(DataSourcePlugin<C> p, Object config) {
    return p.open(p.checkConfig(config));
  }

  private static <C> Embedder openEmbedder(EmbedderPlugin<C> p, Object config) {
    return p.create(p.checkConfig(config));
  }

  private static <C> VectorIndex openIndex(VectorIndexPlugin<C> p, Object config) throws IOException {
    return p.open(p.checkConfig(config));
  }

  private static <C> EmbeddingStore openStore(EmbeddingStorePlugin<C> p, Object config) throws IOException {
    return p.open(p.checkConfig(config));
  }

  private static <C> RecommenderTrainer openRecommender(RecommenderPlugin<C> p, Object config) {
    return p.create(p.checkConfig(config));
  }

  private static <C> SamplerFactory openSampler(NextTrackSamplerPlugin<C> p, Object config) {
    C c = p.checkConfig(config);
    return (catalog, vectors) -> p.create(c, catalog, vectors);
  }

  private static <C> ListenerMatcherTrainer openMatcher(ListenerMatcherPlugin<C> p, Object config) {
    return p.create(p.checkConfig(config));
  }
}

package dev.recsys.core.plugin;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.spi.ItemGenres;
import dev.recsys.core.spi.Recommender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every plugin kind of the SDK, for listings and checks across kinds: {@link #shadowed()} is how an application
 * sees plugin name collisions (a provider of its own named like a built-in one, or two jars providing one name)
 * without relying on a logging back end, and {@link #load(Path, Class)} reads any saved model through the plugin
 * that reads its provider.
 */
public final class Plugins {
  /** The plugin kinds found through {@link java.util.ServiceLoader}, in the order listings show them. */
  public static final List<Class<? extends Plugin<?>>> KINDS =
      PluginKind.ALL.stream().<Class<? extends Plugin<?>>>map(PluginKind::type).toList();

  private Plugins() {}

  /**
   * The registry of every kind, in the order of {@link #KINDS}.
   *
   * @return a new list of freshly loaded registries, one per kind
   */
  public static List<PluginRegistry<?>> registries() {
    List<PluginRegistry<?>> out = new ArrayList<>();
    for (Class<? extends Plugin<?>> k : KINDS) {
      out.add(PluginRegistry.load(k));
    }
    return out;
  }

  /**
   * Every provider hidden by an earlier one of the same name and kind, over all kinds.
   *
   * @return an immutable list of the hidden providers, kind by kind
   */
  public static List<PluginRegistry.Shadowed> shadowed() {
    List<PluginRegistry.Shadowed> out = new ArrayList<>();
    for (Class<? extends Plugin<?>> k : KINDS) {
      out.addAll(PluginRegistry.load(k).shadowed());
    }
    return List.copyOf(out);
  }

  /**
   * Fails when any plugin name of any kind is provided twice: the check of an application that wants no
   * silent replacement of a built-in.
   *
   * @throws IllegalStateException naming every collision
   */
  public static void requireNoShadowing() {
    for (Class<? extends Plugin<?>> k : KINDS) {
      PluginRegistry.load(k).requireNoShadowing();
    }
  }

  /**
   * {@code recommender} as a model that can be saved.
   *
   * @param recommender a fitted recommender
   * @return the same object as a {@link SaveableModel}
   * @throws IllegalArgumentException naming the recommender when it does not implement {@link SaveableModel}
   */
  public static SaveableModel saveable(Recommender recommender) {
    if (recommender instanceof SaveableModel s) {
      return s;
    }
    throw new IllegalArgumentException("recommender '" + recommender.name() + "' (" + recommender.getClass().getName()
        + ") cannot be saved: it does not implement " + SaveableModel.class.getName());
  }

  /**
   * Reads a recommender saved with {@link SaveableModel#save}: the container names the provider, and the
   * {@linkplain RecommenderPlugin recommender plugin} on the class path that reads it loads the model. The same as
   * {@link #load(Path, Class) load(file, Recommender.class)}.
   *
   * @param file the saved model
   * @return a recommender giving exactly the lists and scores of the saved one
   * @throws ModelFormatException naming the file when it is not a model file, is corrupted, was written by a
   *     provider no plugin on the class path reads (listing those that are), or holds a container or format
   *     version newer than this code reads (naming both versions)
   * @throws IOException if the file cannot be read
   */
  public static Recommender loadRecommender(Path file) throws IOException {
    return load(file, Recommender.class);
  }

  /**
   * Reads a saved recommender from its container; see {@link #loadRecommender(Path)}.
   *
   * @param container the container
   * @param source names the container in messages (its file)
   * @return the recommender
   * @throws ModelFormatException naming {@code source} when no plugin reads the container or it is malformed
   */
  public static Recommender loadRecommender(ModelContainer container, String source) throws ModelFormatException {
    return load(container, source, Recommender.class);
  }

  /**
   * Reads any saved model (a recommender, an embedding model, a listener matcher, track vectors, a similarity graph,
   * a choice model, ...) through the plugin that reads its provider: the container names the provider, and the
   * first plugin on the class path whose {@link Plugin#providers()} list it and whose kind gives a {@code type}
   * loads it ({@link Plugin#load}).
   *
   * @param file the saved model
   * @param type what the caller expects the file to hold
   * @param <T> that type
   * @return the model, answering exactly as the saved one did
   * @throws ModelFormatException naming the file when it is not a model file, is corrupted, holds a model no plugin
   *     on the class path reads as a {@code type} (listing the providers that are read), holds something other than
   *     a {@code type}, or a container or format version newer than this code reads (naming both versions)
   * @throws IOException if the file cannot be read
   */
  public static <T> T load(Path file, Class<T> type) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString(), type);
  }

  /**
   * Reads a saved model from its container; see {@link #load(Path, Class)}.
   *
   * @param container the container
   * @param source names the container in messages (its file)
   * @param type what the caller expects the container to hold
   * @param <T> that type
   * @return the model
   * @throws ModelFormatException naming {@code source} when no plugin reads the container as a {@code type} or it is
   *     malformed
   */
  public static <T> T load(ModelContainer container, String source, Class<T> type) throws ModelFormatException {
    Objects.requireNonNull(type, "type");
    return ModelContainer.decode(source, () -> {
      if (container.provider().equals(ItemGenres.FILTERING_PROVIDER)) {
        ItemGenres.SavedFiltering saved = ItemGenres.readFiltering(container);
        return as(saved.genres().filtering(load(saved.model(), source, Recommender.class)), type, container);
      }
      TreeSet<String> known = new TreeSet<>();
      for (PluginKind<?, ?> kind : PluginKind.ALL) {
        Class<?> gives = modelType(kind);
        boolean fits = type.isAssignableFrom(gives) || gives.isAssignableFrom(type);
        for (Plugin<?> p : kind.registry().plugins()) {
          if (!fits) {
            continue;
          }
          if (p.providers().contains(container.provider())) {
            return as(p.load(container), type, container);
          }
          known.addAll(p.providers());
        }
      }
      throw new ModelFormatException("no plugin on the class path reads models of provider '" + container.provider()
          + "' as a " + type.getSimpleName() + "; providers read: " + String.join(", ", known));
    });
  }

  /** What the plugins of {@code kind} load: the narrowed result type of their {@link Plugin#load}. */
  private static Class<?> modelType(PluginKind<?, ?> kind) {
    if (kind == PluginKind.RECOMMENDER) {
      return Recommender.class;
    }
    if (kind == PluginKind.EMBEDDER) {
      return EmbeddingModel.class;
    }
    if (kind == PluginKind.LISTENER_MATCHER) {
      return ListenerMatcher.class;
    }
    if (kind == PluginKind.SAMPLER) {
      return SaveableModel.class;
    }
    return Object.class;
  }

  private static <T> T as(Object model, Class<T> type, ModelContainer container) throws ModelFormatException {
    if (!type.isInstance(model)) {
      throw new ModelFormatException("provider '" + container.provider() + "' holds a "
          + model.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(model);
  }
}

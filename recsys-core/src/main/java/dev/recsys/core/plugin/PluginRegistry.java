package dev.recsys.core.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugins of one kind by name. Immutable and thread-safe.
 *
 * <p>{@link #load} finds providers with {@link ServiceLoader} (module {@code provides} or
 * {@code META-INF/services}); when two providers share a name, the first found wins and the other is reported
 * by {@link #shadowed()} (and logged); {@link Plugins#shadowed()} gathers them over every kind, and
 * {@link #loadStrict} (or the system property {@value #STRICT_PROPERTY}{@code =true}) refuses them instead.
 * {@link #of} and {@link #with} build registries from objects, and refuse duplicate names. An unknown name fails
 * with the list of available names.
 *
 * @param <P> the plugin kind, a subinterface of {@link Plugin}
 */
public final class PluginRegistry<P> {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The system property that makes {@link #load(Class)} refuse shadowed names, as {@link #loadStrict} does. */
  public static final String STRICT_PROPERTY = "recsys.plugins.strict";

  private final Class<?> kind;
  private final Map<String, P> byName;
  private final List<Shadowed> shadowed;

  /**
   * A provider hidden by an earlier one of the same name.
   *
   * @param kind the plugin kind's simple name ({@code "VectorIndexPlugin"})
   * @param name the shared name
   * @param winner the class of the provider that is used
   * @param hidden the class of the provider that is not
   */
  public record Shadowed(String kind, String name, String winner, String hidden) {
    /** Validates the fields. */
    public Shadowed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(winner, "winner");
      Objects.requireNonNull(hidden, "hidden");
    }

    /** One sentence: which provider hides which. */
    @Override
    public String toString() {
      return kind + " '" + name + "' from " + hidden + " is shadowed by " + winner + " (first on the class path wins)";
    }
  }

  private PluginRegistry(Class<?> kind, Map<String, P> byName, List<Shadowed> shadowed) {
    this.kind = kind;
    this.byName = Collections.unmodifiableMap(byName);
    this.shadowed = List.copyOf(shadowed);
  }

  /**
   * The providers of {@code kind} visible to this class's module or class loader; strict (see
   * {@link #loadStrict}) when the system property {@value #STRICT_PROPERTY} is {@code true}.
   *
   * @param <P> the plugin kind
   * @param kind one of the plugin kinds of {@link Plugins#KINDS}
   * @return the registry; on a name collision the provider found first wins and the others are in {@link #shadowed()}
   */
  public static <P> PluginRegistry<P> load(Class<P> kind) {
    requirePluginKind(kind);
    PluginRegistry<P> r = load(kind, ServiceLoader.load(kind, PluginRegistry.class.getClassLoader()));
    return Boolean.getBoolean(STRICT_PROPERTY) ? r.requireNoShadowing() : r;
  }

  /**
   * The providers of {@code kind}, refusing two providers of one name.
   *
   * @param <P> the plugin kind
   * @param kind one of the plugin kinds of {@link Plugins#KINDS}
   * @return the registry, every name unique
   * @throws IllegalStateException naming every shadowed provider and the one that hides it
   */
  public static <P> PluginRegistry<P> loadStrict(Class<P> kind) {
    requirePluginKind(kind);
    return load(kind, ServiceLoader.load(kind, PluginRegistry.class.getClassLoader())).requireNoShadowing();
  }

  /**
   * This registry, if no name is shadowed.
   *
   * @return this registry
   * @throws IllegalStateException naming every shadowed provider and the one that hides it
   */
  public PluginRegistry<P> requireNoShadowing() {
    if (!shadowed.isEmpty()) {
      throw new IllegalStateException(shadowed.size() + " plugin name collision(s) (strict plugin loading): "
          + shadowed.stream().map(Shadowed::toString).collect(java.util.stream.Collectors.joining("; ")));
    }
    return this;
  }

  private static void requirePluginKind(Class<?> kind) {
    if (!Plugin.class.isAssignableFrom(kind)) {
      throw new IllegalArgumentException(kind.getName() + " is not a plugin kind (a subinterface of " + Plugin.class.getName() + ")");
    }
  }

  /**
   * The providers a given service loader finds (for custom class loaders).
   *
   * @param kind the kind
   * @param loader the loader
   * @return the providers a given service loader finds (for custom class loaders)
   * @param <P> the plugin kind
   */
  public static <P> PluginRegistry<P> load(Class<P> kind, ServiceLoader<P> loader) {
    Map<String, P> map = new LinkedHashMap<>();
    List<Shadowed> shadowed = new ArrayList<>();
    for (P p : loader) {
      String name = checkName(kind, p);
      P first = map.putIfAbsent(name, p);
      if (first != null) {
        Shadowed s = new Shadowed(kind.getSimpleName(), name, first.getClass().getName(), p.getClass().getName());
        shadowed.add(s);
        LOG.warn(s.toString());
      }
    }
    return new PluginRegistry<>(kind, map, shadowed);
  }

  /**
   * A registry of the given plugins.
   *
   * @throws IllegalArgumentException on an invalid or duplicate name
   * @param kind the kind
   * @param plugins the plugins
   * @return a registry of the given plugins
   * @param <P> the plugin kind
   */
  @SafeVarargs
  public static <P> PluginRegistry<P> of(Class<P> kind, P... plugins) {
    requirePluginKind(kind);
    PluginRegistry<P> r = new PluginRegistry<>(kind, new LinkedHashMap<>(), List.of());
    for (P p : plugins) {
      r = r.with(p);
    }
    return r;
  }

  /**
   * A new registry with {@code plugin} added.
   *
   * @throws IllegalArgumentException if the name is invalid or already taken
   * @param plugin the plugin
   * @return a new registry with {@code plugin} added
   */
  public PluginRegistry<P> with(P plugin) {
    String name = checkName(kind, plugin);
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("duplicate " + kind.getSimpleName() + " name '" + name + "': "
          + plugin.getClass().getName() + " and " + byName.get(name).getClass().getName());
    }
    Map<String, P> map = new LinkedHashMap<>(byName);
    map.put(name, plugin);
    return new PluginRegistry<>(kind, map, shadowed);
  }

  private static String checkName(Class<?> kind, Object plugin) {
    if (!(plugin instanceof Plugin<?> p)) {
      throw new IllegalArgumentException(plugin.getClass().getName() + " is not a " + Plugin.class.getName());
    }
    String name = Objects.requireNonNull(p.name(), "plugin name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(kind.getSimpleName() + " name '" + name + "' of " + p.getClass().getName()
          + " must match " + NAME.pattern());
    }
    return name;
  }

  /**
   * The plugin with this name.
   *
   * @throws IllegalArgumentException naming the kind, the name and the available names
   * @param name the name
   * @return the plugin with this name
   */
  public P get(String name) {
    P p = byName.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown " + kind.getSimpleName() + " '" + name + "'; available: "
          + (byName.isEmpty() ? "none on the class path" : String.join(", ", names())));
    }
    return p;
  }

  /**
   * The plugin with this name, if registered.
   *
   * @param name the name
   * @return the plugin with this name, if registered
   */
  public Optional<P> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * Registered names, sorted.
   *
   * @return the registered names, sorted
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
  }

  /**
   * Registered plugins in registration order.
   *
   * @return the registered plugins in registration order
   */
  public List<P> plugins() {
    return List.copyOf(byName.values());
  }

  /**
   * The providers hidden by an earlier one of the same name (empty when every name is unique).
   *
   * @return an immutable list of the hidden providers, in discovery order
   */
  public List<Shadowed> shadowed() {
    return shadowed;
  }

  /**
   * The plugin kind.
   *
   * @return the plugin kind
   */
  public Class<?> kind() {
    return kind;
  }
}

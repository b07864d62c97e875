package dev.recsys.core.config;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.core.plugin.PluginKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed pipeline configuration: a seed and one configured component per section. Immutable. Created by
 * {@link ConfigLoader}; every component's configuration is its plugin's validated record.
 *
 * @param seed the pipeline's random seed
 * @param components configured components by section name, in file order
 */
public record PipelineConfig(long seed, Map<String, Component<?>> components) {
  /** Copies the map, keeping order. */
  public PipelineConfig {
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /**
   * The component of a section, if configured.
   *
   * @throws IllegalArgumentException if the section holds a plugin of another kind
   * @param section the section
   * @param kind the kind
   * @return the component of a section, if configured
   * @param <P> the plugin kind
   */
  @SuppressWarnings("unchecked")
  public <P> Optional<Component<P>> component(String section, Class<P> kind) {
    Component<?> c = components.get(section);
    if (c == null) {
      return Optional.empty();
    }
    if (!kind.isInstance(c.plugin())) {
      throw new IllegalArgumentException("section '" + section + "' holds a " + c.plugin().getClass().getName()
          + ", not a " + kind.getSimpleName());
    }
    return Optional.of((Component<P>) c);
  }

  /**
   * The component of a section, if configured, typed by its kind.
   *
   * @param section the section
   * @param kind the kind
   * @param <P> the plugin interface
   * @return the component of a section, if configured
   * @throws IllegalArgumentException if the section holds a plugin of another kind
   */
  public <P extends Plugin<?>> Optional<Component<P>> component(String section, PluginKind<P, ?> kind) {
    Component<?> c = components.get(section);
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(new Component<>(c.section(), kind.cast(c.plugin(), section), c.config()));
  }

  /**
   * Opens the component of a section: {@code config.open("index", PluginKind.VECTOR_INDEX)} is a
   * {@code VectorIndex}.
   *
   * @param section the section
   * @param kind the kind
   * @param <T> what the kind's plugins open to
   * @return the opened component, if the section is configured
   * @throws IllegalArgumentException if the section holds a plugin of another kind
   * @throws java.io.IOException if opening touches storage and fails
   */
  public <T> Optional<T> open(String section, PluginKind<?, T> kind) throws java.io.IOException {
    Component<?> c = components.get(section);
    return c == null ? Optional.empty() : Optional.of(kind.open(c));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PipelineConfig[seed=").append(seed);
    components.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v.pluginName()).append(' ').append(v.config()));
    return sb.append(']').toString();
  }
}

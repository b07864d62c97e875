package dev.recsys.core.config;

import dev.recsys.core.plugin.Plugin;
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

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PipelineConfig[seed=").append(seed);
    components.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v.pluginName()).append(' ').append(v.config()));
    return sb.append(']').toString();
  }
}

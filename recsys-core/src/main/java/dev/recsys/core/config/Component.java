package dev.recsys.core.config;

import dev.recsys.core.plugin.Plugin;
import java.util.Objects;

/**
 * One configured component of a pipeline: a plugin and its validated configuration record.
 *
 * @param section the configuration section it came from ({@code "index"})
 * @param plugin the plugin found by name
 * @param config the plugin's configuration, of {@code plugin.configType()}
 * @param <P> the plugin kind
 */
public record Component<P extends Plugin<?>>(String section, P plugin, Object config) {
  /** Validates that the config has the plugin's type. */
  public Component {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(config, "config");
    if (!plugin.configType().isInstance(config)) {
      throw new IllegalArgumentException("config of " + plugin.name() + " must be a " + plugin.configType().getName()
          + "; got " + config.getClass().getName());
    }
  }

  /** The configuration as the plugin's record type. */
  public <C> C config(Class<C> type) {
    return type.cast(config);
  }
}

package dev.recsys.core.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * Every plugin kind of the SDK, for listings and checks across kinds: {@link #shadowed()} is how an application
 * sees plugin name collisions (a provider of its own named like a built-in one, or two jars providing one name)
 * without relying on a logging back end.
 */
public final class Plugins {
  /** The plugin kinds found through {@link java.util.ServiceLoader}, in the order listings show them. */
  public static final List<Class<? extends Plugin<?>>> KINDS =
      PluginKind.ALL.stream().<Class<? extends Plugin<?>>>map(PluginKind::type).toList();

  private Plugins() {}

  /** The registry of every kind, in the order of {@link #KINDS}. */
  public static List<PluginRegistry<?>> registries() {
    List<PluginRegistry<?>> out = new ArrayList<>();
    for (Class<? extends Plugin<?>> k : KINDS) {
      out.add(PluginRegistry.load(k));
    }
    return out;
  }

  /** Every provider hidden by an earlier one of the same name and kind, over all kinds. */
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
}

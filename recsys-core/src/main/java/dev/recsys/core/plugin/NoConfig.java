package dev.recsys.core.plugin;

/** The configuration record of a plugin that takes no settings; its JSON and YAML form is {@code {}}. */
public record NoConfig() {
  /** The one value. */
  public static final NoConfig INSTANCE = new NoConfig();
}

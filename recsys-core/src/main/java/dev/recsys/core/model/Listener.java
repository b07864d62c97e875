package dev.recsys.core.model;

import dev.recsys.core.util.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * A listener's profile.
 *
 * @param id the stable key; never blank
 * @param displayName a display name, if known
 * @param attributes other profile attributes by name (country, age band, behaviour type, ...); may be empty
 */
public record Listener(String id, Optional<String> displayName, Map<String, String> attributes) {
  /** Validates the fields. */
  public Listener {
    Checks.notBlank("listener id", id);
    java.util.Objects.requireNonNull(displayName, "displayName");
    attributes = Map.copyOf(attributes);
  }

  /**
   * A listener known by id only.
   *
   * @param id the id
   * @return a listener known by id only
   */
  public static Listener of(String id) {
    return new Listener(id, Optional.empty(), Map.of());
  }
}

package dev.recsys.spotify;

import dev.recsys.core.util.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * A Spotify user profile as the 2026 Web API returns it to development-mode apps (id and display name; country,
 * e-mail, followers and product are no longer returned).
 *
 * @param id the user id
 * @param displayName the display name, if set
 */
public record SpotifyUser(String id, Optional<String> displayName) {
  /** Validates the fields. */
  public SpotifyUser {
    Checks.notBlank("user id", id);
    Objects.requireNonNull(displayName, "displayName");
  }
}

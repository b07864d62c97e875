package dev.recsys.core.model;

import java.util.Optional;

/**
 * A reference to the album a track appears on.
 *
 * @param id the album's id in the source, if known
 * @param name the album title, if known
 */
public record AlbumRef(Optional<String> id, Optional<String> name) {
  /** Validates the fields. */
  public AlbumRef {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(name, "name");
  }
}

package dev.recsys.core.model;

import java.util.Optional;

/**
 * A reference to an artist from a track: the name always, the id where the source has one.
 *
 * @param id the artist's id in the source (e.g. a Spotify artist id), if known
 * @param name the display name, never blank
 */
public record ArtistRef(Optional<String> id, String name) {
  /** Validates the fields. */
  public ArtistRef {
    java.util.Objects.requireNonNull(id, "id");
    dev.recsys.core.util.Checks.notBlank("artist name", name);
  }

  /**
   * An artist known by name only.
   *
   * @param name the name
   * @return an artist known by name only
   */
  public static ArtistRef named(String name) {
    return new ArtistRef(Optional.empty(), name);
  }

  /**
   * The id when known, else the name: the key used to group tracks by artist.
   *
   * @return the id when known, else the name
   */
  public String key() {
    return id.orElse(name);
  }
}

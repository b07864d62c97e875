package dev.recsys.core.model;

import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.OptionalInt;

/**
 * An artist with the genres a source assigns to them.
 *
 * @param id the stable key; never blank
 * @param name display name; never blank
 * @param genres genre labels (may be empty)
 * @param popularity popularity 0 to 100, if known
 */
public record Artist(String id, String name, List<String> genres, OptionalInt popularity) {
  /** Validates the fields. */
  public Artist {
    Checks.notBlank("artist id", id);
    Checks.notBlank("artist name", name);
    genres = List.copyOf(Checks.noNulls("genres", genres));
    java.util.Objects.requireNonNull(popularity, "popularity");
    if (popularity.isPresent()) {
      Checks.inRange("popularity", popularity.getAsInt(), 0, 100);
    }
  }
}

package dev.recsys.core.model;

import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Optional;

/**
 * An ordered list of tracks.
 *
 * @param id the stable key; never blank
 * @param name the playlist's name, if known
 * @param ownerId the owning listener's id, if known
 * @param trackIds the track ids in playlist order (a track may appear more than once)
 * @param genres genre labels the source gives the playlist (e.g. TidyTuesday's playlist genre and subgenre)
 */
public record Playlist(String id, Optional<String> name, Optional<String> ownerId, List<String> trackIds, List<String> genres) {
  /** Validates the fields. */
  public Playlist {
    Checks.notBlank("playlist id", id);
    java.util.Objects.requireNonNull(name, "name");
    java.util.Objects.requireNonNull(ownerId, "ownerId");
    trackIds = List.copyOf(Checks.noNulls("trackIds", trackIds));
    genres = List.copyOf(Checks.noNulls("genres", genres));
  }

  /**
   * Number of tracks.
   *
   * @return the number of tracks
   */
  public int size() {
    return trackIds.size();
  }
}

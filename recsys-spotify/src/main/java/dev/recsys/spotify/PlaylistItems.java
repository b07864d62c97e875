package dev.recsys.spotify;

import dev.recsys.core.model.Track;
import dev.recsys.core.util.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tracks of a playlist in playlist order, with what was skipped and why: nothing is dropped silently.
 *
 * @param playlistId the playlist
 * @param entries the track entries in order
 * @param skippedLocalFiles entries that are local files (no Spotify id)
 * @param skippedEpisodes entries that are podcast episodes or other non-track items
 * @param skippedUnavailable entries whose track is null or unreadable (removed from the catalogue)
 */
public record PlaylistItems(
    String playlistId, List<Entry> entries, int skippedLocalFiles, int skippedEpisodes, int skippedUnavailable) {

  /**
   * One track of a playlist.
   *
   * @param track the track (no genres or audio features yet)
   * @param addedAt when it was added, if known
   */
  public record Entry(Track track, Optional<Instant> addedAt) {
    /** Validates the fields. */
    public Entry {
      Objects.requireNonNull(track, "track");
      Objects.requireNonNull(addedAt, "addedAt");
    }
  }

  /** Validates and copies. */
  public PlaylistItems {
    Checks.notBlank("playlistId", playlistId);
    entries = List.copyOf(Checks.noNulls("entries", entries));
  }

  /**
   * Entries skipped for any reason.
   *
   * @return the entries skipped for any reason
   */
  public int skipped() {
    return skippedLocalFiles + skippedEpisodes + skippedUnavailable;
  }
}

package dev.recsys.core.data;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.ListeningEvent;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.spi.ReadReport;
import java.util.List;
import java.util.Objects;

/**
 * Everything one or more {@link dev.recsys.core.spi.DataSource}s produced, collected in memory. Immutable.
 *
 * @param catalog the tracks (each id once; the first source to name an id wins)
 * @param artists the artists sources gave explicitly (each id once)
 * @param playlists the playlists in source order
 * @param listeners the listener profiles
 * @param events the listening events in source order
 * @param interactions the user-item interactions: those the sources emitted plus one per listening event (weight 1,
 *     skipped when the event was); when there are neither, one per playlist entry (playlist as user, track as item,
 *     weight 1, no timestamp)
 * @param report what was read and skipped
 */
public record MusicDataset(
    Catalog catalog,
    List<Artist> artists,
    List<Playlist> playlists,
    List<Listener> listeners,
    List<ListeningEvent> events,
    Interactions interactions,
    ReadReport report) {

  /** Validates and copies. */
  public MusicDataset {
    Objects.requireNonNull(catalog, "catalog");
    artists = List.copyOf(artists);
    playlists = List.copyOf(playlists);
    listeners = List.copyOf(listeners);
    events = List.copyOf(events);
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(report, "report");
  }

  @Override
  public String toString() {
    return "MusicDataset[tracks=" + catalog.size() + ", artists=" + artists.size() + ", playlists=" + playlists.size()
        + ", listeners=" + listeners.size() + ", events=" + events.size() + ", interactions=" + interactions.size()
        + ", report=" + report + "]";
  }
}

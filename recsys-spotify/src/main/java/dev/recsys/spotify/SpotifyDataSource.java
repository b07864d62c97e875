package dev.recsys.spotify;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SpotifyLibrary} as a recsys {@link DataSource}. Each read streams, in this order: the listener; the
 * artists (with genres); the distinct tracks (genres from their artists, audio features where known); the playlists
 * (track ids in order); and one implicit {@link Interaction} per distinct track (weight = number of the listener's
 * playlists holding it, timestamp = first time it was added, in epoch seconds, when known).
 *
 * <p>The data was fetched before; reads do not call Spotify and always yield the same records. Entries the fetch
 * skipped (local files, episodes, unavailable tracks) are reported as skipped rows with their reasons.
 */
public final class SpotifyDataSource implements DataSource {
  private final SpotifyLibrary library;

  private SpotifyDataSource(SpotifyLibrary library) {
    this.library = Objects.requireNonNull(library, "library");
  }

  /**
   * A data source over a fetched library.
   *
   * @param library the library
   * @return a data source over a fetched library
   */
  public static SpotifyDataSource of(SpotifyLibrary library) {
    return new SpotifyDataSource(library);
  }

  /**
   * The library streamed.
   *
   * @return the library streamed
   */
  public SpotifyLibrary library() {
    return library;
  }

  @Override
  public String description() {
    return "spotify " + library.report().source();
  }

  @Override
  public ReadReport read(MusicDataHandler handler) {
    Objects.requireNonNull(handler, "handler");
    handler.listener(library.listener());
    for (Artist a : library.artists()) {
      handler.artist(a);
    }
    for (Track t : library.tracks()) {
      handler.track(t);
    }
    Map<String, Integer> memberships = new LinkedHashMap<>();
    for (Playlist p : library.playlists()) {
      handler.playlist(p);
      for (String id : new java.util.LinkedHashSet<>(p.trackIds())) {
        memberships.merge(id, 1, Integer::sum);
      }
    }
    String user = library.listener().id();
    long interactions = 0;
    for (Track t : library.tracks()) {
      Instant added = library.firstAdded().get(t.id());
      handler.interaction(new Interaction(user, t.id(), memberships.getOrDefault(t.id(), 1),
          added == null ? Interaction.NO_TIME : added.getEpochSecond(), false));
      interactions++;
    }
    SpotifyLibrary.FetchReport r = library.report();
    Map<String, Long> records = new LinkedHashMap<>();
    records.put("listeners", 1L);
    records.put("artists", (long) library.artists().size());
    records.put("tracks", (long) library.tracks().size());
    records.put("playlists", (long) library.playlists().size());
    records.put("interactions", interactions);
    Map<String, Long> reasons = new LinkedHashMap<>();
    if (r.skippedLocalFiles() > 0) {
      reasons.put("local file (no Spotify id)", (long) r.skippedLocalFiles());
    }
    if (r.skippedEpisodes() > 0) {
      reasons.put("episode, not a track", (long) r.skippedEpisodes());
    }
    if (r.skippedUnavailable() > 0) {
      reasons.put("track unavailable", (long) r.skippedUnavailable());
    }
    long skipped = (long) r.skippedLocalFiles() + r.skippedEpisodes() + r.skippedUnavailable();
    List<String> problems = new ArrayList<>();
    r.playlistsSkipped().forEach((id, why) -> problems.add("playlist " + id + ": " + why));
    problems.addAll(r.notes());
    return new ReadReport(description(), r.itemsRead(), skipped, records, reasons,
        problems.subList(0, Math.min(problems.size(), 20)));
  }
}

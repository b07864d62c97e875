package dev.recsys.spotify;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.util.Checks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's music as read from Spotify: the listener, their playlists with track ids, the distinct tracks (with
 * genres taken from their artists and audio features where some source has them), and the artists. Immutable.
 * {@link SpotifyDataSource} streams it to recsys pipelines; {@link ListenerProfile} summarises it.
 *
 * @param listener the listener: a Spotify user, or a playlist standing for one
 * @param playlists the playlists read, with track ids in order
 * @param tracks the distinct tracks, in first-seen order
 * @param artists the artists of those tracks that could be read
 * @param firstAdded when each track was first added to one of the playlists, where known
 * @param report what was read, skipped and where audio features came from
 */
public record SpotifyLibrary(
    Listener listener,
    List<Playlist> playlists,
    List<Track> tracks,
    List<Artist> artists,
    Map<String, Instant> firstAdded,
    FetchReport report) {
  private static final Logger LOG = LoggerFactory.getLogger(SpotifyLibrary.class);

  /** Where the audio features of a library came from. */
  public enum AudioOrigin {
    /** The Web API's audio-features endpoint (extended quota mode). */
    SPOTIFY,
    /** A local {@link AudioFeatureSource} (catalogue file). */
    LOCAL,
    /** Nowhere: the profile rests on genres and metadata alone. */
    NONE
  }

  /**
   * What a fetch did.
   *
   * @param source what was fetched (the reference)
   * @param playlistsRead playlists whose items were read
   * @param playlistsSkipped playlists whose items could not be read, with the reason
   * @param itemsRead playlist entries read
   * @param skippedLocalFiles entries that were local files
   * @param skippedEpisodes entries that were episodes
   * @param skippedUnavailable entries whose track was unavailable
   * @param artistsMissing artists credited on tracks that could not be read (404 or no id)
   * @param audioOrigin where audio features came from
   * @param audioSourceDescription the source's description, or why there is none
   * @param tracksWithAudio tracks that have at least one audio feature
   * @param notes further remarks (restricted endpoints, fallbacks taken)
   */
  public record FetchReport(
      String source,
      int playlistsRead,
      Map<String, String> playlistsSkipped,
      int itemsRead,
      int skippedLocalFiles,
      int skippedEpisodes,
      int skippedUnavailable,
      int artistsMissing,
      AudioOrigin audioOrigin,
      String audioSourceDescription,
      int tracksWithAudio,
      List<String> notes) {
    /** Validates and copies. */
    public FetchReport {
      Objects.requireNonNull(source, "source");
      playlistsSkipped = Map.copyOf(playlistsSkipped);
      Objects.requireNonNull(audioOrigin, "audioOrigin");
      Objects.requireNonNull(audioSourceDescription, "audioSourceDescription");
      notes = List.copyOf(notes);
    }

    /**
     * True if no track has audio features: the profile is built from genres and metadata alone.
     *
     * @return true if no track has audio features
     */
    public boolean genresAndMetadataOnly() {
      return tracksWithAudio == 0;
    }
  }

  /** Validates and copies. */
  public SpotifyLibrary {
    Objects.requireNonNull(listener, "listener");
    playlists = List.copyOf(Checks.noNulls("playlists", playlists));
    tracks = List.copyOf(Checks.noNulls("tracks", tracks));
    artists = List.copyOf(Checks.noNulls("artists", artists));
    firstAdded = Map.copyOf(firstAdded);
    Objects.requireNonNull(report, "report");
  }

  /**
   * The listener's tracks as a history for {@link dev.recsys.core.spi.UserMatcher#addListener}: the track ids of
   * every playlist read, playlist after playlist, in playlist order, so a track kept in several playlists appears
   * (and weighs) several times.
   *
   * @return the listener's tracks as a history for {@link dev.recsys.core.spi.UserMatcher#addListener}
   */
  public List<String> listeningHistory() {
    List<String> out = new ArrayList<>();
    for (Playlist p : playlists) {
      out.addAll(p.trackIds());
    }
    return out;
  }

  /**
   * Reads the library behind a profile or playlist reference.
   *
   * <ul>
   *   <li>A user: the signed-in user's own playlists ({@code /v1/me/playlists}) when the reference is that user;
   *       otherwise {@code /v1/users/{id}/playlists}, which development-mode apps may no longer call. Playlists whose
   *       items the app may not read are skipped and listed in the report.</li>
   *   <li>A playlist: its metadata and items; the listener stands for the playlist.</li>
   * </ul>
   *
   * Audio features come from Spotify when the app may call the endpoint, else from {@code fallback}, else not at
   * all (and the report says so).
   *
   * @throws IllegalArgumentException for a track or artist reference
   * @throws IOException when the Web API refuses or fails, with the reason
   * @param client the client
   * @param ref the ref
   * @param fallback the fallback
   * @return the {@code SpotifyLibrary}
   */
  public static SpotifyLibrary fetch(SpotifyClient client, SpotifyRef ref, AudioFeatureSource fallback) throws IOException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(fallback, "fallback");
    List<String> notes = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    List<Playlist> playlists = new ArrayList<>();
    Map<String, Track> tracks = new LinkedHashMap<>();
    Map<String, Instant> firstAdded = new LinkedHashMap<>();
    int[] counts = new int[4]; // items, local, episodes, unavailable
    Listener listener;

    switch (ref.kind()) {
      case PLAYLIST -> {
        PlaylistInfo info = client.playlist(ref.id());
        PlaylistItems items;
        try {
          items = client.playlistItems(ref.id());
        } catch (SpotifyException e) {
          if (e.reason() == SpotifyException.Reason.RESTRICTED) {
            throw new SpotifyException(e.reason(), e.status(), e.endpoint(), "cannot read the items of playlist '"
                + info.name() + "' (" + ref.id() + "): development-mode apps may only read playlists the signed-in user"
                + " owns or collaborates on" + (client.hasUserAuthorization() ? "" : "; sign in with --login") + "", e);
          }
          throw e;
        }
        addPlaylist(info, items, playlists, tracks, firstAdded, counts);
        listener = new Listener("spotify-playlist-" + ref.id(), Optional.of(info.name()),
            Map.of("source", "spotify", "ref", ref.uri(), "kind", "playlist"));
      }
      case USER -> {
        List<PlaylistInfo> infos;
        Optional<String> displayName = Optional.empty();
        SpotifyUser me = client.hasUserAuthorization() ? client.currentUser() : null;
        if (me != null && me.id().equals(ref.id())) {
          infos = client.currentUserPlaylists();
          displayName = me.displayName();
        } else {
          try {
            infos = client.userPlaylists(ref.id());
          } catch (SpotifyException e) {
            if (e.reason() == SpotifyException.Reason.RESTRICTED || e.reason() == SpotifyException.Reason.NOT_FOUND) {
              throw new SpotifyException(e.reason(), e.status(), e.endpoint(), "cannot list the playlists of user '"
                  + ref.id() + "': since 2026 development-mode apps cannot list another user's playlists"
                  + (me == null ? "; sign in as that user with --login" : " (signed in as '" + me.id() + "')")
                  + ", or give a playlist link instead", e);
            }
            throw e;
          }
        }
        for (PlaylistInfo info : infos) {
          try {
            addPlaylist(info, client.playlistItems(info.id()), playlists, tracks, firstAdded, counts);
          } catch (SpotifyException e) {
            if (e.reason() != SpotifyException.Reason.RESTRICTED && e.reason() != SpotifyException.Reason.NOT_FOUND) {
              throw e;
            }
            skipped.put(info.id(), e.reason() == SpotifyException.Reason.RESTRICTED
                ? "items not readable by this app (not owned or collaborative)" : "not found");
          }
        }
        if (!skipped.isEmpty()) {
          notes.add(skipped.size() + " playlist(s) skipped: development-mode apps cannot read items of playlists the"
              + " user follows but neither owns nor collaborates on");
        }
        listener = new Listener(ref.id(), displayName, Map.of("source", "spotify", "ref", ref.uri(), "kind", "user"));
      }
      default -> throw new IllegalArgumentException("a listener profile needs a user or playlist reference; got a "
          + ref.kind().segment() + " (" + ref.uri() + ")");
    }

    // artists and genres: one call per distinct artist
    Set<String> artistIds = new LinkedHashSet<>();
    int creditsWithoutId = 0;
    for (Track t : tracks.values()) {
      for (ArtistRef a : t.artists()) {
        if (a.id().isPresent()) {
          artistIds.add(a.id().get());
        } else {
          creditsWithoutId++;
        }
      }
    }
    Map<String, Artist> artists = client.artists(artistIds);
    int artistsMissing = artistIds.size() - artists.size();
    if (artistsMissing > 0) {
      notes.add(artistsMissing + " artist(s) not found; their genres are missing");
    }
    if (creditsWithoutId > 0) {
      notes.add(creditsWithoutId + " artist credit(s) without a Spotify id; no genres for them");
    }

    // audio features: Spotify, else the fallback, else none
    List<String> ids = new ArrayList<>(tracks.keySet());
    Map<String, AudioFeatures> audio = Map.of();
    AudioOrigin origin = AudioOrigin.NONE;
    String audioDescription;
    try {
      audio = ids.isEmpty() ? Map.of() : client.audioFeatures(ids);
      origin = AudioOrigin.SPOTIFY;
      audioDescription = client.audioFeatureSource().description();
    } catch (SpotifyException e) {
      if (e.reason() != SpotifyException.Reason.RESTRICTED && e.reason() != SpotifyException.Reason.NOT_FOUND) {
        throw e;
      }
      notes.add("Spotify refused audio features (" + e.status() + "); using " + fallback.description());
      audio = fallback.lookup(ids);
      origin = audio.isEmpty() ? AudioOrigin.NONE : AudioOrigin.LOCAL;
      audioDescription = fallback.description();
    }
    if (audio.isEmpty()) {
      origin = AudioOrigin.NONE;
      notes.add("no audio features for any track: the profile is built from genres and metadata alone");
    }

    List<Track> out = new ArrayList<>(tracks.size());
    int withAudio = 0;
    for (Track t : tracks.values()) {
      List<String> genres = new ArrayList<>();
      for (ArtistRef a : t.artists()) {
        Artist artist = a.id().map(artists::get).orElse(null);
        if (artist != null) {
          for (String g : artist.genres()) {
            if (!genres.contains(g)) {
              genres.add(g);
            }
          }
        }
      }
      AudioFeatures af = audio.getOrDefault(t.id(), AudioFeatures.MISSING);
      if (!af.isEmpty()) {
        withAudio++;
      }
      out.add(t.toBuilder().genres(genres).audio(af).build());
    }
    FetchReport report = new FetchReport(ref.uri(), playlists.size(), skipped, counts[0], counts[1], counts[2], counts[3],
        artistsMissing, origin, audioDescription, withAudio, notes);
    LOG.info("read {}: {} playlists, {} tracks, {} artists, audio from {}", ref.uri(), playlists.size(), out.size(),
        artists.size(), origin);
    return new SpotifyLibrary(listener, playlists, out, List.copyOf(artists.values()), firstAdded, report);
  }

  private static void addPlaylist(PlaylistInfo info, PlaylistItems items, List<Playlist> playlists,
      Map<String, Track> tracks, Map<String, Instant> firstAdded, int[] counts) {
    List<String> ids = new ArrayList<>(items.entries().size());
    for (PlaylistItems.Entry e : items.entries()) {
      String id = e.track().id();
      ids.add(id);
      tracks.putIfAbsent(id, e.track());
      e.addedAt().ifPresent(t -> firstAdded.merge(id, t, (a, b) -> a.isBefore(b) ? a : b));
    }
    counts[0] += items.entries().size() + items.skipped();
    counts[1] += items.skippedLocalFiles();
    counts[2] += items.skippedEpisodes();
    counts[3] += items.skippedUnavailable();
    playlists.add(new Playlist(info.id(), Optional.of(info.name()), info.ownerId(), ids, List.of()));
  }
}

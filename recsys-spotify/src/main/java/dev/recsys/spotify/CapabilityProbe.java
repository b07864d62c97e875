package dev.recsys.spotify;

import dev.recsys.core.util.Checks;
import dev.recsys.spotify.SpotifyClient.Principal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds out, before a long run, which Web API endpoints this app may use: one live, uncached call per endpoint
 * with sample ids. A 403 marks an endpoint restricted. Apps in development mode get 403 on audio features, audio
 * analysis, recommendations and related artists (since 27 November 2024) and, since 2026, on batch track and
 * artist GETs, other users' playlists and the items of playlists the signed-in user neither owns nor
 * collaborates on; apps with extended quota get none of these.
 */
public final class CapabilityProbe {
  private CapabilityProbe() {}

  /** Outcome of one endpoint check. */
  public enum Status {
    /** The endpoint answered 2xx. */
    AVAILABLE,
    /** The endpoint answered 403. */
    RESTRICTED,
    /** Not checked (needs a signed-in user). */
    NOT_CHECKED,
    /** Another failure (404, 5xx after retries, timeout, ...); see the detail. */
    ERROR
  }

  /** The app's access level as far as the probe can tell. */
  public enum Mode {
    /** Development mode: the restricted endpoints answer 403. */
    DEVELOPMENT,
    /** Extended quota mode: the restricted endpoints answer. */
    EXTENDED,
    /** Mixed or failed answers. */
    UNKNOWN
  }

  /**
   * One endpoint check.
   *
   * @param name short name ({@code audio-features})
   * @param endpoint method and path template
   * @param status the outcome
   * @param httpStatus the HTTP status, or -1 when none
   * @param detail what happened, in a few words
   */
  public record Check(String name, String endpoint, Status status, int httpStatus, String detail) {
    /** Validates the fields. */
    public Check {
      Checks.notBlank("name", name);
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * What the probe found.
   *
   * @param mode development, extended or unknown
   * @param userSignedIn whether the user-data checks ran with a signed-in user's token
   * @param checks every check, in probe order
   */
  public record Report(Mode mode, boolean userSignedIn, List<Check> checks) {
    /** Validates and copies. */
    public Report {
      Objects.requireNonNull(mode, "mode");
      checks = List.copyOf(checks);
    }

    /**
     * The check with this name.
     *
     * @param name the name
     * @return the check with this name
     */
    public Check check(String name) {
      return checks.stream().filter(c -> c.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no check named '" + name + "'"));
    }

    /**
     * True if the named endpoint answered.
     *
     * @param name the name
     * @return true if the named endpoint answered
     */
    public boolean available(String name) {
      return check(name).status() == Status.AVAILABLE;
    }

    /**
     * The checks that failed with an error (not a refusal): a missing sample, a network or server fault.
     *
     * @return the failed checks, in order
     */
    public List<Check> errors() {
      return checks.stream().filter(c -> c.status() == Status.ERROR).toList();
    }
  }

  /**
   * Sample ids the probe asks about. Any public objects will do.
   *
   * @param trackId a track
   * @param otherTrackId a second track (batch check)
   * @param artistId an artist
   * @param otherArtistId a second artist (batch check)
   * @param playlistId a public playlist the signed-in user does not own (Spotify-owned editorial playlists work)
   * @param userId a user other than the signed-in one
   */
  public record Samples(String trackId, String otherTrackId, String artistId, String otherArtistId, String playlistId,
      String userId) {
    /** Well-known public objects. */
    public static final Samples DEFAULT = new Samples("4uLU6hMCjMI75M1A2tKUQC", "7GhIk7Il098yCjg4BQjzvb",
        "0gxyHStUsqpMadRV0Di1Qt", "1dfeR4HaWDbWqFHLkxsg1d", "37i9dQZF1DXcBWIGoYBM5M", "spotify");

    /**
     * Samples taken from the server itself when a user is signed in: the first two tracks (and their artists) of
     * the user's playlists, a playlist the user follows but does not own, and that playlist's owner. Whatever cannot
     * be found there comes from {@code fallback}. Without a signed-in user this is {@code fallback}.
     *
     * @param client the client
     * @param fallback ids used for what the user's library does not provide
     * @return the samples
     * @throws IOException if the user's playlists cannot be read
     */
    public static Samples fromLibrary(SpotifyClient client, Samples fallback) throws IOException {
      if (!client.hasUserAuthorization()) {
        return fallback;
      }
      String me = client.currentUser().id();
      List<String> tracks = new ArrayList<>();
      List<String> artists = new ArrayList<>();
      String playlist = fallback.playlistId();
      String user = fallback.userId();
      boolean foreign = false;
      for (PlaylistInfo info : client.currentUserPlaylists()) {
        if (!foreign && info.ownerId().isPresent() && !info.ownerId().get().equals(me)) {
          playlist = info.id();
          user = info.ownerId().get();
          foreign = true;
        }
        if (tracks.size() < 2) {
          try {
            for (PlaylistItems.Entry e : client.playlistItems(info.id()).entries()) {
              if (tracks.size() < 2 && !tracks.contains(e.track().id())) {
                tracks.add(e.track().id());
                e.track().primaryArtist().flatMap(a -> a.id()).filter(a -> !artists.contains(a)).ifPresent(artists::add);
              }
            }
          } catch (SpotifyException e) {
            // a playlist whose items are refused gives no samples; the next one may
          }
        }
        if (foreign && tracks.size() >= 2) {
          break;
        }
      }
      return new Samples(!tracks.isEmpty() ? tracks.get(0) : fallback.trackId(),
          tracks.size() > 1 ? tracks.get(1) : fallback.otherTrackId(),
          !artists.isEmpty() ? artists.get(0) : fallback.artistId(),
          artists.size() > 1 ? artists.get(1) : fallback.otherArtistId(), playlist, user);
    }

    /** Validates the ids. */
    public Samples {
      new SpotifyRef(SpotifyRef.Kind.TRACK, trackId);
      new SpotifyRef(SpotifyRef.Kind.TRACK, otherTrackId);
      new SpotifyRef(SpotifyRef.Kind.ARTIST, artistId);
      new SpotifyRef(SpotifyRef.Kind.ARTIST, otherArtistId);
      new SpotifyRef(SpotifyRef.Kind.PLAYLIST, playlistId);
      new SpotifyRef(SpotifyRef.Kind.USER, userId);
    }
  }

  /** Names of the endpoints whose 403 marks a development-mode app. */
  public static final List<String> DEVELOPMENT_MARKERS = List.of("audio-features", "recommendations", "related-artists");

  /**
   * Runs every check. Each check makes one uncached call (retried on 429 and 5xx as configured).
   *
   * @throws IOException if no token can be obtained at all (missing or rejected credentials)
   * @param client the client
   * @param s the samples
   * @return the {@code Report}
   */
  public static Report run(SpotifyClient client, Samples s) throws IOException {
    client.token(Principal.CATALOGUE); // fail early and clearly without credentials
    boolean user = client.hasUserAuthorization();
    List<Check> checks = new ArrayList<>();
    checks.add(check(client, "track", Principal.CATALOGUE, "/v1/tracks/" + s.trackId(), Map.of(), "/v1/tracks/{id}"));
    checks.add(check(client, "artist", Principal.CATALOGUE, "/v1/artists/" + s.artistId(), Map.of(), "/v1/artists/{id}"));
    checks.add(check(client, "batch-tracks", Principal.CATALOGUE, "/v1/tracks",
        Map.of("ids", s.trackId() + "," + s.otherTrackId()), "/v1/tracks?ids="));
    checks.add(check(client, "batch-artists", Principal.CATALOGUE, "/v1/artists",
        Map.of("ids", s.artistId() + "," + s.otherArtistId()), "/v1/artists?ids="));
    checks.add(check(client, "audio-features", Principal.CATALOGUE, "/v1/audio-features/" + s.trackId(), Map.of(),
        "/v1/audio-features/{id}"));
    checks.add(check(client, "audio-analysis", Principal.CATALOGUE, "/v1/audio-analysis/" + s.trackId(), Map.of(),
        "/v1/audio-analysis/{id}"));
    checks.add(check(client, "recommendations", Principal.CATALOGUE, "/v1/recommendations",
        Map.of("seed_tracks", s.trackId(), "limit", 1), "/v1/recommendations"));
    checks.add(check(client, "related-artists", Principal.CATALOGUE, "/v1/artists/" + s.artistId() + "/related-artists",
        Map.of(), "/v1/artists/{id}/related-artists"));
    checks.add(check(client, "other-user-playlists", Principal.USER_IF_SIGNED_IN, "/v1/users/" + s.userId() + "/playlists",
        Map.of("limit", 1), "/v1/users/{id}/playlists"));
    checks.add(check(client, "playlist", Principal.USER_IF_SIGNED_IN, "/v1/playlists/" + s.playlistId(), Map.of(),
        "/v1/playlists/{id}"));
    checks.add(check(client, "non-owned-playlist-items", Principal.USER_IF_SIGNED_IN,
        "/v1/playlists/" + s.playlistId() + "/items", Map.of("limit", 1), "/v1/playlists/{id}/items"));
    if (user) {
      checks.add(check(client, "current-user-playlists", Principal.USER, "/v1/me/playlists", Map.of("limit", 1),
          "/v1/me/playlists"));
    } else {
      checks.add(new Check("current-user-playlists", "GET /v1/me/playlists", Status.NOT_CHECKED, -1,
          "needs a signed-in user (--login or SPOTIFY_REFRESH_TOKEN)"));
    }
    return new Report(mode(checks), user, checks);
  }

  static Mode mode(List<Check> checks) {
    Map<String, Status> byName = new LinkedHashMap<>();
    checks.forEach(c -> byName.put(c.name(), c.status()));
    boolean anyRestricted = false;
    boolean allAvailable = true;
    for (String m : DEVELOPMENT_MARKERS) {
      Status st = byName.get(m);
      anyRestricted |= st == Status.RESTRICTED;
      allAvailable &= st == Status.AVAILABLE;
    }
    return anyRestricted ? Mode.DEVELOPMENT : allAvailable ? Mode.EXTENDED : Mode.UNKNOWN;
  }

  private static Check check(SpotifyClient client, String name, Principal principal, String path,
      Map<String, Object> query, String template) {
    String endpoint = "GET " + template;
    try {
      client.get(principal, path, query, false);
      return new Check(name, endpoint, Status.AVAILABLE, 200, "ok");
    } catch (SpotifyException e) {
      Status st = e.reason() == SpotifyException.Reason.RESTRICTED ? Status.RESTRICTED : Status.ERROR;
      String detail = st == Status.RESTRICTED ? "403 forbidden for this app" : e.reason() + ": " + e.getMessage();
      return new Check(name, endpoint, st, e.status(), detail);
    } catch (IOException e) {
      return new Check(name, endpoint, Status.ERROR, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}

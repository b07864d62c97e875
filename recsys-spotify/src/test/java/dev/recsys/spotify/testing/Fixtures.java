package dev.recsys.spotify.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fixture JSON in the Web API's documented shapes (2026 field names where they changed) and a standard small
 * library: user alice owns "Mix" (4 entries: two tracks, a local file, an episode) and "Old" (legacy {@code track}
 * field entries), and follows bob's "Bobs" (items not readable in development mode).
 */
public final class Fixtures {
  private Fixtures() {}

  /** A 22-character base-62 id made from a readable prefix. */
  public static String id(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.replaceAll("[^0-9A-Za-z]", ""));
    while (sb.length() < 22) {
      sb.append('0');
    }
    return sb.substring(0, 22);
  }

  public static final String T1 = id("trackOne");
  public static final String T2 = id("trackTwo");
  public static final String T3 = id("trackThree");
  public static final String T4 = id("trackFour");
  public static final String A1 = id("artistOne");
  public static final String A2 = id("artistTwo");
  public static final String A3 = id("artistThree");
  public static final String MIX = id("playlistMix");
  public static final String OLD = id("playlistOld");
  public static final String BOBS = id("playlistBobs");

  public static String artistRef(String id, String name) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"artist\",\"uri\":\"spotify:artist:" + id + "\"}";
  }

  public static String track(String id, String name, String... artistRefs) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"track\",\"uri\":\"spotify:track:" + id
        + "\",\"duration_ms\":201000,\"explicit\":false,\"is_local\":false,\"album\":{\"id\":\"" + id("album" + name)
        + "\",\"name\":\"Album " + name + "\",\"release_date\":\"2019-06-14\",\"release_date_precision\":\"day\"},"
        + "\"artists\":[" + String.join(",", artistRefs) + "]}";
  }

  public static String artist(String id, String name, String... genres) {
    List<String> g = new ArrayList<>();
    for (String s : genres) {
      g.add("\"" + s + "\"");
    }
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"type\":\"artist\",\"genres\":[" + String.join(",", g)
        + "],\"uri\":\"spotify:artist:" + id + "\"}";
  }

  /** A playlist entry in the 2026 shape ({@code item}) or the legacy one ({@code track}). */
  public static String entry(String trackJson, String addedAt, boolean legacy) {
    return "{\"added_at\":\"" + addedAt + "\",\"is_local\":false,\"" + (legacy ? "track" : "item") + "\":" + trackJson + "}";
  }

  public static String localEntry() {
    return "{\"added_at\":\"2024-01-01T00:00:00Z\",\"is_local\":true,\"item\":{\"id\":null,\"name\":\"My demo\","
        + "\"type\":\"track\",\"uri\":\"spotify:local:x:y:My+demo:180\",\"artists\":[]}}";
  }

  public static String episodeEntry() {
    return "{\"added_at\":\"2024-01-01T00:00:00Z\",\"is_local\":false,\"item\":{\"id\":\"" + id("episodeOne")
        + "\",\"name\":\"A podcast\",\"type\":\"episode\"}}";
  }

  public static String playlist(String id, String name, String owner, int total) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"collaborative\":false,\"public\":true,\"type\":\"playlist\","
        + "\"owner\":{\"id\":\"" + owner + "\",\"display_name\":\"" + owner + "\"},\"items\":{\"href\":\"x\",\"total\":"
        + total + "},\"tracks\":null,\"uri\":\"spotify:playlist:" + id + "\"}";
  }

  public static String audioFeatures(String id, double danceability, double energy, int key, double tempo) {
    return "{\"id\":\"" + id + "\",\"danceability\":" + danceability + ",\"energy\":" + energy + ",\"key\":" + key
        + ",\"loudness\":-6.5,\"mode\":1,\"speechiness\":0.05,\"acousticness\":0.1,\"instrumentalness\":0.0,"
        + "\"liveness\":0.12,\"valence\":0.6,\"tempo\":" + tempo + ",\"time_signature\":4,\"type\":\"audio_features\"}";
  }

  /** Installs the standard library on the server. */
  public static void standardLibrary(FakeSpotifyServer s) {
    String a1 = artistRef(A1, "Ada");
    String a2 = artistRef(A2, "Bo");
    String a3 = artistRef(A3, "Cy");
    String t1 = track(T1, "One", a1);
    String t2 = track(T2, "Two", a1, a2);
    String t3 = track(T3, "Three", a2);
    String t4 = track(T4, "Four", a3);
    s.resource("/v1/tracks/" + T1, t1).resource("/v1/tracks/" + T2, t2).resource("/v1/tracks/" + T3, t3)
        .resource("/v1/tracks/" + T4, t4);
    s.resource("/v1/artists/" + A1, artist(A1, "Ada", "pop", "dance pop"));
    s.resource("/v1/artists/" + A2, artist(A2, "Bo", "Rock"));
    s.resource("/v1/artists/" + A3, artist(A3, "Cy"));
    s.resource("/v1/playlists/" + MIX, playlist(MIX, "Mix", "alice", 4));
    s.resource("/v1/playlists/" + OLD, playlist(OLD, "Old", "alice", 2));
    s.resource("/v1/playlists/" + BOBS, playlist(BOBS, "Bobs", "bob", 1));
    s.playlistOwner(MIX, "alice").playlistOwner(OLD, "alice").playlistOwner(BOBS, "bob");
    s.pagedResource("/v1/me/playlists", List.of(playlist(MIX, "Mix", "alice", 4), playlist(OLD, "Old", "alice", 2),
        playlist(BOBS, "Bobs", "bob", 1)));
    s.pagedResource("/v1/playlists/" + MIX + "/items", List.of(entry(t1, "2024-02-01T10:00:00Z", false),
        localEntry(), entry(t2, "2024-02-02T10:00:00Z", false), episodeEntry()));
    s.pagedResource("/v1/playlists/" + OLD + "/items", List.of(entry(t2, "2023-05-01T10:00:00Z", true),
        entry(t3, "2023-05-02T10:00:00Z", true)));
    s.pagedResource("/v1/playlists/" + BOBS + "/items", List.of(entry(t4, "2022-01-01T00:00:00Z", false)));
    s.resource("/v1/audio-features", "{\"audio_features\":[" + audioFeatures(T1, 0.8, 0.7, 5, 120) + ","
        + audioFeatures(T2, 0.6, 0.9, 2, 128) + "," + audioFeatures(T3, 0.4, 0.95, -1, 140) + ",null]}");
    for (String t : List.of(T1, T2, T3)) {
      s.resource("/v1/audio-features/" + t, audioFeatures(t, 0.5, 0.5, 1, 100));
    }
  }

  /**
   * A stand-in for the user's browser: opens the authorisation URL, follows the fake server's redirect to the
   * loopback receiver, and records the pages it saw.
   */
  public static Consumer<URI> browser(List<String> seen) {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    return uri -> {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + r.body()));
        HttpResponse<String> cb = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
            HttpResponse.BodyHandlers.ofString());
        seen.add(cb.statusCode() + " " + cb.body());
      } catch (java.io.IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    };
  }

  /** Serves the objects of {@link dev.recsys.spotify.CapabilityProbe.Samples#DEFAULT} so every endpoint the probe checks exists on the fake server. */
  public static void probeSamples(FakeSpotifyServer s) {
    dev.recsys.spotify.CapabilityProbe.Samples d = dev.recsys.spotify.CapabilityProbe.Samples.DEFAULT;
    String art = artistRef(d.artistId(), "Rick");
    s.resource("/v1/tracks/" + d.trackId(), track(d.trackId(), "Never", art));
    s.resource("/v1/artists/" + d.artistId(), artist(d.artistId(), "Rick", "dance rock"));
    s.resource("/v1/tracks", "{\"tracks\":[]}");
    s.resource("/v1/artists", "{\"artists\":[]}");
    s.resource("/v1/audio-features/" + d.trackId(), audioFeatures(d.trackId(), 0.7, 0.9, 8, 113));
    s.resource("/v1/audio-analysis/" + d.trackId(), "{\"track\":{\"tempo\":113.0},\"sections\":[]}");
    s.resource("/v1/recommendations", "{\"seeds\":[],\"tracks\":[]}");
    s.resource("/v1/artists/" + d.artistId() + "/related-artists", "{\"artists\":[]}");
    s.pagedResource("/v1/users/" + d.userId() + "/playlists", List.of());
    s.resource("/v1/playlists/" + d.playlistId(), playlist(d.playlistId(), "Top Hits", "spotify", 0));
    s.pagedResource("/v1/playlists/" + d.playlistId() + "/items", List.of());
    s.playlistOwner(d.playlistId(), "spotify");
  }

}

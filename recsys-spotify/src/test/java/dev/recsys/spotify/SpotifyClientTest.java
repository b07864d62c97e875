package dev.recsys.spotify;

import static dev.recsys.spotify.testing.Fixtures.A1;
import static dev.recsys.spotify.testing.Fixtures.A2;
import static dev.recsys.spotify.testing.Fixtures.MIX;
import static dev.recsys.spotify.testing.Fixtures.OLD;
import static dev.recsys.spotify.testing.Fixtures.T1;
import static dev.recsys.spotify.testing.Fixtures.T2;
import static dev.recsys.spotify.testing.Fixtures.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.spotify.SpotifyException.Reason;
import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeSpotifyServer.Reply;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotifyClientTest {
  FakeSpotifyServer server;
  FakeTime time;

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
    time = new FakeTime();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static SpotifyConfig.Builder config(FakeSpotifyServer s) {
    return SpotifyConfig.builder()
        .apiBase(s.base())
        .accountsBase(s.base())
        .clientId(FakeSpotifyServer.CLIENT_ID)
        .clientSecret(Secret.of(FakeSpotifyServer.CLIENT_SECRET))
        .redirectPort(0)
        .requestsPerSecond(1000)
        .burst(1000)
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(200))
        .maxBackoff(Duration.ofSeconds(2))
        .maxRetryAfter(Duration.ofSeconds(10))
        .requestTimeout(Duration.ofSeconds(5));
  }

  SpotifyClient client(SpotifyConfig.Builder b) {
    return SpotifyClient.builder(b.build()).clock(time).sleeper(time).build();
  }

  SpotifyClient userClient(SpotifyConfig.Builder b) {
    return client(b.refreshToken(Secret.of(server.issueRefreshToken("alice"))));
  }

  @Test
  void catalogueCallsUseClientCredentials() throws Exception {
    try (SpotifyClient c = client(config(server))) {
      Track t = c.track(T2);
      assertEquals(Optional.of("Two"), t.title());
      assertEquals(List.of("Ada", "Bo"), t.artists().stream().map(a -> a.name()).toList());
      assertEquals(Optional.of(A1), t.artists().get(0).id());
      assertEquals(Optional.of(new ReleaseDate(2019, 6, 14)), t.releaseDate());
      assertEquals(201000, t.durationMs().getAsLong());
      assertTrue(t.popularity().isEmpty(), "popularity is not in 2026 responses and stays unknown, not 0");
      assertEquals(List.of("rock"), c.artist(A2).genres());
      assertEquals(1, server.count("/api/token"), "one client-credentials token for all calls");
    }
  }

  @Test
  void playlistItemsComeFromItemsEndpointAcrossPagesWithSkipsCounted() throws Exception {
    try (SpotifyClient c = userClient(config(server))) {
      PlaylistItems mix = c.playlistItems(MIX);
      assertEquals(List.of(T1, T2), mix.entries().stream().map(e -> e.track().id()).toList());
      assertEquals(1, mix.skippedLocalFiles());
      assertEquals(1, mix.skippedEpisodes());
      assertEquals(0, mix.skippedUnavailable());
      assertEquals("2024-02-01T10:00:00Z", mix.entries().get(0).addedAt().orElseThrow().toString());
      assertEquals(2, server.count("/v1/playlists/" + MIX + "/items"), "4 entries at 2 per page");
      PlaylistItems old = c.playlistItems(OLD);
      assertEquals(List.of(T2, T3), old.entries().stream().map(e -> e.track().id()).toList(), "legacy 'track' field");
      assertEquals(0, server.count("/v1/playlists/" + MIX + "/tracks"), "the removed /tracks path is never called");
      List<PlaylistInfo> mine = c.currentUserPlaylists();
      assertEquals(List.of("Mix", "Old", "Bobs"), mine.stream().map(PlaylistInfo::name).toList());
      assertEquals(4, mine.get(0).totalItems().getAsInt());
      assertEquals(2, server.count("/v1/me/playlists"));
    }
  }

  @Test
  void artistsAreFetchedOncePerDistinctArtist() throws Exception {
    try (SpotifyClient c = client(config(server).maxConcurrency(3))) {
      var got = c.artists(List.of(A1, A2, A1, A2, A1));
      assertEquals(List.of(A1, A2), List.copyOf(got.keySet()));
      c.artists(List.of(A2, A1));
      c.artist(A1);
      assertEquals(1, server.count("/v1/artists/" + A1));
      assertEquals(1, server.count("/v1/artists/" + A2));
      String missing = Fixtures.id("artistGone");
      assertEquals(List.of(A1), List.copyOf(c.artists(List.of(A1, missing)).keySet()), "404 artists are left out");
    }
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.tooMany("2"), Reply.tooMany("1"));
    try (SpotifyClient c = client(config(server))) {
      assertEquals(T1, c.track(T1).id());
      assertEquals(3, server.count("/v1/tracks/" + T1));
      assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), time.sleeps());
    }
  }

  @Test
  void retryAfterBeyondTheMaximumFailsAtOnce() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.tooMany("86400"));
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.RATE_LIMITED, e.reason());
      assertEquals(429, e.status());
      assertTrue(e.getMessage().contains("Spotify asks to wait 86400 s (Retry-After), longer than the configured maximum"
          + " wait of 10 s"), e.getMessage());
      assertEquals(1, server.count("/v1/tracks/" + T1));
      assertEquals(List.of(), time.sleeps());
    }
  }

  @Test
  void persistentRateLimitingGivesUpAfterMaxAttempts() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.tooMany("1"), Reply.tooMany("1"), Reply.tooMany(null), Reply.tooMany("1"));
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.RATE_LIMITED, e.reason());
      assertTrue(e.getMessage().startsWith("gave up on GET /v1/tracks/" + T1 + " after 3 attempts; last: 429"),
          e.getMessage());
      assertEquals(3, server.count("/v1/tracks/" + T1));
      assertEquals(2, time.sleeps().size());
    }
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.error(503), Reply.error(502));
    try (SpotifyClient c = client(config(server))) {
      assertEquals(T1, c.track(T1).id());
      List<Duration> s = time.sleeps();
      assertEquals(2, s.size());
      assertTrue(s.get(0).toMillis() >= 100 && s.get(0).toMillis() <= 200, s.toString());
      assertTrue(s.get(1).toMillis() >= 200 && s.get(1).toMillis() <= 400, s.toString());
    }
    server.script("/v1/tracks/" + T2, Reply.error(500), Reply.error(500), Reply.error(500), Reply.error(500));
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T2));
      assertEquals(Reason.SERVER_ERROR, e.reason());
      assertEquals(3, server.count("/v1/tracks/" + T2), "bounded: maxAttempts requests");
      assertTrue(e.getMessage().contains("after 3 attempts; last: 500"), e.getMessage());
    }
  }

  @Test
  void restrictedEndpointsFailAtOnceWithAnExplanation() throws Exception {
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.audioFeatures(List.of(T1)));
      assertEquals(Reason.RESTRICTED, e.reason());
      assertEquals("GET /v1/audio-features", e.endpoint());
      assertTrue(e.getMessage().contains("development-mode apps cannot use audio features"), e.getMessage());
      assertEquals(1, server.count("/v1/audio-features"), "403 is not retried");
      e = assertThrows(SpotifyException.class, () -> c.playlistItems(MIX));
      assertEquals(Reason.RESTRICTED, e.reason(), "an app token may not read playlist items in development mode");
    }
  }

  @Test
  void audioFeaturesInExtendedMode() throws Exception {
    server.developmentMode(false);
    try (SpotifyClient c = client(config(server))) {
      Map<String, AudioFeatures> af = c.audioFeatures(List.of(T1, T2, T3, Fixtures.T4));
      assertEquals(List.of(T1, T2, T3), List.copyOf(af.keySet()), "null entries are left out");
      assertEquals(0.8, af.get(T1).value(AudioFeature.DANCEABILITY));
      assertFalse(af.get(T3).isPresent(AudioFeature.KEY), "key -1 means no key detected: missing, not 0 or -1");
      assertEquals(140, af.get(T3).value(AudioFeature.TEMPO));
    }
  }

  @Test
  void expiredTokenIsRefreshedOnceAndTheCallRetried() throws Exception {
    try (SpotifyClient c = userClient(config(server))) {
      assertEquals("alice", c.currentUser().id());
      c.track(T1);
      server.expireAccessTokens();
      assertEquals("alice", c.currentUser().id(), "the signed-in user is remembered");
      assertEquals(1, server.count("/v1/me"), "asked once");
      assertEquals(3, c.currentUserPlaylists().size());
      assertEquals(T2, c.track(T2).id());
      assertEquals(3, server.count("/v1/me/playlists"), "the 401, its retry, the second page (2 a page)");
      // refresh_token grant twice (initial + after expiry), client credentials twice
      assertEquals(4, server.count("/api/token"));
      server.expireAccessTokens();
      server.revokeRefreshTokens();
      SpotifyException e = assertThrows(SpotifyException.class, c::currentUserPlaylists);
      assertEquals(Reason.BAD_REQUEST, e.reason());
      assertTrue(e.getMessage().contains("Refresh token revoked"), e.getMessage());
    }
  }

  @Test
  void persistentUnauthorizedIsAClearError() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.error(401), Reply.error(401));
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.UNAUTHORIZED, e.reason());
      assertTrue(e.getMessage().contains("even after refreshing the access token"), e.getMessage());
      assertEquals(2, server.count("/v1/tracks/" + T1));
    }
    try (SpotifyClient c = client(config(server).clientSecret(Secret.of("wrong")))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.UNAUTHORIZED, e.reason());
      assertTrue(e.getMessage().contains("Invalid client"), e.getMessage());
    }
  }

  @Test
  void malformedJsonIsReportedWithPositionAndNotCached(@TempDir Path dir) throws Exception {
    server.script("/v1/tracks/" + T1, Reply.json(200, "{\"id\": \"" + T1 + "\", \"name\": }"));
    try (SpotifyClient c = client(config(server).cacheDir(dir))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
      assertTrue(e.getMessage().startsWith("malformed JSON from GET /v1/tracks/" + T1 + " at line 1, column "), e.getMessage());
      assertEquals(T1, c.track(T1).id(), "the bad answer was not cached");
    }
    server.script("/v1/tracks/" + T2, Reply.json(200, "{\"name\": \"no id\"}"));
    try (SpotifyClient c = client(config(server))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T2));
      assertEquals("malformed response from GET /v1/tracks/" + T2 + ": track object without 'id'", e.getMessage());
    }
  }

  @Test
  void timeoutsAreRetriedThenReported() throws Exception {
    server.script("/v1/tracks/" + T1, Reply.slow(1500), Reply.slow(1500));
    try (SpotifyClient c = client(config(server).requestTimeout(Duration.ofMillis(150)).maxAttempts(2))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(T1));
      assertEquals(Reason.TIMEOUT, e.reason());
      assertTrue(e.getMessage().contains("after 2 attempts; last: no response within 150 ms"), e.getMessage());
      assertEquals(1, time.sleeps().size());
    }
  }

  @Test
  void diskCacheAvoidsRefetchingUntilTtl(@TempDir Path dir) throws Exception {
    try (SpotifyClient c = client(config(server).cacheDir(dir).cacheTtl(Duration.ofHours(1)))) {
      c.track(T1);
      c.artist(A1);
    }
    List<String> before = new ArrayList<>(server.requests());
    try (SpotifyClient c = client(config(server).cacheDir(dir).cacheTtl(Duration.ofHours(1)))) {
      assertEquals(T1, c.track(T1).id());
      assertEquals("Ada", c.artist(A1).name());
      assertEquals(2, c.cacheHits());
      assertEquals(0, c.networkRequests(), "a repeated run does not touch the network");
      assertEquals(before, server.requests());
      time.advance(Duration.ofHours(2));
      c.track(T1);
      assertEquals(2, server.count("/v1/tracks/" + T1), "after the TTL the entry is fetched again");
    }
  }

  @Test
  void concurrencyIsLimited() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String id = Fixtures.id("parallelArtist" + i);
      ids.add(id);
      server.script("/v1/artists/" + id, new Reply(200, Fixtures.artist(id, "P" + i, "g" + i), Map.of(), 60));
    }
    try (SpotifyClient c = client(config(server).maxConcurrency(2))) {
      assertEquals(8, c.artists(ids).size());
    }
    assertEquals(2, server.maxInFlight(), "requests overlap, but never more than maxConcurrency");
  }
}

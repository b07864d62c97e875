package dev.recsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotifyCommandTest {
  FakeSpotifyServer server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
    Fixtures.probeSamples(server);
    SpotifyOptions.environment = () -> Map.of(
        "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET", FakeSpotifyServer.CLIENT_SECRET,
        "SPOTIFY_REFRESH_TOKEN", server.issueRefreshToken("alice"));
  }

  @AfterEach
  void stop() {
    SpotifyOptions.environment = System::getenv;
    server.close();
  }

  String[] bases(Path cache, String... args) {
    String[] base = {"--api-base", server.base().toString(), "--accounts-base", server.base().toString(),
        "--cache-dir", cache.toString()};
    String[] all = new String[args.length + base.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(base, 0, all, args.length, base.length);
    return all;
  }

  @Test
  void probeReportsDevelopmentMode(@TempDir Path cache) {
    RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "probe"));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("mode: DEVELOPMENT"), r.out());
    assertTrue(r.out().matches("(?s).*audio-features\\s+RESTRICTED\\s+403.*"), r.out());
    assertTrue(r.out().matches("(?s).*current-user-playlists\\s+AVAILABLE\\s+200.*"), r.out());
    assertFalse(r.out().contains(FakeSpotifyServer.CLIENT_SECRET) || r.err().contains(FakeSpotifyServer.CLIENT_SECRET));
  }

  @Test
  void profileOfOwnAccount(@TempDir Path cache) {
    RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "profile",
        "https://open.spotify.com/intl-de/user/alice?si=abc"));
    assertEquals(0, r.status(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("listener alice (Alice)  from spotify:user:alice"), out);
    assertTrue(out.contains("tracks: 3 distinct in 2 playlist(s); 3 with genres"), out);
    assertTrue(out.contains("audio features: none (profile built from genres and metadata alone)"), out);
    assertTrue(out.contains("  0.444  rock"), out);
    assertTrue(out.contains("    2  Ada"), out);
    assertTrue(out.contains("1 playlist(s) skipped"), out);
    for (String s : server.secrets()) {
      assertFalse(out.contains(s) || r.err().contains(s), "secret printed: " + s);
    }
    long before = server.requests().size();
    RecsysCliTest.Result again = RecsysCliTest.run(bases(cache, "spotify", "profile", "me", "--json"));
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains("\"genresAndMetadataOnly\" : true"), again.out());
    assertTrue(again.out().contains("\"source\" : \"spotify:user:alice\""), again.out());
    long catalogue = server.requests().subList((int) before, server.requests().size()).stream()
        .filter(q -> q.contains("/v1/artists/") || q.contains(Fixtures.MIX + "/items") || q.contains(Fixtures.OLD + "/items"))
        .count();
    assertEquals(0, catalogue, "the second run reads artists and playlist items from the disk cache"
        + " (only the refused playlist is asked again: errors are not cached)");
  }

  @Test
  void badReferenceAndRestrictedPlaylistGiveOneLineErrors(@TempDir Path cache) {
    RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "profile", "https://example.com/x"));
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: cannot read 'https://example.com/x' as a Spotify profile, playlist"), r.err());
    r = RecsysCliTest.run(bases(cache, "spotify", "profile", "spotify:playlist:" + Fixtures.BOBS));
    assertEquals(1, r.status());
    assertTrue(r.err().startsWith("error: cannot read the items of playlist 'Bobs'"), r.err());
  }

  @Test
  void pipelineFilesCanNameTheSpotifySource(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yaml");
    java.nio.file.Files.writeString(f, "data:\n  type: spotify\n  params: { ref: 'spotify:playlist:" + Fixtures.MIX + "' }\n");
    RecsysCliTest.Result r = RecsysCliTest.run("check-config", f.toString());
    assertEquals(0, r.status(), r.err() + r.out());
    java.nio.file.Files.writeString(f, "data:\n  type: spotify\n  params: { ref: 'https://example.com/x' }\n");
    r = RecsysCliTest.run("check-config", f.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("cannot read 'https://example.com/x'"), r.err());
    assertTrue(RecsysCliTest.run("plugins").out().contains("spotify"));
  }

  @Test
  void tokenFileIsReadAndRewrittenWhenSpotifyRotatesTheToken(@TempDir Path dir) throws Exception {
    server.rotateRefreshTokens(true);
    SpotifyOptions.environment = () -> Map.of(
        "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID,
        "SPOTIFY_CLIENT_SECRET", FakeSpotifyServer.CLIENT_SECRET);
    Path tokenFile = dir.resolve("spotify.token");
    String first = server.issueRefreshToken("alice");
    java.nio.file.Files.writeString(tokenFile, first + "\n");
    RecsysCliTest.Result r = RecsysCliTest.run(bases(dir.resolve("cache"), "spotify", "profile", "me", "--token-file",
        tokenFile.toString()));
    assertEquals(0, r.status(), r.err());
    String second = java.nio.file.Files.readString(tokenFile).strip();
    assertFalse(second.equals(first), "the rotated token replaced the old one");
    assertTrue(server.secrets().contains(second));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(tokenFile)));
    assertFalse(r.out().contains(second) || r.err().contains(second));
  }

  @Test
  void probeWithSamplesTheServerDoesNotHaveExitsNonZeroAndSaysWhy(@TempDir Path cache) throws Exception {
    // not signed in: the well-known sample ids, which this server does not have (only the standard library)
    FakeSpotifyServer bare = server;
    try (FakeSpotifyServer other = new FakeSpotifyServer()) {
      Fixtures.standardLibrary(other);
      server = other;
      SpotifyOptions.environment = () -> Map.of(
          "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID, "SPOTIFY_CLIENT_SECRET", FakeSpotifyServer.CLIENT_SECRET);
      RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "probe"));
      assertEquals(SpotifyProbeCommand.CHECK_ERRORS, r.status(), r.out() + r.err());
      assertTrue(r.out().matches("(?s).*track\\s+ERROR\\s+404.*"), r.out());
      assertTrue(r.err().contains("pass --track, --artist, --playlist or --user"), r.err());
      // ids the server has: no errors, exit 0
      RecsysCliTest.Result ok = RecsysCliTest.run(bases(cache, "spotify", "probe", "--track", Fixtures.T1,
          "--other-track", Fixtures.T2, "--artist", Fixtures.A1, "--other-artist", Fixtures.A2, "--playlist",
          Fixtures.BOBS, "--user", "bob", "--json"));
      assertTrue(ok.out().contains("\"name\" : \"track\""), ok.out());
      assertTrue(ok.out().matches("(?s).*\"name\" : \"track\",\\s+\"endpoint\" : \"[^\"]+\",\\s+\"status\" : \"AVAILABLE\".*"),
          ok.out());
    } finally {
      server = bare;
    }
  }

  @Test
  void signedInProbeTakesItsSamplesFromTheUsersPlaylists(@TempDir Path cache) {
    RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "probe"));
    assertTrue(server.requests().stream().anyMatch(q -> q.contains("/v1/tracks/" + Fixtures.T1)
        || q.contains("/v1/tracks/" + Fixtures.T2)), "a track of alice's playlists was probed: " + server.requests());
    assertTrue(r.out().matches("(?s).*track\\s+AVAILABLE\\s+200.*"), r.out());
  }

  @Test
  void profileAsksForTheSignedInUserOnceAndShowsKeyAndModeAsDistributions(@TempDir Path cache) {
    RecsysCliTest.Result r = RecsysCliTest.run(bases(cache, "spotify", "profile", "me"));
    assertEquals(0, r.status(), r.err());
    assertEquals(1, server.count("/v1/me"), "GET /v1/me once: " + server.requests());
    assertFalse(r.out().contains("mean key") || r.out().matches("(?s).*\\n\\s+key\\s+[0-9.]+\\n.*"), r.out());
  }

  @Test
  void connectionAndCredentialErrorsNameTheAddressAndTheSettings(@TempDir Path cache) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    RecsysCliTest.Result r = RecsysCliTest.run("spotify", "profile", "me", "--api-base", "http://127.0.0.1:" + closed,
        "--accounts-base", "http://127.0.0.1:" + closed, "--no-cache", "--max-retry-after", "1");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("127.0.0.1:" + closed), r.err());
    server.script("/api/token", FakeSpotifyServer.Reply.json(400,
        "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}"));
    SpotifyOptions.environment = () -> Map.of(
        "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID, "SPOTIFY_CLIENT_SECRET", "wrong");
    RecsysCliTest.Result bad = RecsysCliTest.run(bases(cache, "spotify", "profile", "spotify:playlist:" + Fixtures.MIX));
    assertEquals(1, bad.status());
    assertTrue(bad.err().contains("check SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET"), bad.err());
  }
}

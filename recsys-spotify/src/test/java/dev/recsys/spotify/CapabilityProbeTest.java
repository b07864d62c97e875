package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.CapabilityProbe.Mode;
import dev.recsys.spotify.CapabilityProbe.Report;
import dev.recsys.spotify.CapabilityProbe.Samples;
import dev.recsys.spotify.CapabilityProbe.Status;
import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilityProbeTest {
  FakeSpotifyServer server;
  FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
    Fixtures.probeSamples(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Report probe(SpotifyConfig.Builder b) throws Exception {
    try (SpotifyClient c = SpotifyClient.builder(b.build()).clock(time).sleeper(time).build()) {
      return c.probe();
    }
  }

  @Test
  void developmentModeIsDetected() throws Exception {
    Report r = probe(SpotifyClientTest.config(server).refreshToken(Secret.of(server.issueRefreshToken("alice"))));
    assertEquals(Mode.DEVELOPMENT, r.mode());
    assertTrue(r.userSignedIn());
    for (String name : List.of("track", "artist", "playlist", "current-user-playlists")) {
      assertEquals(Status.AVAILABLE, r.check(name).status(), name);
    }
    for (String name : List.of("batch-tracks", "batch-artists", "audio-features", "audio-analysis", "recommendations",
        "related-artists", "other-user-playlists", "non-owned-playlist-items")) {
      assertEquals(Status.RESTRICTED, r.check(name).status(), name);
      assertEquals(403, r.check(name).httpStatus(), name);
    }
  }

  @Test
  void extendedModeIsDetectedAndProbesBypassTheCache(@TempDir Path dir) throws Exception {
    server.developmentMode(false);
    Report r = probe(SpotifyClientTest.config(server).cacheDir(dir));
    assertEquals(Mode.EXTENDED, r.mode());
    assertFalse(r.userSignedIn());
    assertEquals(Status.NOT_CHECKED, r.check("current-user-playlists").status());
    assertTrue(r.available("audio-features") && r.available("recommendations") && r.available("related-artists"));
    long before = server.count("/v1/audio-features/" + Samples.DEFAULT.trackId());
    probe(SpotifyClientTest.config(server).cacheDir(dir));
    assertEquals(before + 1, server.count("/v1/audio-features/" + Samples.DEFAULT.trackId()), "live, not cached");
  }

  @Test
  void otherFailuresAreErrorsAndModeUnknown() throws Exception {
    server.developmentMode(false);
    server.script("/v1/recommendations", FakeSpotifyServer.Reply.error(404));
    Report r = probe(SpotifyClientTest.config(server));
    assertEquals(Status.ERROR, r.check("recommendations").status());
    assertEquals(404, r.check("recommendations").httpStatus());
    assertEquals(Mode.UNKNOWN, r.mode());
  }
}

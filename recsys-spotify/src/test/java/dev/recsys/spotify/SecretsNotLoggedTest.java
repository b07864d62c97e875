package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeSpotifyServer.Reply;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every flow that handles credentials (client credentials, PKCE sign-in, refresh on 401, retries, errors,
 * probe, profile) with all logging switched to the most verbose level, and checks that no client secret, access
 * token, refresh token or authorisation code appears in the logs (SLF4J on standard error, java.util.logging of
 * spotify-web-api-java), in exception messages, or in reports.
 */
class SecretsNotLoggedTest {
  @Test
  void noSecretReachesLogsErrorsOrReports(@TempDir Path dir) throws Exception {
    Logger jul = Logger.getLogger("");
    Logger library = Logger.getLogger("se.michaelthelin.spotify.SpotifyApi");
    Level oldLevel = library.getLevel();
    List<String> julRecords = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        julRecords.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    library.setLevel(Level.ALL);
    jul.addHandler(capture);
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8);
    List<String> texts = new ArrayList<>();
    FakeSpotifyServer server = new FakeSpotifyServer();
    try {
      System.setErr(tee);
      System.setOut(tee);
      Fixtures.standardLibrary(server);
      Fixtures.probeSamples(server);
      FakeTime time = new FakeTime();
      SpotifyConfig config = SpotifyClientTest.config(server).cacheDir(dir).build();
      texts.add(config.toString());
      try (SpotifyClient c = SpotifyClient.builder(config).clock(time).sleeper(time).build()) {
        c.signIn(Fixtures.browser(new ArrayList<>()), Duration.ofSeconds(10));
        c.track(Fixtures.T1);
        server.expireAccessTokens();
        c.currentUser();
        c.track(Fixtures.T2);
        server.script("/v1/tracks/" + Fixtures.T3, Reply.tooMany("1"), Reply.error(503));
        c.track(Fixtures.T3);
        texts.add(c.probe().toString());
        SpotifyLibrary lib = SpotifyLibrary.fetch(c, SpotifyRef.parse("spotify:user:alice"), AudioFeatureSource.none());
        texts.add(lib.toString());
        texts.add(ListenerProfile.of(lib, 10).toString());
        texts.add(c.refreshToken().toString());
        server.expireAccessTokens();
        server.revokeRefreshTokens();
        texts.add(assertThrows(SpotifyException.class, c::currentUserPlaylists).getMessage());
      }
      try (SpotifyClient c = SpotifyClient.builder(config.toBuilder().clientSecret(Secret.of("wrong-secret-value")).build())
          .clock(time).sleeper(time).build()) {
        texts.add(assertThrows(SpotifyException.class, () -> c.track(Fixtures.T4)).getMessage());
      }
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
      jul.removeHandler(capture);
      library.setLevel(oldLevel);
      server.close();
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("Transport"), "debug logging was captured: " + logs);
    assertTrue(julRecords.stream().anyMatch(r -> r.startsWith("se.michaelthelin.spotify") && r.contains("returned json")),
        "the library's java.util.logging output was captured: " + julRecords.size() + " records");
    List<String> cache = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        cache.add(Files.readString(f));
      }
    }
    List<String> secrets = new ArrayList<>(server.secrets());
    secrets.add("wrong-secret-value");
    assertTrue(secrets.size() >= 6, secrets.toString());
    for (String s : secrets) {
      assertFalse(logs.contains(s), "secret in SLF4J output: " + s);
      assertFalse(String.join("\n", julRecords).contains(s), "secret in java.util.logging: " + s);
      assertFalse(String.join("\n", texts).contains(s), "secret in a report or error: " + s);
      assertFalse(String.join("\n", cache).contains(s), "secret in the response cache: " + s);
    }
  }
}

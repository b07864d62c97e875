package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.FakeTime;
import dev.recsys.spotify.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignInTest {
  FakeSpotifyServer server;
  FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    server = new FakeSpotifyServer();
    Fixtures.standardLibrary(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  SpotifyClient client(SpotifyConfig.Builder b) {
    return SpotifyClient.builder(b.build()).clock(time).sleeper(time).build();
  }

  @Test
  void pkceSignInThroughLoopbackRedirect() throws Exception {
    List<String> pages = new ArrayList<>();
    List<URI> opened = new ArrayList<>();
    try (SpotifyClient c = client(SpotifyClientTest.config(server).clientSecret(Secret.empty()))) {
      assertFalse(c.hasUserAuthorization());
      c.signIn(uri -> {
        opened.add(uri);
        Fixtures.browser(pages).accept(uri);
      }, Duration.ofSeconds(10));
      assertTrue(c.hasUserAuthorization());
      assertEquals("alice", c.currentUser().id());
      assertEquals(3, c.currentUserPlaylists().size());
      assertEquals(Fixtures.T1, c.track(Fixtures.T1).id(), "without a client secret, catalogue calls use the user token");
      assertFalse(c.refreshToken().isEmpty());
    }
    URI authorize = opened.get(0);
    assertEquals(server.base().getAuthority(), authorize.getAuthority(), "the accounts base URL is configurable");
    assertEquals("/authorize", authorize.getPath());
    Map<String, String> q = query(authorize.getRawQuery());
    assertEquals("S256", q.get("code_challenge_method"));
    assertEquals(43, q.get("code_challenge").length(), "base64url SHA-256 without padding");
    assertTrue(q.get("redirect_uri").matches("http://127\\.0\\.0\\.1:\\d+/callback"), q.get("redirect_uri"));
    assertEquals("playlist-read-private playlist-read-collaborative", q.get("scope"));
    assertEquals(32, q.get("state").length());
    assertTrue(pages.get(0).startsWith("200 "), pages.toString());
  }

  @Test
  void stateMismatchAbortsSignIn() throws Exception {
    server.stateOverride("forged-state");
    List<String> pages = new ArrayList<>();
    try (SpotifyClient c = client(SpotifyClientTest.config(server))) {
      IOException e = assertThrows(IOException.class, () -> c.signIn(Fixtures.browser(pages), Duration.ofSeconds(10)));
      assertTrue(e.getMessage().contains("state parameter does not match"), e.getMessage());
      assertFalse(c.hasUserAuthorization());
      assertTrue(pages.get(0).startsWith("400 "), pages.toString());
    }
    assertEquals(0, server.requests().stream().filter(r -> r.startsWith("POST /api/token")).count(),
        "no code exchange after a state mismatch");
  }

  @Test
  void noRedirectTimesOut() throws Exception {
    try (SpotifyClient c = client(SpotifyClientTest.config(server))) {
      IOException e = assertThrows(IOException.class, () -> c.signIn(uri -> {}, Duration.ofMillis(100)));
      assertTrue(e.getMessage().startsWith("sign-in timed out: no redirect to 127.0.0.1:"), e.getMessage());
    }
  }

  @Test
  void refreshTokenFromConfigurationAndRotation() throws Exception {
    server.rotateRefreshTokens(true);
    String initial = server.issueRefreshToken("alice");
    try (SpotifyClient c = client(SpotifyClientTest.config(server).refreshToken(Secret.of(initial)))) {
      assertEquals("alice", c.currentUser().id());
      assertFalse(c.refreshToken().reveal().equals(initial), "a rotated refresh token replaces the old one");
    }
  }

  @Test
  void missingCredentialsAreExplained() {
    try (SpotifyClient c = client(SpotifyConfig.builder().apiBase(server.base()).accountsBase(server.base()))) {
      SpotifyException e = assertThrows(SpotifyException.class, () -> c.track(Fixtures.T1));
      assertEquals(SpotifyException.Reason.UNAUTHORIZED, e.reason());
      assertTrue(e.getMessage().contains("SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET"), e.getMessage());
      e = assertThrows(SpotifyException.class, c::currentUser);
      assertTrue(e.getMessage().contains("SPOTIFY_CLIENT_ID is not set"), e.getMessage());
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String p : raw.split("&")) {
      int eq = p.indexOf('=');
      m.put(p.substring(0, eq), java.net.URLDecoder.decode(p.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return m;
  }
}

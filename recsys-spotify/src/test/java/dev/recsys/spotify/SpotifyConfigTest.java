package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpotifyConfigTest {
  @Test
  void defaultsPointAtSpotify() {
    SpotifyConfig c = SpotifyConfig.builder().build();
    assertEquals(URI.create("https://api.spotify.com"), c.apiBase());
    assertEquals(URI.create("https://accounts.spotify.com"), c.accountsBase());
    assertEquals(URI.create("http://127.0.0.1:8888/callback"), c.redirectUri());
    assertEquals(Optional.empty(), c.cacheDir());
  }

  @Test
  void environmentOverridesAndSecretsAreMasked() {
    SpotifyConfig c = SpotifyConfig.fromEnvironment(Map.of(
        "RECSYS_SPOTIFY_API_BASE", "http://127.0.0.1:9000/",
        "RECSYS_SPOTIFY_ACCOUNTS_BASE", "http://127.0.0.1:9001",
        "SPOTIFY_CLIENT_ID", "abc",
        "SPOTIFY_CLIENT_SECRET", "very-secret-value",
        "SPOTIFY_REFRESH_TOKEN", "refresh-value-xyz",
        "RECSYS_SPOTIFY_CACHE_DIR", "/tmp/cache",
        "RECSYS_SPOTIFY_CACHE_TTL", "PT2H",
        "RECSYS_SPOTIFY_MAX_RETRY_AFTER", "30"));
    assertEquals(URI.create("http://127.0.0.1:9000"), c.apiBase());
    assertEquals(9001, SpotifyConfig.portOf(c.accountsBase()));
    assertEquals("very-secret-value", c.clientSecret().reveal());
    assertEquals(Optional.of(Path.of("/tmp/cache")), c.cacheDir());
    assertEquals(Duration.ofHours(2), c.cacheTtl());
    assertEquals(Duration.ofSeconds(30), c.maxRetryAfter());
    String s = c.toString();
    assertFalse(s.contains("very-secret-value"), s);
    assertFalse(s.contains("refresh-value-xyz"), s);
    assertTrue(s.contains("clientSecret=****"), s);
    assertTrue(s.contains("maxRetryAfter=PT30S"), s);
  }

  @Test
  void invalidValuesNameTheSettingAndRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyConfig.builder().maxAttempts(0).build());
    assertEquals("maxAttempts must be in [1, 20]; maxAttempts=0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyConfig.builder().apiBase(URI.create("http://127.0.0.1:9000/v1")).build());
    assertTrue(e.getMessage().startsWith("apiBase must be scheme://host[:port] without path"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyConfig.builder().accountsBase(URI.create("ftp://x")).build());
    assertTrue(e.getMessage().startsWith("accountsBase must be an http or https URL"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyConfig.builder().apply(Map.of("colour", "red"), "spotify.properties"));
    assertTrue(e.getMessage().startsWith("spotify.properties: key 'colour': unknown key; known keys: [apiBase"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SpotifyConfig.fromEnvironment(Map.of("RECSYS_SPOTIFY_CACHE_TTL", "forever")));
    assertTrue(e.getMessage().startsWith("environment variable RECSYS_SPOTIFY_CACHE_TTL: "), e.getMessage());
  }
}

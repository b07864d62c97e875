package dev.recsys.spotify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.spotify.Secret;
import dev.recsys.spotify.SpotifyConfig;
import dev.recsys.spotify.SpotifyException;
import dev.recsys.spotify.SpotifyException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.michaelthelin.spotify.requests.AbstractRequest;
import se.michaelthelin.spotify.requests.authorization.authorization_code.AuthorizationCodeUriRequest;
import se.michaelthelin.spotify.requests.authorization.authorization_code.pkce.AuthorizationCodePKCERefreshRequest;
import se.michaelthelin.spotify.requests.authorization.authorization_code.pkce.AuthorizationCodePKCERequest;
import se.michaelthelin.spotify.requests.authorization.client_credentials.ClientCredentialsRequest;

/**
 * The access tokens of a client: an app token from the client-credentials grant for catalogue calls, and a user
 * token from the authorisation-code-with-PKCE grant for the signed-in user's data, refreshed with its refresh token.
 *
 * <p>Token requests are built with spotify-web-api-java's authorization request builders and sent through the
 * {@link Transport} directly, not through the library's {@code execute()}: the library logs every raw response at
 * {@code FINE}, which for token responses would put access and refresh tokens in the log. Tokens are held as
 * {@link Secret}s and never logged.
 *
 * <p>Thread-safe: all state is guarded by this object's lock.
 */
public final class Tokens implements TokenRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(Tokens.class);
  private static final Duration EARLY = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] VERIFIER_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".toCharArray();

  private final SpotifyConfig config;
  private final Transport transport;
  private final InstantSource clock;
  private Secret app = Secret.empty();
  private Instant appExpires = Instant.MIN;
  private Secret user = Secret.empty();
  private Instant userExpires = Instant.MIN;
  private Secret refresh;

  /** Tokens for {@code config}, requested through {@code transport}. */
  public Tokens(SpotifyConfig config, Transport transport, InstantSource clock) {
    this.config = config;
    this.transport = transport;
    this.clock = clock;
    this.refresh = config.refreshToken();
  }

  /** True if a client secret is configured (client-credentials grant possible). */
  public boolean hasAppCredentials() {
    return !config.clientId().isEmpty() && !config.clientSecret().isEmpty();
  }

  /** True if a user is signed in or a refresh token is configured. */
  public synchronized boolean hasUser() {
    return !user.isEmpty() || !refresh.isEmpty();
  }

  /** A token for catalogue calls: the app token, or the user token when no client secret is configured. */
  public String catalogueToken() throws IOException {
    if (hasAppCredentials()) {
      return appToken();
    }
    if (hasUser()) {
      return userToken();
    }
    throw new SpotifyException(Reason.UNAUTHORIZED, -1, "POST /api/token", "no Spotify credentials: set "
        + "SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (client credentials) or sign in (PKCE)", null);
  }

  /** A valid app token, fetched with the client-credentials grant when missing or about to expire. */
  public synchronized String appToken() throws IOException {
    if (app.isEmpty() || !clock.instant().isBefore(appExpires)) {
      fetchApp();
    }
    return app.reveal();
  }

  private void fetchApp() throws IOException {
    requireClientId();
    if (config.clientSecret().isEmpty()) {
      throw new SpotifyException(Reason.UNAUTHORIZED, -1, "POST /api/token",
          "SPOTIFY_CLIENT_SECRET is not set; catalogue calls use the client-credentials grant", null);
    }
    ClientCredentialsRequest req = new ClientCredentialsRequest.Builder(config.clientId(), config.clientSecret().reveal())
        .grant_type("client_credentials").build();
    JsonNode n = send(req);
    app = Secret.of(requireText(n, "access_token"));
    appExpires = expiry(n);
    LOG.debug("obtained an app access token (client credentials), valid until {}", appExpires);
  }

  /** A valid user token, refreshed when missing or about to expire. */
  public synchronized String userToken() throws IOException {
    if (user.isEmpty() || !clock.instant().isBefore(userExpires)) {
      refreshUser();
    }
    return user.reveal();
  }

  private void refreshUser() throws IOException {
    requireClientId();
    if (refresh.isEmpty()) {
      throw new SpotifyException(Reason.UNAUTHORIZED, -1, "POST /api/token", "no signed-in Spotify user: sign in "
          + "(recsys spotify ... --login) or set SPOTIFY_REFRESH_TOKEN", null);
    }
    AuthorizationCodePKCERefreshRequest req = new AuthorizationCodePKCERefreshRequest.Builder()
        .client_id(config.clientId()).grant_type("refresh_token").refresh_token(refresh.reveal()).build();
    JsonNode n = send(req);
    user = Secret.of(requireText(n, "access_token"));
    userExpires = expiry(n);
    Json.text(n, "refresh_token").ifPresent(r -> refresh = Secret.of(r)); // refresh tokens may rotate
    LOG.debug("refreshed the user access token, valid until {}", userExpires);
  }

  @Override
  public synchronized String refresh(String rejected) throws IOException {
    if (!app.isEmpty() && app.reveal().equals(rejected)) {
      fetchApp();
      return app.reveal();
    }
    if (!user.isEmpty() && user.reveal().equals(rejected)) {
      refreshUser();
      return user.reveal();
    }
    // another thread refreshed already: hand out the current token of the same kind
    if (!user.isEmpty() && hasUser() && !hasAppCredentials()) {
      return user.reveal();
    }
    return hasAppCredentials() ? appToken() : userToken();
  }

  /**
   * Signs a user in with the authorisation code flow with PKCE: starts the loopback receiver, hands the
   * authorisation URL to {@code openBrowser}, waits for the redirect, checks {@code state} and exchanges the code.
   *
   * @throws IOException if the receiver cannot start, the redirect is wrong or late, or the exchange fails
   */
  public void signIn(Consumer<URI> openBrowser, Duration timeout) throws IOException {
    requireClientId();
    String verifier = randomString(64);
    String challenge = challenge(verifier);
    String state = randomString(32);
    try (LoopbackReceiver receiver = LoopbackReceiver.start(config.redirectPort(), state)) {
      URI redirect = URI.create("http://127.0.0.1:" + receiver.port() + "/callback");
      URI authorize = new AuthorizationCodeUriRequest.Builder()
          .client_id(config.clientId())
          .response_type("code")
          .redirect_uri(redirect)
          .code_challenge_method("S256")
          .code_challenge(challenge)
          .state(state)
          .scope(String.join(" ", config.scopes()))
          .build()
          .getUri();
      openBrowser.accept(transport.rewrite(authorize));
      String code = receiver.awaitCode(timeout);
      AuthorizationCodePKCERequest req = new AuthorizationCodePKCERequest.Builder()
          .client_id(config.clientId())
          .grant_type("authorization_code")
          .code(code)
          .redirect_uri(redirect)
          .code_verifier(verifier)
          .build();
      JsonNode n = send(req);
      synchronized (this) {
        user = Secret.of(requireText(n, "access_token"));
        userExpires = expiry(n);
        refresh = Secret.of(Json.text(n, "refresh_token").orElse(""));
      }
      LOG.info("signed in to Spotify (scopes: {})", Json.text(n, "scope").orElse("none reported"));
    }
  }

  /** The current refresh token (empty when none), for callers that store it themselves. */
  public synchronized Secret refreshToken() {
    return refresh;
  }

  private JsonNode send(AbstractRequest<?> req) throws IOException {
    req.initializeBody();
    String body = transport.post(req.getUri(), req.getHeaders().toArray(new Header[0]), req.getBody());
    return Json.parse(body, "POST " + req.getUri().getPath());
  }

  private Instant expiry(JsonNode n) {
    long seconds = n.path("expires_in").asLong(3600);
    Duration life = Duration.ofSeconds(Math.max(1, seconds));
    Duration early = life.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : life.dividedBy(2);
    return clock.instant().plus(life).minus(early);
  }

  private static String requireText(JsonNode n, String field) throws SpotifyException {
    return Json.text(n, field).orElseThrow(() -> new SpotifyException(Reason.MALFORMED_RESPONSE, 200,
        "POST /api/token", "malformed token response: no '" + field + "'", null));
  }

  private void requireClientId() throws SpotifyException {
    if (config.clientId().isEmpty()) {
      throw new SpotifyException(Reason.UNAUTHORIZED, -1, "POST /api/token",
          "SPOTIFY_CLIENT_ID is not set (register an app at developer.spotify.com and export its client id)", null);
    }
  }

  static String randomString(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(VERIFIER_CHARS[RANDOM.nextInt(VERIFIER_CHARS.length)]);
    }
    return sb.toString();
  }

  /** The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)) without padding (RFC 7636). */
  public static String challenge(String verifier) {
    Objects.requireNonNull(verifier, "verifier");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

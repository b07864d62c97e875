package dev.recsys.spotify;

import dev.recsys.core.util.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the Spotify connector: where the Web API and the accounts service are, the app's credentials,
 * the loopback redirect, and throttling, retry, timeout and cache settings. Immutable; validated in the
 * constructor; {@link #toString} prints every field with credentials masked.
 *
 * <p>Settings come from code ({@link #builder}), from the environment ({@link #fromEnvironment}) or from a
 * key/value file ({@link Builder#apply}); the keys are listed in {@link #KEYS}.
 *
 * @param apiBase base URL of the Web API (default {@code https://api.spotify.com}); scheme, host and port only
 * @param accountsBase base URL of the accounts service that issues tokens (default {@code https://accounts.spotify.com})
 * @param clientId the app's client id (from the Spotify developer dashboard); may be empty until a call needs it
 * @param clientSecret the app's client secret, for the client-credentials grant; never printed
 * @param refreshToken a user refresh token from an earlier PKCE sign-in, if any; never printed
 * @param redirectPort port of the loopback redirect {@code http://127.0.0.1:PORT/callback}, 1 to 65535 (0 picks a free
 *     port, which only works against servers that accept any loopback port)
 * @param scopes scopes asked for in the PKCE sign-in
 * @param requestsPerSecond client-side rate limit, in (0, 1000]
 * @param burst requests allowed at once before the rate limit applies, 1 to 1000
 * @param maxConcurrency requests in flight at once, 1 to 64
 * @param maxAttempts attempts per request (first try plus retries) on 429, 5xx and network errors, 1 to 20
 * @param initialBackoff first backoff delay; doubles each retry, with full jitter
 * @param maxBackoff largest backoff delay
 * @param maxRetryAfter longest {@code Retry-After} the connector waits for; a longer one fails with a clear error
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one request (headers and body)
 * @param cacheDir directory of the response cache, or empty for no disk cache
 * @param cacheTtl how long a cached response is used before it is fetched again
 * @param seed seed of the backoff jitter (same seed, same delays)
 */
public record SpotifyConfig(
    URI apiBase,
    URI accountsBase,
    String clientId,
    Secret clientSecret,
    Secret refreshToken,
    int redirectPort,
    List<String> scopes,
    double requestsPerSecond,
    int burst,
    int maxConcurrency,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Duration connectTimeout,
    Duration requestTimeout,
    Optional<Path> cacheDir,
    Duration cacheTtl,
    long seed) {

  /** The public Web API. */
  public static final URI DEFAULT_API_BASE = URI.create("https://api.spotify.com");
  /** The public accounts service. */
  public static final URI DEFAULT_ACCOUNTS_BASE = URI.create("https://accounts.spotify.com");
  /** Scopes needed to read the signed-in user's playlists, private and collaborative ones included. */
  public static final List<String> DEFAULT_SCOPES = List.of("playlist-read-private", "playlist-read-collaborative");

  /** Keys accepted by {@link Builder#apply}, in documentation order. */
  public static final List<String> KEYS = List.of(
      "apiBase", "accountsBase", "clientId", "clientSecret", "refreshToken", "redirectPort", "scopes",
      "requestsPerSecond", "burst", "maxConcurrency", "maxAttempts", "initialBackoff", "maxBackoff",
      "maxRetryAfter", "connectTimeout", "requestTimeout", "cacheDir", "cacheTtl", "seed");

  /** Environment variables read by {@link #fromEnvironment}, and the key each sets. */
  public static final Map<String, String> ENVIRONMENT = envNames();

  private static Map<String, String> envNames() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("RECSYS_SPOTIFY_API_BASE", "apiBase");
    m.put("RECSYS_SPOTIFY_ACCOUNTS_BASE", "accountsBase");
    m.put("SPOTIFY_CLIENT_ID", "clientId");
    m.put("SPOTIFY_CLIENT_SECRET", "clientSecret");
    m.put("SPOTIFY_REFRESH_TOKEN", "refreshToken");
    m.put("RECSYS_SPOTIFY_REDIRECT_PORT", "redirectPort");
    m.put("RECSYS_SPOTIFY_CACHE_DIR", "cacheDir");
    m.put("RECSYS_SPOTIFY_CACHE_TTL", "cacheTtl");
    m.put("RECSYS_SPOTIFY_REQUESTS_PER_SECOND", "requestsPerSecond");
    m.put("RECSYS_SPOTIFY_MAX_RETRY_AFTER", "maxRetryAfter");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Validates every field. */
  public SpotifyConfig {
    apiBase = checkBase("apiBase", apiBase);
    accountsBase = checkBase("accountsBase", accountsBase);
    Objects.requireNonNull(clientId, "clientId");
    clientId = clientId.strip();
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Checks.inRange("redirectPort", redirectPort, 0, 65535);
    scopes = List.copyOf(Checks.noNulls("scopes", scopes));
    for (String s : scopes) {
      if (s.isBlank() || s.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("scopes must be non-blank words without spaces; scope='" + s + "'");
      }
    }
    Checks.inRange("requestsPerSecond", requestsPerSecond, 1e-3, 1000);
    Checks.inRange("burst", burst, 1, 1000);
    Checks.inRange("maxConcurrency", maxConcurrency, 1, 64);
    Checks.inRange("maxAttempts", maxAttempts, 1, 20);
    checkDuration("initialBackoff", initialBackoff, Duration.ZERO, Duration.ofMinutes(10));
    checkDuration("maxBackoff", maxBackoff, initialBackoff, Duration.ofHours(1));
    checkDuration("maxRetryAfter", maxRetryAfter, Duration.ZERO, Duration.ofDays(1));
    checkDuration("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
    checkDuration("requestTimeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
    Objects.requireNonNull(cacheDir, "cacheDir");
    checkDuration("cacheTtl", cacheTtl, Duration.ZERO, Duration.ofDays(365));
  }

  private static URI checkBase(String name, URI uri) {
    Objects.requireNonNull(uri, name);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(name + " must be an http or https URL; " + name + "=" + uri);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(name + " must name a host; " + name + "=" + uri);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(name + " must be scheme://host[:port] without path, query or user info; "
          + name + "=" + uri);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  private static void checkDuration(String name, Duration d, Duration min, Duration max) {
    Objects.requireNonNull(d, name);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]; " + name + "=" + d);
    }
  }

  /**
   * The port of a base URL, with the scheme's default when none is given.
   *
   * @param base the base URI
   * @return the port of a base URL, with the scheme's default when none is given
   */
  public static int portOf(URI base) {
    return base.getPort() >= 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
  }

  /**
   * The loopback redirect URI registered with the app: {@code http://127.0.0.1:PORT/callback}.
   *
   * @return the loopback redirect URI registered with the app
   */
  public URI redirectUri() {
    return URI.create("http://127.0.0.1:" + redirectPort + "/callback");
  }

  /**
   * A builder with the defaults (public Spotify endpoints, no credentials, no disk cache).
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.apiBase = apiBase;
    b.accountsBase = accountsBase;
    b.clientId = clientId;
    b.clientSecret = clientSecret;
    b.refreshToken = refreshToken;
    b.redirectPort = redirectPort;
    b.scopes = scopes;
    b.requestsPerSecond = requestsPerSecond;
    b.burst = burst;
    b.maxConcurrency = maxConcurrency;
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxRetryAfter = maxRetryAfter;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.cacheDir = cacheDir;
    b.cacheTtl = cacheTtl;
    b.seed = seed;
    return b;
  }

  /**
   * The defaults overridden by the environment variables in {@link #ENVIRONMENT} that are set and not blank.
   *
   * @throws IllegalArgumentException naming the variable when a value is invalid
   * @param env the env
   * @return the defaults overridden by the environment variables in {@link #ENVIRONMENT} that are set and not blank
   */
  public static SpotifyConfig fromEnvironment(Map<String, String> env) {
    return builder().applyEnvironment(env).build();
  }

  @Override
  public String toString() {
    return "SpotifyConfig[apiBase=" + apiBase + ", accountsBase=" + accountsBase + ", clientId="
        + (clientId.isEmpty() ? "(unset)" : clientId) + ", clientSecret=" + clientSecret + ", refreshToken=" + refreshToken
        + ", redirectPort=" + redirectPort + ", scopes=" + scopes + ", requestsPerSecond=" + requestsPerSecond
        + ", burst=" + burst + ", maxConcurrency=" + maxConcurrency + ", maxAttempts=" + maxAttempts
        + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", cacheDir="
        + cacheDir.map(Path::toString).orElse("(none)") + ", cacheTtl=" + cacheTtl + ", seed=" + seed + "]";
  }

  /** Mutable builder of {@link SpotifyConfig}; not thread-safe. */
  public static final class Builder {
    private URI apiBase = DEFAULT_API_BASE;
    private URI accountsBase = DEFAULT_ACCOUNTS_BASE;
    private String clientId = "";
    private Secret clientSecret = Secret.empty();
    private Secret refreshToken = Secret.empty();
    private int redirectPort = 8888;
    private List<String> scopes = DEFAULT_SCOPES;
    private double requestsPerSecond = 5;
    private int burst = 5;
    private int maxConcurrency = 4;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(120);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Optional<Path> cacheDir = Optional.empty();
    private Duration cacheTtl = Duration.ofHours(24);
    private long seed = 42;

    private Builder() {}

    /**
     * Sets the Web API base URL.
     *
     * @param v the Web API base URL
     * @return this builder
     */
    public Builder apiBase(URI v) {
      apiBase = v;
      return this;
    }

    /**
     * Sets the accounts service base URL.
     *
     * @param v the accounts service base URL
     * @return this builder
     */
    public Builder accountsBase(URI v) {
      accountsBase = v;
      return this;
    }

    /**
     * Sets the client id.
     *
     * @param v the client id
     * @return this builder
     */
    public Builder clientId(String v) {
      clientId = v;
      return this;
    }

    /**
     * Sets the client secret.
     *
     * @param v the client secret
     * @return this builder
     */
    public Builder clientSecret(Secret v) {
      clientSecret = v;
      return this;
    }

    /**
     * Sets a user refresh token.
     *
     * @param v a user refresh token
     * @return this builder
     */
    public Builder refreshToken(Secret v) {
      refreshToken = v;
      return this;
    }

    /**
     * Sets the loopback redirect port.
     *
     * @param v the loopback redirect port
     * @return this builder
     */
    public Builder redirectPort(int v) {
      redirectPort = v;
      return this;
    }

    /**
     * Sets the scopes of the PKCE sign-in.
     *
     * @param v the scopes of the PKCE sign-in
     * @return this builder
     */
    public Builder scopes(List<String> v) {
      scopes = v;
      return this;
    }

    /**
     * Sets the client-side rate limit.
     *
     * @param v the client-side rate limit
     * @return this builder
     */
    public Builder requestsPerSecond(double v) {
      requestsPerSecond = v;
      return this;
    }

    /**
     * Sets the burst size of the rate limiter.
     *
     * @param v the burst size of the rate limiter
     * @return this builder
     */
    public Builder burst(int v) {
      burst = v;
      return this;
    }

    /**
     * Sets the number of requests in flight at once.
     *
     * @param v the number of requests in flight at once
     * @return this builder
     */
    public Builder maxConcurrency(int v) {
      maxConcurrency = v;
      return this;
    }

    /**
     * Sets the attempts per request.
     *
     * @param v the attempts per request
     * @return this builder
     */
    public Builder maxAttempts(int v) {
      maxAttempts = v;
      return this;
    }

    /**
     * Sets the first backoff delay.
     *
     * @param v the first backoff delay
     * @return this builder
     */
    public Builder initialBackoff(Duration v) {
      initialBackoff = v;
      return this;
    }

    /**
     * Sets the largest backoff delay.
     *
     * @param v the largest backoff delay
     * @return this builder
     */
    public Builder maxBackoff(Duration v) {
      maxBackoff = v;
      return this;
    }

    /**
     * Sets the longest Retry-After the connector waits for.
     *
     * @param v the longest Retry-After the connector waits for
     * @return this builder
     */
    public Builder maxRetryAfter(Duration v) {
      maxRetryAfter = v;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param v the connect timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration v) {
      connectTimeout = v;
      return this;
    }

    /**
     * Sets the per-request timeout.
     *
     * @param v the per-request timeout
     * @return this builder
     */
    public Builder requestTimeout(Duration v) {
      requestTimeout = v;
      return this;
    }

    /**
     * Sets the cache directory ({@code null} for none).
     *
     * @param v the cache directory ({@code null} for none)
     * @return this builder
     */
    public Builder cacheDir(Path v) {
      cacheDir = Optional.ofNullable(v);
      return this;
    }

    /**
     * Sets the cache time to live.
     *
     * @param v the cache time to live
     * @return this builder
     */
    public Builder cacheTtl(Duration v) {
      cacheTtl = v;
      return this;
    }

    /**
     * Sets the jitter seed.
     *
     * @param v the jitter seed
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * Applies settings by key (see {@link SpotifyConfig#KEYS}); durations are ISO-8601 ({@code PT30S}) or whole
     * seconds, scopes are separated by spaces or commas.
     *
     * @param origin where the settings come from (a file name), used in error messages
     * @throws IllegalArgumentException naming the origin and key for an unknown key or a malformed value
     * @param settings the settings
     * @return this builder
     */
    public Builder apply(Map<String, String> settings, String origin) {
      settings.forEach((k, v) -> set(k, v, origin + ": key '" + k + "'"));
      return this;
    }

    /**
     * Applies the environment variables of {@link SpotifyConfig#ENVIRONMENT} that are set and not blank.
     *
     * @throws IllegalArgumentException naming the variable when a value is invalid (the value is not echoed)
     * @return this builder
     * @param env the environment variables, e.g. {@code System.getenv()}
     */
    public Builder applyEnvironment(Map<String, String> env) {
      for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
        String v = env.get(e.getKey());
        if (v != null && !v.isBlank()) {
          set(e.getValue(), v, "environment variable " + e.getKey());
        }
      }
      return this;
    }

    void set(String key, String raw, String where) {
      String v = raw.strip();
      try {
        switch (key) {
          case "apiBase" -> apiBase = URI.create(v);
          case "accountsBase" -> accountsBase = URI.create(v);
          case "clientId" -> clientId = v;
          case "clientSecret" -> clientSecret = Secret.of(v);
          case "refreshToken" -> refreshToken = Secret.of(v);
          case "redirectPort" -> redirectPort = Integer.parseInt(v);
          case "scopes" -> scopes = new ArrayList<>(Arrays.stream(v.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList());
          case "requestsPerSecond" -> requestsPerSecond = Double.parseDouble(v);
          case "burst" -> burst = Integer.parseInt(v);
          case "maxConcurrency" -> maxConcurrency = Integer.parseInt(v);
          case "maxAttempts" -> maxAttempts = Integer.parseInt(v);
          case "initialBackoff" -> initialBackoff = duration(v);
          case "maxBackoff" -> maxBackoff = duration(v);
          case "maxRetryAfter" -> maxRetryAfter = duration(v);
          case "connectTimeout" -> connectTimeout = duration(v);
          case "requestTimeout" -> requestTimeout = duration(v);
          case "cacheDir" -> cacheDir = v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
          case "cacheTtl" -> cacheTtl = duration(v);
          case "seed" -> seed = Long.parseLong(v);
          default -> throw new IllegalArgumentException("unknown key; known keys: " + KEYS);
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        // the value itself is not echoed: it may be a credential
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }

    private static Duration duration(String v) {
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      return Duration.parse(v);
    }

    /**
     * Builds and validates.
     *
     * @return the {@code SpotifyConfig}
     */
    public SpotifyConfig build() {
      return new SpotifyConfig(apiBase, accountsBase, clientId, clientSecret, refreshToken, redirectPort, scopes,
          requestsPerSecond, burst, maxConcurrency, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter,
          connectTimeout, requestTimeout, cacheDir, cacheTtl, seed);
    }
  }
}

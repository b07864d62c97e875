package dev.recsys.spotify.internal;

import dev.recsys.spotify.Sleeper;
import dev.recsys.spotify.SpotifyConfig;
import dev.recsys.spotify.SpotifyException;
import dev.recsys.spotify.SpotifyException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.michaelthelin.spotify.IHttpManager;

/**
 * The HTTP layer under spotify-web-api-java: an {@link IHttpManager} on the JDK {@link HttpClient} that adds what
 * the library lacks for today's Web API.
 *
 * <ul>
 *   <li>Base URLs: requests the library addresses to {@code accounts.spotify.com} or {@code api.spotify.com}
 *       (hard-coded in its authorization builders) go to the configured bases instead.</li>
 *   <li>Throttling: a token-bucket {@link RateLimiter} and at most {@code maxConcurrency} requests in flight.</li>
 *   <li>Retries: 429 waits for {@code Retry-After} (failing at once when it exceeds {@code maxRetryAfter}); 5xx,
 *       timeouts and network errors back off exponentially with seeded jitter; at most {@code maxAttempts}
 *       attempts.</li>
 *   <li>Authorisation: a 401 on a bearer request asks the {@link TokenRefresher} for a fresh token once and
 *       retries.</li>
 *   <li>Errors: 4xx and exhausted retries end in a {@link SpotifyException} naming the reason, status and endpoint.
 *       A 2xx body that is not JSON is a {@code MALFORMED_RESPONSE} error and is not cached.</li>
 *   <li>Cache: successful Web API GETs (except the per-user {@code /v1/me} family) are stored in a
 *       {@link DiskCache} keyed by URL.</li>
 *   <li>Secrets: request headers and bodies and token responses are never logged; logs name method, path,
 *       status and timing only.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class Transport implements IHttpManager, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
  private static final Set<String> RESTRICTED_HEADERS = Set.of("content-length", "host", "connection", "expect", "upgrade");

  private final SpotifyConfig config;
  private final HttpClient http;
  private final RateLimiter limiter;
  private final Semaphore inFlight;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final InstantSource clock;
  private final DiskCache cache;
  private volatile TokenRefresher refresher;
  private final AtomicLong networkRequests = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();

  /** A transport for {@code config}, waiting through {@code sleeper} and reading time from {@code clock}. */
  public Transport(SpotifyConfig config, InstantSource clock, Sleeper sleeper) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.http = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.limiter = new RateLimiter(config.requestsPerSecond(), config.burst(), clock, sleeper);
    this.inFlight = new Semaphore(config.maxConcurrency(), true);
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), config.seed());
    this.cache = config.cacheDir().map(d -> new DiskCache(d, config.cacheTtl(), clock)).orElse(null);
  }

  /** Sets who refreshes rejected bearer tokens. */
  public void setRefresher(TokenRefresher refresher) {
    this.refresher = refresher;
  }

  /** Requests sent over the network so far (retries included). */
  public long networkRequests() {
    return networkRequests.get();
  }

  /** GETs answered from the disk cache so far. */
  public long cacheHits() {
    return cacheHits.get();
  }

  /** The configuration. */
  public SpotifyConfig config() {
    return config;
  }

  @Override
  public String get(URI uri, Header[] headers) throws IOException {
    return execute("GET", uri, headers, null, true);
  }

  /** A GET that bypasses the disk cache (capability probes must see the live answer). */
  public String getUncached(URI uri, Header[] headers) throws IOException {
    return execute("GET", uri, headers, null, false);
  }

  @Override
  public String post(URI uri, Header[] headers, HttpEntity body) throws IOException {
    return execute("POST", uri, headers, body, false);
  }

  @Override
  public String put(URI uri, Header[] headers, HttpEntity body) throws IOException {
    return execute("PUT", uri, headers, body, false);
  }

  @Override
  public String delete(URI uri, Header[] headers, HttpEntity body) throws IOException {
    return execute("DELETE", uri, headers, body, false);
  }

  /** Stops the HTTP client; requests in flight are aborted. */
  @Override
  public void close() {
    http.shutdownNow();
  }

  /** Maps the library's hard-coded Spotify hosts to the configured base URLs. */
  public URI rewrite(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    URI base;
    if (host.equals("accounts.spotify.com")) {
      base = config.accountsBase();
    } else if (host.equals("api.spotify.com")) {
      base = config.apiBase();
    } else {
      return uri;
    }
    String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + rest);
  }

  private boolean isApi(URI target) {
    URI api = config.apiBase();
    return api.getScheme().equalsIgnoreCase(target.getScheme())
        && api.getHost().equalsIgnoreCase(target.getHost())
        && SpotifyConfig.portOf(api) == SpotifyConfig.portOf(target);
  }

  private boolean cacheable(String method, URI target) {
    String path = target.getRawPath() == null ? "/" : target.getRawPath();
    return cache != null && method.equals("GET") && isApi(target)
        && !(path.equals("/v1/me") || path.startsWith("/v1/me/"));
  }

  /** The cached body of a GET of {@code uri}, if the disk cache holds a fresh one. */
  public Optional<String> cached(URI uri) {
    URI target = rewrite(uri);
    if (!cacheable("GET", target)) {
      return Optional.empty();
    }
    Optional<String> hit = cache.get(target.toString());
    if (hit.isPresent()) {
      cacheHits.incrementAndGet();
      LOG.debug("GET {} served from cache", pathAndQuery(target));
    }
    return hit;
  }

  private String execute(String method, URI uri, Header[] headers, HttpEntity entity, boolean useCache) throws IOException {
    URI target = rewrite(uri);
    String path = target.getRawPath() == null ? "/" : target.getRawPath();
    String endpoint = method + " " + path;
    String cacheKey = target.toString();
    boolean cacheable = useCache && cacheable(method, target);
    if (cacheable) {
      Optional<String> hit = cached(target);
      if (hit.isPresent()) {
        return hit.get();
      }
    }

    List<String[]> hdrs = new ArrayList<>();
    String contentType = null;
    for (Header h : headers == null ? new Header[0] : headers) {
      if (!RESTRICTED_HEADERS.contains(h.getName().toLowerCase(Locale.ROOT))) {
        hdrs.add(new String[] {h.getName(), h.getValue()});
      }
    }
    byte[] body = null;
    if (entity != null) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      entity.writeTo(buf);
      body = buf.toByteArray();
      contentType = entity.getContentType();
    }

    boolean refreshed = false;
    int attempt = 0;
    while (true) {
      attempt++;
      HttpRequest request = build(method, target, hdrs, contentType, body);
      HttpResponse<String> response = null;
      IOException failure = null;
      long t0 = System.nanoTime();
      try {
        limiter.acquire();
        inFlight.acquire();
        try {
          networkRequests.incrementAndGet();
          response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } finally {
          inFlight.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during " + endpoint);
      } catch (IOException e) {
        failure = e;
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;

      Duration wait;
      Reason reason;
      int status = -1;
      String detail;
      if (response != null) {
        status = response.statusCode();
        LOG.debug("{} {} -> {} ({} ms, attempt {})", method, pathAndQuery(target), status, ms, attempt);
        String text = response.body();
        if (status >= 200 && status < 300) {
          if (text != null && !text.isBlank()) {
            Json.parse(text, endpoint); // throws MALFORMED_RESPONSE; nothing is cached
            if (cacheable) {
              try {
                cache.put(cacheKey, text);
              } catch (IOException e) {
                LOG.warn("could not write the response cache in {}: {}", cache.dir(), e.toString());
              }
            }
          }
          return text;
        }
        String message = Json.errorMessage(text).orElse("");
        detail = status + (message.isEmpty() ? "" : " (" + message + ")");
        if (status == 401) {
          Optional<String> bearer = bearer(hdrs);
          TokenRefresher r = refresher;
          if (!refreshed && bearer.isPresent() && r != null) {
            LOG.debug("{} {} -> 401; refreshing the access token once", method, path);
            String fresh = r.refresh(bearer.get());
            setBearer(hdrs, fresh);
            refreshed = true;
            attempt--; // the refresh retry is not a throttling retry
            continue;
          }
          throw new SpotifyException(Reason.UNAUTHORIZED, 401, endpoint, "401 Unauthorized on " + endpoint
              + (message.isEmpty() ? "" : ": " + message)
              + (refreshed ? " (even after refreshing the access token)" : "")
              + "; check SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET, or sign in again", null);
        }
        if (status == 403) {
          throw new SpotifyException(Reason.RESTRICTED, 403, endpoint, "403 Forbidden on " + endpoint
              + (message.isEmpty() ? "" : ": " + message)
              + "; Spotify does not let this app use this endpoint (development-mode apps cannot use audio features,"
              + " audio analysis, recommendations, related artists, batch track/artist GETs, other users' playlists or"
              + " items of playlists the signed-in user neither owns nor collaborates on; run 'recsys spotify probe')",
              null);
        }
        if (status == 404) {
          throw new SpotifyException(Reason.NOT_FOUND, 404, endpoint, "404 Not Found on " + endpoint
              + (message.isEmpty() ? "" : ": " + message), null);
        }
        if (status == 429) {
          Optional<Duration> retryAfter = retryAfter(response);
          if (retryAfter.isPresent() && retryAfter.get().compareTo(config.maxRetryAfter()) > 0) {
            throw new SpotifyException(Reason.RATE_LIMITED, 429, endpoint, "429 Too Many Requests on " + endpoint
                + ": Spotify asks to wait " + retryAfter.get().toSeconds() + " s (Retry-After), longer than the"
                + " configured maximum wait of " + config.maxRetryAfter().toSeconds() + " s (maxRetryAfter);"
                + " try again later or raise maxRetryAfter", null);
          }
          reason = Reason.RATE_LIMITED;
          wait = retryAfter.isPresent() ? retryAfter.get() : backoff.delay(attempt);
        } else if (status >= 500 && status < 600) {
          reason = Reason.SERVER_ERROR;
          wait = backoff.delay(attempt);
        } else if (status == 400) {
          boolean credentials = text != null && text.contains("invalid_client");
          throw new SpotifyException(Reason.BAD_REQUEST, 400, endpoint, "400 Bad Request on " + endpoint
              + (message.isEmpty() ? "" : ": " + message)
              + (credentials ? "; Spotify does not accept these app credentials: check SPOTIFY_CLIENT_ID /"
                  + " SPOTIFY_CLIENT_SECRET (the app's Client ID and Client secret on developer.spotify.com)" : ""),
              null);
        } else {
          throw new SpotifyException(Reason.UNEXPECTED, status, endpoint, "unexpected HTTP status " + status + " on "
              + endpoint + (message.isEmpty() ? "" : ": " + message), null);
        }
      } else {
        reason = failure instanceof HttpTimeoutException ? Reason.TIMEOUT : Reason.NETWORK;
        detail = reason == Reason.TIMEOUT
            ? "no response within " + config.requestTimeout().toMillis() + " ms"
            : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                + (failure instanceof java.net.ConnectException ? " (nothing answers at " + target.getScheme() + "://"
                    + target.getHost() + ":" + SpotifyConfig.portOf(target) + "; check the network or the base URL)"
                    : "");
        LOG.debug("{} {} failed: {} ({} ms, attempt {})", method, pathAndQuery(target), detail, ms, attempt);
        wait = backoff.delay(attempt);
      }
      if (attempt >= config.maxAttempts()) {
        throw new SpotifyException(reason, status, endpoint, "gave up on " + endpoint + " after " + attempt
            + (attempt == 1 ? " attempt" : " attempts") + "; last: " + detail
            + (reason == Reason.RATE_LIMITED ? "; Spotify keeps rate limiting this app, try again later" : ""),
            failure);
      }
      LOG.info("{} {}: {}; retry {} of {} in {} ms", method, path, detail, attempt, config.maxAttempts() - 1,
          wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry " + endpoint);
      }
    }
  }

  private HttpRequest build(String method, URI target, List<String[]> hdrs, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(config.requestTimeout());
    boolean hasContentType = false;
    for (String[] h : hdrs) {
      b.header(h[0], h[1]);
      hasContentType |= h[0].equalsIgnoreCase("Content-Type");
    }
    if (body != null && contentType != null && !hasContentType) {
      b.header("Content-Type", contentType);
    }
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    return b.method(method, publisher).build();
  }

  private static Optional<String> bearer(List<String[]> hdrs) {
    for (String[] h : hdrs) {
      if (h[0].equalsIgnoreCase("Authorization") && h[1].startsWith("Bearer ")) {
        return Optional.of(h[1].substring("Bearer ".length()));
      }
    }
    return Optional.empty();
  }

  private static void setBearer(List<String[]> hdrs, String token) {
    for (String[] h : hdrs) {
      if (h[0].equalsIgnoreCase("Authorization")) {
        h[1] = "Bearer " + token;
      }
    }
  }

  /** Retry-After in seconds or as an HTTP date; empty when absent or unreadable. */
  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> v = response.headers().firstValue("Retry-After");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(s))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), t.toInstant());
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (java.time.format.DateTimeParseException e2) {
        LOG.debug("unreadable Retry-After header '{}'", s);
        return Optional.empty();
      }
    }
  }

  private static String pathAndQuery(URI u) {
    return (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
  }
}

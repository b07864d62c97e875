package dev.recsys.spotify.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fake Spotify Web API and accounts service on 127.0.0.1 for tests: serves fixture JSON in Spotify's documented
 * shapes, pages lists, issues and checks tokens (client credentials, authorisation code with PKCE, refresh), and
 * applies the 2026 development-mode restrictions (403) unless switched to extended mode. Replies can be scripted per
 * path (429 with Retry-After, 5xx, malformed JSON, slow answers). Records every request.
 */
public final class FakeSpotifyServer implements AutoCloseable {
  public static final String CLIENT_ID = "fakeclientid0123456789";
  public static final String CLIENT_SECRET = "fake-client-secret-Zq81xV";

  /** A scripted reply. */
  public record Reply(int status, String body, Map<String, String> headers, long delayMs) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), 0);
    }

    public static Reply tooMany(String retryAfterSeconds) {
      return new Reply(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}",
          retryAfterSeconds == null ? Map.of() : Map.of("Retry-After", retryAfterSeconds), 0);
    }

    public static Reply error(int status) {
      return json(status, "{\"error\":{\"status\":" + status + ",\"message\":\"status " + status + "\"}}");
    }

    public static Reply slow(long delayMs) {
      return new Reply(200, "{}", Map.of(), delayMs);
    }
  }

  private static final Pattern RELATED = Pattern.compile("/v1/artists/[^/]+/related-artists");
  private static final Pattern USER_PLAYLISTS = Pattern.compile("/v1/users/[^/]+/playlists");
  private static final Pattern ITEMS = Pattern.compile("/v1/playlists/([^/]+)/items");
  private static final Pattern OLD_TRACKS = Pattern.compile("/v1/playlists/[^/]+/tracks");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-spotify");
    t.setDaemon(true);
    return t;
  });
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final Map<String, String> validTokens = new ConcurrentHashMap<>(); // token -> user id or "" for the app
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>(); // refresh -> user id
  private final Map<String, String[]> codes = new ConcurrentHashMap<>(); // code -> challenge, redirect, user
  private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();
  private final Map<String, String> resources = new ConcurrentHashMap<>();
  private final Map<String, List<String>> paged = new ConcurrentHashMap<>();
  private final Map<String, String> playlistOwner = new ConcurrentHashMap<>();
  private final Set<String> collaborators = ConcurrentHashMap.newKeySet(); // "playlist:user"
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile boolean developmentMode = true;
  private volatile int pageSize = 2;
  private volatile String signInUser = "alice";
  private volatile String stateOverride;
  private volatile boolean issueRefreshTokenOnRefresh;

  public FakeSpotifyServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Base URL, {@code http://127.0.0.1:PORT}, used for both the Web API and the accounts service. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeSpotifyServer developmentMode(boolean dev) {
    this.developmentMode = dev;
    return this;
  }

  public FakeSpotifyServer pageSize(int n) {
    this.pageSize = n;
    return this;
  }

  public FakeSpotifyServer stateOverride(String s) {
    this.stateOverride = s;
    return this;
  }

  public FakeSpotifyServer rotateRefreshTokens(boolean rotate) {
    this.issueRefreshTokenOnRefresh = rotate;
    return this;
  }

  /** Serves {@code body} at {@code path} (exact path, any query). */
  public FakeSpotifyServer resource(String path, String body) {
    resources.put(path, body);
    return this;
  }

  /** Serves a paging object over {@code items} at {@code path}, honouring offset and limit (capped at the page size). */
  public FakeSpotifyServer pagedResource(String path, List<String> items) {
    paged.put(path, List.copyOf(items));
    return this;
  }

  public FakeSpotifyServer playlistOwner(String playlistId, String ownerId) {
    playlistOwner.put(playlistId, ownerId);
    return this;
  }

  public FakeSpotifyServer collaborator(String playlistId, String userId) {
    collaborators.add(playlistId + ":" + userId);
    return this;
  }

  /** Queues replies for {@code path}, served before the normal routes. */
  public FakeSpotifyServer script(String path, Reply... replies) {
    scripted.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  /** Makes every access token issued so far invalid (they answer 401 from now on). */
  public void expireAccessTokens() {
    validTokens.clear();
  }

  /** Makes every refresh token issued so far invalid. */
  public void revokeRefreshTokens() {
    refreshTokens.clear();
  }

  /** Issues a refresh token for {@code user}, as if the user had signed in earlier. */
  public String issueRefreshToken(String user) {
    String r = "refresh-" + user + "-" + counter.incrementAndGet() + "-Kp3";
    refreshTokens.put(r, user);
    issued.add(r);
    return r;
  }

  /** The largest number of Web API requests the server was handling at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  /** Every request, as "METHOD path?query". */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Requests whose path (without query) equals {@code path}. */
  public long count(String path) {
    return requests().stream().filter(r -> r.substring(r.indexOf(' ') + 1).split("\\?")[0].equals(path)).count();
  }

  /** Every token, refresh token and code this server issued, plus the client secret. */
  public Set<String> secrets() {
    Set<String> s = new java.util.HashSet<>(issued);
    s.add(CLIENT_SECRET);
    return s;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      URI u = ex.getRequestURI();
      String path = u.getRawPath();
      String method = ex.getRequestMethod();
      requests.add(method + " " + path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
      if (path.equals("/api/token") && method.equals("POST")) {
        token(ex);
      } else if (path.equals("/authorize")) {
        authorize(ex, query(u.getRawQuery()));
      } else if (path.startsWith("/v1/")) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          api(ex, path, query(u.getRawQuery()));
        } finally {
          inFlight.decrementAndGet();
        }
      } else {
        send(ex, Reply.error(404));
      }
    } catch (RuntimeException | IOException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void api(HttpExchange ex, String path, Map<String, String> q) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String user = auth != null && auth.startsWith("Bearer ") ? validTokens.get(auth.substring(7)) : null;
    if (user == null) {
      send(ex, Reply.json(401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}"));
      return;
    }
    Deque<Reply> queue = scripted.get(path);
    if (queue != null) {
      Reply r;
      synchronized (queue) {
        r = queue.poll();
      }
      if (r != null) {
        send(ex, r);
        return;
      }
    }
    if (OLD_TRACKS.matcher(path).matches()) {
      send(ex, Reply.json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
      return;
    }
    if (path.startsWith("/v1/me") && user.isEmpty()) {
      send(ex, Reply.json(401, "{\"error\":{\"status\":401,\"message\":\"This endpoint needs a user token\"}}"));
      return;
    }
    if (developmentMode && restricted(path, q, user)) {
      send(ex, Reply.json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}"));
      return;
    }
    if (path.equals("/v1/me")) {
      send(ex, Reply.json(200, "{\"id\":\"" + user + "\",\"display_name\":\"" + Character.toUpperCase(user.charAt(0))
          + user.substring(1) + "\",\"type\":\"user\",\"uri\":\"spotify:user:" + user + "\"}"));
      return;
    }
    List<String> items = paged.get(path);
    if (items != null) {
      int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
      int limit = Math.min(pageSize, Integer.parseInt(q.getOrDefault("limit", "20")));
      int end = Math.min(items.size(), offset + limit);
      String next = end < items.size()
          ? "\"" + base() + path + "?offset=" + end + "&limit=" + limit + "\"" : "null";
      String body = "{\"href\":\"" + base() + path + "\",\"limit\":" + limit + ",\"offset\":" + offset + ",\"total\":"
          + items.size() + ",\"next\":" + next + ",\"previous\":null,\"items\":["
          + String.join(",", items.subList(Math.min(offset, items.size()), end)) + "]}";
      send(ex, Reply.json(200, body));
      return;
    }
    String body = resources.get(path);
    if (body != null) {
      send(ex, Reply.json(200, body));
      return;
    }
    send(ex, Reply.json(404, "{\"error\":{\"status\":404,\"message\":\"Resource not found\"}}"));
  }

  private boolean restricted(String path, Map<String, String> q, String user) {
    if (path.startsWith("/v1/audio-features") || path.startsWith("/v1/audio-analysis")
        || path.equals("/v1/recommendations") || RELATED.matcher(path).matches()
        || path.equals("/v1/tracks") || path.equals("/v1/artists") || USER_PLAYLISTS.matcher(path).matches()) {
      return true;
    }
    var m = ITEMS.matcher(path);
    if (m.matches()) {
      String owner = playlistOwner.get(m.group(1));
      return user.isEmpty() || owner == null || !(owner.equals(user) || collaborators.contains(m.group(1) + ":" + user));
    }
    return false;
  }

  private void token(HttpExchange ex) throws IOException {
    String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> f = query(form);
    Deque<Reply> queue = scripted.get("/api/token");
    if (queue != null) {
      Reply r;
      synchronized (queue) {
        r = queue.poll();
      }
      if (r != null) {
        send(ex, r);
        return;
      }
    }
    String grant = f.getOrDefault("grant_type", "");
    switch (grant) {
      case "client_credentials" -> {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
            (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          send(ex, Reply.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}"));
          return;
        }
        String t = "app-token-" + counter.incrementAndGet() + "-Xy7";
        validTokens.put(t, "");
        issued.add(t);
        send(ex, Reply.json(200, "{\"access_token\":\"" + t + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
      }
      case "authorization_code" -> {
        String[] c = codes.remove(f.getOrDefault("code", ""));
        if (c == null || !CLIENT_ID.equals(f.get("client_id")) || !c[1].equals(f.get("redirect_uri"))
            || !c[0].equals(s256(f.getOrDefault("code_verifier", "")))) {
          send(ex, Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid authorization code\"}"));
          return;
        }
        String t = "user-token-" + counter.incrementAndGet() + "-Ab9";
        String r = "refresh-" + c[2] + "-" + counter.incrementAndGet() + "-Kp3";
        validTokens.put(t, c[2]);
        refreshTokens.put(r, c[2]);
        issued.add(t);
        issued.add(r);
        send(ex, Reply.json(200, "{\"access_token\":\"" + t + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
            + "\"refresh_token\":\"" + r + "\",\"scope\":\"playlist-read-private playlist-read-collaborative\"}"));
      }
      case "refresh_token" -> {
        String u = refreshTokens.get(f.getOrDefault("refresh_token", ""));
        if (u == null || !CLIENT_ID.equals(f.get("client_id"))) {
          send(ex, Reply.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token revoked\"}"));
          return;
        }
        String t = "user-token-" + counter.incrementAndGet() + "-Ab9";
        validTokens.put(t, u);
        issued.add(t);
        String extra = "";
        if (issueRefreshTokenOnRefresh) {
          String r = "refresh-" + u + "-" + counter.incrementAndGet() + "-Kp3";
          refreshTokens.put(r, u);
          issued.add(r);
          extra = ",\"refresh_token\":\"" + r + "\"";
        }
        send(ex, Reply.json(200, "{\"access_token\":\"" + t + "\",\"token_type\":\"Bearer\",\"expires_in\":3600" + extra + "}"));
      }
      default -> send(ex, Reply.json(400, "{\"error\":\"unsupported_grant_type\"}"));
    }
  }

  private void authorize(HttpExchange ex, Map<String, String> q) throws IOException {
    String redirect = q.getOrDefault("redirect_uri", "");
    if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
        || !"S256".equals(q.get("code_challenge_method")) || q.get("code_challenge") == null
        || !redirect.startsWith("http://127.0.0.1:")) {
      send(ex, Reply.json(400, "{\"error\":\"invalid_request\"}"));
      return;
    }
    String code = "code-" + counter.incrementAndGet() + "-Qm2";
    issued.add(code);
    codes.put(code, new String[] {q.get("code_challenge"), redirect, signInUser});
    String state = stateOverride != null ? stateOverride : q.getOrDefault("state", "");
    String location = redirect + "?code=" + code + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
  }

  private static void send(HttpExchange ex, Reply r) throws IOException {
    if (r.delayMs() > 0) {
      try {
        Thread.sleep(r.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    try {
      ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
      if (b.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(b);
        }
      }
    } catch (IOException e) {
      // the client gave up (timeout); nothing to do
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      m.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.recsys.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recsys.core.model.Artist;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Track;
import dev.recsys.spotify.SpotifyException.Reason;
import dev.recsys.spotify.internal.ApiGet;
import dev.recsys.spotify.internal.Json;
import dev.recsys.spotify.internal.Mapper;
import dev.recsys.spotify.internal.Tokens;
import dev.recsys.spotify.internal.Transport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ParseException;
import se.michaelthelin.spotify.exceptions.SpotifyWebApiException;

/**
 * A Spotify Web API client for the calls recsys needs, under the API's 2026 rules: throttled, retried, cached on
 * disk and authorised (client credentials for catalogue calls, PKCE sign-in for the user's own data).
 *
 * <p>Requests go through spotify-web-api-java's request machinery and an {@code IHttpManager} of the connector's
 * own (see the architecture notes), so the base URLs are configurable and the client runs against a local fake
 * server. Artists are fetched one call per artist (batch GETs are gone for development-mode apps), de-duplicated
 * and cached for the life of the client.
 *
 * <p>Thread-safe. Close it to stop its worker threads.
 */
public final class SpotifyClient implements AutoCloseable {
  private static final int PAGE = 50;
  private static final int MAX_PAGES = 2000;

  private final SpotifyConfig config;
  private final Transport transport;
  private final Tokens tokens;
  private final ExecutorService workers;
  private final Map<String, Artist> artistCache = new ConcurrentHashMap<>();
  /** The signed-in user once asked for; forgotten on a new sign-in. */
  private volatile SpotifyUser me;

  private SpotifyClient(SpotifyConfig config, InstantSource clock, Sleeper sleeper) {
    this.config = config;
    this.transport = new Transport(config, clock, sleeper);
    this.tokens = new Tokens(config, transport, clock);
    this.transport.setRefresher(tokens);
    this.workers = Executors.newFixedThreadPool(config.maxConcurrency(), Thread.ofPlatform().daemon().name("spotify-", 0).factory());
  }

  /**
   * A builder of a client for {@code config}.
   *
   * @param config a builder of a client for {@code config}
   * @return this builder
   */
  public static Builder builder(SpotifyConfig config) {
    return new Builder(config);
  }

  /**
   * A client for {@code config} with the system clock and sleeper.
   *
   * @param config the configuration
   * @return a client for {@code config} with the system clock and sleeper
   */
  public static SpotifyClient create(SpotifyConfig config) {
    return builder(config).build();
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public SpotifyConfig config() {
    return config;
  }

  /**
   * Requests sent over the network so far, retries and token requests included.
   *
   * @return the number of requests sent
   */
  public long networkRequests() {
    return transport.networkRequests();
  }

  /**
   * GETs answered from the disk cache so far.
   *
   * @return the GETs answered from the disk cache so far
   */
  public long cacheHits() {
    return transport.cacheHits();
  }

  // ---------------------------------------------------------------- authorisation

  /**
   * True if a client secret is configured, so catalogue calls use the client-credentials grant.
   *
   * @return true if a client secret is configured, so catalogue calls use the client-credentials grant
   */
  public boolean hasAppCredentials() {
    return tokens.hasAppCredentials();
  }

  /**
   * True if a user is signed in or a refresh token is configured.
   *
   * @return true if a user is signed in or a refresh token is configured
   */
  public boolean hasUserAuthorization() {
    return tokens.hasUser();
  }

  /**
   * Signs the user in with the authorisation code flow with PKCE and a loopback redirect on
   * {@code http://127.0.0.1:PORT/callback}; {@code openBrowser} receives the URL the user must open.
   *
   * @throws IOException if the redirect does not arrive in time, carries a wrong state, or the exchange fails
   * @param openBrowser the open browser
   * @param timeout the timeout
   */
  public void signIn(Consumer<URI> openBrowser, Duration timeout) throws IOException {
    me = null;
    tokens.signIn(Objects.requireNonNull(openBrowser, "openBrowser"), timeout);
  }

  /**
   * The signed-in user's refresh token (empty when none), for callers that keep it in their own secret store.
   *
   * @return the signed-in user's refresh token (empty when none), for callers that keep it in their own secret store
   */
  public Secret refreshToken() {
    return tokens.refreshToken();
  }

  // ---------------------------------------------------------------- raw access (probe)

  enum Principal { CATALOGUE, USER, USER_IF_SIGNED_IN }

  String token(Principal p) throws IOException {
    return switch (p) {
      case CATALOGUE -> tokens.catalogueToken();
      case USER -> tokens.userToken();
      case USER_IF_SIGNED_IN -> tokens.hasUser() ? tokens.userToken() : tokens.catalogueToken();
    };
  }

  JsonNode get(Principal principal, String path, Map<String, Object> query, boolean cached) throws IOException {
    String endpoint = "GET " + path;
    if (cached) {
      // look in the disk cache before asking for a token, so a fully cached run makes no request at all
      var hit = transport.cached(request("-", path, query).getUri());
      if (hit.isPresent()) {
        return Json.parse(hit.get(), endpoint);
      }
    }
    ApiGet req = request(token(principal), path, query);
    String body;
    try {
      body = cached ? req.execute() : transport.getUncached(req.getUri(), req.getHeaders().toArray(new org.apache.hc.core5.http.Header[0]));
    } catch (SpotifyWebApiException | ParseException e) {
      throw new SpotifyException(Reason.UNEXPECTED, -1, endpoint, e.getMessage(), e);
    }
    return Json.parse(body, endpoint);
  }

  private ApiGet request(String token, String path, Map<String, Object> query) {
    ApiGet.Builder b = new ApiGet.Builder(token)
        .setDefaults(transport, config.apiBase().getScheme(), config.apiBase().getHost(), SpotifyConfig.portOf(config.apiBase()))
        .path(path);
    query.forEach(b::query);
    return b.build();
  }

  private List<JsonNode> pages(Principal principal, String path, Map<String, Object> query) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    int offset = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, Object> q = new LinkedHashMap<>(query);
      q.put("limit", PAGE);
      q.put("offset", offset);
      JsonNode n = get(principal, path, q, true);
      JsonNode arr = n.get("items");
      if (arr == null || !arr.isArray()) {
        throw new SpotifyException(Reason.MALFORMED_RESPONSE, 200, "GET " + path,
            "malformed response from GET " + path + ": a paging object needs an 'items' array", null);
      }
      arr.forEach(items::add);
      offset += arr.size();
      int total = n.path("total").asInt(-1);
      boolean more = n.hasNonNull("next") && !arr.isEmpty();
      if (!more || (total >= 0 && offset >= total)) {
        return items;
      }
    }
    throw new SpotifyException(Reason.UNEXPECTED, 200, "GET " + path, "GET " + path + " has more than "
        + MAX_PAGES + " pages; stopped", null);
  }

  // ---------------------------------------------------------------- user data

  /**
   * The signed-in user ({@code GET /v1/me}, asked once per client and sign-in).
   *
   * @return the signed-in user ({@code GET /v1/me})
   * @throws IOException if an I/O error occurs
   */
  public SpotifyUser currentUser() throws IOException {
    SpotifyUser known = me;
    if (known == null) {
      known = Mapper.user(get(Principal.USER, "/v1/me", Map.of(), true), "GET /v1/me");
      me = known;
    }
    return known;
  }

  /**
   * All playlists the signed-in user owns or follows ({@code GET /v1/me/playlists}, every page).
   *
   * @return all playlists the signed-in user owns or follows ({@code GET /v1/me/playlists}, every page)
   * @throws IOException if an I/O error occurs
   */
  public List<PlaylistInfo> currentUserPlaylists() throws IOException {
    List<PlaylistInfo> out = new ArrayList<>();
    for (JsonNode p : pages(Principal.USER, "/v1/me/playlists", Map.of())) {
      if (p != null && !p.isNull()) {
        out.add(Mapper.playlist(p, "GET /v1/me/playlists"));
      }
    }
    return out;
  }

  /**
   * Another user's public playlists ({@code GET /v1/users/{id}/playlists}); development-mode apps get
   * {@link SpotifyException.Reason#RESTRICTED} since 2026.
   *
   * @param userId the user id
   * @return the another user's public playlists ({@code GET /v1/users/{id}/playlists})
   * @throws IOException if an I/O error occurs
   */
  public List<PlaylistInfo> userPlaylists(String userId) throws IOException {
    SpotifyRef ref = new SpotifyRef(SpotifyRef.Kind.USER, userId);
    String path = "/v1/users/" + ref.id() + "/playlists";
    List<PlaylistInfo> out = new ArrayList<>();
    for (JsonNode p : pages(Principal.USER_IF_SIGNED_IN, path, Map.of())) {
      if (p != null && !p.isNull()) {
        out.add(Mapper.playlist(p, "GET " + path));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- catalogue

  /**
   * A playlist's metadata ({@code GET /v1/playlists/{id}} without its items).
   *
   * @param playlistId the playlist id
   * @return a playlist's metadata ({@code GET /v1/playlists/{id}} without its items)
   * @throws IOException if an I/O error occurs
   */
  public PlaylistInfo playlist(String playlistId) throws IOException {
    SpotifyRef ref = new SpotifyRef(SpotifyRef.Kind.PLAYLIST, playlistId);
    String path = "/v1/playlists/" + ref.id();
    return Mapper.playlist(get(Principal.USER_IF_SIGNED_IN, path, Map.of(), true), "GET " + path);
  }

  /**
   * A playlist's tracks from {@code GET /v1/playlists/{id}/items} (every page), with the signed-in user's token when
   * there is one. Development-mode apps may only read playlists the user owns or collaborates on; others answer
   * {@link SpotifyException.Reason#RESTRICTED}.
   *
   * @param playlistId the playlist id
   * @return a playlist's tracks from {@code GET /v1/playlists/{id}/items} (every page), with the signed-in user's
   *     token when there is one
   * @throws IOException if an I/O error occurs
   */
  public PlaylistItems playlistItems(String playlistId) throws IOException {
    SpotifyRef ref = new SpotifyRef(SpotifyRef.Kind.PLAYLIST, playlistId);
    String path = "/v1/playlists/" + ref.id() + "/items";
    String endpoint = "GET " + path;
    List<PlaylistItems.Entry> entries = new ArrayList<>();
    int local = 0;
    int episodes = 0;
    int unavailable = 0;
    for (JsonNode e : pages(Principal.USER_IF_SIGNED_IN, path, Map.of("additional_types", "track"))) {
      JsonNode item = e.hasNonNull("item") ? e.get("item") : e.get("track"); // 2026 name, then the deprecated one
      if (e.path("is_local").asBoolean(false)) {
        local++;
      } else if (item == null || item.isNull() || !item.isObject()) {
        unavailable++;
      } else if (item.has("type") && !"track".equals(item.path("type").asText())) {
        episodes++;
      } else if (!item.hasNonNull("id")) {
        unavailable++;
      } else {
        entries.add(new PlaylistItems.Entry(Mapper.track(item, endpoint), Mapper.addedAt(e)));
      }
    }
    return new PlaylistItems(ref.id(), entries, local, episodes, unavailable);
  }

  /**
   * A track ({@code GET /v1/tracks/{id}}).
   *
   * @param trackId the track id
   * @return a track ({@code GET /v1/tracks/{id}})
   * @throws IOException if an I/O error occurs
   */
  public Track track(String trackId) throws IOException {
    SpotifyRef ref = new SpotifyRef(SpotifyRef.Kind.TRACK, trackId);
    String path = "/v1/tracks/" + ref.id();
    return Mapper.track(get(Principal.CATALOGUE, path, Map.of(), true), "GET " + path);
  }

  /**
   * An artist with genres ({@code GET /v1/artists/{id}}), cached for the life of the client.
   *
   * @param artistId the artist id
   * @return an artist with genres ({@code GET /v1/artists/{id}}), cached for the life of the client
   * @throws IOException if an I/O error occurs
   */
  public Artist artist(String artistId) throws IOException {
    Artist cached = artistCache.get(artistId);
    if (cached != null) {
      return cached;
    }
    SpotifyRef ref = new SpotifyRef(SpotifyRef.Kind.ARTIST, artistId);
    String path = "/v1/artists/" + ref.id();
    Artist a = Mapper.artist(get(Principal.CATALOGUE, path, Map.of(), true), "GET " + path);
    artistCache.put(artistId, a);
    return a;
  }

  /**
   * Artists by id, one call per distinct artist not yet cached, up to {@code maxConcurrency} at a time. Artists
   * that no longer exist (404) are left out of the result; any other failure is thrown.
   *
   * @param artistIds the artist ids
   * @return the artists by id, one call per distinct artist not yet cached, up to {@code maxConcurrency} at a time
   * @throws IOException if an I/O error occurs
   */
  public Map<String, Artist> artists(Collection<String> artistIds) throws IOException {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(artistIds));
    Map<String, Future<Artist>> pending = new LinkedHashMap<>();
    for (String id : distinct) {
      if (!artistCache.containsKey(id)) {
        pending.put(id, workers.submit(() -> artist(id)));
      }
    }
    IOException first = null;
    for (Map.Entry<String, Future<Artist>> e : pending.entrySet()) {
      try {
        e.getValue().get();
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof SpotifyException se && se.reason() == Reason.NOT_FOUND) {
          continue;
        }
        if (first == null) {
          first = ex.getCause() instanceof IOException io ? io : new IOException(ex.getCause());
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        pending.values().forEach(f -> f.cancel(true));
        throw new InterruptedIOException("interrupted while fetching artists");
      }
    }
    if (first != null) {
      throw first;
    }
    Map<String, Artist> out = new LinkedHashMap<>();
    for (String id : distinct) {
      Artist a = artistCache.get(id);
      if (a != null) {
        out.put(id, a);
      }
    }
    return out;
  }

  /**
   * Audio features from {@code GET /v1/audio-features?ids=...} (up to 100 per call). Development-mode apps get
   * {@link SpotifyException.Reason#RESTRICTED}; use an {@link AudioFeatureSource} then.
   *
   * @param trackIds the track ids
   * @return the audio features from {@code GET /v1/audio-features?ids=...} (up to 100 per call)
   * @throws IOException if the data cannot be read or is malformed
   */
  public Map<String, AudioFeatures> audioFeatures(Collection<String> trackIds) throws IOException {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(trackIds));
    Map<String, AudioFeatures> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i += 100) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + 100));
      JsonNode n = get(Principal.CATALOGUE, "/v1/audio-features", Map.of("ids", String.join(",", batch)), true);
      for (JsonNode af : n.path("audio_features")) {
        if (af != null && af.isObject() && af.hasNonNull("id")) {
          AudioFeatures f = Mapper.audioFeatures(af);
          if (!f.isEmpty()) {
            out.put(af.get("id").asText(), f);
          }
        }
      }
    }
    return out;
  }

  /**
   * Spotify's audio features as an {@link AudioFeatureSource} (fails with RESTRICTED for development-mode apps).
   *
   * @return the {@code AudioFeatureSource}
   */
  public AudioFeatureSource audioFeatureSource() {
    return new AudioFeatureSource() {
      @Override
      public String description() {
        return "Spotify Web API /v1/audio-features";
      }

      @Override
      public Map<String, AudioFeatures> lookup(Collection<String> trackIds) throws IOException {
        return audioFeatures(trackIds);
      }
    };
  }

  /**
   * Probes which endpoints this app may use, with the default sample ids.
   *
   * @return the {@code Report}
   * @throws IOException if an I/O error occurs
   */
  public CapabilityProbe.Report probe() throws IOException {
    return CapabilityProbe.run(this, CapabilityProbe.Samples.DEFAULT);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    transport.close();
  }

  /** Builder of a {@link SpotifyClient}; not thread-safe. */
  public static final class Builder {
    private final SpotifyConfig config;
    private InstantSource clock = InstantSource.system();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder(SpotifyConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets the clock used for token expiry, rate limiting and cache ages.
     *
     * @param clock the clock used for token expiry, rate limiting and cache ages
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the client waits (rate limiting, backoff, Retry-After).
     *
     * @param sleeper how the client waits (rate limiting, backoff, Retry-After)
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the {@code SpotifyClient}
     */
    public SpotifyClient build() {
      return new SpotifyClient(config, clock, sleeper);
    }
  }
}

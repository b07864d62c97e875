package dev.recsys.web;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.UserMatcher;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.report.EmbeddingMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The state and JSON endpoints of the web demo: song search, smart shuffle with per-song explanations against the
 * runners-up (weights and temperature adjustable per request) beside a plain shuffle, session metrics for both,
 * and, when listener models are present, listeners described by their genres, artists and tracks, similar listeners
 * with what they share, recommendations, and matches for a listener added from picked tracks (or a playlist URL
 * when a resolver is configured). Thread-safe: one smart-shuffle sampler shared by all requests (a request's
 * weights and temperature are applied per step), and a bounded pool of step buffers and listening histories, so a
 * request allocates nothing catalogue-sized.
 */
public final class WebDemo {
  /** Longest playlist a request may ask for. */
  public static final int MAX_LENGTH = 100;
  /** Runners-up shown beside each pick. */
  static final int ALTERNATIVES = 3;
  /** Most listeners a page may add (each is kept by the matcher until the server stops). */
  static final int MAX_ADDED = 1_000;
  /**
   * Most shuffle requests computed at once (more wait): each holds catalogue-sized buffers, which are pooled and
   * reused, so memory does not grow with the number of clients.
   */
  static final int SESSIONS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final String description;
  private final Catalog catalog;
  private final TrackAttributes attributes;
  private final SimilarityGraph graph;
  private final SoftmaxWalkConfig baseConfig;
  private final Listeners listeners;
  private final PlaylistResolver playlists;
  private final Map<String, List<String>> added = new ConcurrentHashMap<>();
  private final SoftmaxWalkSampler smart;
  private final UniformShuffleSampler plain;
  private final BoundedPool<WalkSession> sessions;
  private final String[] lowerTitles;
  private final String[] lowerArtists;
  private final int suggested;
  private volatile EmbeddingMap map;

  /** What one shuffle request works in: the sampler's step buffers and a listening history, reused. */
  private static final class WalkSession {
    final StepBuffers buffers;
    final ListeningHistory history;

    WalkSession(StepBuffers buffers, ListeningHistory history) {
      this.buffers = buffers;
      this.history = history;
    }
  }

  /**
   * The listener side of the demo.
   *
   * @param matcher similar-listener matcher
   * @param recommender listener recommender
   * @param histories every listener the page may offer, with the track ids they played; each must be known to both
   *     models
   */
  public record Listeners(UserMatcher matcher, Recommender recommender, Map<String, List<String>> histories) {
    /** Copies the histories, keeping their order. */
    public Listeners {
      histories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(histories));
    }
  }

  /** Turns a playlist URL into catalogue track ids (for example through the Spotify Web API). */
  @FunctionalInterface
  public interface PlaylistResolver {
    /**
     * The track ids of a playlist.
     *
     * @param url the playlist URL as the person typed it
     * @return the track ids, in playlist order
     * @throws IllegalArgumentException with a message fit for the person when the URL is not a playlist or the
     *     service refuses it
     * @throws IOException when the service cannot be reached (shown with its message)
     */
    List<String> trackIds(String url) throws IOException;
  }

  /**
   * A demo without listener models: smart and plain shuffle only.
   *
   * @param description one line shown on the page
   * @param catalog the tracks
   * @param graph the similarity graph over the catalogue
   * @param clusters a cluster (genre) id per track, for the diversity feature
   * @param weights the walk's default feature weights, in {@link SoftmaxWalkConfig#featureNames()} order
   */
  public WebDemo(String description, Catalog catalog, SimilarityGraph graph, int[] clusters, double[] weights) {
    this(description, catalog, graph, clusters, weights, null, null);
  }

  /**
   * A demo over a catalogue and its similarity graph.
   *
   * @param description one line shown on the page
   * @param catalog the tracks
   * @param graph the similarity graph over the catalogue
   * @param clusters a cluster (genre) id per track, for the diversity feature
   * @param weights the walk's default feature weights (e.g. fitted by the choice model), in
   *     {@link SoftmaxWalkConfig#featureNames()} order
   * @param listeners the listener models and histories, or null
   * @param playlists resolves playlist URLs for "add yourself", or null when none is configured
   */
  public WebDemo(String description, Catalog catalog, SimilarityGraph graph, int[] clusters, double[] weights,
      Listeners listeners, PlaylistResolver playlists) {
    graph.requireAligned(catalog);
    this.description = description;
    this.catalog = catalog;
    this.graph = graph;
    this.attributes = TrackAttributes.of(catalog, clusters);
    SoftmaxWalkConfig d = SoftmaxWalkConfig.defaults();
    this.baseConfig = d.toBuilder().weights(d.featureNames(), weights).build();
    this.listeners = listeners;
    this.playlists = playlists;
    this.lowerTitles = new String[catalog.size()];
    this.lowerArtists = new String[catalog.size()];
    int best = 0;
    for (int t = 0; t < catalog.size(); t++) {
      Track track = catalog.get(t);
      lowerTitles[t] = track.title().orElse("").toLowerCase(Locale.ROOT);
      lowerArtists[t] = track.primaryArtist().map(a -> a.name().toLowerCase(Locale.ROOT)).orElse("");
      if (track.popularity().orElse(-1) > catalog.get(best).popularity().orElse(-1)
          || catalog.get(best).title().isEmpty() && track.title().isPresent()) {
        best = t;
      }
    }
    this.suggested = best;
    this.smart = SoftmaxWalkSampler.create(graph, attributes, baseConfig);
    this.plain = new UniformShuffleSampler(catalog.size());
    this.sessions = new BoundedPool<>(SESSIONS,
        () -> new WalkSession(smart.newBuffers(), new ListeningHistory(catalog.size(), baseConfig.historyWindow())));
  }

  /** A track as the page shows it. */
  public record TrackView(String id, String title, String artist, List<String> genres) {}

  /**
   * A runner-up of one pick.
   *
   * @param track the track that was not picked
   * @param probability its probability at that step
   * @param tippedBy the feature whose contribution most favoured the pick over this track (or, when the pick was
   *     the less likely one, the feature that most favoured this track)
   * @param margin the pick's score minus this track's score (log-odds; negative when the draw picked the less
   *     likely track)
   */
  public record Alternative(TrackView track, double probability, String tippedBy, double margin) {}

  /**
   * One pick of the smart shuffle with its explanation.
   *
   * @param track the track
   * @param probability its probability at that step (1 for the start)
   * @param rank its rank among the step's candidates (1 = likeliest; 0 for the start)
   * @param candidates how many candidates the step had
   * @param factors each feature's contribution to the pick's score
   * @param alternatives the likeliest tracks not picked, with what separated them from the pick
   */
  public record Pick(TrackView track, double probability, int rank, int candidates, List<Explanation.Factor> factors,
      List<Alternative> alternatives) {}

  /**
   * Session metrics of one playlist.
   *
   * @param repeatRate share of tracks that already played earlier in the playlist
   * @param artistRepeats tracks whose artist already played earlier in the playlist
   * @param coherence mean similarity of consecutive tracks: the similarity graph's edge weight between them, 0 when
   *     neither is among the other's neighbours
   */
  public record Metrics(double repeatRate, int artistRepeats, double coherence) {}

  /** The result of a shuffle request. */
  public record Shuffle(List<Pick> smart, List<TrackView> plain, Map<String, Metrics> metrics,
      Map<String, Double> weights, double temperature) {}

  /** The walk's features and their default weights. */
  public record Features(List<String> names, double[] weights, double temperature) {}

  /**
   * What the page shows on its first screen.
   *
   * @param description one line on the catalogue
   * @param tracks tracks in the catalogue
   * @param listeners listeners the page offers
   * @param suggestedStart the suggested start song
   * @param listenerModel whether listener models are present
   * @param playlistImport whether playlist URLs can be imported
   * @param embeddingMap whether {@code /api/map} has a map of the track embeddings
   */
  public record Info(String description, int tracks, int listeners, TrackView suggestedStart, boolean listenerModel,
      boolean playlistImport, boolean embeddingMap) {}

  /** A listener described by what they play. */
  public record ListenerView(String id, String name, String description) {}

  /** A genre's share of two listeners' plays. */
  public record GenreShare(String genre, double mine, double theirs) {}

  /** A similar listener with what the two share. */
  public record Match(ListenerView listener, double score, List<GenreShare> genres, List<String> sharedArtists,
      List<TrackView> sharedTracks, String summary) {}

  /** A recommended track with a one-line reason. */
  public record Rec(TrackView track, double score, String reason) {}

  /** A listener's profile: top genres, artists and tracks. */
  public record Profile(ListenerView listener, List<GenreShare> genres, List<String> topArtists,
      List<TrackView> topTracks) {}

  /** The answer to "add yourself": the new listener, who matches them and what to play next. */
  public record Added(Profile profile, List<Match> similar, List<Rec> recommendations, int ignoredTracks) {}

  /** The API routes, by path. */
  public Map<String, Function<QueryParams, Object>> routes() {
    Map<String, Function<QueryParams, Object>> r = new LinkedHashMap<>();
    r.put("/api/info", q -> info());
    r.put("/api/features", q -> features());
    r.put("/api/tracks", q -> searchTracks(q.require("q"), q.intValue("limit", 10, 1, 50)));
    r.put("/api/shuffle", this::shuffle);
    r.put("/api/map", q -> map());
    r.put("/api/listeners", q -> searchListeners(q.get("q").orElse(""), q.intValue("limit", 10, 1, 50)));
    r.put("/api/listeners/profile", q -> profile(q.require("id")));
    r.put("/api/listeners/similar", q -> similar(q.require("id"), q.intValue("k", 10, 1, 50)));
    r.put("/api/listeners/recommendations", q -> recommendations(q.require("id"), q.intValue("k", 10, 1, 50)));
    r.put("/api/listeners/add", q -> add(q.require("tracks"), q.intValue("k", 8, 1, 50)));
    r.put("/api/listeners/playlist", q -> addPlaylist(q.require("url"), q.intValue("k", 8, 1, 50)));
    return r;
  }

  Info info() {
    return new Info(description, catalog.size(), listeners == null ? 0 : listeners.histories().size(), view(suggested),
        listeners != null, listeners != null && playlists != null, map != null);
  }

  /**
   * Sets the map of the track embedding space that {@code /api/map} serves (and the page's map view shows); call
   * before serving. Its track ids must be in the catalogue.
   *
   * @param map the map, or null for none
   * @return this demo
   */
  public WebDemo withMap(EmbeddingMap map) {
    if (map != null) {
      for (EmbeddingMap.Point p : map.points()) {
        if (catalog.indexOf(p.id()) < 0) {
          throw new IllegalArgumentException("the map's track '" + p.id() + "' is not in the catalogue");
        }
      }
    }
    this.map = map;
    return this;
  }

  /** The map of the track embedding space, with each genre's colour and the map's caption. */
  public record MapView(String method, double trustworthiness, String caption, List<String> genres,
      List<String> colours, String otherColour, List<EmbeddingMap.Point> points) {}

  MapView map() {
    EmbeddingMap m = map;
    if (m == null) {
      throw HttpError.notFound("This server has no map of the songs: it was started from a model directory without"
          + " track vectors, or from models saved by an older version (restart with --rebuild).");
    }
    return new MapView(m.method(), m.trustworthiness(), m.caption(), m.genres(),
        m.genres().stream().map(m::colour).toList(), m.colour("other"), m.points());
  }

  Features features() {
    return new Features(baseConfig.featureNames(), baseConfig.weightArray(), baseConfig.temperature());
  }

  TrackView view(int t) {
    Track track = catalog.get(t);
    return new TrackView(track.id(), track.title().orElse("Untitled track"),
        track.primaryArtist().map(a -> a.name()).orElse(""), track.genres());
  }

  private String genreOf(int t) {
    List<String> g = catalog.get(t).genres();
    return g.isEmpty() ? "other" : g.get(0);
  }

  /** Tracks whose title or artist starts with (then contains) the query; one entry per title and artist. */
  List<TrackView> searchTracks(String query, int limit) {
    String q = query.toLowerCase(Locale.ROOT).strip();
    List<TrackView> exact = new ArrayList<>();
    List<TrackView> rest = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < catalog.size() && exact.size() < limit; t++) {
      String title = lowerTitles[t];
      String artist = lowerArtists[t];
      boolean starts = title.startsWith(q) || artist.startsWith(q) || catalog.get(t).id().equals(query);
      boolean contains = !starts && rest.size() < limit && (title.contains(q) || artist.contains(q));
      if ((starts || contains) && seen.add(title + '\u0000' + artist)) {
        (starts ? exact : rest).add(view(t));
      }
    }
    exact.addAll(rest);
    return exact.subList(0, Math.min(limit, exact.size()));
  }

  Shuffle shuffle(QueryParams q) {
    String startId = q.require("start");
    int start = catalog.indexOf(startId);
    if (start < 0) {
      throw HttpError.notFound("unknown track id '" + startId + "'");
    }
    int length = q.intValue("length", 15, 2, MAX_LENGTH);
    long seed = q.longValue("seed", 7);
    double temperature = q.doubleValue("temperature", baseConfig.temperature(), 0.01, 100);
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int f = 0; f < baseConfig.featureNames().size(); f++) {
      String name = baseConfig.featureNames().get(f);
      weights.put(name, q.doubleValue("w." + name, baseConfig.weightArray()[f], -100, 100));
    }
    for (String key : q.all().keySet()) {
      if (key.startsWith("w.") && !weights.containsKey(key.substring(2))) {
        throw HttpError.badRequest("unknown feature weight '" + key + "'; features: " + baseConfig.featureNames());
      }
    }
    double[] w = new double[weights.size()];
    int f = 0;
    for (double v : weights.values()) {
      w[f++] = v;
    }
    // the shared sampler scores with its configured temperature; scaling the weights gives the requested one
    double[] scaled = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      scaled[i] = w[i] * (baseConfig.temperature() / temperature);
    }
    List<Pick> picks = new ArrayList<>(length);
    List<Integer> smartOrder = new ArrayList<>(length);
    List<TrackView> plainViews = new ArrayList<>(length);
    List<Integer> plainOrder = new ArrayList<>(length);
    WalkSession session = sessions.acquire();
    try {
      ListeningHistory history = session.history;
      history.clear();
      SplittableRandom random = new SplittableRandom(seed);
      int cur = start;
      history.play(cur);
      picks.add(new Pick(view(cur), 1, 0, 0, List.of(), List.of()));
      smartOrder.add(cur);
      for (int i = 1; i < length; i++) {
        int n = smart.step(cur, history, scaled, session.buffers);
        if (n == 0) {
          break;
        }
        NextTrackDistribution d = new NextTrackDistribution(Arrays.copyOf(session.buffers.candidates(), n),
            Arrays.copyOf(session.buffers.probabilities(), n), smart.featureNames(),
            Arrays.copyOf(session.buffers.features(), n * w.length), w, temperature);
        int c = d.draw(random.nextDouble());
        int next = d.candidates()[c];
        picks.add(explainPick(d, c));
        smartOrder.add(next);
        history.play(next);
        cur = next;
      }
      history.clear();
      // the plain shuffle's stream depends on the start track too, so each start gets its own order
      SplittableRandom plainRandom = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (start + 1L)));
      for (int t : plain.walk(start, length, history, plainRandom)) {
        plainViews.add(view(t));
        plainOrder.add(t);
      }
    } finally {
      sessions.release(session);
    }
    Map<String, Metrics> metrics = new LinkedHashMap<>();
    metrics.put("smart", metrics(smartOrder));
    metrics.put("plain", metrics(plainOrder));
    return new Shuffle(picks, plainViews, metrics, weights, temperature);
  }

  private Pick explainPick(NextTrackDistribution d, int c) {
    int n = d.size();
    double[] p = d.probabilities();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a == b ? 0 : p[a] != p[b] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    int rank = 0;
    for (int i = 0; i < n; i++) {
      if (order[i] == c) {
        rank = i + 1;
      }
    }
    List<Explanation.Factor> mine = d.explain(c).factors();
    List<Alternative> alternatives = new ArrayList<>(ALTERNATIVES);
    for (int i = 0; i < n && alternatives.size() < ALTERNATIVES; i++) {
      int a = order[i];
      if (a == c) {
        continue;
      }
      List<Explanation.Factor> theirs = d.explain(a).factors();
      double margin = 0;
      for (int f = 0; f < mine.size(); f++) {
        margin += mine.get(f).contribution() - theirs.get(f).contribution();
      }
      // the feature that pushed the margin's way the most
      String tipped = null;
      double best = 0;
      for (int f = 0; f < mine.size(); f++) {
        double diff = (mine.get(f).contribution() - theirs.get(f).contribution()) * (margin >= 0 ? 1 : -1);
        if (diff > best) {
          best = diff;
          tipped = mine.get(f).label();
        }
      }
      alternatives.add(new Alternative(view(d.candidates()[a]), p[a], tipped == null ? "none (tied)" : tipped, margin));
    }
    return new Pick(view(d.candidates()[c]), p[c], rank, n, mine, alternatives);
  }

  private Metrics metrics(List<Integer> playlist) {
    Set<Integer> tracks = new HashSet<>();
    Set<String> artists = new HashSet<>();
    int repeats = 0;
    int artistRepeats = 0;
    double similarity = 0;
    for (int i = 0; i < playlist.size(); i++) {
      int t = playlist.get(i);
      if (!tracks.add(t)) {
        repeats++;
      }
      String artist = lowerArtists[t];
      if (!artist.isEmpty() && !artists.add(artist)) {
        artistRepeats++;
      }
      if (i > 0) {
        similarity += edge(playlist.get(i - 1), t);
      }
    }
    int n = playlist.size();
    return new Metrics(n == 0 ? 0 : (double) repeats / n, artistRepeats, n < 2 ? 0 : similarity / (n - 1));
  }

  /** The graph's similarity of two tracks (either direction), 0 when they are not neighbours. */
  private double edge(int a, int b) {
    for (int[] pair : new int[][] {{a, b}, {b, a}}) {
      for (int r = 0; r < graph.degree(pair[0]); r++) {
        if (graph.neighbour(pair[0], r) == pair[1]) {
          return graph.weight(pair[0], r);
        }
      }
    }
    return 0;
  }

  // ---- listeners

  private Listeners requireListenerModel() {
    if (listeners == null) {
      throw HttpError.notFound("This catalogue has no listener model, so there are no listeners to compare. "
          + "Start the server without --model to try listeners on a synthetic world.");
    }
    return listeners;
  }

  private List<String> historyOf(String id) {
    Listeners l = requireListenerModel();
    List<String> h = l.histories().get(id);
    if (h == null) {
      h = added.get(id);
    }
    if (h == null) {
      throw HttpError.notFound("There is no listener '" + id + "'. Pick one from the suggestions, or add yourself.");
    }
    return h;
  }

  ListenerView listenerView(String id) {
    return listenerView(id, historyOf(id));
  }

  private ListenerView listenerView(String id, List<String> history) {
    List<GenreShare> genres = genreShares(history, List.of());
    List<String> artists = topArtists(history, 1);
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < Math.min(2, genres.size()); i++) {
      d.append(i == 0 ? "" : " & ").append(genres.get(i).genre());
    }
    if (!artists.isEmpty()) {
      d.append(d.length() == 0 ? "" : " \u00b7 ").append("plays ").append(artists.get(0));
    }
    d.append(" \u00b7 ").append(history.size()).append(history.size() == 1 ? " track" : " tracks");
    String name = id.startsWith("you-") ? "You" : prettyName(id);
    return new ListenerView(id, name, d.toString());
  }

  private static String prettyName(String id) {
    String s = id.replace('_', ' ').replace('-', ' ').strip();
    return s.isEmpty() ? id : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private Map<String, Double> genreCounts(List<String> history) {
    Map<String, Double> m = new LinkedHashMap<>();
    int n = 0;
    for (String id : history) {
      int t = catalog.indexOf(id);
      if (t >= 0) {
        m.merge(genreOf(t), 1.0, Double::sum);
        n++;
      }
    }
    if (n > 0) {
      for (var e : m.entrySet()) {
        e.setValue(e.getValue() / n);
      }
    }
    return m;
  }

  /** Genre shares of one history (and another, when given), ordered by their overlap then by the first's share. */
  private List<GenreShare> genreShares(List<String> mine, List<String> theirs) {
    Map<String, Double> a = genreCounts(mine);
    Map<String, Double> b = genreCounts(theirs);
    Set<String> all = new java.util.LinkedHashSet<>(a.keySet());
    all.addAll(b.keySet());
    List<GenreShare> out = new ArrayList<>();
    for (String g : all) {
      out.add(new GenreShare(g, a.getOrDefault(g, 0.0), b.getOrDefault(g, 0.0)));
    }
    out.sort((x, y) -> {
      int c = Double.compare(Math.min(y.mine(), y.theirs()), Math.min(x.mine(), x.theirs()));
      if (c != 0) {
        return c;
      }
      c = Double.compare(y.mine() + y.theirs(), x.mine() + x.theirs());
      return c != 0 ? c : x.genre().compareTo(y.genre());
    });
    return out.subList(0, Math.min(6, out.size()));
  }

  private Map<String, Integer> artistCounts(List<String> history) {
    Map<String, Integer> m = new HashMap<>();
    for (String id : history) {
      int t = catalog.indexOf(id);
      String artist = t < 0 ? null : catalog.get(t).primaryArtist().map(a -> a.name()).orElse(null);
      if (artist != null && !artist.isBlank()) {
        m.merge(artist, 1, Integer::sum);
      }
    }
    return m;
  }

  private List<String> topArtists(List<String> history, int k) {
    return artistCounts(history).entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k).map(Map.Entry::getKey).toList();
  }

  Profile profile(String id) {
    List<String> h = historyOf(id);
    Map<String, Integer> plays = new LinkedHashMap<>();
    for (String t : h) {
      if (catalog.indexOf(t) >= 0) {
        plays.merge(t, 1, Integer::sum);
      }
    }
    List<TrackView> top = plays.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(5)
        .map(e -> view(catalog.indexOf(e.getKey()))).toList();
    return new Profile(listenerView(id, h), genreShares(h, List.of()), topArtists(h, 5), top);
  }

  List<ListenerView> searchListeners(String query, int limit) {
    if (listeners == null) {
      return List.of();
    }
    String q = query.toLowerCase(Locale.ROOT).strip();
    List<ListenerView> out = new ArrayList<>();
    for (var e : listeners.histories().entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      ListenerView v = listenerView(e.getKey(), e.getValue());
      if (e.getKey().toLowerCase(Locale.ROOT).contains(q) || v.name().toLowerCase(Locale.ROOT).contains(q)
          || v.description().toLowerCase(Locale.ROOT).contains(q)) {
        out.add(v);
      }
    }
    return out;
  }

  List<Match> similar(String id, int k) {
    List<String> mine = historyOf(id);
    List<ListenerMatch> found;
    try {
      // listeners added by visitors are skipped below, so ask for enough to fill k without them
      found = listeners.matcher().similarListeners(id, Math.min(10_000, k + 1 + added.size()));
    } catch (IOException | RuntimeException e) {
      throw HttpError.notFound("Similar listeners could not be found for " + listenerView(id, mine).name()
          + " right now; their recommendations below still work.");
    }
    Map<String, Integer> myArtists = artistCounts(mine);
    Set<String> myTracks = new HashSet<>(mine);
    List<Match> out = new ArrayList<>();
    for (ListenerMatch m : found) {
      List<String> theirs = listeners.histories().get(m.listenerId());
      if (theirs == null || m.listenerId().equals(id) || out.size() >= k) {
        continue; // listeners added by other visitors stay private
      }
      Map<String, Integer> theirArtists = artistCounts(theirs);
      List<String> sharedArtists = myArtists.keySet().stream().filter(theirArtists::containsKey)
          .sorted((a, b) -> Integer.compare(myArtists.get(b) + theirArtists.get(b), myArtists.get(a) + theirArtists.get(a)))
          .limit(5).toList();
      List<TrackView> sharedTracks = new ArrayList<>();
      Set<String> seenTracks = new HashSet<>();
      for (String t : theirs) {
        int ti = catalog.indexOf(t);
        if (myTracks.contains(t) && ti >= 0 && seenTracks.add(t) && sharedTracks.size() < 5) {
          sharedTracks.add(view(ti));
        }
      }
      List<GenreShare> genres = genreShares(mine, theirs);
      double overlap = 0;
      for (GenreShare g : genreShares(mine, theirs)) {
        overlap += Math.min(g.mine(), g.theirs());
      }
      String summary = String.format(Locale.ROOT, "%.0f%% of your plays are in genres they play too; %d shared %s, %d shared %s",
          100 * overlap, sharedArtists.size(), sharedArtists.size() == 1 ? "artist" : "artists",
          sharedTracks.size(), sharedTracks.size() == 1 ? "track" : "tracks");
      out.add(new Match(listenerView(m.listenerId(), theirs), m.score(), genres, sharedArtists, sharedTracks, summary));
    }
    return out;
  }

  List<Rec> recommendations(String id, int k) {
    List<String> h = historyOf(id);
    RecommendationQuery query = listeners.histories().containsKey(id) ? RecommendationQuery.forListener(id, k)
        : RecommendationQuery.forSeeds(h, k);
    List<Rec> out = new ArrayList<>();
    for (Recommendation r : listeners.recommender().recommend(query)) {
      int t = catalog.indexOf(r.itemId());
      if (t < 0) {
        continue;
      }
      out.add(new Rec(view(t), r.score(), reason(t, h)));
    }
    return out;
  }

  private String reason(int t, List<String> history) {
    String genre = genreOf(t);
    Double share = genreCounts(history).get(genre);
    String artist = catalog.get(t).primaryArtist().map(a -> a.name()).orElse(null);
    if (artist != null && artistCounts(history).containsKey(artist)) {
      return "more from " + artist + ", an artist in this history";
    }
    if (share != null && share > 0) {
      return String.format(Locale.ROOT, "%s, %.0f%% of this history", genre, 100 * share);
    }
    return "popular with listeners like this one";
  }

  Added add(String trackList, int k) {
    requireListenerModel();
    List<String> ids = new ArrayList<>();
    for (String s : trackList.split(",")) {
      if (!s.isBlank()) {
        ids.add(s.strip());
      }
    }
    if (ids.isEmpty() || ids.size() > 200) {
      throw HttpError.badRequest("Pick between 1 and 200 songs to add yourself; got " + ids.size() + ".");
    }
    return addHistory(ids, k, "None of those songs is in this catalogue; pick songs from the suggestions.");
  }

  private Added addHistory(List<String> ids, int k, String noneKnown) {
    List<String> known = ids.stream().filter(t -> catalog.indexOf(t) >= 0).toList();
    if (known.isEmpty()) {
      throw HttpError.badRequest(noneKnown);
    }
    if (added.size() >= MAX_ADDED) {
      throw HttpError.badRequest("This server has already added " + MAX_ADDED + " visitors; restart it to add more.");
    }
    String id = "you-" + Integer.toHexString(String.join(",", known).hashCode());
    try {
      listeners.matcher().addListener(id, known);
    } catch (IOException | RuntimeException e) {
      throw HttpError.badRequest("Those songs could not be matched against the listeners; try a few more songs.");
    }
    added.put(id, known);
    return new Added(profile(id), similar(id, k), recommendations(id, k), ids.size() - known.size());
  }

  Added addPlaylist(String url, int k) {
    requireListenerModel();
    if (playlists == null) {
      throw HttpError.notFound("Playlist import needs Spotify credentials on the server "
          + "(SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET); pick songs instead.");
    }
    List<String> ids;
    try {
      ids = playlists.trackIds(url.strip());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw HttpError.badRequest("That playlist could not be read: " + (e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage()));
    }
    if (ids.isEmpty()) {
      throw HttpError.badRequest("That playlist has no tracks.");
    }
    return addHistory(ids, k, "None of the songs of that playlist (" + ids.size() + ") is in this catalogue;"
        + " pick songs from the suggestions instead.");
  }
}

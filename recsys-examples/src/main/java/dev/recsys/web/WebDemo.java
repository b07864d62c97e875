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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The state and JSON endpoints of the web demo: song search, smart shuffle with per-song explanations (weights and
 * temperature adjustable per request) beside a plain shuffle, and, when listener models are present, similar
 * listeners and recommendations. Thread-safe: one smart-shuffle sampler shared by all requests (a request's
 * weights and temperature are applied per step), and a bounded pool of step buffers and listening histories, so a
 * request allocates nothing catalogue-sized.
 */
public final class WebDemo {
  /** Longest playlist a request may ask for. */
  public static final int MAX_LENGTH = 100;
  /**
   * Most shuffle requests computed at once (more wait): each holds catalogue-sized buffers, which are pooled and
   * reused, so memory does not grow with the number of clients.
   */
  static final int SESSIONS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final String description;
  private final Catalog catalog;
  private final SimilarityGraph graph;
  private final TrackAttributes attributes;
  private final SoftmaxWalkConfig baseConfig;
  private final List<String> listenerIds;
  private final UserMatcher matcher;
  private final Recommender recommender;
  private final SoftmaxWalkSampler smart;
  private final UniformShuffleSampler plain;
  private final BoundedPool<WalkSession> sessions;
  private final String[] lowerTitles;
  private final String[] lowerArtists;

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
   * A demo over a catalogue and its similarity graph.
   *
   * @param description one line shown on the page
   * @param clusters a cluster (genre) id per track, for the diversity feature
   * @param weights the walk's default feature weights (e.g. fitted by the choice model), in
   *     {@link SoftmaxWalkConfig#featureNames()} order
   * @param listenerIds listeners the page may offer (empty when there is no listener model)
   * @param matcher similar-listener matcher, or null
   * @param recommender listener recommender, or null
   */
  public WebDemo(String description, Catalog catalog, SimilarityGraph graph, int[] clusters, double[] weights,
      List<String> listenerIds, UserMatcher matcher, Recommender recommender) {
    graph.requireAligned(catalog);
    this.description = description;
    this.catalog = catalog;
    this.graph = graph;
    this.attributes = TrackAttributes.of(catalog, clusters);
    SoftmaxWalkConfig d = SoftmaxWalkConfig.defaults();
    this.baseConfig = d.toBuilder().weights(d.featureNames(), weights).build();
    this.listenerIds = List.copyOf(listenerIds);
    this.matcher = matcher;
    this.recommender = recommender;
    this.lowerTitles = new String[catalog.size()];
    this.lowerArtists = new String[catalog.size()];
    for (int t = 0; t < catalog.size(); t++) {
      Track track = catalog.get(t);
      lowerTitles[t] = track.title().orElse("").toLowerCase(Locale.ROOT);
      lowerArtists[t] = track.primaryArtist().map(a -> a.name().toLowerCase(Locale.ROOT)).orElse("");
    }
    this.smart = SoftmaxWalkSampler.create(graph, attributes, baseConfig);
    this.plain = new UniformShuffleSampler(catalog.size());
    this.sessions = new BoundedPool<>(SESSIONS,
        () -> new WalkSession(smart.newBuffers(), new ListeningHistory(catalog.size(), baseConfig.historyWindow())));
  }

  /** A track as the page shows it. */
  public record TrackView(String id, String title, String artist, List<String> genres) {}

  /** One pick of the smart shuffle with its explanation. */
  public record Pick(TrackView track, double probability, List<Explanation.Factor> factors) {}

  /** The result of a shuffle request. */
  public record Shuffle(List<Pick> smart, List<TrackView> plain, Map<String, Double> weights, double temperature) {}

  /** The walk's features and their default weights. */
  public record Features(List<String> names, double[] weights, double temperature) {}

  /** A listener the page can offer. */
  public record ListenerView(String id, String description) {}

  /** A similar listener. */
  public record Match(String id, double score, Explanation explanation) {}

  /** A recommended track. */
  public record Rec(TrackView track, double score, Explanation explanation) {}

  /** The API routes, by path. */
  public Map<String, Function<QueryParams, Object>> routes() {
    Map<String, Function<QueryParams, Object>> r = new LinkedHashMap<>();
    r.put("/api/info", q -> Map.of("description", description, "tracks", catalog.size(), "listeners", listenerIds.size()));
    r.put("/api/features", q -> features());
    r.put("/api/tracks", q -> searchTracks(q.require("q"), q.intValue("limit", 10, 1, 50)));
    r.put("/api/shuffle", this::shuffle);
    r.put("/api/listeners", q -> searchListeners(q.get("q").orElse(""), q.intValue("limit", 10, 1, 50)));
    r.put("/api/listeners/similar", q -> similar(q.require("id"), q.intValue("k", 10, 1, 50)));
    r.put("/api/listeners/recommendations", q -> recommendations(q.require("id"), q.intValue("k", 10, 1, 50)));
    return r;
  }

  Features features() {
    return new Features(baseConfig.featureNames(), baseConfig.weightArray(), baseConfig.temperature());
  }

  TrackView view(int t) {
    Track track = catalog.get(t);
    return new TrackView(track.id(), track.title().orElse(track.id()),
        track.primaryArtist().map(a -> a.name()).orElse(""), track.genres());
  }

  List<TrackView> searchTracks(String query, int limit) {
    String q = query.toLowerCase(Locale.ROOT).strip();
    List<TrackView> exact = new ArrayList<>();
    List<TrackView> rest = new ArrayList<>();
    for (int t = 0; t < catalog.size() && exact.size() < limit; t++) {
      String title = lowerTitles[t];
      String artist = lowerArtists[t];
      if (title.startsWith(q) || artist.startsWith(q) || catalog.get(t).id().equals(query)) {
        exact.add(view(t));
      } else if (rest.size() < limit && (title.contains(q) || artist.contains(q))) {
        rest.add(view(t));
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
    List<TrackView> plainViews = new ArrayList<>(length);
    WalkSession session = sessions.acquire();
    try {
      ListeningHistory history = session.history;
      history.clear();
      SplittableRandom random = new SplittableRandom(seed);
      int cur = start;
      history.play(cur);
      picks.add(new Pick(view(cur), 1, List.of()));
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
        picks.add(new Pick(view(next), d.probabilities()[c], d.explain(c).factors()));
        history.play(next);
        cur = next;
      }
      history.clear();
      SplittableRandom plainRandom = new SplittableRandom(seed);
      for (int t : plain.walk(start, length, history, plainRandom)) {
        plainViews.add(view(t));
      }
    } finally {
      sessions.release(session);
    }
    return new Shuffle(picks, plainViews, weights, temperature);
  }

  List<ListenerView> searchListeners(String query, int limit) {
    String q = query.toLowerCase(Locale.ROOT).strip();
    return listenerIds.stream().filter(id -> id.toLowerCase(Locale.ROOT).contains(q)).limit(limit)
        .map(id -> new ListenerView(id, "")).toList();
  }

  private void requireListeners(String id) {
    if (matcher == null || recommender == null) {
      throw HttpError.notFound("this demo has no listener model; start it without --model to train one");
    }
    if (!listenerIds.contains(id)) {
      throw HttpError.notFound("unknown listener id '" + id + "'");
    }
  }

  List<Match> similar(String id, int k) {
    requireListeners(id);
    try {
      List<Match> out = new ArrayList<>();
      for (ListenerMatch m : matcher.similarListeners(id, k)) {
        out.add(new Match(m.listenerId(), m.score(), m.explanation()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Rec> recommendations(String id, int k) {
    requireListeners(id);
    List<Rec> out = new ArrayList<>();
    for (Recommendation r : recommender.recommend(RecommendationQuery.forListener(id, k))) {
      out.add(new Rec(view(catalog.indexOf(r.itemId())), r.score(), r.explanation()));
    }
    return out;
  }
}

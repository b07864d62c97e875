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
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The state and JSON endpoints of the web demo: song search, smart shuffle with per-song explanations (weights and
 * temperature adjustable per request) beside a plain shuffle, and, when listener models are present, similar
 * listeners and recommendations. Immutable after construction and thread-safe: every request builds its own
 * sampler and history.
 */
public final class WebDemo {
  /** Longest playlist a request may ask for. */
  public static final int MAX_LENGTH = 100;

  private final String description;
  private final Catalog catalog;
  private final SimilarityGraph graph;
  private final TrackAttributes attributes;
  private final SoftmaxWalkConfig baseConfig;
  private final List<String> listenerIds;
  private final UserMatcher matcher;
  private final Recommender recommender;

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
      Track track = catalog.get(t);
      String title = track.title().orElse("").toLowerCase(Locale.ROOT);
      String artist = track.primaryArtist().map(a -> a.name().toLowerCase(Locale.ROOT)).orElse("");
      if (title.startsWith(q) || artist.startsWith(q) || track.id().equals(query)) {
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
    SoftmaxWalkSampler smart = SoftmaxWalkSampler.create(graph, attributes,
        baseConfig.toBuilder().weights(weights).temperature(temperature).build());
    ListeningHistory history = new ListeningHistory(catalog.size(), baseConfig.historyWindow());
    SplittableRandom random = new SplittableRandom(seed);
    List<Pick> picks = new ArrayList<>(length);
    int cur = start;
    history.play(cur);
    picks.add(new Pick(view(cur), 1, List.of()));
    for (int i = 1; i < length; i++) {
      NextTrackDistribution d = smart.distribution(cur, history);
      if (d.size() == 0) {
        break;
      }
      int c = d.draw(random.nextDouble());
      int next = d.candidates()[c];
      picks.add(new Pick(view(next), d.probabilities()[c], d.explain(c).factors()));
      history.play(next);
      cur = next;
    }
    int[] plain = new UniformShuffleSampler(catalog.size())
        .walk(start, length, new ListeningHistory(catalog.size(), baseConfig.historyWindow()), new SplittableRandom(seed));
    List<TrackView> plainViews = new ArrayList<>(plain.length);
    for (int t : plain) {
      plainViews.add(view(t));
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

package dev.recsys.embedding.twotower;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.UserMatcher;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.embedding.twotower.internal.ListenerFeatures;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Similar-listener matching with a siamese two-tower model: each listener's profile (audio mean and spread, genre
 * distribution, artists, tracks, activity) is embedded and kept in a listener {@link VectorIndex}; a query embeds
 * the listener and returns the nearest others with what they share: overlapping genres (the smaller of the two
 * shares), shared artists and tracks (by combined plays) and the match's top tracks.
 *
 * <p>Thread-safe: queries run concurrently with {@link #addListener}; a listener added is found by later queries.
 * Deterministic for a given state.
 */
public final class TwoTowerUserMatcher implements UserMatcher, SaveableModel, Closeable {
  /** The job name stored in the payload. */
  public static final String JOB = "match";
  private static final int SHOWN = 5;

  private final TwoTowerModel model;
  private final ListenerFeatures features;
  private final Map<String, ListenerFeatures.History> histories;
  private final VectorIndex index;
  private final MatcherConfig config;
  private final Provenance provenance;

  private TwoTowerUserMatcher(TwoTowerModel model, ListenerFeatures features,
      Map<String, ListenerFeatures.History> histories, VectorIndex index, MatcherConfig config, Provenance provenance) {
    this.model = model;
    this.features = features;
    this.histories = new ConcurrentHashMap<>(histories);
    this.index = index;
    this.config = config;
    this.provenance = provenance;
  }

  static TwoTowerUserMatcher create(TwoTowerModel model, ListenerFeatures features,
      Map<String, ListenerFeatures.History> histories, VectorIndex index, MatcherConfig config, String fingerprint)
      throws IOException {
    Provenance now = Provenance.now(config.model().seed(), fingerprint);
    Provenance p = new Provenance(now.libraryVersion(), now.javaVersion(), now.seed(), now.dataFingerprint(),
        now.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    TwoTowerUserMatcher m = new TwoTowerUserMatcher(model, features, histories, index, config, p);
    m.indexAll(histories);
    return m;
  }

  private void indexAll(Map<String, ListenerFeatures.History> hs) throws IOException {
    List<String> ids = new ArrayList<>(hs.keySet());
    int chunk = 1024;
    for (int from = 0; from < ids.size(); from += chunk) {
      int to = Math.min(ids.size(), from + chunk);
      List<TowerRow> rows = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        rows.add(features.row(hs.get(ids.get(i))));
      }
      float[][] v = model.embedQueries(rows);
      for (int i = from; i < to; i++) {
        index.upsert(ids.get(i), v[i - from], Metadata.EMPTY);
      }
    }
    index.commit();
  }

  /**
   * The trained model.
   *
   * @return the trained model
   */
  public TwoTowerModel model() {
    return model;
  }

  /**
   * The configuration it was trained with.
   *
   * @return the configuration it was trained with
   */
  public MatcherConfig config() {
    return config;
  }

  /**
   * Where it came from.
   *
   * @return where it came from
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Number of listeners that can be matched.
   *
   * @return the number of listeners that can be matched
   */
  public int listenerCount() {
    return histories.size();
  }

  /**
   * Whether the listener is known.
   *
   * @param listenerId the listener id
   * @return whether the listener is known
   */
  public boolean knowsListener(String listenerId) {
    return histories.containsKey(listenerId);
  }

  /**
   * The ids of the known listeners, sorted.
   *
   * @return the ids of the known listeners, sorted
   */
  public List<String> listenerIds() {
    return histories.keySet().stream().sorted().toList();
  }

  /**
   * The embedding of a known listener.
   *
   * @param listenerId the listener id
   * @return the embedding of a known listener
   */
  public float[] listenerVector(String listenerId) {
    return model.embedQuery(features.row(require(listenerId)));
  }

  /**
   * The raw dense profile of a known listener (the baseline representation before the tower).
   *
   * @param listenerId the listener id
   * @return the raw dense profile of a known listener (the baseline representation before the tower)
   */
  public float[] profile(String listenerId) {
    return features.profile(require(listenerId));
  }

  private ListenerFeatures.History require(String listenerId) {
    ListenerFeatures.History h = histories.get(listenerId);
    if (h == null) {
      throw new NoSuchElementException("unknown listener '" + listenerId + "' (" + histories.size()
          + " listeners known; add them with addListener)");
    }
    return h;
  }

  /**
   * {@inheritDoc}
   *
   * @throws NoSuchElementException if the listener is unknown
   * @throws IllegalArgumentException if k is outside [1, 10000]
   */
  @Override
  public List<ListenerMatch> similarListeners(String listenerId, int k) throws IOException {
    dev.recsys.core.util.Checks.inRange("k", k, 1, VectorIndex.MAX_K);
    ListenerFeatures.History me = require(listenerId);
    float[] q = model.embedQuery(features.row(me));
    List<SearchHit> hits = index.search(q, k, new SearchFilter(Set.of(listenerId), Map.of()));
    List<ListenerMatch> out = new ArrayList<>(hits.size());
    for (SearchHit h : hits) {
      ListenerFeatures.History other = histories.get(h.key());
      if (other == null) {
        continue;
      }
      out.add(new ListenerMatch(h.key(), h.score(), explain(me, other, h.score())));
    }
    return out;
  }

  private Explanation explain(ListenerFeatures.History a, ListenerFeatures.History b, double score) {
    List<Explanation.Factor> factors = new ArrayList<>();
    double[] ga = features.genreShares(a);
    double[] gb = features.genreShares(b);
    double overlap = 0;
    List<String> topGenres = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int g = 0; g < ga.length; g++) {
      order.add(g);
    }
    order.sort((x, y) -> Double.compare(Math.min(ga[y], gb[y]), Math.min(ga[x], gb[x])));
    for (int g : order) {
      double m = Math.min(ga[g], gb[g]);
      if (m <= 0 || g >= features.content().genres().size()) {
        continue;
      }
      overlap += m;
      String name = features.content().genres().id(g);
      factors.add(new Explanation.Factor("shared-genre", name, m, m));
      if (topGenres.size() < 3) {
        topGenres.add(String.format("%s %.0f%%", name, 100 * m));
      }
    }
    Map<Integer, Double> aa = features.artistWeights(a);
    Map<Integer, Double> ab = features.artistWeights(b);
    List<Map.Entry<Integer, Double>> sharedArtists = new ArrayList<>();
    for (Map.Entry<Integer, Double> e : aa.entrySet()) {
      Double o = ab.get(e.getKey());
      if (o != null) {
        sharedArtists.add(Map.entry(e.getKey(), e.getValue() + o));
      }
    }
    sharedArtists.sort((x, y) -> Double.compare(y.getValue(), x.getValue()));
    for (int i = 0; i < Math.min(SHOWN, sharedArtists.size()); i++) {
      var e = sharedArtists.get(i);
      factors.add(new Explanation.Factor("shared-artist", features.content().artists().id(e.getKey()), e.getValue(), 0));
    }
    Map<Integer, Float> pb = new LinkedHashMap<>();
    for (int i = 0; i < b.size(); i++) {
      pb.put(b.items()[i], b.plays()[i]);
    }
    List<int[]> sharedTracks = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      Float o = pb.get(a.items()[i]);
      if (o != null) {
        sharedTracks.add(new int[] {a.items()[i], Float.floatToIntBits(a.plays()[i] + o)});
      }
    }
    sharedTracks.sort((x, y) -> Float.compare(Float.intBitsToFloat(y[1]), Float.intBitsToFloat(x[1])));
    for (int i = 0; i < Math.min(SHOWN, sharedTracks.size()); i++) {
      int[] t = sharedTracks.get(i);
      factors.add(new Explanation.Factor("shared-track", features.tracks().id(t[0]), Float.intBitsToFloat(t[1]), 0));
    }
    for (int t : features.topTracks(b, 3)) {
      factors.add(new Explanation.Factor("top-track", features.tracks().id(t), pb.get(t), 0));
    }
    String summary = String.format("similarity %.3f; %.0f%% genre overlap%s; %d shared artists, %d shared tracks",
        score, 100 * overlap, topGenres.isEmpty() ? "" : " (" + String.join(", ", topGenres) + ")",
        sharedArtists.size(), sharedTracks.size());
    return new Explanation(summary, factors);
  }

  /**
   * The display title of a catalogue track, or its id.
   *
   * @param trackId the track id
   * @return the display title of a catalogue track, or its id
   */
  public String title(String trackId) {
    int t = features.tracks().indexOf(trackId);
    return t < 0 ? trackId : features.title(t);
  }

  /**
   * Adds or replaces a listener from the track ids they played, in order (a repeated id is a repeated play; ids not
   * in the catalogue are ignored).
   *
   * @throws IllegalArgumentException if none of the tracks is in the catalogue
   */
  @Override
  public void addListener(String listenerId, List<String> trackIds) throws IOException {
    dev.recsys.core.util.Checks.notBlank("listenerId", listenerId);
    ListenerFeatures.History h = features.history(trackIds);
    if (h.size() == 0) {
      throw new IllegalArgumentException("listener '" + listenerId + "' has none of their " + trackIds.size()
          + " tracks in the catalogue");
    }
    synchronized (this) {
      index.upsert(listenerId, model.embedQuery(features.row(h)), Metadata.EMPTY);
      index.refresh();
      histories.put(listenerId, h);
    }
  }

  /**
   * The model, the track features and every listener's history (including added ones), as one container.
   *
   * @return the model container
   */
  @Override
  public synchronized ModelContainer toContainer() {
    Payload.Writer w = Payload.writer();
    w.putString(JOB);
    model.write(w);
    features.write(w);
    List<String> ids = listenerIds();
    w.putInt(ids.size());
    for (String id : ids) {
      ListenerFeatures.History h = histories.get(id);
      w.putString(id).putInts(h.items()).putFloats(h.weights()).putFloats(h.plays());
    }
    return new ModelContainer(TwoTowerRecommender.PROVIDER, TwoTowerRecommender.FORMAT_VERSION,
        ConfigJson.write(config), provenance, w.toByteArray());
  }

  /**
   * Reads a matcher saved with {@link #save(Path)} and indexes its listeners in a fresh index.
   *
   * @throws ModelFormatException if the file is not a two-tower matcher or is from a newer version
   * @param file the file
   * @param indexFactory creates the vector index for a dimension
   * @return the {@code TwoTowerUserMatcher}
   */
  public static TwoTowerUserMatcher load(Path file, IntFunction<VectorIndex> indexFactory) throws IOException {
    ModelContainer c = ModelContainer.readFrom(file);
    return ModelContainer.decode(file.toString(), () -> decode(file, c, indexFactory));
  }

  private static TwoTowerUserMatcher decode(Path file, ModelContainer c, IntFunction<VectorIndex> indexFactory) throws IOException {
    c.require(TwoTowerRecommender.PROVIDER, TwoTowerRecommender.FORMAT_VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    String job = r.getString();
    if (!JOB.equals(job)) {
      throw new ModelFormatException(file + ": two-tower model of job '" + job + "', not '" + JOB + "'");
    }
    MatcherConfig config = ConfigJson.readModelConfig(c.configJson(), MatcherConfig.class, file.toString());
    TwoTowerModel model = TwoTowerModel.read(r);
    ListenerFeatures f = ListenerFeatures.read(r);
    int n = r.getCount(4);
    if (n < 0 || n > 100_000_000) {
      throw new ModelFormatException(file + ": bad listener count " + n);
    }
    Map<String, ListenerFeatures.History> hs = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String id = r.getString();
      int[] items = r.getInts();
      float[] w = r.getFloats();
      float[] p = r.getFloats();
      if (w.length != items.length || p.length != items.length) {
        throw new ModelFormatException(file + ": listener '" + id + "' history arrays differ in length");
      }
      for (int t : items) {
        if (t < 0 || t >= f.tracks().size()) {
          throw new ModelFormatException(file + ": listener '" + id + "' names track " + t + " outside the catalogue");
        }
      }
      hs.put(id, new ListenerFeatures.History(items, w, p));
    }
    r.requireEnd();
    TwoTowerUserMatcher m = new TwoTowerUserMatcher(model, f, hs, indexFactory.apply(model.dimension()), config,
        c.provenance());
    m.indexAll(hs);
    return m;
  }

  /** Closes the index. */
  @Override
  public void close() throws IOException {
    index.close();
  }

  @Override
  public String toString() {
    return "TwoTowerUserMatcher[listeners=" + histories.size() + ", model=" + model + "]";
  }
}

package dev.recsys.embedding.twotower;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.VectorIndex;
import dev.recsys.embedding.twotower.internal.HybridFeatures;
import dev.recsys.embedding.twotower.internal.TrackContent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Hybrid listener-to-track recommendation with a two-tower model: the listener tower embeds the listener (id,
 * recent tracks, audio and genre profile), a {@link VectorIndex} over the track tower's vectors returns the best
 * tracks, already-heard tracks and excluded ones filtered out, optionally only some genres.
 *
 * <p>Cold start: an unknown listener is embedded from the query's seed items (their id falls into a hash bucket);
 * an unknown listener without seed items gets the most popular training tracks (the documented fallback). A new
 * track added with {@link #addTrack} is embedded from its content (artist, genres, audio features, release year)
 * and can be recommended at once.
 *
 * <p>Thread-safe: queries may run concurrently with each other and with {@link #addTrack} (the index serialises
 * writes). Deterministic: the same query gives the same list.
 */
public final class TwoTowerRecommender implements Recommender, SaveableModel, Closeable {
  /** Provider name in saved containers. */
  public static final String PROVIDER = "two-tower";
  /** The job name stored in the payload. */
  public static final String JOB = "recommend";
  /** Version 2 added the listener attribute section; version 1 files (without it) still load. */
  static final int FORMAT_VERSION = 2;

  private final TwoTowerModel model;
  private final HybridFeatures features;
  private final VectorIndex index;
  private final HybridConfig config;
  private final Provenance provenance;
  private final int[] byPopularity;
  private final double preferenceWeight;

  private TwoTowerRecommender(TwoTowerModel model, HybridFeatures features, VectorIndex index, HybridConfig config,
      Provenance provenance, double preferenceWeight) {
    this.preferenceWeight = preferenceWeight;
    this.model = model;
    this.features = features;
    this.index = index;
    this.config = config;
    this.provenance = provenance;
    int[] pop = features.popularity();
    byPopularity = java.util.stream.IntStream.range(0, pop.length).boxed()
        .sorted((a, b) -> pop[a] != pop[b] ? Integer.compare(pop[b], pop[a]) : Integer.compare(a, b))
        .mapToInt(Integer::intValue).toArray();
  }

  static TwoTowerRecommender create(TwoTowerModel model, HybridFeatures features, IntFunction<VectorIndex> indexFactory,
      HybridConfig config, String fingerprint, double preferenceWeight) throws IOException {
    Provenance now = Provenance.now(config.model().seed(), fingerprint);
    // the container stores milliseconds: keep the in-memory provenance equal to what a reader gets back
    Provenance p = new Provenance(now.libraryVersion(), now.javaVersion(), now.seed(), now.dataFingerprint(),
        now.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    TwoTowerRecommender r = new TwoTowerRecommender(model, features,
        indexFactory.apply(indexDimension(model, preferenceWeight)), config, p, preferenceWeight);
    r.indexItems();
    return r;
  }

  /** The model's dimension, plus the audio features and one when the preference–track term is on. */
  private static int indexDimension(TwoTowerModel model, double preferenceWeight) {
    return model.dimension() + (preferenceWeight > 0 ? TrackContent.AUDIO + 1 : 0);
  }

  /**
   * A track vector as indexed: the track tower's, followed with the preference–track term on by the track's
   * standardised audio features {@code c} and {@code |c|^2}.
   */
  private float[] indexed(float[] trackVector, TowerRow row) {
    if (preferenceWeight <= 0) {
      return trackVector;
    }
    float[] c = HybridFeatures.audio(row);
    float[] out = java.util.Arrays.copyOf(trackVector, trackVector.length + c.length + 1);
    float sq = 0;
    for (int i = 0; i < c.length; i++) {
      out[trackVector.length + i] = c[i];
      sq += c[i] * c[i];
    }
    out[out.length - 1] = sq;
    return out;
  }

  /**
   * A listener vector as searched: the listener tower's, followed with the preference–track term on by
   * {@code 2w p} and {@code -w}, so that its dot product with an indexed track vector is the two-tower score minus
   * {@code w |p - c|^2} plus a constant of the listener.
   */
  private float[] searched(float[] listenerVector, int[] history) {
    if (preferenceWeight <= 0) {
      return listenerVector;
    }
    float[] p = features.audioPreference(history, history.length);
    float[] out = java.util.Arrays.copyOf(listenerVector, listenerVector.length + p.length + 1);
    for (int i = 0; i < p.length; i++) {
      out[listenerVector.length + i] = (float) (2 * preferenceWeight * p[i]);
    }
    out[out.length - 1] = (float) -preferenceWeight;
    return out;
  }

  /**
   * The weight of the preference–track difference term chosen on validation listeners (0: off).
   *
   * @return the weight {@code w} of {@code -w |p - c|^2} in the score
   */
  public double preferenceWeight() {
    return preferenceWeight;
  }

  private void indexItems() throws IOException {
    if (index.dimension() != indexDimension(model, preferenceWeight)) {
      throw new IllegalArgumentException("index dimension " + index.dimension() + " != "
          + indexDimension(model, preferenceWeight) + " (model dimension " + model.dimension() + ")");
    }
    int ni = features.items().size();
    int chunk = 4096;
    for (int from = 0; from < ni; from += chunk) {
      int to = Math.min(ni, from + chunk);
      List<TowerRow> rows = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        rows.add(features.itemRow(i));
      }
      float[][] v = model.embedItems(rows);
      for (int i = from; i < to; i++) {
        index.upsert(features.items().id(i), indexed(v[i - from], rows.get(i - from)),
            metadata(genreNames(features.itemGenres(i))));
      }
    }
    index.commit();
  }

  private List<String> genreNames(int[] genres) {
    List<String> out = new ArrayList<>(genres.length);
    for (int g : genres) {
      out.add(features.content().genres().id(g));
    }
    return out;
  }

  private static Metadata metadata(List<String> genres) {
    return Metadata.builder().put("genre", genres).build();
  }

  @Override
  public String name() {
    return "two-tower";
  }

  /**
   * The trained model.
   *
   * @return the trained model
   */
  public TwoTowerModel model() {
    return model;
  }

  /** The features it embeds (for {@link TwoTowerImportance}). */
  HybridFeatures features() {
    return features;
  }

  /**
   * The configuration it was trained with.
   *
   * @return the configuration it was trained with
   */
  public HybridConfig config() {
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
   * Number of tracks it can recommend.
   *
   * @return the number of tracks it can recommend
   */
  public int trackCount() {
    return index.size();
  }

  /**
   * Whether the listener was seen in training.
   *
   * @param listenerId the listener id
   * @return whether the listener was seen in training
   */
  public boolean knowsListener(String listenerId) {
    return features.users().contains(listenerId);
  }

  /**
   * The training history of a known listener (track ids in time order), empty for unknown listeners.
   *
   * @param listenerId the listener id
   * @return the training history of a known listener (track ids in time order), empty for unknown listeners
   */
  public List<String> history(String listenerId) {
    int u = features.users().indexOf(listenerId);
    if (u < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int it : features.history(u)) {
      out.add(features.items().id(it));
    }
    return out;
  }

  /**
   * The display title of a known track, or its id.
   *
   * @param trackId the track id
   * @return the display title of a known track, or its id
   */
  public String title(String trackId) {
    int i = features.items().indexOf(trackId);
    return i < 0 ? trackId : features.title(i);
  }

  /**
   * The listener-tower vector of a query (the listener's history plus the seed items).
   *
   * @param query the query
   * @return the listener-tower vector of a query (the listener's history plus the seed items)
   */
  public float[] listenerVector(RecommendationQuery query) {
    return model.embedQuery(queryRow(query, history(query)));
  }

  /**
   * The track-tower vector of any track (a new one from its content).
   *
   * @param track the track
   * @return the track-tower vector of any track (a new one from its content)
   */
  public float[] trackVector(Track track) {
    return model.embedItem(features.trackRow(track));
  }

  /**
   * Adds a track that was not in training (or replaces one), embedded from its content, so later queries can
   * recommend it.
   *
   * @param track the track
   * @throws IOException if an I/O error occurs
   */
  public void addTrack(Track track) throws IOException {
    TowerRow row = features.trackRow(track);
    index.upsert(track.id(), indexed(model.embedItem(row), row), metadata(track.genres()));
    index.refresh();
  }

  /**
   * Adds (or replaces) many new tracks, embedded from their content in batches, then refreshes the index once.
   *
   * @param tracks the tracks
   * @throws IOException if an I/O error occurs
   */
  public void addTracks(List<Track> tracks) throws IOException {
    int chunk = 4096;
    for (int from = 0; from < tracks.size(); from += chunk) {
      List<Track> part = tracks.subList(from, Math.min(tracks.size(), from + chunk));
      List<TowerRow> rows = new ArrayList<>(part.size());
      for (Track t : part) {
        rows.add(features.trackRow(t));
      }
      float[][] v = model.embedItems(rows);
      for (int i = 0; i < part.size(); i++) {
        index.upsert(part.get(i).id(), indexed(v[i], rows.get(i)), metadata(part.get(i).genres()));
      }
    }
    index.commit();
  }

  private int[] history(RecommendationQuery query) {
    int u = query.listenerId().map(id -> features.users().indexOf(id)).orElse(-1);
    int[] base = u >= 0 ? features.history(u) : new int[0];
    if (query.seedItems().isEmpty()) {
      return base;
    }
    int[] out = java.util.Arrays.copyOf(base, base.length + query.seedItems().size());
    int n = base.length;
    for (String s : query.seedItems()) {
      int i = features.items().indexOf(s);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private TowerRow queryRow(RecommendationQuery query, int[] history) {
    int u = query.listenerId().map(id -> features.users().indexOf(id)).orElse(-1);
    return features.queryRow(u, query.listenerId().orElse(""), history, history.length);
  }

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    Objects.requireNonNull(query, "query");
    int[] history = history(query);
    Set<String> exclude = new HashSet<>(query.exclude());
    if (query.excludeSeen()) {
      for (int it : history) {
        exclude.add(features.items().id(it));
      }
      exclude.addAll(query.seedItems());
    }
    double[] shares = features.genreShares(history);
    if (history.length == 0) {
      return popular(query, exclude);
    }
    float[] q = searched(model.embedQuery(queryRow(query, history)), history);
    SearchFilter.Builder filter = SearchFilter.builder().exclude(exclude);
    if (!query.genres().isEmpty()) {
      filter.anyOf("genre", query.genres());
    }
    List<SearchHit> hits;
    try {
      hits = index.search(q, query.k(), filter.build());
    } catch (IOException e) {
      throw new UncheckedIOException("track index search failed", e);
    }
    List<Recommendation> out = new ArrayList<>(hits.size());
    for (SearchHit h : hits) {
      out.add(new Recommendation(h.key(), h.score(), explain(h.score(), h.metadata().get("genre"), shares, false)));
    }
    return out;
  }

  private List<Recommendation> popular(RecommendationQuery query, Set<String> exclude) {
    List<Recommendation> out = new ArrayList<>();
    int[] pop = features.popularity();
    for (int i : byPopularity) {
      if (out.size() >= query.k()) {
        break;
      }
      String id = features.items().id(i);
      List<String> genres = genreNames(features.itemGenres(i));
      if (exclude.contains(id) || (!query.genres().isEmpty() && genres.stream().noneMatch(query.genres()::contains))) {
        continue;
      }
      out.add(new Recommendation(id, pop[i], explain(pop[i], genres, new double[0], true)));
    }
    return out;
  }

  private Explanation explain(double score, List<String> trackGenres, double[] shares, boolean popular) {
    List<Explanation.Factor> factors = new ArrayList<>();
    StringBuilder liked = new StringBuilder();
    for (String g : new LinkedHashSet<>(trackGenres)) {
      int gi = features.content().genres().indexOf(g);
      double share = gi >= 0 && gi < shares.length ? shares[gi] : 0;
      factors.add(new Explanation.Factor("shared-genre", g, share, share));
      if (share > 0) {
        liked.append(liked.length() == 0 ? "" : ", ").append(g).append(String.format(" (%.0f%% of your history)", 100 * share));
      }
    }
    String summary;
    if (popular) {
      summary = "popular with listeners (" + (long) score + " plays); no history to personalise from";
    } else if (liked.length() > 0) {
      summary = String.format("two-tower match %.3f; genres you play: %s", score, liked);
    } else {
      summary = String.format("two-tower match %.3f", score);
    }
    return new Explanation(summary, factors);
  }

  /**
   * Serialises the model, its features and the training listeners' histories (tracks added later are not kept).
   *
   * @return the {@code ModelContainer}
   */
  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer();
    w.putString(JOB);
    model.write(w);
    features.write(w);
    w.putDouble(preferenceWeight);
    return new ModelContainer(PROVIDER, FORMAT_VERSION, ConfigJson.write(config), provenance, w.toByteArray());
  }

  /**
   * Reads a recommender saved with {@link #save} and indexes its tracks in a fresh index.
   *
   * @throws ModelFormatException if the file is not a two-tower recommender or is from a newer version
   * @param file the file
   * @param indexFactory creates the vector index for a dimension
   * @return the {@code TwoTowerRecommender}
   */
  public static TwoTowerRecommender load(Path file, IntFunction<VectorIndex> indexFactory) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString(), (dim, tracks) -> indexFactory.apply(dim));
  }

  /**
   * Reads a recommender from its container ({@link #toContainer()}) and indexes its tracks in a fresh index.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @param indexFactory creates the vector index for a dimension and a number of tracks
   * @return the recommender
   * @throws ModelFormatException naming {@code source} if the container is not a two-tower recommender, is from a
   *     newer version or is malformed
   */
  public static TwoTowerRecommender load(ModelContainer c, String source,
      java.util.function.BiFunction<Integer, Integer, VectorIndex> indexFactory) throws ModelFormatException {
    return ModelContainer.decode(source, () -> decode(source, c, indexFactory));
  }

  private static TwoTowerRecommender decode(String file, ModelContainer c,
      java.util.function.BiFunction<Integer, Integer, VectorIndex> indexFactory) throws IOException {
    c.require(PROVIDER, FORMAT_VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    String job = r.getString();
    if (!JOB.equals(job)) {
      throw new ModelFormatException(file + ": two-tower model of job '" + job + "', not '" + JOB + "'");
    }
    HybridConfig config = ConfigJson.readModelConfig(c.configJson(), HybridConfig.class, file);
    TwoTowerModel model = TwoTowerModel.read(r);
    HybridFeatures f = HybridFeatures.read(r, c.payloadVersion());
    double weight = c.payloadVersion() >= 2 ? r.getDouble() : 0;
    if (!(weight >= 0 && weight < 1e6)) {
      throw new ModelFormatException(file + ": bad preference-track weight " + weight);
    }
    r.requireEnd();
    TwoTowerRecommender rec = new TwoTowerRecommender(model, f, indexFactory.apply(indexDimension(model, weight),
        f.items().size()), config, c.provenance(), weight);
    rec.indexItems();
    return rec;
  }

  /** Closes the index. */
  @Override
  public void close() throws IOException {
    index.close();
  }

  @Override
  public String toString() {
    return "TwoTowerRecommender[tracks=" + trackCount() + ", listeners=" + features.users().size() + ", model=" + model
        + "]";
  }
}

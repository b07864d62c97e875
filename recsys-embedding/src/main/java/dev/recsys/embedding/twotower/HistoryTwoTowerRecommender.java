package dev.recsys.embedding.twotower;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.embedding.twotower.internal.HistoryTwoTowerTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A two-tower recommender whose listener tower is a learned, recency-weighted pooling of the listener's recent
 * plays and whose track tower is a track id embedding plus content (genres, artists, audio features), trained with
 * a softmax over the whole catalogue (a sampled softmax with in-batch and uniform negatives above
 * {@link HistoryTwoTowerConfig#fullSoftmaxLimit()} tracks).
 *
 * <p>Listener tower: with {@code h_0, h_1, ...} the listener's plays from the latest backwards (time order, ties
 * by item id, then row), {@code u = (sum over a < historyLength of p_a e_{h_a}) / sqrt(m)}, where {@code e} is an
 * input embedding per track, {@code p_a} a learned weight per recency position and {@code m} the number of pooled
 * plays. Track tower: {@code v_i = o_i + mean of the genre and artist embeddings of i + W x_i} with {@code o} an
 * output embedding per track and {@code x_i} the standardised audio features. The score is {@code u . v_i + b_i}
 * (a learned bias per track); as a dot product it is {@code [u, 1] . [v_i, b_i]} ({@link #listenerEmbedding},
 * {@link #trackEmbedding}).
 *
 * <p>Training mirrors the task: each example cuts a listener's history at a random position; the plays before
 * the cut (with random plays dropped) feed the listener tower, and the next {@code targetFraction} of the
 * prefix's length are the targets of a multinomial likelihood over the tracks not in the prefix. Adam with
 * decoupled weight decay. Deterministic for a seed, whatever the thread count.
 *
 * <p>Queries: a known listener is represented by their training plays; seed items count as the most recent
 * plays; with neither (an unknown listener and no known seed) the most popular tracks are returned. Heard tracks
 * are left out when the query asks. Immutable and thread-safe.
 */
public final class HistoryTwoTowerRecommender implements Recommender {
  /** Name in reports and on the command line. */
  public static final String NAME = "two-tower-history";

  private final HistoryTwoTowerConfig config;
  private final IdIndex users;
  private final IdIndex items;
  private final int[][] histories;
  private final int dim;
  private final float[] inputEmbeddings;
  private final float[] trackVectors;
  private final float[] bias;
  private final float[] positionWeights;
  private final int[] popularity;

  private HistoryTwoTowerRecommender(HistoryTwoTowerConfig config, IdIndex users, IdIndex items, int[][] histories,
      HistoryTwoTowerTraining.Result r) {
    this.config = config;
    this.users = users;
    this.items = items;
    this.histories = histories;
    this.dim = config.dimension();
    this.inputEmbeddings = r.inputEmbeddings();
    this.trackVectors = r.trackVectors();
    this.bias = r.bias();
    this.positionWeights = r.positionWeights();
    this.popularity = r.popularity();
  }

  /**
   * Trains on {@code train}, with the catalogue's content when {@link HistoryTwoTowerConfig#content()} is set.
   *
   * @param train the training interactions
   * @param catalog the catalogue (may lack some items; they have no content)
   * @param config the settings
   * @return the trained recommender
   */
  public static HistoryTwoTowerRecommender fit(Interactions train, Catalog catalog, HistoryTwoTowerConfig config) {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(config, "config");
    if (train.size() < 2) {
      throw new IllegalArgumentException("training needs at least 2 interactions; got " + train.size());
    }
    int[][] histories = HistoryTwoTowerTraining.orderedHistories(train);
    HistoryTwoTowerTraining.Result r = HistoryTwoTowerTraining.train(train.items(), histories,
        config.content() ? catalog : null, config);
    return new HistoryTwoTowerRecommender(config, train.users(), train.items(), histories, r);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The settings it was trained with.
   *
   * @return the settings
   */
  public HistoryTwoTowerConfig config() {
    return config;
  }

  /**
   * Width of {@link #listenerEmbedding} and {@link #trackEmbedding}: the tower width plus one (the bias).
   *
   * @return the embedding width
   */
  public int dimension() {
    return dim + 1;
  }

  /**
   * The learned weight of each recency position of the listener tower (index 0: the latest play).
   *
   * @return a copy of the position weights
   */
  public float[] positionWeights() {
    return positionWeights.clone();
  }

  /**
   * A training listener's vector {@code [u, 1]}; its dot product with {@link #trackEmbedding} is the score.
   *
   * @param listenerId the listener
   * @return the vector, or empty for an unknown listener or one without plays
   */
  public Optional<float[]> listenerEmbedding(String listenerId) {
    int u = users.indexOf(listenerId);
    if (u < 0 || u >= histories.length || histories[u].length == 0) {
      return Optional.empty();
    }
    return Optional.of(withOne(pool(histories[u])));
  }

  /**
   * The vector {@code [u, 1]} of a listener outside the training data from their plays, oldest first; unknown
   * track ids are ignored.
   *
   * @param history the plays, oldest first
   * @return the vector, or empty when no play is known
   */
  public Optional<float[]> foldInEmbedding(List<String> history) {
    int[] h = history.stream().mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
    return h.length == 0 ? Optional.empty() : Optional.of(withOne(pool(h)));
  }

  /**
   * A track's vector {@code [v_i, b_i]}.
   *
   * @param trackId the track
   * @return the vector, or empty for an unknown track
   */
  public Optional<float[]> trackEmbedding(String trackId) {
    int i = items.indexOf(trackId);
    if (i < 0) {
      return Optional.empty();
    }
    float[] v = Arrays.copyOf(Arrays.copyOfRange(trackVectors, i * dim, i * dim + dim), dim + 1);
    v[dim] = bias[i];
    return Optional.of(v);
  }

  /**
   * The track ids, in index order.
   *
   * @return the track ids
   */
  public List<String> trackIds() {
    return items.ids();
  }

  private float[] withOne(float[] u) {
    float[] out = Arrays.copyOf(u, dim + 1);
    out[dim] = 1f;
    return out;
  }

  /** The listener tower over a time-ordered history (latest last). */
  private float[] pool(int[] history) {
    float[] u = new float[dim];
    int m = Math.min(history.length, positionWeights.length);
    float s = (float) (1.0 / Math.sqrt(m));
    for (int a = 0; a < m; a++) {
      int h = history[history.length - 1 - a];
      float w = positionWeights[a] * s;
      int off = h * dim;
      for (int k = 0; k < dim; k++) {
        u[k] += w * inputEmbeddings[off + k];
      }
    }
    return u;
  }

  @Override
  public List<Recommendation> recommend(RecommendationQuery query) {
    if (!query.genres().isEmpty()) {
      throw new IllegalArgumentException(NAME + " has no item genres here, so it cannot filter by genres "
          + query.genres() + "; fit it through RecommenderTrainer.fit(train, catalog)");
    }
    int n = items.size();
    int listener = query.listenerId().map(users::indexOf).orElse(-1);
    int[] own = listener >= 0 && listener < histories.length ? histories[listener] : new int[0];
    int[] seeds = query.seedItems().stream().mapToInt(items::indexOf).filter(i -> i >= 0).toArray();
    int[] history = Arrays.copyOf(own, own.length + seeds.length);
    System.arraycopy(seeds, 0, history, own.length, seeds.length);
    boolean[] excluded = new boolean[n];
    for (String id : query.exclude()) {
      int i = items.indexOf(id);
      if (i >= 0) {
        excluded[i] = true;
      }
    }
    if (query.excludeSeen()) {
      for (int h : history) {
        excluded[h] = true;
      }
    }
    float[] scores = new float[n];
    boolean fallback = history.length == 0;
    float[] u = fallback ? null : pool(history);
    for (int i = 0; i < n; i++) {
      if (fallback) {
        scores[i] = popularity[i];
      } else {
        float s = bias[i];
        int off = i * dim;
        for (int k = 0; k < dim; k++) {
          s += u[k] * trackVectors[off + k];
        }
        scores[i] = s;
      }
    }
    int[] top = top(scores, excluded, query.k());
    List<Recommendation> out = new ArrayList<>(top.length);
    for (int i : top) {
      out.add(new Recommendation(items.id(i), scores[i], fallback
          ? new Explanation("popular: " + popularity[i] + " plays (no history to go on)",
              List.of(new Explanation.Factor("popularity", items.id(i), popularity[i], scores[i])))
          : explain(history, i, scores[i])));
    }
    return out;
  }

  /** Names the pooled plays that contribute most to the score of item {@code i}. */
  private Explanation explain(int[] history, int i, float score) {
    int m = Math.min(history.length, positionWeights.length);
    float s = (float) (1.0 / Math.sqrt(m));
    List<Explanation.Factor> f = new ArrayList<>();
    int off = i * dim;
    for (int a = 0; a < m; a++) {
      int h = history[history.length - 1 - a];
      float c = 0;
      for (int k = 0; k < dim; k++) {
        c += inputEmbeddings[h * dim + k] * trackVectors[off + k];
      }
      c *= positionWeights[a] * s;
      if (c > 0) {
        f.add(new Explanation.Factor("recent-play", items.id(h), a, c));
      }
    }
    f.sort((x, y) -> Double.compare(y.contribution(), x.contribution()));
    List<Explanation.Factor> topF = List.copyOf(f.subList(0, Math.min(5, f.size())));
    String summary = topF.isEmpty() ? "scored by the two-tower model (score " + score + ")"
        : "because you recently played " + topF.get(0).label()
            + (topF.size() > 1 ? " and " + (topF.size() - 1) + " more" : "");
    return new Explanation(summary, topF);
  }

  /** The k best non-excluded items by score, ties by popularity then index. */
  private int[] top(float[] scores, boolean[] excluded, int k) {
    int eligible = 0;
    for (boolean e : excluded) {
      if (!e) {
        eligible++;
      }
    }
    int want = Math.min(k, eligible);
    int[] best = new int[want];
    int size = 0;
    for (int i = 0; i < scores.length && want > 0; i++) {
      if (excluded[i] || (size == want && !better(i, best[want - 1], scores))) {
        continue;
      }
      int p = size < want ? size++ : want - 1;
      while (p > 0 && better(i, best[p - 1], scores)) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = i;
    }
    return best;
  }

  private boolean better(int a, int b, float[] s) {
    if (s[a] != s[b]) {
      return s[a] > s[b];
    }
    if (popularity[a] != popularity[b]) {
      return popularity[a] > popularity[b];
    }
    return a < b;
  }

  @Override
  public String toString() {
    return "HistoryTwoTowerRecommender[tracks=" + items.size() + ", listeners=" + users.size() + ", config=" + config
        + "]";
  }
}

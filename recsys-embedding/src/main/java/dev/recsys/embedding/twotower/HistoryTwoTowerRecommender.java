package dev.recsys.embedding.twotower;

import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.EaseRecommender;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.DataFingerprint;
import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.util.Seeds;
import dev.recsys.embedding.twotower.internal.GenreAffinity;
import dev.recsys.embedding.twotower.internal.HistoryTwoTowerTraining;
import dev.recsys.embedding.twotower.internal.PopularityAffinity;
import dev.recsys.embedding.twotower.internal.PopularityExponent;
import dev.recsys.embedding.twotower.internal.Standardisation;
import java.io.IOException;
import java.nio.file.Path;
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
 * <p>Ensemble: with {@link HistoryTwoTowerConfig#ensemble()} above 1, that many networks are trained with
 * different seeds and the two-tower score is the mean of theirs; the embeddings are their vectors side by side
 * (the listener side scaled by one over the ensemble size), so the dot product is still the score.
 *
 * <p>Item-item component: unless {@link HistoryTwoTowerConfig#itemItemItems()} is 0, the final score blends the
 * two-tower score with an EASE item-item score (Steck 2019, over the most played tracks; tracks outside it score 0),
 * each standardised over the catalogue for the listener: {@code (1 - w) z(two-tower) + w z(item-item)}. The weight
 * {@code w} is chosen on the training data alone: the latest {@link HistoryTwoTowerConfig#validationFraction()} of
 * each listener's plays are held out, both components are fitted on the rest, and the {@code w} of the grid 0, 0.05,
 * ..., 1 with the highest NDCG@10 on the held-out plays (seen tracks excluded) is kept; both components are then
 * fitted again on all the training data. {@link #listenerEmbedding} and {@link #trackEmbedding} are the two-tower
 * component's; with {@code w = 0} and no popularity-affinity term their dot product is the score.
 *
 * <p>Popularity-affinity term: with {@link HistoryTwoTowerConfig#popularityAffinity()} the blended score adds
 * {@code beta (alpha_u t_i - mean_g log Z_g(alpha_u))}, the log-probability of track {@code i} among the tracks of
 * its genres when a listener picks tracks in proportion to {@code exp(alpha_u t)}: {@code t_i} is the track's
 * standardised log popularity (the catalogue's popularity when the tracks have one, else the training plays),
 * {@code Z_g} the sum of {@code exp(alpha_u t)} over the tracks of genre {@code g}, and {@code alpha_u} the
 * listener's own popularity exponent, the most probable one of the pooled plays under a normal prior N(0, 2^2)
 * ({@code PopularityExponent}).
 * {@code beta} is chosen jointly with {@code w} on the same held-out plays ({@link #popularityAffinityWeight()}, 0
 * when no weight helps). Models saved in format versions 2 to 4 keep their term {@code beta m_u t_i}, {@code m_u}
 * the mean of {@code t} over the pooled plays.
 *
 * <p>Genre-affinity term: with {@link HistoryTwoTowerConfig#genreAffinity()} the score also adds
 * {@code gamma log s_u(i)}, {@code s_u(i)} the listener's smoothed share of pooled plays in the catalogue genres of
 * track {@code i} ({@code (c_g + a) / (n + a G)}, the mean share over the track's genres when it has several), so a
 * track's odds are multiplied by its genre share to the power {@code gamma}; {@code gamma} is chosen with {@code w}
 * and {@code beta} ({@link #genreAffinityWeight()}, 0 when no weight helps or the tracks have no genres).
 *
 * <p>Persistence: {@link #save} writes one model container (provider {@value #PROVIDER}, format version
 * {@value #FORMAT_VERSION}, the settings, provenance with the seed and the training data's fingerprint); {@link #load}
 * (or {@link HistoryTwoTowerPlugin#load}) reads it back, and the loaded model gives bit-identical recommendations.
 * A file of a newer format version is refused naming the version.
 *
 * <p>Queries: a known listener is represented by their training plays; seed items count as the most recent
 * plays; with neither (an unknown listener and no known seed) the most popular tracks are returned. Heard tracks
 * are left out when the query asks. Immutable and thread-safe.
 */
public final class HistoryTwoTowerRecommender implements Recommender, SaveableModel {
  /** Name in reports and on the command line. */
  public static final String NAME = "two-tower-history";
  /** Provider name in the saved model container. */
  public static final String PROVIDER = NAME;
  /** Format version written by {@link #save}; {@link #load} reads this version and older ones. */
  public static final int FORMAT_VERSION = 5;
  /** The blend weights tried on validation data. */
  private static final int BLEND_STEPS = 20;
  /** The popularity-affinity weights tried on validation data. */
  private static final float[] AFFINITY_WEIGHTS = {0f, 0.5f, 1f, 2f, 4f, 8f};
  /** The genre-affinity weights tried on validation data. */
  private static final float[] GENRE_WEIGHTS = {0f, 0.125f, 0.25f, 0.5f, 1f, 2f};
  private static final System.Logger LOG = System.getLogger(HistoryTwoTowerRecommender.class.getName());

  private final HistoryTwoTowerConfig config;
  private final IdIndex users;
  private final IdIndex items;
  private final int[][] histories;
  /** Networks of the ensemble. */
  private final int members;
  /** Width of one network's vectors. */
  private final int width;
  /** Plays each network pools ({@link HistoryTwoTowerConfig#historyLength()}). */
  private final int historyLength;
  /** Width of the concatenated vectors: {@code members * width}. */
  private final int dim;
  /** Per track, the networks' input embeddings one after the other ({@code n x dim} row-major). */
  private final float[] inputEmbeddings;
  /** Per track, the networks' track-tower vectors one after the other ({@code n x dim} row-major). */
  private final float[] trackVectors;
  /** Per track, the mean of the networks' biases. */
  private final float[] bias;
  /** The networks' recency-position weights one after the other ({@code members x historyLength}). */
  private final float[] positionWeights;
  private final int[] popularity;
  /** Weight of the item-item component in the blended score. */
  private final float blend;
  /** Weight {@code beta} of the popularity-affinity term (0: off). */
  private final float affinity;
  /** The popularity-affinity track side {@code t} per track; empty when the term is off. */
  private final float[] trackPopularity;
  /**
   * The within-genre form of the popularity-affinity term, or null for the listener-mean slope {@code m_u t_i} of
   * format versions 2 to 4.
   */
  private final PopularityExponent withinGenre;
  /** Weight {@code gamma} of the genre-affinity term (0: off). */
  private final float genreWeight;
  /** The genre-affinity track side: the genres of every track (none when the term is off). */
  private final GenreAffinity genres;
  /** Item indices of the item-item component's rows and columns (ascending); empty when it is off. */
  private final int[] itemItemItems;
  /** Item index to item-item column, or -1. */
  private final int[] itemItemColumn;
  /** The item-item weights, m x m row-major. */
  private final float[] itemItemWeights;
  private final Provenance provenance;

  private HistoryTwoTowerRecommender(HistoryTwoTowerConfig config, IdIndex users, IdIndex items, int[][] histories,
      HistoryTwoTowerTraining.Result r, float blend, int[] itemItemItems, float[] itemItemWeights, float affinity,
      float[] trackPopularity, PopularityExponent withinGenre, float genreWeight, GenreAffinity genres,
      Provenance provenance) {
    this.config = config;
    this.users = users;
    this.items = items;
    this.histories = histories;
    this.members = config.ensemble();
    this.width = config.dimension();
    this.historyLength = config.historyLength();
    this.dim = members * width;
    this.inputEmbeddings = r.inputEmbeddings();
    this.trackVectors = r.trackVectors();
    this.bias = r.bias();
    this.positionWeights = r.positionWeights();
    this.popularity = r.popularity();
    this.blend = blend;
    this.affinity = affinity;
    this.trackPopularity = trackPopularity;
    this.withinGenre = withinGenre;
    this.genreWeight = genreWeight;
    this.genres = genres;
    this.itemItemItems = itemItemItems;
    this.itemItemWeights = itemItemWeights;
    this.itemItemColumn = new int[items.size()];
    Arrays.fill(itemItemColumn, -1);
    for (int c = 0; c < itemItemItems.length; c++) {
      itemItemColumn[itemItemItems[c]] = c;
    }
    this.provenance = provenance;
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
    Provenance provenance = Provenance.now(config.seed(), DataFingerprint.of(train));
    boolean itemItem = config.itemItemItems() > 0;
    float blend = itemItem ? (float) config.blendWeight() : 0f;
    float affinity = 0f;
    float genreWeight = 0f;
    if ((itemItem || config.popularityAffinity() || config.genreAffinity()) && config.validationFraction() > 0) {
      float[] chosen = chooseBlend(train, catalog, config);
      blend = chosen[0];
      affinity = chosen[1];
      genreWeight = chosen[2];
      LOG.log(System.Logger.Level.INFO, "{0}: chosen on validation plays: blend weight {1}, popularity-affinity "
          + "weight {2}, genre-affinity weight {3}", NAME, blend, affinity, genreWeight);
    }
    return fitComponents(train, catalog, config, blend, itemItem && blend > 0f, provenance)
        .withAffinity(affinity, genreWeight);
  }

  /** Fits the two-tower component, and the item-item component when asked, with a fixed blend weight. */
  private static HistoryTwoTowerRecommender fitComponents(Interactions train, Catalog catalog,
      HistoryTwoTowerConfig config, float blend, boolean itemItem, Provenance provenance) {
    int[][] histories = HistoryTwoTowerTraining.orderedHistories(train);
    HistoryTwoTowerTraining.Result r = trainEnsemble(train.items(), histories, config.content() ? catalog : null,
        config);
    float[] t = config.popularityAffinity()
        ? PopularityAffinity.trackFeature(r.popularity(), train.items(), config.content() ? catalog : null)
        : new float[0];
    GenreAffinity g = config.genreAffinity() || config.popularityAffinity() ? GenreAffinity.of(train.items(), catalog)
        : noGenres(train.items().size());
    HistoryTwoTowerRecommender m = new HistoryTwoTowerRecommender(config, train.users(), train.items(), histories, r,
        0f, new int[0], new float[0], 0f, t, t.length == 0 ? null : new PopularityExponent(t, g), 0f, g, provenance);
    if (!itemItem) {
      return m;
    }
    EaseRecommender ease = EaseRecommender.fit(train,
        new EaseRecommender.Config(config.itemItemLambda(), config.itemItemItems()));
    int[] cols = ease.modelledItemIndices();
    int mm = cols.length;
    float[] w = new float[mm * mm];
    for (int a = 0; a < mm; a++) {
      for (int b = 0; b < mm; b++) {
        w[a * mm + b] = ease.weight(cols[a], cols[b]);
      }
    }
    return m.withItemItem(blend, cols, w);
  }

  /**
   * Trains {@link HistoryTwoTowerConfig#ensemble()} networks, the first with the configured seed and the others
   * with seeds derived from it, and lays their parameters side by side: per track the networks' vectors one after
   * the other, the mean bias, and the position weights network after network. The listener side carries the
   * factor {@code 1 / members} ({@link #pool}), so the concatenated dot product is the mean of the networks' scores.
   */
  private static HistoryTwoTowerTraining.Result trainEnsemble(IdIndex items, int[][] histories, Catalog catalog,
      HistoryTwoTowerConfig config) {
    int k = config.ensemble();
    if (k == 1) {
      return HistoryTwoTowerTraining.train(items, histories, catalog, config);
    }
    int n = items.size();
    int d = config.dimension();
    int hl = config.historyLength();
    float[] in = new float[n * k * d];
    float[] out = new float[n * k * d];
    float[] bias = new float[n];
    float[] pos = new float[k * hl];
    int[] popularity = null;
    for (int j = 0; j < k; j++) {
      long seed = j == 0 ? config.seed() : Seeds.mix(config.seed(), j);
      HistoryTwoTowerTraining.Result r = HistoryTwoTowerTraining.train(items, histories, catalog,
          config.withSeed(seed));
      for (int i = 0; i < n; i++) {
        System.arraycopy(r.inputEmbeddings(), i * d, in, (i * k + j) * d, d);
        System.arraycopy(r.trackVectors(), i * d, out, (i * k + j) * d, d);
        bias[i] += r.bias()[i] / k;
      }
      System.arraycopy(r.positionWeights(), 0, pos, j * hl, hl);
      popularity = r.popularity();
    }
    return new HistoryTwoTowerTraining.Result(in, out, bias, pos, popularity);
  }

  private HistoryTwoTowerRecommender withItemItem(float w, int[] cols, float[] weights) {
    return new HistoryTwoTowerRecommender(config, users, items, histories, parameters(), w, cols, weights, affinity,
        trackPopularity, withinGenre, genreWeight, genres, provenance);
  }

  /**
   * This model with other affinity weights (the fit chooses them on held-out plays; tests set them).
   *
   * @param beta the popularity-affinity weight, &gt;= 0
   * @param gamma the genre-affinity weight, &gt;= 0
   * @return the model with these weights
   */
  HistoryTwoTowerRecommender withAffinity(float beta, float gamma) {
    return new HistoryTwoTowerRecommender(config, users, items, histories, parameters(), blend, itemItemItems,
        itemItemWeights, beta, trackPopularity, withinGenre, gamma, genres, provenance);
  }

  /** The genre-affinity track side of {@code tracks} tracks without genres. */
  private static GenreAffinity noGenres(int tracks) {
    return new GenreAffinity(new int[tracks + 1], new int[0], 0);
  }

  private HistoryTwoTowerTraining.Result parameters() {
    return new HistoryTwoTowerTraining.Result(inputEmbeddings, trackVectors, bias, positionWeights, popularity);
  }

  /**
   * The blend weight, popularity-affinity weight and genre-affinity weight of the grids with the best NDCG@10 on the
   * latest plays of each training listener, the components fitted on the earlier plays; ties go to the smaller
   * genre-affinity weight, then the smaller popularity-affinity weight, then the smaller blend weight.
   *
   * @return {blend weight, popularity-affinity weight, genre-affinity weight}
   */
  private static float[] chooseBlend(Interactions train, Catalog catalog, HistoryTwoTowerConfig config) {
    boolean itemItem = config.itemItemItems() > 0;
    Split split = TemporalSplit.lastFraction(config.validationFraction(), config.seed()).split(train);
    if (split.numTestUsers() == 0) {
      return new float[] {itemItem ? (float) config.blendWeight() : 0f, 0f, 0f};
    }
    HistoryTwoTowerRecommender m = fitComponents(split.train(), catalog, config, 0f, itemItem, null);
    float[] betas = config.popularityAffinity() ? AFFINITY_WEIGHTS : new float[] {0f};
    float[] gammas = config.genreAffinity() && m.genres.numGenres() > 0 ? GENRE_WEIGHTS : new float[] {0f};
    int steps = itemItem ? BLEND_STEPS : 0;
    int limit = m.historyLength;
    double[][][] sum = new double[gammas.length][betas.length][steps + 1];
    int n = m.items.size();
    float[] s = new float[n];
    for (int p = 0; p < split.numTestUsers(); p++) {
      int u = split.testUser(p);
      int[] history = u < m.histories.length ? m.histories[u] : new int[0];
      if (history.length == 0) {
        continue;
      }
      boolean[] excluded = new boolean[n];
      for (int h : history) {
        excluded[h] = true;
      }
      float[] tt = Standardisation.standardised(m.twoTowerScores(history));
      float[] ii = itemItem ? Standardisation.standardised(m.itemItemScores(history)) : new float[n];
      float[] popular = betas.length == 1 ? new float[n] : m.withinGenre.logProbabilities(history, limit);
      float[] genre = gammas.length == 1 ? new float[n]
          : m.genres.logShares(history, limit, config.genreSmoothing());
      for (int g = 0; g < gammas.length; g++) {
        float gamma = gammas[g];
        for (int b = 0; b < betas.length; b++) {
          float beta = betas[b];
          for (int step = 0; step <= steps; step++) {
            float w = steps == 0 ? 0f : step / (float) steps;
            for (int i = 0; i < n; i++) {
              s[i] = (1 - w) * tt[i] + w * ii[i] + (beta == 0f ? 0f : beta * popular[i])
                  + (gamma == 0f ? 0f : gamma * genre[i]);
            }
            sum[g][b][step] += RankingMetrics.ndcg(m.top(s, excluded, 10), 10, split.heldOut(p));
          }
        }
      }
    }
    int bestG = 0;
    int bestB = 0;
    int best = 0;
    for (int g = 0; g < gammas.length; g++) {
      for (int b = 0; b < betas.length; b++) {
        for (int step = 0; step <= steps; step++) {
          if (sum[g][b][step] > sum[bestG][bestB][best]) {
            bestG = g;
            bestB = b;
            best = step;
          }
        }
      }
    }
    return new float[] {steps == 0 ? 0f : best / (float) steps, betas[bestB], gammas[bestG]};
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @param file the file
   * @return the model, giving the same recommendations as the saved one
   * @throws IOException if the file cannot be read
   * @throws ModelFormatException if the file holds another provider, a newer format version or a malformed payload
   */
  public static HistoryTwoTowerRecommender load(Path file) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads a model from its container ({@link #toContainer()}).
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return the model, giving the same recommendations as the saved one
   * @throws ModelFormatException naming {@code source} if the container holds another provider, a newer payload
   *     version or a malformed payload
   */
  public static HistoryTwoTowerRecommender load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> {
      c.require(PROVIDER, FORMAT_VERSION);
      return decode(source, c, c.payloadVersion());
    });
  }

  /**
   * Reads the payload; version 1 has no popularity-affinity term, versions 1 and 2 no genre-affinity term
   * (neither the setting nor the parameters) and versions 1 to 3 one network.
   */
  private static HistoryTwoTowerRecommender decode(String file, ModelContainer c, int version) throws IOException {
    Payload.Reader r = Payload.reader(c.payload());
    HistoryTwoTowerConfig config;
    try {
      config = new HistoryTwoTowerConfig(r.getInt(), r.getInt(), r.getInt(), r.getInt(), r.getDouble(), r.getInt(),
          r.getDouble(), r.getDouble(), r.getDouble(), r.getInt() != 0, r.getInt() != 0, r.getInt(), r.getInt(),
          r.getDouble(), r.getDouble(), version >= 2 && r.getInt() != 0, version >= 3 && r.getInt() != 0,
          version >= 3 ? r.getDouble() : HistoryTwoTowerConfig.defaults().genreSmoothing(), r.getInt(),
          r.getDouble(), r.getDouble(), r.getDouble(), version >= 4 ? r.getInt() : 1, r.getInt(), r.getLong());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": bad settings: " + e.getMessage(), e);
    }
    IdIndex users = IdIndex.of(strings(r));
    IdIndex items = IdIndex.of(strings(r));
    int numHistories = r.getCount(4);
    int[][] histories = new int[numHistories][];
    for (int u = 0; u < numHistories; u++) {
      histories[u] = r.getInts();
    }
    float[] in = r.getFloats();
    float[] out = r.getFloats();
    float[] bias = r.getFloats();
    float[] pos = r.getFloats();
    int[] popularity = r.getInts();
    float blend = (float) r.getDouble();
    int[] cols = r.getInts();
    float[] weights = r.getFloats();
    float affinity = version >= 2 ? (float) r.getDouble() : 0f;
    float[] trackPop = version >= 2 ? r.getFloats() : new float[0];
    float genreWeight = version >= 3 ? (float) r.getDouble() : 0f;
    int[] genreOffsets = version >= 3 ? r.getInts() : null;
    int[] genreIds = version >= 3 ? r.getInts() : new int[0];
    int numGenres = version >= 3 ? r.getInt() : 0;
    int popularityForm = version >= 5 ? r.getInt() : 0;
    r.requireEnd();
    int n = items.size();
    GenreAffinity genres;
    try {
      genres = genreOffsets == null ? noGenres(n) : new GenreAffinity(genreOffsets, genreIds, numGenres);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": malformed " + PROVIDER + " payload: " + e.getMessage(), e);
    }
    int d = config.dimension() * config.ensemble();
    check(file, numHistories == users.size(), "histories " + numHistories + " for " + users.size() + " listeners");
    check(file, in.length == (long) n * d && out.length == (long) n * d, "embeddings of " + in.length + " and "
        + out.length + " values for " + n + " tracks x " + d);
    check(file, bias.length == n && popularity.length == n, "biases/popularity for " + bias.length + "/"
        + popularity.length + " of " + n + " tracks");
    check(file, pos.length == (long) config.historyLength() * config.ensemble(), "position weights " + pos.length
        + " for history length " + config.historyLength() + " x " + config.ensemble() + " networks");
    check(file, blend >= 0 && blend <= 1, "blend weight " + blend + " outside [0, 1]");
    check(file, weights.length == (long) cols.length * cols.length, "item-item weights " + weights.length + " for "
        + cols.length + " tracks");
    for (int[] h : histories) {
      for (int i : h) {
        check(file, i >= 0 && i < n, "history track index " + i + " outside [0, " + n + ")");
      }
    }
    for (int i : cols) {
      check(file, i >= 0 && i < n, "item-item track index " + i + " outside [0, " + n + ")");
    }
    check(file, Float.isFinite(affinity) && affinity >= 0, "popularity-affinity weight " + affinity);
    check(file, trackPop.length == (affinity > 0 || config.popularityAffinity() ? n : 0),
        "popularity-affinity features for " + trackPop.length + " of " + n + " tracks");
    check(file, Float.isFinite(genreWeight) && genreWeight >= 0, "genre-affinity weight " + genreWeight);
    check(file, genres.offsets().length == n + 1, "genre rows for " + (genres.offsets().length - 1) + " of " + n
        + " tracks");
    check(file, popularityForm == 0 || popularityForm == 1, "popularity-affinity form " + popularityForm
        + " (0: listener-mean slope, 1: within-genre exponent)");
    return new HistoryTwoTowerRecommender(config, users, items, histories,
        new HistoryTwoTowerTraining.Result(in, out, bias, pos, popularity), blend, cols, weights, affinity, trackPop,
        popularityForm == 1 && trackPop.length > 0 ? new PopularityExponent(trackPop, genres) : null, genreWeight,
        genres, c.provenance());
  }

  private static void check(String file, boolean ok, String what) throws ModelFormatException {
    if (!ok) {
      throw new ModelFormatException(file + ": malformed " + PROVIDER + " payload: " + what);
    }
  }

  private static List<String> strings(Payload.Reader r) throws IOException {
    int count = r.getCount(4);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(r.getString());
    }
    return out;
  }

  /**
   * The model as one container ({@link #save(Path)} writes it atomically): the settings, the listeners' training
   * histories, both components' parameters and the provenance.
   *
   * @return the container
   */
  @Override
  public ModelContainer toContainer() {
    HistoryTwoTowerConfig c = config;
    Payload.Writer w = Payload.writer();
    w.putInt(c.dimension()).putInt(c.historyLength()).putInt(c.epochs()).putInt(c.cutsPerListener())
        .putDouble(c.targetFraction()).putInt(c.batchSize()).putDouble(c.learningRate()).putDouble(c.weightDecay())
        .putDouble(c.historyDropout()).putInt(c.content() ? 1 : 0).putInt(c.inputContent() ? 1 : 0)
        .putInt(c.fullSoftmaxLimit()).putInt(c.sampledNegatives()).putDouble(c.wholeHistoryShare())
        .putDouble(c.outputInitScale()).putInt(c.popularityAffinity() ? 1 : 0).putInt(c.genreAffinity() ? 1 : 0)
        .putDouble(c.genreSmoothing()).putInt(c.itemItemItems())
        .putDouble(c.itemItemLambda()).putDouble(c.blendWeight()).putDouble(c.validationFraction())
        .putInt(c.ensemble()).putInt(c.threads()).putLong(c.seed());
    w.putInt(users.size());
    for (String id : users.ids()) {
      w.putString(id);
    }
    w.putInt(items.size());
    for (String id : items.ids()) {
      w.putString(id);
    }
    w.putInt(histories.length);
    for (int[] h : histories) {
      w.putInts(h);
    }
    w.putFloats(inputEmbeddings).putFloats(trackVectors).putFloats(bias).putFloats(positionWeights)
        .putInts(popularity).putDouble(blend).putInts(itemItemItems).putFloats(itemItemWeights).putDouble(affinity)
        .putFloats(trackPopularity).putDouble(genreWeight).putInts(genres.offsets()).putInts(genres.ids())
        .putInt(genres.numGenres()).putInt(withinGenre != null ? 1 : 0);
    return new ModelContainer(PROVIDER, FORMAT_VERSION, ConfigJson.write(config), provenance, w.toByteArray());
  }

  /**
   * Where the model came from: library and Java version, seed, fingerprint of the training data, fit time.
   *
   * @return the provenance
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * The weight of the item-item component in the score (0: the two-tower score alone).
   *
   * @return the blend weight, in [0, 1]
   */
  public float blendWeight() {
    return blend;
  }

  /**
   * The weight {@code beta} of the popularity-affinity term in the score (0: no term).
   *
   * @return the weight, &gt;= 0
   */
  public float popularityAffinityWeight() {
    return affinity;
  }

  /**
   * The weight {@code gamma} of the genre-affinity term {@code gamma log s_u(i)} in the score (0: no term).
   *
   * @return the weight, &gt;= 0
   */
  public float genreAffinityWeight() {
    return genreWeight;
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
   * Width of {@link #listenerEmbedding} and {@link #trackEmbedding}: the tower width times the ensemble size (the
   * networks' vectors side by side) plus one (the bias).
   *
   * @return the embedding width
   */
  public int dimension() {
    return dim + 1;
  }

  /**
   * The learned weight of each recency position of the listener tower (index 0: the latest play); with an
   * ensemble, the {@link HistoryTwoTowerConfig#historyLength()} weights of each network one after the other.
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

  /**
   * The listener towers over a time-ordered history (latest last), network after network, each scaled by
   * {@code 1 / members} so that the dot product with a track's concatenated vector is the networks' mean score.
   */
  private float[] pool(int[] history) {
    float[] u = new float[dim];
    int m = Math.min(history.length, historyLength);
    float s = (float) (1.0 / Math.sqrt(m));
    float share = 1f / members;
    for (int j = 0; j < members; j++) {
      int block = j * width;
      for (int a = 0; a < m; a++) {
        int h = history[history.length - 1 - a];
        float w = positionWeights[j * historyLength + a] * s * share;
        int off = h * dim + block;
        for (int k = 0; k < width; k++) {
          u[block + k] += w * inputEmbeddings[off + k];
        }
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
    boolean fallback = history.length == 0;
    float[] scores;
    if (fallback) {
      scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = popularity[i];
      }
    } else {
      scores = scores(history);
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

  /**
   * The score of every track for a non-empty history: the two-tower score; with the item-item component or an
   * affinity term, {@code (1 - w) z(two-tower) + w z(item-item) + beta p_u(i) + gamma log s_u(i)}, {@code p_u(i)}
   * the within-genre log-probability (or {@code m_u t_i} for format versions 2 to 4).
   */
  private float[] scores(int[] history) {
    float[] tt = twoTowerScores(history);
    boolean itemItem = blend != 0f && itemItemItems.length > 0;
    float gamma = config.genreAffinity() ? genreWeight : 0f;
    if (!itemItem && affinity == 0f && gamma == 0f) {
      return tt;
    }
    float[] a = Standardisation.standardised(tt);
    float[] b = itemItem ? Standardisation.standardised(itemItemScores(history)) : new float[a.length];
    float w = itemItem ? blend : 0f;
    float[] popular = affinity == 0f || withinGenre == null ? null
        : withinGenre.logProbabilities(history, historyLength);
    float slope = affinity == 0f || withinGenre != null ? 0f
        : affinity * PopularityAffinity.listenerMean(history, historyLength, trackPopularity);
    for (int i = 0; i < a.length; i++) {
      a[i] = (1 - w) * a[i] + w * b[i]
          + (affinity == 0f ? 0f : popular != null ? affinity * popular[i] : slope * trackPopularity[i]);
    }
    genres.addTo(a, gamma, history, historyLength, config.genreSmoothing());
    return a;
  }

  /** {@code b_i + u . v_i} for every track. */
  private float[] twoTowerScores(int[] history) {
    float[] u = pool(history);
    int n = items.size();
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      float s = bias[i];
      int off = i * dim;
      for (int k = 0; k < dim; k++) {
        s += u[k] * trackVectors[off + k];
      }
      scores[i] = s;
    }
    return scores;
  }

  /** The item-item score of every track: the sum of the weights from the distinct played tracks; 0 off the model. */
  private float[] itemItemScores(int[] history) {
    int m = itemItemItems.length;
    boolean[] seen = new boolean[m];
    float[] acc = new float[m];
    for (int h : history) {
      int a = itemItemColumn[h];
      if (a < 0 || seen[a]) {
        continue;
      }
      seen[a] = true;
      int row = a * m;
      for (int b = 0; b < m; b++) {
        acc[b] += itemItemWeights[row + b];
      }
    }
    float[] scores = new float[items.size()];
    for (int b = 0; b < m; b++) {
      scores[itemItemItems[b]] = acc[b];
    }
    return scores;
  }

  /** Names the pooled plays that contribute most to the score of item {@code i}. */
  private Explanation explain(int[] history, int i, float score) {
    int m = Math.min(history.length, historyLength);
    float s = (float) (1.0 / Math.sqrt(m));
    float share = 1f / members;
    List<Explanation.Factor> f = new ArrayList<>();
    for (int a = 0; a < m; a++) {
      int h = history[history.length - 1 - a];
      float c = 0;
      for (int j = 0; j < members; j++) {
        int block = j * width;
        float dot = 0;
        for (int k = 0; k < width; k++) {
          dot += inputEmbeddings[h * dim + block + k] * trackVectors[i * dim + block + k];
        }
        c += dot * (positionWeights[j * historyLength + a] * s * share);
      }
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

package dev.recsys.embedding.matching;

import dev.recsys.core.eval.matching.MatchingConfig;
import dev.recsys.core.eval.matching.MatchingEvaluator;
import dev.recsys.core.eval.matching.MatchingResult;
import dev.recsys.core.eval.matching.MatchingTask;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.matching.ContentProfiles;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcher;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.matching.ListenerProfiles;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fits the learned {@link CoListeningMatcher}.
 *
 * <ol>
 *   <li>Validation: a seeded {@code validationFraction} of the listeners with at least four items is held out
 *       ({@link Validation}: split-half self-retrieval among the validation listeners' other halves; no training
 *       listener serves as a distractor, because when the data are themselves halves of listeners (the
 *       split-half protocol), a training listener can be the other half of a validation listener).</li>
 *   <li>Initialisation: for each candidate bag (items alone, and items with {@link ArtistTokens artist tokens}
 *       when the catalogue names artists), weighting and dimension, the item table is the leading right singular
 *       subspace of the training listeners' weighted rows; the best on validation is kept.</li>
 *   <li>Training: for each candidate temperature and number of hard negatives, {@link ContrastiveTraining} runs
 *       until {@code patience} epochs bring no validation gain (at most {@code maxEpochs}); the best
 *       (settings, epoch) is kept, the initialisation included (epoch 0).</li>
 *   <li>Content: when the catalogue gives genres or audio features, the content weight and the genre share of the
 *       content profile are chosen jointly on validation with the trained table.</li>
 *   <li>Item overlap: the weight λ of the exact item-overlap part and its item weighting are chosen jointly by the
 *       mean of split-half and overlapping-view validation ({@link #chooseOverlap} chooses them again on known
 *       related listeners, when there are any).</li>
 *   <li>Refit: the table is re-initialised and trained on every listener with the chosen settings and epochs.</li>
 * </ol>
 * With fewer than {@code minValidation} validation listeners the first candidates are used and trained for
 * {@code fallbackEpochs}. Deterministic for a seed.
 */
public final class CoListeningMatcherTrainer implements ListenerMatcherTrainer {
  /** Name in reports and on the command line. */
  public static final String NAME = "matcher";
  private static final int DISTRACTORS = 0;
  private static final int MIN_VALIDATION_ITEMS = 4;
  private static final int BUCKET_SHRINK = 10;

  private final CoListeningConfig config;
  private final Consumer<String> log;

  /**
   * A trainer with these settings; it reports its validation scores and choices on standard error when the
   * system property {@code recsys.matcher.verbose} is {@code true}.
   *
   * @param config the candidate settings and the fixed training settings
   */
  public CoListeningMatcherTrainer(CoListeningConfig config) {
    this(config, Boolean.getBoolean("recsys.matcher.verbose") ? System.err::println : s -> {});
  }

  /**
   * A trainer that reports its choices to {@code log}.
   *
   * @param config the candidate settings and the fixed training settings
   * @param log receives one line per validation score and choice; called on the fitting thread
   */
  public CoListeningMatcherTrainer(CoListeningConfig config, Consumer<String> log) {
    this.config = Objects.requireNonNull(config, "config");
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CoListeningMatcher fit(Interactions data, Catalog catalog) {
    ListenerProfiles p = ListenerProfiles.of(data);
    if (p.size() < 2) {
      throw new IllegalArgumentException("the matcher needs at least 2 listeners with plays; the data has " + p.size());
    }
    ContentProfiles content = ContentProfiles.fit(p, catalog);
    CoListeningConfig c = config;
    ListenerProfiles extended = c.artistTokens() ? ArtistTokens.extend(p, catalog) : null;
    List<Integer> val = new ArrayList<>();
    List<Integer> tr = new ArrayList<>();
    for (int u = 0; u < p.size(); u++) {
      boolean held = p.items(u).length >= MIN_VALIDATION_ITEMS
          && Views.random(c.seed(), -3, u).nextDouble() < c.validationFraction();
      (held ? val : tr).add(u);
    }
    Selection s;
    if (val.size() < c.minValidation()) {
      s = new Selection(false, c.weightings().get(0), c.dimensions().get(0), c.temperatures().get(0),
          c.hardNegatives().get(0), c.fallbackEpochs(), content.present() ? c.contentWeights().get(0) : 0, 0,
          Double.NaN, Double.NaN, Double.NaN, c.overlapWeights().get(0), Double.NaN, c.overlapWeightings().get(0),
          c.genreShares().get(0));
    } else {
      s = select(p, extended, catalog, content, tr.stream().mapToInt(Integer::intValue).toArray(),
          val.stream().mapToInt(Integer::intValue).toArray());
    }
    log.accept("matcher: chose " + s);
    ListenerProfiles q = s.artistTokens() ? extended : p;
    int[] all = new int[q.size()];
    for (int u = 0; u < all.length; u++) {
      all[u] = u;
    }
    float[] init = ContrastiveTraining.init(q, all, s.weighting(), s.dimension(), c.svdIterations(), c.seed());
    int dim = init.length / q.numItems();
    ContrastiveTraining t = new ContrastiveTraining(q, all, s.weighting(), init, dim, s.temperature(),
        s.hardNegatives(), c, catalog, c.seed());
    for (int e = 0; e < s.epochs(); e++) {
      t.epoch(e);
    }
    float[] table = t.table();
    int nb = c.hashBuckets();
    float[] buckets = new float[nb * dim];
    int[] counts = new int[nb];
    for (int i = 0; i < q.numItems(); i++) {
      int b = CoListeningMatcher.bucket(q.itemId(i), nb);
      counts[b]++;
      for (int k = 0; k < dim; k++) {
        buckets[b * dim + k] += table[i * dim + k];
      }
    }
    for (int b = 0; b < nb; b++) { // the mean, shrunk towards zero when few items share the bucket
      for (int k = 0; k < dim && counts[b] > 0; k++) {
        buckets[b * dim + k] /= counts[b] + BUCKET_SHRINK;
      }
    }
    float[][] vectors = new float[p.size()][];
    for (int u = 0; u < p.size(); u++) {
      float[] cf = Views.encode(table, dim, q.numItems(), q.items(u), q.weights(u, s.weighting()), new float[dim]);
      Views.unit(cf);
      vectors[u] = CoListeningMatcher.join(cf, s.contentWeight() == 0 ? new float[0]
          : content.encode(p, u, s.genreShare()), s.contentWeight());
    }
    CoListeningMatcher.Parts parts = new CoListeningMatcher.Parts(NAME, p, q, catalog, table, dim, buckets, nb,
        content, s, c, Provenance.now(c.seed(), p.fingerprint()));
    return CoListeningMatcher.fitted(parts, vectors);
  }

  /**
   * The co-listening encoder of a validation bag (items of {@code p}): plain, or mapped to {@code extended}'s
   * vocabulary with its artist tokens.
   */
  private static Function<Views.Bag, float[]> encoder(ListenerProfiles p, ListenerProfiles extended, Catalog catalog,
      ItemWeighting w, float[] table, int dim) {
    if (extended == null) {
      return bag -> Views.encode(table, dim, p.numItems(), bag.items(), p.weights(bag.items(), bag.plays(), w),
          new float[dim]);
    }
    return bag -> {
      Views.Bag m = ArtistTokens.map(p, extended, catalog, bag.items(), bag.plays(), w);
      return Views.encode(table, dim, extended.numItems(), m.items(), m.weights(), new float[dim]);
    };
  }

  private Selection select(ListenerProfiles p, ListenerProfiles extended, Catalog catalog, ContentProfiles content,
      int[] train, int[] val) {
    CoListeningConfig c = config;
    float[][] raw = new float[p.size()][];
    for (int u = 0; u < p.size(); u++) {
      raw[u] = p.weights(u, ItemWeighting.BINARY);
    }
    Validation v = new Validation(p, val, train, raw, c.seed(), DISTRACTORS, c.maxViewItems());
    ItemWeighting bestW = null;
    ListenerProfiles bestQ = null;
    int bestD = 0;
    float[] bestInit = null;
    double bestInitScore = Double.NEGATIVE_INFINITY;
    List<ListenerProfiles> variants = new ArrayList<>();
    variants.add(p);
    if (extended != null) {
      variants.add(extended);
    }
    for (ListenerProfiles q : variants) {
      for (ItemWeighting w : c.weightings()) {
        for (int d : c.dimensions()) {
          float[] init = ContrastiveTraining.init(q, train, w, d, c.svdIterations(), c.seed());
          int dim = init.length / q.numItems();
          double score = v.score(encoder(p, q == p ? null : q, catalog, w, init, dim));
          log.accept(String.format(java.util.Locale.ROOT, "matcher: init %s%s d=%d: %.4f", w.label(),
              q == p ? "" : "+artists", dim, score));
          if (score > bestInitScore) {
            bestInitScore = score;
            bestW = w;
            bestD = dim;
            bestInit = init;
            bestQ = q;
          }
        }
      }
    }
    ListenerProfiles q = bestQ;
    ListenerProfiles ext = q == p ? null : q;
    ItemWeighting w = bestW;
    int dim = bestD;
    double bestScore = bestInitScore;
    float[] bestTable = bestInit;
    double bestTau = c.temperatures().get(0);
    int bestHard = c.hardNegatives().get(0);
    int bestEpochs = 0;
    for (double tau : c.temperatures()) {
      for (int hard : c.hardNegatives()) {
        ContrastiveTraining t = new ContrastiveTraining(q, train, w, bestInit, dim, tau, hard, c, catalog, c.seed());
        double runBest = Double.NEGATIVE_INFINITY;
        int since = 0;
        for (int e = 0; e < c.maxEpochs() && since < c.patience(); e++) {
          t.epoch(e);
          float[] table = t.table();
          double score = v.score(encoder(p, ext, catalog, w, table, dim));
          log.accept(String.format(java.util.Locale.ROOT, "matcher: tau=%.2f hard=%d epoch %d: %.4f", tau, hard, e + 1, score));
          if (score > runBest) {
            runBest = score;
            since = 0;
          } else {
            since++;
          }
          if (score > bestScore) {
            bestScore = score;
            bestTable = table.clone();
            bestTau = tau;
            bestHard = hard;
            bestEpochs = e + 1;
          }
        }
      }
    }
    double trained = bestScore;
    double beta = 0;
    double gamma = c.genreShares().get(0);
    double finalScore = trained;
    if (content.present()) {
      Function<Views.Bag, float[]> cfEncoder = encoder(p, ext, catalog, w, bestTable, dim);
      boolean first = true;
      for (double g : c.genreShares()) {
        for (double b : c.contentWeights()) {
          double score = v.score(bag -> {
            float[] cf = cfEncoder.apply(bag);
            Views.unit(cf);
            return CoListeningMatcher.join(cf, b == 0 ? new float[0] : content.encode(p, bag.items(), bag.plays(), g), b);
          });
          log.accept(String.format(java.util.Locale.ROOT, "matcher: genre share %.2f content weight %.2f: %.4f", g, b, score));
          if (first || score > finalScore) {
            finalScore = score;
            beta = b;
            gamma = g;
            first = false;
          }
        }
      }
    }
    // the exact item-overlap part: λ and its weighting by the mean criterion of split-half views (no shared item,
    // which λ can only hurt) and overlapping views (shared items, which it rewards)
    Validation vo = new Validation(p, val, train, raw, c.seed(), DISTRACTORS, c.maxViewItems(), c.overlapShare());
    Function<Views.Bag, float[]> cfFinal = encoder(p, ext, catalog, w, bestTable, dim);
    double chosenBeta = beta;
    double chosenGamma = gamma;
    Function<Views.Bag, float[]> dense = bag -> {
      float[] cf = cfFinal.apply(bag);
      Views.unit(cf);
      return CoListeningMatcher.join(cf, chosenBeta == 0 ? new float[0]
          : content.encode(p, bag.items(), bag.plays(), chosenGamma), chosenBeta);
    };
    double[] lambdas = c.overlapWeights().stream().mapToDouble(Double::doubleValue).toArray();
    double lambda = lambdas[0];
    ItemWeighting overlapWeighting = c.overlapWeightings().get(0);
    double overlapScore = Double.NEGATIVE_INFINITY;
    for (ItemWeighting ow : c.overlapWeightings()) {
      Function<Views.Bag, Views.Sparse> sparse = bag -> {
        if (ext == null) {
          return Views.Sparse.of(bag.items(), p.weights(bag.items(), bag.plays(), ow));
        }
        Views.Bag m = ArtistTokens.map(p, ext, catalog, bag.items(), bag.plays(), ow);
        return Views.Sparse.of(m.items(), m.weights());
      };
      double[] split = v.fused(dense, sparse, lambdas);
      double[] over = vo.fused(dense, sparse, lambdas);
      for (int l = 0; l < lambdas.length; l++) {
        double score = 0.5 * (split[l] + over[l]);
        log.accept(String.format(java.util.Locale.ROOT,
            "matcher: overlap %s weight %.2f: split-half %.4f, overlapping %.4f, mean %.4f", ow.label(), lambdas[l],
            split[l], over[l], score));
        if (score > overlapScore) {
          overlapScore = score;
          lambda = lambdas[l];
          overlapWeighting = ow;
        }
      }
    }
    return new Selection(ext != null, w, dim, bestTau, bestHard, bestEpochs, beta, val.length, bestInitScore, trained,
        finalScore, lambda, overlapScore, overlapWeighting, gamma);
  }

  /**
   * The item-overlap weight and weighting chosen on known related listeners, and the mean recall@k of every
   * candidate.
   *
   * @param weight the chosen λ
   * @param weighting the chosen item weighting of the overlap cosine
   * @param recall mean recall@k on the validation queries per candidate weighting and λ, in the candidates' order
   * @param queries validation queries scored
   */
  public record OverlapChoice(double weight, ItemWeighting weighting, Map<ItemWeighting, Map<Double, Double>> recall,
      int queries) {
    /** Copies the maps. */
    public OverlapChoice {
      Map<ItemWeighting, Map<Double, Double>> copy = new LinkedHashMap<>();
      recall.forEach((w, m) -> copy.put(w, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
      recall = java.util.Collections.unmodifiableMap(copy);
    }
  }

  /**
   * Chooses the weight λ of the item-overlap part on known related listeners, keeping the matcher's overlap
   * weighting; see {@link #chooseOverlap}.
   *
   * @param matcher a fitted matcher; its overlap weighting is kept
   * @param validation task of known related listeners the candidates are scored on
   * @param weights candidate λ values, each at least 0
   * @param k the recall cut-off, at least 1
   * @return the chosen λ with the validation recall of every candidate
   */
  public static OverlapChoice chooseOverlapWeight(CoListeningMatcher matcher, MatchingTask validation,
      List<Double> weights, int k) {
    return chooseOverlap(matcher, validation, weights, List.of(matcher.overlapWeighting()), k);
  }

  /**
   * Chooses the weight λ and the item weighting of the item-overlap part jointly on known related listeners and
   * sets them on {@code matcher}. For data with a relation the split-half views cannot see (friends who share niche
   * items, say), validation on part of the known pairs picks them for the task itself: each (weighting, λ) is scored
   * by mean recall@k over {@code validation}'s queries and the best kept (ties: the earlier weighting, then the
   * smaller λ). Only {@code validation} is read; its queries must be kept out of any later evaluation (see
   * {@link MatchingTask#splitQueries}).
   *
   * @param matcher a fitted matcher holding every listener of {@code validation}
   * @param validation validation queries with their related listeners
   * @param weights candidate λ values, each finite and at least 0
   * @param weightings candidate item weightings of the overlap cosine
   * @param k the cut-off of recall@k
   * @return the choice; {@code matcher} now uses it
   */
  public static OverlapChoice chooseOverlap(CoListeningMatcher matcher, MatchingTask validation, List<Double> weights,
      List<ItemWeighting> weightings, int k) {
    Objects.requireNonNull(matcher, "matcher");
    if (weights.isEmpty() || weightings.isEmpty()) {
      throw new IllegalArgumentException("need at least one candidate overlap weight and weighting");
    }
    if (validation.relevant().isEmpty()) {
      throw new IllegalArgumentException("the validation task has no query listener");
    }
    MatchingEvaluator evaluator = new MatchingEvaluator(MatchingConfig.builder().k(k).bootstrapSamples(0).build());
    Map<ItemWeighting, Map<Double, Double>> recall = new LinkedHashMap<>();
    double best = Double.NaN;
    ItemWeighting bestWeighting = null;
    double bestRecall = Double.NEGATIVE_INFINITY;
    for (ItemWeighting ow : weightings) {
      Map<Double, Double> row = new LinkedHashMap<>();
      for (double w : weights) {
        matcher.overlap(w, ow);
        MatchingResult r = evaluator.evaluate(validation, matcher, 0);
        double mean = 0;
        for (double[] v : r.values()) {
          mean += v[0];
        }
        mean /= r.values().length;
        row.put(w, mean);
        if (mean > bestRecall || (mean == bestRecall && ow == bestWeighting && w < best)) {
          bestRecall = mean;
          best = w;
          bestWeighting = ow;
        }
      }
      recall.put(ow, row);
    }
    matcher.overlap(best, bestWeighting);
    return new OverlapChoice(best, bestWeighting, recall, validation.relevant().size());
  }
}

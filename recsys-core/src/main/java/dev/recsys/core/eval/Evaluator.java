package dev.recsys.core.eval;

import dev.recsys.core.eval.internal.Aggregates;
import dev.recsys.core.eval.metrics.BeyondAccuracyMetrics;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.spi.ProgressListener;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.util.ProgressTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link Recommender} over the test users of a {@link Split} and measures it.
 *
 * <p>For each test user the evaluator asks for the top {@code depth} items with
 * {@code excludeSeen = true} (full-catalogue ranking, training items excluded; the recommender applies the
 * exclusion). The query names the listener and, for session-like protocols, carries the split's seed items.
 * Returned ids outside the data's item dictionary count as misses. Metrics are those listed in
 * {@link EvaluationResult}; means come with seeded percentile bootstrap intervals over users.
 *
 * <p>Determinism: queries run on {@code threads} threads, but every user's result goes to its own slot and the
 * bootstrap is sequential and seeded, so the result is the same for any thread count (given a deterministic
 * recommender, as the {@link Recommender} contract requires). An {@code Evaluator} is immutable and thread-safe.
 */
public final class Evaluator {
  private final EvaluatorConfig config;
  private final Map<String, UserGrouping> userCohorts;
  private final Map<String, ItemGrouping> itemCohorts;

  private Evaluator(EvaluatorConfig config, Map<String, UserGrouping> userCohorts,
      Map<String, ItemGrouping> itemCohorts) {
    this.config = Objects.requireNonNull(config, "config");
    this.userCohorts = Map.copyOf(userCohorts);
    this.itemCohorts = Map.copyOf(itemCohorts);
  }

  /**
   * An evaluator without cohort analysis.
   *
   * @param config the configuration
   * @return an evaluator without cohort analysis
   */
  public static Evaluator of(EvaluatorConfig config) {
    return new Evaluator(config, Map.of(), Map.of());
  }

  /**
   * A builder for an evaluator with cohort analyses.
   *
   * @param config a builder for an evaluator with cohort analyses
   * @return this builder
   */
  public static Builder builder(EvaluatorConfig config) {
    return new Builder(config);
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public EvaluatorConfig config() {
    return config;
  }

  /**
   * Fits a recommender with {@code trainer} on the split's training part, then evaluates it.
   *
   * @param split the split
   * @param trainer the trainer
   * @return the {@code EvaluationResult}
   */
  public EvaluationResult evaluate(Split split, RecommenderTrainer trainer) {
    return evaluate(split, trainer, ProgressListener.NONE);
  }

  /**
   * As {@link #evaluate(Split, RecommenderTrainer)}, reporting the ranking of the test listeners to {@code progress}
   * (stage "rank", one unit per test listener) once the fit is done.
   *
   * @param split the split
   * @param trainer the trainer
   * @param progress told of the listeners ranked
   * @return the {@code EvaluationResult}
   */
  public EvaluationResult evaluate(Split split, RecommenderTrainer trainer, ProgressListener progress) {
    long t0 = System.nanoTime();
    Recommender r = trainer.fit(split.train());
    long fitMillis = (System.nanoTime() - t0) / 1_000_000;
    return evaluate(split, r, fitMillis, progress);
  }

  /**
   * Evaluates an already fitted recommender (which must not have seen the split's test part).
   *
   * @param split the split
   * @param recommender the recommender
   * @return the {@code EvaluationResult}
   */
  public EvaluationResult evaluate(Split split, Recommender recommender) {
    return evaluate(split, recommender, 0, ProgressListener.NONE);
  }

  /**
   * Evaluates several trainers on one split, in order.
   *
   * @param split the split
   * @param trainers the trainers
   * @return one result per trainer, in order
   */
  public List<EvaluationResult> evaluateAll(Split split, List<? extends RecommenderTrainer> trainers) {
    List<EvaluationResult> out = new ArrayList<>();
    for (RecommenderTrainer t : trainers) {
      out.add(evaluate(split, t));
    }
    return out;
  }

  /**
   * Paired comparison of two results on one metric, with this evaluator's samples, confidence and seed.
   *
   * @param a the evaluation result
   * @param b the evaluation result
   * @param metric the metric name
   * @return the paired comparison of two results on one metric, with this evaluator's samples, confidence and seed
   */
  public PairedComparison compare(EvaluationResult a, EvaluationResult b, String metric) {
    return PairedComparison.of(a, b, metric, Math.max(1, config.bootstrapSamples()), config.confidence(),
        config.seed());
  }

  private EvaluationResult evaluate(Split split, Recommender recommender, long fitMillis, ProgressListener progress) {
    int n = split.numTestUsers();
    ProgressTracker tracker = new ProgressTracker(progress, "rank", n);
    int depth = config.depth();
    int[][] ranked = new int[n][];
    float[][] scores = new float[n][];
    IdIndex users = split.data().users();
    IdIndex items = split.data().items();
    long t0 = System.nanoTime();
    int threads = Math.min(config.threads(), Math.max(1, n));
    if (threads == 1) {
      query(split, recommender, users, items, depth, ranked, scores, 0, n, tracker);
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "recsys-evaluator");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        int chunk = Math.max(1, (n + threads * 4 - 1) / (threads * 4));
        for (int from = 0; from < n; from += chunk) {
          int f = from;
          int to = Math.min(n, from + chunk);
          futures.add(pool.submit(() -> query(split, recommender, users, items, depth, ranked, scores, f, to,
              tracker)));
        }
        for (Future<?> fu : futures) {
          fu.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("evaluation interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(c);
      } finally {
        pool.shutdownNow();
      }
    }
    long recommendMillis = (System.nanoTime() - t0) / 1_000_000;
    return measure(split, recommender.name(), ranked, scores, fitMillis, recommendMillis);
  }

  private static void query(Split split, Recommender recommender, IdIndex users, IdIndex items, int depth,
      int[][] ranked, float[][] scores, int from, int to, ProgressTracker tracker) {
    for (int p = from; p < to; p++) {
      String listener = users.id(split.testUser(p));
      int[] seedIdx = split.seeds(p);
      List<String> seeds = new ArrayList<>(seedIdx.length);
      for (int s : seedIdx) {
        seeds.add(items.id(s));
      }
      RecommendationQuery q = new RecommendationQuery(Optional.of(listener), seeds, depth, Set.of(), true, Set.of());
      List<Recommendation> recs = recommender.recommend(q);
      int m = Math.min(depth, recs.size());
      int[] r = new int[m];
      float[] s = new float[m];
      for (int i = 0; i < m; i++) {
        Recommendation rec = recs.get(i);
        r[i] = items.indexOf(rec.itemId());
        s[i] = (float) rec.score();
      }
      ranked[p] = r;
      scores[p] = s;
      tracker.advance();
    }
  }

  private EvaluationResult measure(Split split, String model, int[][] ranked, float[][] scores, long fitMillis,
      long recommendMillis) {
    int n = split.numTestUsers();
    int numItems = split.data().items().size();
    int trainUsers = Math.max(1, split.numTrainUsers());
    int[] itemCounts = split.trainItemCounts();
    double[] popularity = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      popularity[i] = (double) itemCounts[i] / trainUsers;
    }
    List<Integer> ks = config.ks();
    List<String> names = metricNames(ks);
    int perK = RankingMetrics.AT_K_NAMES.size() + 2;
    int cols = names.size();
    double[][] values = new double[n][cols];
    double[] buf = new double[7];
    int depth = config.depth();
    double[] sumP = new double[depth];
    double[] sumR = new double[depth];
    double[] sumN = new double[depth];
    double[] sumF = new double[depth];
    double correctPairs = 0;
    double totalPairs = 0;
    String[] userIds = new String[n];
    for (int p = 0; p < n; p++) {
      int u = split.testUser(p);
      userIds[p] = split.data().users().id(u);
      int[] rel = split.heldOut(p);
      int[] list = ranked[p];
      double[] row = values[p];
      for (int ki = 0; ki < ks.size(); ki++) {
        int k = ks.get(ki);
        RankingMetrics.atK(list, k, rel, buf);
        System.arraycopy(buf, 0, row, ki * perK, 7);
        row[ki * perK + 7] = BeyondAccuracyMetrics.averagePopularity(list, k, popularity);
        row[ki * perK + 8] = BeyondAccuracyMetrics.novelty(list, k, itemCounts, trainUsers);
      }
      int candidates = numItems - split.trainCountOfUser(u);
      row[cols - 2] = RankingMetrics.rPrecision(list, rel);
      row[cols - 1] = RankingMetrics.auc(list, rel, candidates);
      long pairs = (long) rel.length * (candidates - rel.length);
      if (pairs > 0) {
        correctPairs += RankingMetrics.correctPairs(list, rel, candidates);
        totalPairs += pairs;
      }
      // curves over every cut-off 1..depth (a missing result counts as a miss)
      int h = 0;
      double dcg = 0;
      int negatives = Math.max(1, candidates - rel.length);
      for (int c = 0; c < depth; c++) {
        if (c < list.length && RankingMetrics.isRelevant(list[c], rel)) {
          h++;
          dcg += RankingMetrics.discount(c);
        }
        int shown = Math.min(c + 1, list.length);
        sumP[c] += (double) h / (c + 1);
        sumR[c] += (double) h / rel.length;
        sumN[c] += dcg / RankingMetrics.idealDcg(Math.min(c + 1, rel.length));
        sumF[c] += (double) (shown - h) / negatives;
      }
    }
    Map<String, Estimate> aggregate = Aggregates.estimates(values, names, config);
    Map<String, Double> setMetrics = Aggregates.setMetrics(ranked, ks, numItems, correctPairs, totalPairs);
    Map<String, double[]> curves = Aggregates.curves(sumP, sumR, sumN, sumF, n);
    Map<String, Map<String, CohortGroup>> cohorts = Aggregates.cohorts(split, userCohorts, itemCohorts, values, names,
        ranked, config);
    boolean keep = config.keepRecommendations();
    return new EvaluationResult(model, split.protocol(), split.seed(), config, Arrays.asList(userIds), names,
        values, aggregate, setMetrics, curves, cohorts, fitMillis, recommendMillis, keep ? ranked : null,
        keep ? scores : null);
  }

  /**
   * The per-user metric names for the given cut-offs, in column order.
   *
   * @return the per-user metric names for the given cut-offs, in column order
   * @param ks the cut-offs
   */
  public static List<String> metricNames(List<Integer> ks) {
    List<String> names = new ArrayList<>();
    for (int k : ks) {
      for (String m : RankingMetrics.AT_K_NAMES) {
        names.add(m + "@" + k);
      }
      names.add("popularity@" + k);
      names.add("novelty@" + k);
    }
    names.add("rprecision");
    names.add("auc");
    return names;
  }

  @Override
  public String toString() {
    return "Evaluator[config=" + config + ", userCohorts=" + new TreeMap<>(userCohorts).keySet() + ", itemCohorts="
        + new TreeMap<>(itemCohorts).keySet() + "]";
  }

  /** Builder of an {@link Evaluator} with cohort analyses; not thread-safe. */
  public static final class Builder {
    private final EvaluatorConfig config;
    private final Map<String, UserGrouping> userCohorts = new LinkedHashMap<>();
    private final Map<String, ItemGrouping> itemCohorts = new LinkedHashMap<>();

    private Builder(EvaluatorConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adds a breakdown of users into groups, reported under {@code name}.
     *
     * @param name the name
     * @param grouping the grouping
     * @return this builder
     */
    public Builder userCohort(String name, UserGrouping grouping) {
      add(name);
      userCohorts.put(name, Objects.requireNonNull(grouping, "grouping"));
      return this;
    }

    /**
     * Adds a breakdown of held-out items into groups, reported under {@code name}.
     *
     * @param name the name
     * @param grouping the grouping
     * @return this builder
     */
    public Builder itemCohort(String name, ItemGrouping grouping) {
      add(name);
      itemCohorts.put(name, Objects.requireNonNull(grouping, "grouping"));
      return this;
    }

    private void add(String name) {
      dev.recsys.core.util.Checks.notBlank("name", name);
      if (userCohorts.containsKey(name) || itemCohorts.containsKey(name)) {
        throw new IllegalArgumentException("cohort '" + name + "' is already defined");
      }
    }

    /**
     * The evaluator.
     *
     * @return the {@code Evaluator}
     */
    public Evaluator build() {
      return new Evaluator(config, userCohorts, itemCohorts);
    }
  }
}

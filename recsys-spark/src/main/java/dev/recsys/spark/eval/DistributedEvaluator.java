package dev.recsys.spark.eval;

import dev.recsys.core.eval.internal.Aggregates;
import dev.recsys.core.eval.CohortGroup;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.ItemGrouping;
import dev.recsys.core.eval.UserGrouping;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.metrics.BeyondAccuracyMetrics;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.core.model.IdIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.Optional;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import scala.Tuple3;

/**
 * Evaluation of a table of recommendations against a split, giving the numbers of the single-machine
 * {@link Evaluator} for the same recommendations: the per-listener metrics ({@link Evaluator#metricNames}) are
 * computed on executors with the same metric functions, the driver sums the curves in the split's listener order
 * and draws the same seeded bootstrap, so means, intervals, set metrics and curves are equal, not just close.
 *
 * <p>The recommendations table has columns {@code user STRING, rank INT, item STRING, score FLOAT} (rank 0 first),
 * as written by the Spark recommenders of this package or exported from any other system. Only the first
 * {@code depth} ranks of a listener count; an item outside the split's item dictionary is a miss; a test listener
 * without recommendations gets an empty list (every metric 0), as on one machine. Cohort analyses (user and item
 * groupings, as registered on the single-machine {@code Evaluator.Builder}) are computed on the driver from the
 * collected per-listener rows and ranked lists by the single-machine code, so they equal the single-machine
 * evaluator's cohorts too.
 */
public final class DistributedEvaluator {
  private final EvaluatorConfig config;
  private final Map<String, UserGrouping> userCohorts;
  private final Map<String, ItemGrouping> itemCohorts;

  /**
   * An evaluator with the single-machine evaluator's settings (cut-offs, depth, bootstrap samples, confidence,
   * seed), without cohort analyses.
   *
   * @param config the settings
   */
  public DistributedEvaluator(EvaluatorConfig config) {
    this(config, Map.of(), Map.of());
  }

  /**
   * An evaluator with the single-machine evaluator's settings and cohort analyses.
   *
   * @param config the settings
   * @param userCohorts user groupings by cohort name (e.g. {@code Cohorts.activity(10, 50)})
   * @param itemCohorts item groupings by cohort name (e.g. {@code Cohorts.coldWarm(5)})
   */
  public DistributedEvaluator(EvaluatorConfig config, Map<String, UserGrouping> userCohorts,
      Map<String, ItemGrouping> itemCohorts) {
    this.config = Objects.requireNonNull(config, "config");
    this.userCohorts = Map.copyOf(userCohorts);
    this.itemCohorts = Map.copyOf(itemCohorts);
  }

  /**
   * The measured numbers, as in the single-machine {@code EvaluationResult}.
   *
   * @param model the recommender's name
   * @param metrics per-listener metric names, in column order
   * @param users test listener ids in the split's order
   * @param perUser per-listener metric values, {@code [listener][metric]}
   * @param aggregate mean and bootstrap interval of each per-listener metric
   * @param setMetrics coverage, Gini and personalisation at each cut-off and the global AUC
   * @param curves precision, recall, nDCG and false-positive rate at every cut-off 1..depth
   * @param cohorts cohort name, then group name, then the group's results (empty without cohort analyses)
   */
  public record Result(String model, List<String> metrics, List<String> users, double[][] perUser,
      Map<String, Estimate> aggregate, Map<String, Double> setMetrics, Map<String, double[]> curves,
      Map<String, Map<String, CohortGroup>> cohorts) implements Serializable {
    /**
     * The estimate of one metric.
     *
     * @param metric the metric name
     * @return its estimate
     * @throws IllegalArgumentException for an unknown metric, listing the known ones
     */
    public Estimate get(String metric) {
      Estimate e = aggregate.get(metric);
      if (e == null) {
        throw new IllegalArgumentException("unknown metric '" + metric + "'; known: " + aggregate.keySet());
      }
      return e;
    }

    /**
     * The numbers of a single-machine result, to compare models evaluated either way.
     *
     * @param r the single-machine result
     * @return the same numbers
     */
    public static Result of(EvaluationResult r) {
      double[][] values = new double[r.users().size()][r.metrics().size()];
      for (int p = 0; p < values.length; p++) {
        for (int m = 0; m < values[p].length; m++) {
          values[p][m] = r.value(p, m);
        }
      }
      return new Result(r.model(), r.metrics(), r.users(), values, r.aggregate(), r.setMetrics(), r.curves(), r.cohorts());
    }
  }

  /**
   * What an executor computes for one test listener.
   *
   * @param position the listener's position among the test listeners, which orders the rows again after the collect
   * @param row the listener's metric values, in column order
   * @param curve precision, recall, NDCG and false-positive rate at every depth, {@code 4 * depth} values
   * @param correctPairs relevant-above-irrelevant pairs of the ranking, the numerator of the pooled AUC
   * @param pairs relevant-irrelevant pairs among the candidates, 0 when there is none
   * @param ranked the recommended item indexes, best first
   */
  private record UserRow(int position, double[] row, double[] curve, double correctPairs, double pairs, int[] ranked)
      implements Serializable {}

  /**
   * Evaluates a recommendations table against a split.
   *
   * @param spark the session
   * @param split the split (on the driver)
   * @param recommendations {@code (user, rank, item, score)}
   * @param model the recommender's name
   * @return the result
   */
  public Result evaluate(SparkSession spark, Split split, Dataset<Row> recommendations, String model) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    IdIndex items = split.data().items();
    IdIndex users = split.data().users();
    int numItems = items.size();
    int trainUsers = Math.max(1, split.numTrainUsers());
    int[] itemCounts = split.trainItemCounts();
    double[] popularity = new double[numItems];
    for (int i = 0; i < numItems; i++) {
      popularity[i] = (double) itemCounts[i] / trainUsers;
    }
    List<Integer> ks = config.ks();
    List<String> names = Evaluator.metricNames(ks);
    int depth = config.depth();
    int n = split.numTestUsers();
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());

    // test listeners: user -> (position, held-out indices, candidates)
    List<Tuple2<String, Tuple3<Integer, int[], Integer>>> test = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      int u = split.testUser(p);
      test.add(new Tuple2<>(users.id(u), new Tuple3<>(p, split.heldOut(p), numItems - split.trainCountOfUser(u))));
    }
    JavaPairRDD<String, Tuple3<Integer, int[], Integer>> testRdd = jsc.parallelizePairs(test, partitions);
    List<Tuple2<String, Integer>> itemIndex = new ArrayList<>(numItems);
    for (int i = 0; i < numItems; i++) {
      itemIndex.add(new Tuple2<>(items.id(i), i));
    }
    JavaPairRDD<String, Integer> itemRdd = jsc.parallelizePairs(itemIndex, partitions);

    // (item, (user, rank)) -> (user, (rank, item index or -1)), first `depth` ranks per user
    JavaPairRDD<String, Tuple2<String, Integer>> recs = recommendations.select("user", "rank", "item").javaRDD()
        .filter(r -> r.getInt(1) < depth)
        .mapToPair(r -> new Tuple2<>(r.getString(2), new Tuple2<>(r.getString(0), r.getInt(1))));
    JavaPairRDD<String, int[]> lists = recs.leftOuterJoin(itemRdd)
        .mapToPair(e -> new Tuple2<>(e._2()._1()._1(), new Tuple2<>(e._2()._1()._2(), e._2()._2().orElse(-1))))
        .groupByKey()
        .mapValues(it -> {
          List<Tuple2<Integer, Integer>> l = new ArrayList<>();
          it.forEach(l::add);
          l.sort((a, b) -> Integer.compare(a._1(), b._1()));
          int[] out = new int[l.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i)._2();
          }
          return out;
        });

    Broadcast<int[]> countsB = jsc.broadcast(itemCounts);
    Broadcast<double[]> popularityB = jsc.broadcast(popularity);
    int cols = names.size();
    int perK = RankingMetrics.AT_K_NAMES.size() + 2;
    List<UserRow> rows = new ArrayList<>(testRdd.leftOuterJoin(lists).map(e -> {
      int p = e._2()._1()._1();
      int[] rel = e._2()._1()._2();
      int candidates = e._2()._1()._3();
      Optional<int[]> got = e._2()._2();
      int[] list = got.isPresent() ? got.get() : new int[0];
      double[] row = new double[cols];
      double[] buf = new double[7];
      for (int ki = 0; ki < ks.size(); ki++) {
        int k = ks.get(ki);
        RankingMetrics.atK(list, k, rel, buf);
        System.arraycopy(buf, 0, row, ki * perK, 7);
        row[ki * perK + 7] = BeyondAccuracyMetrics.averagePopularity(list, k, popularityB.value());
        row[ki * perK + 8] = BeyondAccuracyMetrics.novelty(list, k, countsB.value(), trainUsers);
      }
      row[cols - 2] = RankingMetrics.rPrecision(list, rel);
      row[cols - 1] = RankingMetrics.auc(list, rel, candidates);
      long pairs = (long) rel.length * (candidates - rel.length);
      double correct = pairs > 0 ? RankingMetrics.correctPairs(list, rel, candidates) : 0;
      double[] curve = new double[4 * depth];
      int h = 0;
      double dcg = 0;
      int negatives = Math.max(1, candidates - rel.length);
      for (int c = 0; c < depth; c++) {
        if (c < list.length && RankingMetrics.isRelevant(list[c], rel)) {
          h++;
          dcg += RankingMetrics.discount(c);
        }
        int shown = Math.min(c + 1, list.length);
        curve[c] = (double) h / (c + 1);
        curve[depth + c] = (double) h / rel.length;
        curve[2 * depth + c] = dcg / RankingMetrics.idealDcg(Math.min(c + 1, rel.length));
        curve[3 * depth + c] = (double) (shown - h) / negatives;
      }
      return new UserRow(p, row, curve, correct, pairs > 0 ? pairs : 0, list);
    }).collect());
    rows.sort((a, b) -> Integer.compare(a.position(), b.position()));

    // the driver: sums in listener order, bootstrap, set metrics
    double[][] values = new double[n][];
    int[][] ranked = new int[n][];
    double[] sumP = new double[depth];
    double[] sumR = new double[depth];
    double[] sumN = new double[depth];
    double[] sumF = new double[depth];
    double correctPairs = 0;
    double totalPairs = 0;
    List<String> userIds = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      UserRow r = rows.get(p);
      values[p] = r.row();
      ranked[p] = r.ranked();
      userIds.add(users.id(split.testUser(p)));
      if (r.pairs() > 0) {
        correctPairs += r.correctPairs();
        totalPairs += r.pairs();
      }
      for (int c = 0; c < depth; c++) {
        sumP[c] += r.curve()[c];
        sumR[c] += r.curve()[depth + c];
        sumN[c] += r.curve()[2 * depth + c];
        sumF[c] += r.curve()[3 * depth + c];
      }
    }
    Map<String, Estimate> aggregate = Aggregates.estimates(values, names, config);
    Map<String, Double> setMetrics = Aggregates.setMetrics(ranked, ks, numItems, correctPairs, totalPairs);
    Map<String, double[]> curves = Aggregates.curves(sumP, sumR, sumN, sumF, n);
    Map<String, Map<String, CohortGroup>> cohorts = Aggregates.cohorts(split, userCohorts, itemCohorts, values, names,
        ranked, config);
    return new Result(model, names, userIds, values, aggregate, setMetrics, curves, cohorts);
  }
}

package dev.recsys.spark.eval;

import dev.recsys.core.util.Checks;
import dev.recsys.core.kernels.TopK;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Spark MLlib's implicit-feedback ALS (Hu, Koren and Volinsky 2008, the same objective family as the project's
 * {@code ials}) as a reference: fitted on the distinct training pairs of a split with confidence
 * {@code 1 + alpha * count}, recommending {@code depth} unheard items per listener as a recommendations table that
 * {@link DistributedEvaluator} measures on the same split as the project's iALS.
 *
 * @param rank factors, in [1, 1024]
 * @param maxIter alternating iterations, in [1, 1000]
 * @param regParam L2 regularisation, in [0, 100]
 * @param alpha confidence slope of implicit feedback, in [0, 1000]
 * @param seed the seed of the initial factors
 */
public record AlsReference(int rank, int maxIter, double regParam, double alpha, long seed) {
  /** Validates. */
  public AlsReference {
    Checks.inRange("rank", rank, 1, 1024);
    Checks.inRange("maxIter", maxIter, 1, 1000);
    Checks.inRange("regParam", regParam, 0.0, 100.0);
    Checks.inRange("alpha", alpha, 0.0, 1000.0);
  }

  /**
   * 64 factors, 15 iterations, regParam 0.1, alpha 10, seed 42.
   *
   * @return the defaults
   */
  public static AlsReference defaults() {
    return new AlsReference(64, 15, 0.1, 10.0, 42L);
  }

  /**
   * Fits on the training pairs and recommends {@code depth} items to each of {@code users}, excluding each listener's
   * training items. A listener absent from training gets no recommendations (every metric 0).
   *
   * <p>The ranking does not use MLlib's {@code recommendForUserSubset}: excluding the training items through it
   * needs {@code depth + longest history} candidates per listener (over 2,200 on a MovieLens latest-small split), and
   * ranking that many candidates per listener and dropping the heard ones in joins did not finish in 10 minutes on
   * two cores.
   * Instead the item factors (items x rank floats) are broadcast and each task scores every item for its listeners
   * with the float dot product, skips the listener's training items and keeps the best {@code depth} (score
   * descending, then item index ascending) in a bounded heap.
   *
   * @param spark the session
   * @param train {@code (user STRING, item STRING, ...)}; a pair seen n times has count n
   * @param itemIds the item dictionary (ALS needs integer ids; the index in this list is used)
   * @param users the listeners to recommend to
   * @param depth recommendations per listener
   * @return the recommendations table ({@link CooccurrenceItemKnn#RECOMMENDATIONS})
   */
  public Dataset<Row> recommend(SparkSession spark, Dataset<Row> train, List<String> itemIds, List<String> users, int depth) {
    Checks.inRange("depth", depth, 1, 10_000);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
    Map<String, Integer> itemIndex = new HashMap<>(itemIds.size() * 2);
    for (int i = 0; i < itemIds.size(); i++) {
      itemIndex.put(itemIds.get(i), i);
    }
    // dense listener ids in ascending id order, on the driver (the split's listeners are there already)
    TreeSet<String> all = new TreeSet<>(users);
    for (Row r : train.select("user").distinct().collectAsList()) {
      all.add(r.getString(0));
    }
    List<String> userList = new ArrayList<>(all);
    Map<String, Integer> userIndex = new HashMap<>(userList.size() * 2);
    for (int u = 0; u < userList.size(); u++) {
      userIndex.put(userList.get(u), u);
    }
    Broadcast<Map<String, Integer>> itemsB = jsc.broadcast(itemIndex);
    Broadcast<Map<String, Integer>> usersB = jsc.broadcast(userIndex);
    // (user_index, item_index, count) with count = times the pair is in training
    JavaRDD<Row> countRows = train.groupBy("user", "item").count().javaRDD().flatMap(r -> {
      Integer i = itemsB.value().get(r.getString(1));
      if (i == null) {
        return java.util.Collections.emptyIterator();
      }
      return List.of(RowFactory.create(usersB.value().get(r.getString(0)), i, (float) r.getLong(2))).iterator();
    });
    Dataset<Row> counts = spark.createDataFrame(countRows, new StructType()
        .add("user_index", DataTypes.IntegerType, false).add("item_index", DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false)).repartition(partitions).cache();
    try {
      ALSModel model = new ALS().setImplicitPrefs(true).setRank(rank).setMaxIter(maxIter).setRegParam(regParam)
          .setAlpha(alpha).setSeed(seed).setNumUserBlocks(partitions).setNumItemBlocks(partitions)
          .setUserCol("user_index").setItemCol("item_index").setRatingCol("rating").setColdStartStrategy("drop")
          .fit(counts);
      float[][] itemFactors = new float[itemIds.size()][];
      for (Row r : model.itemFactors().collectAsList()) {
        itemFactors[r.getInt(0)] = floats(r.getList(1));
      }
      Broadcast<float[][]> factorsB = jsc.broadcast(itemFactors);
      Set<Integer> wanted = new HashSet<>();
      for (String u : users) {
        wanted.add(userIndex.get(u));
      }
      Broadcast<Set<Integer>> wantedB = jsc.broadcast(wanted);
      JavaPairRDD<Integer, float[]> userFactors = model.userFactors().javaRDD()
          .filter(r -> wantedB.value().contains(r.getInt(0)))
          .mapToPair(r -> new Tuple2<>(r.getInt(0), floats(r.getList(1))));
      JavaPairRDD<Integer, Iterable<Integer>> heard = counts.javaRDD()
          .filter(r -> wantedB.value().contains(r.getInt(0)))
          .mapToPair(r -> new Tuple2<>(r.getInt(0), r.getInt(1))).groupByKey(partitions);
      int k = rank;
      JavaRDD<Row> recs = userFactors.leftOuterJoin(heard, partitions).flatMap(e -> {
        float[][] items = factorsB.value();
        float[] uf = e._2()._1();
        boolean[] excluded = new boolean[items.length];
        float[] scores = new float[items.length];
        if (e._2()._2().isPresent()) {
          for (int i : e._2()._2().get()) {
            excluded[i] = true;
          }
        }
        for (int i = 0; i < items.length; i++) {
          if (items[i] == null) {
            excluded[i] = true;
            continue;
          }
          float dot = 0;
          for (int f = 0; f < k; f++) {
            dot += uf[f] * items[i][f];
          }
          scores[i] = dot;
        }
        int[] top = TopK.select(scores, null, excluded, depth);
        List<Row> out = new ArrayList<>(top.length);
        for (int r = 0; r < top.length; r++) {
          out.add(RowFactory.create(e._1(), r, top[r], scores[top[r]]));
        }
        return out.iterator();
      });
      // indices back to ids on the driver's dictionaries
      Broadcast<List<String>> userIdsB = jsc.broadcast(userList);
      Broadcast<List<String>> itemIdsB = jsc.broadcast(List.copyOf(itemIds));
      JavaRDD<Row> named = recs.map(r -> RowFactory.create(userIdsB.value().get(r.getInt(0)), r.getInt(1),
          itemIdsB.value().get(r.getInt(2)), r.getFloat(3)));
      return spark.createDataFrame(named, CooccurrenceItemKnn.RECOMMENDATIONS);
    } finally {
      counts.unpersist();
    }
  }

  /**
   * The result of {@link #tune}: the chosen settings and the validation nDCG of every candidate.
   *
   * @param chosen the settings with the best validation nDCG (ties: the first in grid order)
   * @param validation validation nDCG at the first cut-off of each candidate, keyed {@code alpha=A,reg=R}, grid order
   */
  public record Tuned(AlsReference chosen, Map<String, Double> validation) {}

  /**
   * Chooses {@code alpha} and {@code regParam} on validation data carved from the split's training part (the
   * protocol applied to the training interactions), never on its test part: every grid point is fitted on the
   * validation split's training part and measured by the distributed evaluator at the first cut-off of
   * {@code config}.
   *
   * @param spark the session
   * @param split the split whose training part is carved
   * @param validationProtocol the protocol that carves the validation split out of the training part
   * @param alphas candidate confidence slopes
   * @param regParams candidate regularisations
   * @param base rank, iterations and seed of every candidate
   * @param config the evaluator's settings
   * @return the chosen settings and the validation numbers
   */
  public static Tuned tune(SparkSession spark, dev.recsys.core.eval.Split split, dev.recsys.core.eval.Protocol validationProtocol,
      List<Double> alphas, List<Double> regParams, AlsReference base, dev.recsys.core.eval.EvaluatorConfig config) {
    dev.recsys.core.eval.Split validation = validationProtocol.split(split.train());
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
    Dataset<Row> train = SplitTables.train(spark, validation, partitions).cache();
    List<String> users = new ArrayList<>();
    for (int p = 0; p < validation.numTestUsers(); p++) {
      users.add(validation.data().users().id(validation.testUser(p)));
    }
    String metric = "ndcg@" + config.ks().get(0);
    Map<String, Double> scores = new java.util.LinkedHashMap<>();
    AlsReference best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    try {
      for (double a : alphas) {
        for (double r : regParams) {
          AlsReference candidate = new AlsReference(base.rank(), base.maxIter(), r, a, base.seed());
          Dataset<Row> recs = candidate.recommend(spark, train, validation.train().items().ids(), users, config.depth()).cache();
          double score = new DistributedEvaluator(config).evaluate(spark, validation, recs, "mllib-als").get(metric).mean();
          recs.unpersist();
          scores.put("alpha=" + a + ",reg=" + r, score);
          if (score > bestScore) {
            bestScore = score;
            best = candidate;
          }
        }
      }
    } finally {
      train.unpersist();
    }
    if (best == null) {
      throw new IllegalArgumentException("the grid is empty: alphas=" + alphas + ", regParams=" + regParams);
    }
    return new Tuned(best, scores);
  }

  private static float[] floats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }
}

package dev.recsys.spark.eval;

import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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
   * @param spark the session
   * @param train {@code (user STRING, item STRING, ...)}; a pair seen n times has count n
   * @param itemIds the item dictionary (ALS needs integer ids; the index in this list is used)
   * @param users the listeners to recommend to
   * @param depth recommendations per listener
   * @return the recommendations table ({@link CooccurrenceItemKnn#RECOMMENDATIONS})
   */
  public Dataset<Row> recommend(SparkSession spark, Dataset<Row> train, List<String> itemIds, List<String> users, int depth) {
    Checks.inRange("depth", depth, 1, 10_000);
    List<Row> dict = new ArrayList<>(itemIds.size());
    for (int i = 0; i < itemIds.size(); i++) {
      dict.add(RowFactory.create(itemIds.get(i), i));
    }
    Dataset<Row> items = spark.createDataFrame(dict, new StructType()
        .add("item", DataTypes.StringType, false).add("item_index", DataTypes.IntegerType, false));
    // dense listener ids in ascending id order (a distributed sort, then zipWithIndex)
    org.apache.spark.api.java.JavaRDD<Row> userRows = train.select("user")
        .union(spark.createDataset(users, org.apache.spark.sql.Encoders.STRING()).toDF("user"))
        .distinct().orderBy("user").javaRDD().zipWithIndex()
        .map(e -> RowFactory.create(e._1().getString(0), Math.toIntExact(e._2())));
    Dataset<Row> userIndex = spark.createDataFrame(userRows, new StructType()
        .add("user", DataTypes.StringType, false).add("user_index", DataTypes.IntegerType, false));
    Dataset<Row> counts = train.groupBy("user", "item").count()
        .join(items, "item").join(userIndex, "user")
        .select(functions.col("user_index"), functions.col("item_index"), functions.col("count").cast("float").as("rating"));
    ALSModel model = new ALS().setImplicitPrefs(true).setRank(rank).setMaxIter(maxIter).setRegParam(regParam).setAlpha(alpha)
        .setSeed(seed).setUserCol("user_index").setItemCol("item_index").setRatingCol("rating").setColdStartStrategy("drop")
        .fit(counts);
    long longest = counts.groupBy("user_index").count().agg(functions.max("count")).first().getLong(0);
    Dataset<Row> wanted = spark.createDataset(users, org.apache.spark.sql.Encoders.STRING()).toDF("user").distinct().join(userIndex, "user");
    Dataset<Row> recs = model.recommendForUserSubset(wanted.select("user_index"), Math.toIntExact(depth + longest))
        .select(functions.col("user_index"), functions.posexplode(functions.col("recommendations")).as(new String[] {"pos", "rec"}))
        .select(functions.col("user_index"), functions.col("pos"), functions.col("rec.item_index").as("item_index"),
            functions.col("rec.rating").as("score"));
    Dataset<Row> unheard = recs.join(counts.select("user_index", "item_index"), new String[] {"user_index", "item_index"}, "left_anti");
    Dataset<Row> ranked = unheard.withColumn("rank", functions.row_number().over(
        org.apache.spark.sql.expressions.Window.partitionBy("user_index").orderBy(functions.col("pos"))).minus(1).cast("int"))
        .filter(functions.col("rank").lt(depth));
    return ranked.join(userIndex, "user_index").join(items, "item_index")
        .select(functions.col("user"), functions.col("rank"), functions.col("item"), functions.col("score").cast("float").as("score"));
  }
}

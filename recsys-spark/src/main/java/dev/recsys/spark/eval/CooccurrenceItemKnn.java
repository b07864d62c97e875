package dev.recsys.spark.eval;

import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Co-occurrence item-kNN on Spark: the single-machine {@code itemknn} baseline ({@code ItemKnnRecommender}) computed
 * with joins and aggregations, giving the same recommendations. Items i and j are similar by the cosine of their
 * binary listener columns, {@code |U_i ∩ U_j| / sqrt(|U_i| |U_j|)}; each item keeps its {@code neighbours} most
 * similar items (ties by the smaller index); a listener's score for j sums, in ascending order of history item, the
 * similarities of the history items that keep j. Ranking excludes the history; ties go to the more popular item,
 * then the smaller index; items without a score follow by popularity, so a listener without history gets the most
 * popular items, as on one machine.
 *
 * <p>Costs: the co-occurrence counts take {@code sum over listeners of |history|^2} pairs through one shuffle.
 * Items are dense indices (a dictionary); the popularity order of the first {@code depth + longest history} items
 * is broadcast to fill short lists.
 */
public final class CooccurrenceItemKnn {
  /** The recommendations table: {@code user STRING, rank INT, item STRING, score FLOAT}. */
  public static final StructType RECOMMENDATIONS = new StructType()
      .add("user", DataTypes.StringType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("item", DataTypes.StringType, false)
      .add("score", DataTypes.FloatType, false);

  private CooccurrenceItemKnn() {}

  /**
   * Recommends {@code depth} items to each listener of {@code users}.
   *
   * @param spark the session
   * @param train the training pairs {@code (user STRING, item STRING)} (other columns ignored; repeats count once)
   * @param itemIds the item dictionary: the index of each item id (ties and popularity order use it); every
   *     training item must be in it
   * @param users the listeners to recommend to (a listener absent from training gets the most popular items)
   * @param neighbours neighbours kept per item, in [1, 10000]
   * @param depth recommendations per listener, in [1, 10000]
   * @return the recommendations table
   */
  public static Dataset<Row> recommend(SparkSession spark, Dataset<Row> train, List<String> itemIds, List<String> users,
      int neighbours, int depth) {
    Checks.inRange("neighbours", neighbours, 1, 10_000);
    Checks.inRange("depth", depth, 1, 10_000);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
    List<Tuple2<String, Integer>> dict = new ArrayList<>(itemIds.size());
    for (int i = 0; i < itemIds.size(); i++) {
      dict.add(new Tuple2<>(itemIds.get(i), i));
    }
    JavaPairRDD<String, Integer> dictRdd = jsc.parallelizePairs(dict, partitions);
    // distinct (user, item index)
    JavaPairRDD<String, Integer> pairs = train.select("item", "user").javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getString(0), r.getString(1)))
        .join(dictRdd)
        .mapToPair(e -> new Tuple2<>(e._2()._1(), e._2()._2()))
        .distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());
    long joined = pairs.count();
    long distinctTrain = train.select("user", "item").distinct().count();
    if (joined != distinctTrain) {
      throw new IllegalArgumentException((distinctTrain - joined) + " training (user, item) pairs name items missing from the item dictionary");
    }
    // histories, sorted ascending
    JavaPairRDD<String, int[]> histories = pairs.groupByKey().mapValues(it -> {
      List<Integer> l = new ArrayList<>();
      it.forEach(l::add);
      return l.stream().mapToInt(Integer::intValue).sorted().toArray();
    }).persist(StorageLevel.MEMORY_AND_DISK());
    // degree (distinct listeners) of each item
    int numItems = itemIds.size();
    int[] degree = new int[numItems];
    pairs.values().countByValue().forEach((i, c) -> degree[i] = Math.toIntExact(c));
    Broadcast<int[]> degreeB = jsc.broadcast(degree);

    // co-occurrence counts -> similarities -> top neighbours per item
    JavaPairRDD<Integer, Tuple2<int[], float[]>> nbr = histories.values().flatMapToPair(h -> {
      List<Tuple2<Long, Integer>> out = new ArrayList<>(h.length * Math.max(0, h.length - 1));
      for (int a : h) {
        for (int b : h) {
          if (a != b) {
            // a * numItems + b: Long.hashCode of (a << 32 | b) would be a ^ b, which collides for small indices
            out.add(new Tuple2<>((long) a * numItems + b, 1));
          }
        }
      }
      return out.iterator();
    }).reduceByKey(Integer::sum).mapToPair(e -> {
      int i = (int) (e._1() / numItems);
      int j = (int) (e._1() % numItems);
      int[] d = degreeB.value();
      float s = (float) (e._2() / Math.sqrt((double) d[i] * d[j]));
      return new Tuple2<>(i, new Tuple2<>(j, s));
    }).groupByKey().mapValues(it -> {
      List<Tuple2<Integer, Float>> l = new ArrayList<>();
      it.forEach(l::add);
      // best first: higher similarity, then smaller index
      l.sort((x, y) -> x._2().equals(y._2()) ? Integer.compare(x._1(), y._1()) : Float.compare(y._2(), x._2()));
      List<Tuple2<Integer, Float>> keep = new ArrayList<>(l.subList(0, Math.min(neighbours, l.size())));
      keep.sort((x, y) -> Integer.compare(x._1(), y._1()));
      int[] j = new int[keep.size()];
      float[] s = new float[keep.size()];
      for (int x = 0; x < j.length; x++) {
        j[x] = keep.get(x)._1();
        s[x] = keep.get(x)._2();
      }
      return new Tuple2<>(j, s);
    });

    // popularity order, long enough to fill any list
    int longest = histories.values().map(h -> h.length).fold(0, Math::max);
    Integer[] order = new Integer[numItems];
    for (int i = 0; i < numItems; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> degree[a] != degree[b] ? Integer.compare(degree[b], degree[a]) : Integer.compare(a, b));
    int[] popular = new int[Math.min(numItems, depth + longest)];
    for (int i = 0; i < popular.length; i++) {
      popular[i] = order[i];
    }
    Broadcast<int[]> popularB = jsc.broadcast(popular);
    Broadcast<List<String>> idsB = jsc.broadcast(List.copyOf(itemIds));

    // contributions (user, (history item, neighbour, similarity)), summed per user in history order
    JavaPairRDD<String, Iterable<Tuple2<Integer, Tuple2<int[], float[]>>>> contributions = histories
        .flatMapToPair(e -> {
          List<Tuple2<Integer, String>> out = new ArrayList<>(e._2().length);
          for (int h : e._2()) {
            out.add(new Tuple2<>(h, e._1()));
          }
          return out.iterator();
        })
        .join(nbr)
        .mapToPair(e -> new Tuple2<>(e._2()._1(), new Tuple2<>(e._1(), e._2()._2())))
        .groupByKey();
    JavaPairRDD<String, Boolean> wanted = jsc.parallelize(users, partitions).distinct().mapToPair(u -> new Tuple2<>(u, true));
    JavaRDD<Row> rows = wanted.leftOuterJoin(histories).leftOuterJoin(contributions).flatMap(e -> {
      String user = e._1();
      int[] history = e._2()._1()._2().isPresent() ? e._2()._1()._2().get() : new int[0];
      int[] deg = degreeB.value();
      java.util.HashMap<Integer, Float> scores = new java.util.HashMap<>();
      if (e._2()._2().isPresent()) {
        List<Tuple2<Integer, Tuple2<int[], float[]>>> l = new ArrayList<>();
        e._2()._2().get().forEach(l::add);
        l.sort((a, b) -> Integer.compare(a._1(), b._1()));
        for (Tuple2<Integer, Tuple2<int[], float[]>> c : l) {
          int[] js = c._2()._1();
          float[] ss = c._2()._2();
          for (int x = 0; x < js.length; x++) {
            scores.merge(js[x], ss[x], Float::sum);
          }
        }
      }
      for (int h : history) {
        scores.remove(h);
      }
      List<Integer> scored = new ArrayList<>(scores.keySet());
      scored.sort((a, b) -> {
        float sa = scores.get(a);
        float sb = scores.get(b);
        if (sa != sb) {
          return Float.compare(sb, sa);
        }
        if (deg[a] != deg[b]) {
          return Integer.compare(deg[b], deg[a]);
        }
        return Integer.compare(a, b);
      });
      List<Row> out = new ArrayList<>(depth);
      List<String> ids = idsB.value();
      for (int i = 0; i < scored.size() && out.size() < depth; i++) {
        int item = scored.get(i);
        out.add(RowFactory.create(user, out.size(), ids.get(item), scores.get(item)));
      }
      if (out.size() < depth) {
        java.util.Set<Integer> skip = new java.util.HashSet<>(scores.keySet());
        for (int h : history) {
          skip.add(h);
        }
        for (int item : popularB.value()) {
          if (out.size() >= depth) {
            break;
          }
          if (!skip.contains(item)) {
            // no history: the single-machine fallback scores by popularity; otherwise an unscored item has score 0
            float s = history.length == 0 ? (float) deg[item] : 0f;
            out.add(RowFactory.create(user, out.size(), ids.get(item), s));
          }
        }
      }
      return out.iterator();
    });
    Dataset<Row> result = spark.createDataFrame(rows, RECOMMENDATIONS);
    return result;
  }
}

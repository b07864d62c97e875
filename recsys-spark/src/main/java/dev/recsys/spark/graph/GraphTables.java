package dev.recsys.spark.graph;

import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.spark.io.IndexedVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The similarity graph in its two outputs: the single-machine graph file ({@link SimilarityGraph}, which the smart
 * shuffle loads) and a Parquet table pair that scales past one machine's memory.
 *
 * <p>Parquet layout under one directory: {@code tracks/} with {@code (index INT, id STRING)}, one row per track,
 * and {@code edges/} with {@code (index INT, rank INT, neighbour INT, weight FLOAT, id STRING, neighbour_id STRING)},
 * one row per directed edge, {@code rank} 0 for the nearest neighbour.
 */
public final class GraphTables {
  /** Schema of the {@code tracks} table. */
  public static final StructType TRACKS = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("id", DataTypes.StringType, false);

  /** Schema of the {@code edges} table. */
  public static final StructType EDGES = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("neighbour", DataTypes.IntegerType, false)
      .add("weight", DataTypes.FloatType, false)
      .add("id", DataTypes.StringType, false)
      .add("neighbour_id", DataTypes.StringType, false);

  private GraphTables() {}

  /**
   * The track ids in row order (collected on the driver).
   *
   * @param vectors the indexed vectors
   * @return id of row 0, 1, ...
   */
  public static List<String> ids(JavaRDD<IndexedVector> vectors) {
    List<Tuple2<Integer, String>> pairs = new ArrayList<>(vectors.map(v -> new Tuple2<>(v.row(), v.id())).collect());
    pairs.sort((a, b) -> Integer.compare(a._1(), b._1()));
    List<String> ids = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      if (pairs.get(i)._1() != i) {
        throw new IllegalArgumentException("rows must be 0.." + (pairs.size() - 1) + "; row " + i + " is missing");
      }
      ids.add(pairs.get(i)._2());
    }
    return ids;
  }

  /**
   * Collects the edges into a single-machine graph (the driver holds {@code tracks x k} edges).
   *
   * @param edges the neighbours keyed by row
   * @param ids the id of every row
   * @param k the k the graph was built with (recorded in its configuration)
   * @return the graph
   */
  public static SimilarityGraph toSimilarityGraph(JavaPairRDD<Integer, Neighbours> edges, List<String> ids, int k) {
    int n = ids.size();
    Neighbours[] byRow = new Neighbours[n];
    for (Map.Entry<Integer, Neighbours> e : edges.collectAsMap().entrySet()) {
      byRow[e.getKey()] = e.getValue();
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + (byRow[i] == null ? 0 : byRow[i].size());
    }
    int[] nb = new int[offsets[n]];
    float[] w = new float[offsets[n]];
    for (int i = 0; i < n; i++) {
      if (byRow[i] != null) {
        System.arraycopy(byRow[i].rows(), 0, nb, offsets[i], byRow[i].size());
        System.arraycopy(byRow[i].weights(), 0, w, offsets[i], byRow[i].size());
      }
    }
    return new SimilarityGraph(ids, offsets, nb, w, new SimilarityGraphConfig(k, false, 1, 1024));
  }

  /**
   * Writes the graph as the {@code tracks} and {@code edges} Parquet tables under {@code path} (replacing them).
   *
   * @param spark the session
   * @param edges the neighbours keyed by row
   * @param vectors the indexed vectors (for the ids)
   * @param path the directory
   */
  public static void writeParquet(SparkSession spark, JavaPairRDD<Integer, Neighbours> edges, JavaRDD<IndexedVector> vectors,
      String path) {
    JavaPairRDD<Integer, String> ids = vectors.mapToPair(v -> new Tuple2<>(v.row(), v.id()));
    spark.createDataFrame(ids.map(t -> RowFactory.create(t._1(), t._2())), TRACKS)
        .write().mode(SaveMode.Overwrite).parquet(path + "/tracks");
    // one row per edge, keyed by the neighbour so a second join adds the neighbour's id
    JavaRDD<Row> rows = edges.join(ids).flatMap(e -> {
      Neighbours nb = e._2()._1();
      List<Tuple2<Integer, Object[]>> out = new ArrayList<>(nb.size());
      for (int r = 0; r < nb.size(); r++) {
        out.add(new Tuple2<>(nb.rows()[r], new Object[] {e._1(), r, nb.rows()[r], nb.weights()[r], e._2()._2()}));
      }
      return out.iterator();
    }).mapToPair(t -> t).join(ids).map(t -> {
      Object[] f = t._2()._1();
      return RowFactory.create(f[0], f[1], f[2], f[3], f[4], t._2()._2());
    });
    spark.createDataFrame(rows, EDGES).sortWithinPartitions("index", "rank")
        .write().mode(SaveMode.Overwrite).parquet(path + "/edges");
  }

  /**
   * Reads a graph written by {@link #writeParquet} into a single-machine graph (on the driver).
   *
   * @param spark the session
   * @param path the directory
   * @param k the k recorded in the graph's configuration
   * @return the graph
   * @throws IllegalArgumentException when the tables are inconsistent
   */
  public static SimilarityGraph readParquet(SparkSession spark, String path, int k) {
    List<Row> tracks = spark.read().parquet(path + "/tracks").select("index", "id").collectAsList();
    String[] ids = new String[tracks.size()];
    for (Row r : tracks) {
      int i = r.getInt(0);
      if (i < 0 || i >= ids.length || ids[i] != null) {
        throw new IllegalArgumentException(path + "/tracks: index must hold 0.." + (ids.length - 1) + " once each; got " + i);
      }
      ids[i] = r.getString(1);
    }
    List<Row> edgeRows = spark.read().parquet(path + "/edges").select("index", "rank", "neighbour", "weight")
        .orderBy("index", "rank").collectAsList();
    int n = ids.length;
    int[] offsets = new int[n + 1];
    for (Row r : edgeRows) {
      offsets[r.getInt(0) + 1]++;
    }
    for (int i = 0; i < n; i++) {
      offsets[i + 1] += offsets[i];
    }
    int[] nb = new int[edgeRows.size()];
    float[] w = new float[edgeRows.size()];
    int e = 0;
    for (Row r : edgeRows) {
      nb[e] = r.getInt(2);
      w[e++] = r.getFloat(3);
    }
    return new SimilarityGraph(Arrays.asList(ids), offsets, nb, w, new SimilarityGraphConfig(k, false, 1, 1024));
  }
}

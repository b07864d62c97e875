package dev.recsys.spark.io;

import dev.recsys.core.io.TrackVectors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Track vectors as a Spark table: {@code (index INT, id STRING, vector ARRAY<FLOAT>)}, in Parquet or from the
 * single-machine {@code track-vectors.rsm} file. The {@code index} column is the dense row of each track (its index in
 * the similarity graph and the catalogue): the file order for a table converted from an {@code .rsm} file. A table
 * without it (written by other tools: {@code id} and {@code vector} only) gets rows in ascending id order, so rows
 * never depend on how the table's files are laid out.
 */
public final class VectorTables {
  /** The table schema: {@code index INT NOT NULL, id STRING NOT NULL, vector ARRAY<FLOAT> NOT NULL}. */
  public static final StructType SCHEMA = new StructType()
      .add("index", DataTypes.IntegerType, false)
      .add("id", DataTypes.StringType, false)
      .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private VectorTables() {}

  /**
   * The vectors of a single-machine file, spread over {@code partitions}.
   *
   * @param jsc the Spark context
   * @param vectors the vectors
   * @param partitions the number of partitions
   * @return one element per vector, rows in file order
   */
  public static JavaRDD<IndexedVector> of(JavaSparkContext jsc, TrackVectors vectors, int partitions) {
    List<IndexedVector> list = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      list.add(new IndexedVector(i, vectors.ids().get(i), vectors.vector(i)));
    }
    return jsc.parallelize(list, partitions);
  }

  /**
   * The table of a single-machine file.
   *
   * @param spark the session
   * @param vectors the vectors
   * @param partitions the number of partitions
   * @return the table, in file order
   */
  public static Dataset<Row> toTable(SparkSession spark, TrackVectors vectors, int partitions) {
    List<Row> rows = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.vector(i);
      Float[] boxed = new Float[v.length];
      for (int c = 0; c < v.length; c++) {
        boxed[c] = v[c];
      }
      rows.add(RowFactory.create(i, vectors.ids().get(i), boxed));
    }
    return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  /**
   * Dense rows for a table of vectors: its {@code index} column when it has one (checked to be {@code 0..n-1}, each
   * once), else ascending id order. Ids must be distinct.
   *
   * @param table a table with columns {@code id} and {@code vector}, and optionally {@code index}
   * @return one element per row
   * @throws IllegalArgumentException when a column is missing, an id repeats or the index column is not dense
   */
  public static JavaRDD<IndexedVector> indexed(Dataset<Row> table) {
    requireColumns(table, "id", "vector");
    boolean hasIndex = List.of(table.columns()).contains("index");
    Dataset<Row> dup = table.groupBy("id").count().filter("count > 1").limit(1);
    List<Row> dups = dup.collectAsList();
    if (!dups.isEmpty()) {
      throw new IllegalArgumentException("vector table: track ids must be distinct; '" + dups.get(0).get(0) + "' appears "
          + dups.get(0).getLong(1) + " times");
    }
    JavaRDD<Tuple2<Row, Long>> rows;
    if (hasIndex) {
      long n = table.count();
      Row range = table.agg(org.apache.spark.sql.functions.min("index"), org.apache.spark.sql.functions.max("index"),
          org.apache.spark.sql.functions.countDistinct("index")).first();
      if (n > 0 && (range.isNullAt(0) || ((Number) range.get(0)).longValue() != 0 || ((Number) range.get(1)).longValue() != n - 1
          || range.getLong(2) != n)) {
        throw new IllegalArgumentException("vector table: column 'index' must hold 0.." + (n - 1) + " once each; min="
            + range.get(0) + ", max=" + range.get(1) + ", distinct=" + range.get(2));
      }
      rows = table.select("id", "vector", "index").javaRDD().map(r -> new Tuple2<>(r, ((Number) r.get(2)).longValue()));
    } else {
      rows = table.select("id", "vector").orderBy("id").javaRDD().zipWithIndex().map(e -> new Tuple2<>(e._1(), e._2()));
    }
    return rows.map(e -> {
      Row r = e._1();
      if (r.isNullAt(0) || r.isNullAt(1)) {
        throw new IllegalArgumentException("vector table row " + e._2() + ": id and vector must not be null");
      }
      List<Object> list = r.getList(1);
      float[] v = new float[list.size()];
      for (int c = 0; c < v.length; c++) {
        Object x = list.get(c);
        if (x == null) {
          throw new IllegalArgumentException("vector table row " + e._2() + " (id '" + r.getString(0) + "'): component " + c
              + " is null");
        }
        v[c] = ((Number) x).floatValue();
      }
      return new IndexedVector(Math.toIntExact(e._2()), r.getString(0), v);
    });
  }

  /**
   * Collects a vector table into the single-machine vectors (rows as {@link #indexed} numbers them), for
   * {@code TrackVectors.save} and the single-machine index, graph and store.
   *
   * @param table a table with columns {@code id} and {@code vector}, and optionally {@code index}
   * @return the vectors, without metadata
   * @throws IllegalArgumentException when the vectors differ in dimension
   */
  public static TrackVectors toTrackVectors(Dataset<Row> table) {
    List<IndexedVector> rows = new ArrayList<>(indexed(table).collect());
    rows.sort((a, b) -> Integer.compare(a.row(), b.row()));
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("vector table is empty");
    }
    int d = rows.get(0).vector().length;
    float[] data = new float[Math.multiplyExact(rows.size(), d)];
    List<String> ids = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      IndexedVector v = rows.get(i);
      if (v.vector().length != d) {
        throw new IllegalArgumentException("every vector must have dimension " + d + "; track '" + v.id() + "' has " + v.vector().length);
      }
      System.arraycopy(v.vector(), 0, data, i * d, d);
      ids.add(v.id());
    }
    return new TrackVectors(ids, d, data, java.util.Collections.nCopies(ids.size(), dev.recsys.core.spi.Metadata.EMPTY));
  }

  /**
   * Reads a Parquet table of vectors.
   *
   * @param spark the session
   * @param path the table's directory
   * @return the table
   */
  public static Dataset<Row> readParquet(SparkSession spark, String path) {
    return spark.read().parquet(path);
  }

  /**
   * Writes a table of vectors as Parquet (replacing what is there).
   *
   * @param table the table
   * @param path the directory
   */
  public static void writeParquet(Dataset<Row> table, String path) {
    table.write().mode(SaveMode.Overwrite).parquet(path);
  }

  static void requireColumns(Dataset<Row> table, String... names) {
    List<String> have = List.of(table.columns());
    for (String n : names) {
      if (!have.contains(n)) {
        throw new IllegalArgumentException("table must have a column '" + n + "'; it has " + have);
      }
    }
  }
}

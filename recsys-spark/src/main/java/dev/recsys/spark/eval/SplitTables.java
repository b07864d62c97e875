package dev.recsys.spark.eval;

import dev.recsys.core.eval.Split;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interactions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A single-machine {@link Split} as Spark tables: the training interactions and the test listeners with their
 * held-out items, keyed by the split's ids.
 */
public final class SplitTables {
  /** {@code (user STRING, item STRING, weight DOUBLE)}: the training part. */
  public static final StructType TRAIN = new StructType()
      .add("user", DataTypes.StringType, false)
      .add("item", DataTypes.StringType, false)
      .add("weight", DataTypes.DoubleType, false);

  /** {@code (position INT, user STRING, held_out ARRAY<STRING>, seeds ARRAY<STRING>)}: one row per test listener. */
  public static final StructType TEST = new StructType()
      .add("position", DataTypes.IntegerType, false)
      .add("user", DataTypes.StringType, false)
      .add("held_out", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("seeds", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private SplitTables() {}

  /**
   * The training interactions of a split.
   *
   * @param spark the session
   * @param split the split
   * @param partitions the number of partitions
   * @return the table
   */
  public static Dataset<Row> train(SparkSession spark, Split split, int partitions) {
    Interactions t = split.train();
    List<Row> rows = new ArrayList<>(t.size());
    for (int r = 0; r < t.size(); r++) {
      rows.add(RowFactory.create(t.users().id(t.user(r)), t.items().id(t.item(r)), (double) t.weight(r)));
    }
    return spark.createDataFrame(rows, TRAIN).repartition(partitions);
  }

  /**
   * The test listeners of a split, in the split's order ({@code position}).
   *
   * @param spark the session
   * @param split the split
   * @param partitions the number of partitions
   * @return the table
   */
  public static Dataset<Row> test(SparkSession spark, Split split, int partitions) {
    IdIndex users = split.data().users();
    IdIndex items = split.data().items();
    List<Row> rows = new ArrayList<>(split.numTestUsers());
    for (int p = 0; p < split.numTestUsers(); p++) {
      rows.add(RowFactory.create(p, users.id(split.testUser(p)), ids(items, split.heldOut(p)), ids(items, split.seeds(p))));
    }
    return spark.createDataFrame(rows, TEST).repartition(partitions);
  }

  private static String[] ids(IdIndex index, int[] items) {
    String[] out = new String[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = index.id(items[i]);
    }
    return out;
  }
}

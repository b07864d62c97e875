package dev.recsys.spark.embed;

import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.EmbedderPlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Embeds a tracks table with a model directory's fitted feature pipeline ({@code features.rsm}) and embedder
 * ({@code embedder.rsm}, any {@link EmbedderPlugin}'s model, found by its provider name on the executors' class
 * path). Both files go to the executors with {@code SparkContext.addFile}; each executor JVM loads them once and
 * every partition runs the single-machine {@code FittedFeatures.transform} and {@code EmbeddingModel.embedAll} on
 * batches of tracks, so each vector equals the single-machine one.
 *
 * <p>The output is a vector table {@code (id STRING, vector ARRAY<FLOAT>)} ({@code VectorTables}): the graph job's
 * input, and through {@code VectorTables.toTrackVectors} the single-machine {@code track-vectors.rsm}.
 */
public final class EmbedJob {
  /** The output schema: {@code id STRING, vector ARRAY<FLOAT>}. */
  public static final StructType VECTORS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
  private static final Map<String, FittedFeatures> FEATURES = new ConcurrentHashMap<>();

  private record Loaded(FittedFeatures features, EmbeddingModel model) {}

  private EmbedJob() {}

  /**
   * Embeds every track of the table.
   *
   * @param spark the session
   * @param tracks a tracks table ({@code DatasetReader.TRACKS} columns)
   * @param featuresFile the fitted feature pipeline file
   * @param embedderFile the embedder model file
   * @param batch tracks per {@code embedAll} call, at least 1
   * @return the vector table
   * @throws IOException if a model file cannot be read on the driver (checked before the job starts)
   */
  public static Dataset<Row> embed(SparkSession spark, Dataset<Row> tracks, Path featuresFile, Path embedderFile, int batch)
      throws IOException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1; batch=" + batch);
    }
    // fail early, on the driver, with the single-machine loaders' messages
    Loaded checked = load(featuresFile.toString(), embedderFile.toString());
    if (checked.features().dimension() != checked.model().inputDimension()) {
      throw new IllegalArgumentException("the embedder " + embedderFile + " takes " + checked.model().inputDimension()
          + " features but the feature pipeline " + featuresFile + " gives " + checked.features().dimension());
    }
    // shipped under content-addressed names: a session may embed with several models whose files share a name
    String f = ship(spark, featuresFile);
    String e = ship(spark, embedderFile);
    JavaRDD<Row> rows = tracks.javaRDD().mapPartitions(it -> new TrackBatches(it, embedder(load(SparkFiles.get(f), SparkFiles.get(e))), batch));
    return spark.createDataFrame(rows, VECTORS);
  }

  /** Ships a file to the executors under a content-addressed name; returns the name for {@code SparkFiles.get}. */
  static String ship(SparkSession spark, Path file) throws IOException {
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    String hash;
    try {
      hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException ex) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
    }
    String name = hash + "-" + file.getFileName();
    Path dir = java.nio.file.Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "recsys-spark-models"));
    Path copy = dir.resolve(name);
    if (!java.nio.file.Files.exists(copy)) {
      Path tmp = java.nio.file.Files.createTempFile(dir, name, ".tmp");
      java.nio.file.Files.write(tmp, bytes);
      java.nio.file.Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    spark.sparkContext().addFile(copy.toString());
    return name;
  }

  /** A fitted pipeline file, loaded once per executor JVM. */
  static FittedFeatures loadFeatures(String features) throws IOException {
    FittedFeatures f = FEATURES.get(features);
    if (f == null) {
      f = FittedFeatures.load(Path.of(features));
      FEATURES.put(features, f);
    }
    return f;
  }

  /** A float array as the boxed array of a Spark {@code ARRAY<FLOAT>} cell. */
  /** The features-then-embedder transform of a loaded model pair. */
  private static java.util.function.Function<List<Track>, FeatureMatrix> embedder(Loaded l) {
    return tracks -> l.model().embedAll(l.features().transform(tracks));
  }

  static Float[] boxed(float[] row) {
    Float[] boxed = new Float[row.length];
    for (int c = 0; c < row.length; c++) {
      boxed[c] = row[c];
    }
    return boxed;
  }

  private static Loaded load(String features, String embedder) throws IOException {
    String key = features + "\n" + embedder;
    Loaded l = LOADED.get(key);
    if (l == null) {
      FittedFeatures ff = FittedFeatures.load(Path.of(features));
      ModelContainer c = ModelContainer.readFrom(Path.of(embedder));
      EmbeddingModel m = PluginRegistry.load(EmbedderPlugin.class).get(c.provider()).load(c);
      l = new Loaded(ff, m);
      LOADED.put(key, l);
    }
    return l;
  }
}

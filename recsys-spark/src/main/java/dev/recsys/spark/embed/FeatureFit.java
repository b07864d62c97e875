package dev.recsys.spark.embed;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FeatureStatistics;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.features.TrackCounts;
import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.Track;
import dev.recsys.spark.io.TrackRows;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The feature-pipeline fit as distributed aggregations, and the transform in {@code mapPartitions}.
 *
 * <p>{@link #fit} computes the statistics of the single-machine {@link FeaturePipeline#fit} over a tracks table in
 * three passes over the tracks plus one sort: (1) counts, the reference year, missing values, time signatures and
 * genre document frequencies; (2) per numeric column the present values' count and sum, and, for median imputation,
 * the exact medians (a distributed sort of the present values, the middle ranks picked by index); (3) the sums of
 * squared deviations from the filled means and the tracks without a kept genre. The driver builds the
 * {@link FittedFeatures} with {@link FeaturePipeline#fromStatistics}, the code of the single-machine fit, so the
 * vocabularies, IDF weights and missing counts are equal and the fill values, means and standard deviations equal the
 * single-machine ones up to the order of the floating-point sums (well within 1e-6). The data fingerprint streams
 * the ids to the driver in table order, as the single-machine fit hashes its list.
 *
 * <p>{@link #transform} ships the fitted pipeline file to the executors and runs the single-machine
 * {@link FittedFeatures#transform(List)} on batches of each partition.
 */
public final class FeatureFit {
  /** The transform's output: {@code id STRING, vector ARRAY<FLOAT>} (the vector table of {@link EmbedJob}). */
  public static final StructType FEATURES = EmbedJob.VECTORS;

  private FeatureFit() {}

  /** Per numeric column sums; pass 2 (present values) and pass 3 (squared deviations, tracks without kept genre). */
  private static final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] present;
    final double[] sum;
    long withoutKeptGenre;

    Sums(int columns) {
      present = new long[columns];
      sum = new double[columns];
    }

    Sums merge(Sums o) {
      for (int k = 0; k < sum.length; k++) {
        present[k] += o.present[k];
        sum[k] += o.sum[k];
      }
      withoutKeptGenre += o.withoutKeptGenre;
      return this;
    }
  }

  /**
   * Fits the feature pipeline on every track of a tracks table.
   *
   * @param spark the session
   * @param tracks a tracks table ({@code DatasetReader.TRACKS} columns)
   * @param config the feature configuration
   * @return the fitted pipeline, as {@code new FeaturePipeline(config).fit(tracks)} on one machine
   * @throws IllegalArgumentException if the table has no tracks
   */
  public static FittedFeatures fit(SparkSession spark, Dataset<Row> tracks, FeatureConfig config) {
    return new FeaturePipeline(config).fromStatistics(statistics(spark, tracks, config));
  }

  /**
   * The statistics of {@link #fit}, computed in distributed aggregations.
   *
   * @param spark the session
   * @param tracks a tracks table
   * @param config the feature configuration
   * @return the statistics
   * @throws IllegalArgumentException if the table has no tracks
   */
  public static FeatureStatistics statistics(SparkSession spark, Dataset<Row> tracks, FeatureConfig config) {
    Objects.requireNonNull(config, "config");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FeaturePipeline pipeline = new FeaturePipeline(config);
    int columns = pipeline.numericColumns().size();
    JavaRDD<Row> rows = tracks.javaRDD();

    TrackCounts counts = rows.treeAggregate(new TrackCounts(), (c, r) -> c.add(TrackRows.toTrack(r)), TrackCounts::merge);
    if (counts.rows() == 0) {
      throw new IllegalArgumentException("cannot fit features on 0 tracks");
    }
    int referenceYear = counts.referenceYear();
    long n = counts.rows();

    // pass 2: present values per column
    Sums present = rows.treeAggregate(new Sums(columns), (s, r) -> {
      double[] raw = pipeline.rawNumeric(TrackRows.toTrack(r), referenceYear);
      for (int k = 0; k < columns; k++) {
        if (!Double.isNaN(raw[k])) {
          s.present[k]++;
          s.sum[k] += raw[k];
        }
      }
      return s;
    }, Sums::merge);
    double[] fill = new double[columns];
    if (config.imputation() == FeatureConfig.Imputation.MEAN) {
      for (int k = 0; k < columns; k++) {
        fill[k] = present.present[k] == 0 ? 0 : present.sum[k] / present.present[k];
      }
    } else {
      fill = medians(spark, rows, pipeline, referenceYear, present.present);
    }
    double[] mean = new double[columns];
    long[] missing = new long[columns];
    for (int k = 0; k < columns; k++) {
      missing[k] = n - present.present[k];
      mean[k] = (present.sum[k] + missing[k] * fill[k]) / n;
    }

    // pass 3: squared deviations from the filled means; tracks without a kept genre
    Set<String> vocabulary = new HashSet<>(pipeline.genreVocabulary(counts.documentFrequency()));
    Broadcast<Set<String>> vocabularyB = jsc.broadcast(vocabulary);
    double[] fillF = fill;
    boolean genres = config.genres();
    Sums squares = rows.treeAggregate(new Sums(columns), (s, r) -> {
      Track t = TrackRows.toTrack(r);
      double[] raw = pipeline.rawNumeric(t, referenceYear);
      for (int k = 0; k < columns; k++) {
        double d = (Double.isNaN(raw[k]) ? fillF[k] : raw[k]) - mean[k];
        s.sum[k] += d * d;
      }
      if (genres && t.genres().stream().noneMatch(vocabularyB.value()::contains)) {
        s.withoutKeptGenre++;
      }
      return s;
    }, Sums::merge);
    double[] sd = new double[columns];
    for (int k = 0; k < columns; k++) {
      sd[k] = FeaturePipeline.standardDeviation(squares.sum[k], n);
    }

    // the fingerprint hashes the count and the ids in table order, as the single-machine fit does with its list
    Fingerprint fp = new Fingerprint().add(Math.toIntExact(n));
    Iterator<Row> ids = tracks.select("id").toLocalIterator();
    while (ids.hasNext()) {
      fp.add(ids.next().getString(0));
    }
    return new FeatureStatistics(n, referenceYear, fill, mean, sd, missing,
        counts.meters(), counts.documentFrequency(), counts.keyMissing(), counts.modeMissing(),
        counts.timeSignatureMissing(), counts.moodMissing(), squares.withoutKeptGenre, fp.value());
  }

  /**
   * Exact medians of the present values of every column: one distributed sort of {@code (column, value)}, then the
   * middle one or two ranks of each column picked by their global index (the mean of the two middle values for an
   * even count, as on one machine).
   */
  private static double[] medians(SparkSession spark, JavaRDD<Row> rows, FeaturePipeline pipeline, int referenceYear,
      long[] present) {
    int columns = present.length;
    long[] offset = new long[columns];
    long at = 0;
    Set<Long> wanted = new HashSet<>();
    for (int k = 0; k < columns; k++) {
      offset[k] = at;
      if (present[k] > 0) {
        wanted.add(at + (present[k] - 1) / 2);
        wanted.add(at + present[k] / 2);
      }
      at += present[k];
    }
    double[] fill = new double[columns];
    if (wanted.isEmpty()) {
      return fill;
    }
    JavaRDD<Row> values = rows.flatMap(r -> {
      double[] raw = pipeline.rawNumeric(TrackRows.toTrack(r), referenceYear);
      List<Row> out = new ArrayList<>(raw.length);
      for (int k = 0; k < raw.length; k++) {
        if (!Double.isNaN(raw[k])) {
          out.add(RowFactory.create(k, raw[k]));
        }
      }
      return out.iterator();
    });
    StructType schema = new StructType().add("column", DataTypes.IntegerType, false).add("value", DataTypes.DoubleType, false);
    Broadcast<Set<Long>> wantedB = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(wanted);
    Map<Long, Double> picked = new HashMap<>();
    for (Tuple2<Row, Long> e : spark.createDataFrame(values, schema).orderBy("column", "value").javaRDD().zipWithIndex()
        .filter(e -> wantedB.value().contains(e._2())).collect()) {
      picked.put(e._2(), e._1().getDouble(1));
    }
    for (int k = 0; k < columns; k++) {
      long c = present[k];
      if (c == 0) {
        continue;
      }
      double lo = picked.get(offset[k] + (c - 1) / 2);
      double hi = picked.get(offset[k] + c / 2);
      fill[k] = c % 2 == 1 ? lo : (lo + hi) / 2;
    }
    return fill;
  }

  /**
   * Transforms every track of a tracks table with a fitted pipeline: the pipeline goes to the executors as its
   * saved file, and each partition runs the single-machine {@link FittedFeatures#transform(List)} on batches.
   *
   * @param spark the session
   * @param tracks a tracks table
   * @param features the fitted pipeline
   * @param batch tracks per transform call, at least 1
   * @return {@code (id, vector)} per track, the single-machine rows bit for bit
   * @throws IOException if the pipeline cannot be written for shipping
   */
  public static Dataset<Row> transform(SparkSession spark, Dataset<Row> tracks, FittedFeatures features, int batch)
      throws IOException {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1; batch=" + batch);
    }
    Path tmp = Files.createTempFile("recsys-features", ".rsm");
    try {
      features.save(tmp);
      String name = EmbedJob.ship(spark, tmp);
      JavaRDD<Row> out = tracks.javaRDD().mapPartitions(it -> new TrackBatches(it, EmbedJob.loadFeatures(SparkFiles.get(name))::transform, batch));
      return spark.createDataFrame(out, FEATURES);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

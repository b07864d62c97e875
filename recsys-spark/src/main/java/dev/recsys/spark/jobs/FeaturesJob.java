package dev.recsys.spark.jobs;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FitReport;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.spark.embed.FeatureFit;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code features}: fits the feature pipeline on a tracks table in distributed aggregations, writes the
 * single-machine {@code features.rsm}, and optionally the feature table (the transform, on the executors).
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Fit the feature pipeline on a tracks table (from 'read') as distributed aggregations; write "
        + "features.rsm (as 'recsys embed' does) and, with --out, the transformed feature table.")
public final class FeaturesJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", required = true, paramLabel = "DIR", description = "Parquet tracks table (from 'read')")
  String tracks;

  @Option(names = "--config", defaultValue = "audio-and-metadata",
      description = "audio-and-metadata (what 'recsys embed' fits) or defaults (every feature, TF-IDF genres) (default ${DEFAULT-VALUE})")
  String config;

  @Option(names = "--out-model", required = true, paramLabel = "FILE", description = "The fitted pipeline (features.rsm)")
  Path outModel;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write the feature table (id, vector) as Parquet")
  String out;

  @Option(names = "--batch", defaultValue = "4096", description = "Tracks per transform call (default ${DEFAULT-VALUE})")
  int batch;

  /** Creates the command. */
  public FeaturesJob() {}

  @Override
  public Integer call() throws Exception {
    FeatureConfig c = switch (config) {
      case "audio-and-metadata" -> FeatureConfig.audioAndMetadata();
      case "defaults" -> FeatureConfig.defaults();
      default -> throw new IllegalArgumentException("unknown --config '" + config + "'; available: audio-and-metadata, defaults");
    };
    SparkSession spark = session("features");
    try {
      Dataset<Row> table = spark.read().parquet(tracks);
      FittedFeatures f = FeatureFit.fit(spark, table, c);
      f.save(outModel);
      Map<String, Object> o = new LinkedHashMap<>();
      FitReport r = f.report();
      o.put("tracks", r.rows());
      o.put("dimension", f.dimension());
      o.put("referenceYear", r.referenceYear());
      o.put("genresKept", r.genresKept());
      o.put("imputedValues", r.imputedValues());
      o.put("numeric", r.numeric().stream().map(n -> List.of(n.name(), n.fill(), n.mean(), n.sd())).toList());
      o.put("model", outModel.toString());
      if (out != null) {
        VectorTables.writeParquet(FeatureFit.transform(spark, table, f, batch), out);
        o.put("parquet", out);
      }
      printJson(spec.commandLine().getOut(), o);
      return 0;
    } finally {
      finish(spark);
    }
  }
}

package dev.recsys.spark.jobs;

import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.spark.embed.EmbedJob;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code embed}: a tracks table through a model directory's feature pipeline and embedder, on the executors. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed a tracks table (from 'read') with a model directory's features.rsm and embedder.rsm (from "
        + "'recsys embed'); the embedder's plugin (recsys-embedding for pca-autoencoder) must be on the class path.")
public final class EmbedTracksJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory of 'recsys embed'")
  Path model;

  @Option(names = "--tracks", required = true, paramLabel = "DIR", description = "Parquet tracks table (from 'read')")
  String tracks;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output Parquet vector table (id, vector)")
  String out;

  @Option(names = "--out-file", paramLabel = "FILE",
      description = "Also collect the vectors into a single-machine track-vectors.rsm (rows in id order)")
  Path outFile;

  @Option(names = "--batch", defaultValue = "4096", description = "Tracks per embedding call (default ${DEFAULT-VALUE})")
  int batch;

  /** Creates the command. */
  public EmbedTracksJob() {}

  @Override
  public Integer call() throws Exception {
    ModelDirectory dir = new ModelDirectory(model);
    SparkSession spark = session("embed");
    try {
      Dataset<Row> vectors = EmbedJob.embed(spark, spark.read().parquet(tracks), dir.require(dir.features(), "recsys embed"),
          dir.require(dir.embedder(), "recsys embed"), batch);
      VectorTables.writeParquet(vectors, out);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("parquet", out);
      if (outFile != null) {
        TrackVectors v = VectorTables.toTrackVectors(spark.read().parquet(out));
        v.withProvenance(Provenance.now(0, "spark:" + tracks)).save(outFile);
        o.put("file", outFile.toString());
        o.put("vectors", v.size());
        o.put("dimension", v.dimension());
      }
      printJson(spec.commandLine().getOut(), o);
      return 0;
    } finally {
      finish(spark);
    }
  }
}

package dev.recsys.spark.jobs;

import dev.recsys.core.io.TrackVectors;
import dev.recsys.spark.io.VectorTables;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vectors}: a single-machine vector file to a Parquet vector table. */
@Command(name = "vectors", mixinStandardHelpOptions = true,
    description = "Convert track-vectors.rsm (from 'recsys embed') into a Parquet vector table (index, id, vector).")
public final class VectorsJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--vectors", required = true, paramLabel = "FILE", description = "track-vectors.rsm")
  Path vectors;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output Parquet directory")
  String out;

  @Option(names = "--partitions", defaultValue = "4", description = "Output files (default ${DEFAULT-VALUE})")
  int partitions;

  /** Creates the command. */
  public VectorsJob() {}

  @Override
  public Integer call() throws Exception {
    SparkSession spark = session("vectors");
    try {
      TrackVectors v = TrackVectors.load(vectors);
      VectorTables.writeParquet(VectorTables.toTable(spark, v, partitions), out);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("vectors", v.size());
      o.put("dimension", v.dimension());
      o.put("parquet", out);
      printJson(spec.commandLine().getOut(), o);
      return 0;
    } finally {
      finish(spark);
    }
  }
}

package dev.recsys.spark.jobs;

import dev.recsys.core.data.ReadOptions;
import dev.recsys.spark.io.DatasetReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code read}: a data set to Parquet tables, with the single-machine readers' validation and skip accounting. */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Read a data set (one task per file) into Parquet tables tracks/, playlists/, events/, interactions/.")
public final class ReadJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "KIND:PATH",
      description = "A data specification of the single-machine readers; PATH may be a directory of part files")
  String dataset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory of the Parquet tables")
  String out;

  @Option(names = "--strict", description = "Fail on the first bad row (naming file and line) instead of skipping it")
  boolean strict;

  /** Creates the command. */
  public ReadJob() {}

  @Override
  public Integer call() throws Exception {
    SparkSession spark = session("read");
    try {
      DatasetReader.Tables t = DatasetReader.read(spark, dataset, strict ? ReadOptions.STRICT : ReadOptions.LENIENT);
      t.writeParquet(out);
      PrintWriter pw = spec.commandLine().getOut();
      printJson(pw, t.summary());
      return 0;
    } finally {
      finish(spark);
    }
  }
}

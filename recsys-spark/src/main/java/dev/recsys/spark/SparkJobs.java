package dev.recsys.spark;

import dev.recsys.spark.jobs.EmbedTracksJob;
import dev.recsys.spark.jobs.EvaluateJob;
import dev.recsys.spark.jobs.FeaturesJob;
import dev.recsys.spark.jobs.StoreJob;
import dev.recsys.spark.jobs.GraphJob;
import dev.recsys.spark.jobs.ReadJob;
import dev.recsys.spark.jobs.ScaleJob;
import dev.recsys.spark.jobs.SimulateJob;
import dev.recsys.spark.jobs.VectorsJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spark-submit} main class of the job jar and of the local launcher ({@code recsys-spark/bin/recsys-spark},
 * {@code ./recsys spark JOB}): one sub-command per job. Under {@code spark-submit} the master comes from its
 * {@code --master}; run directly, a job takes {@code --master} (default {@code local[*]}).
 */
@Command(name = "recsys-spark", mixinStandardHelpOptions = true,
    description = "recsys batch jobs on Apache Spark.",
    subcommands = {ReadJob.class, VectorsJob.class, FeaturesJob.class, EmbedTracksJob.class, StoreJob.class, GraphJob.class, EvaluateJob.class, SimulateJob.class, ScaleJob.class})
public final class SparkJobs {
  private SparkJobs() {}

  /**
   * Runs one job and exits with its status (0 on success).
   *
   * @param args the job name and its options
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs one job.
   *
   * @param args the job name and its options
   * @return the exit status
   */
  public static int run(String... args) {
    return new CommandLine(new SparkJobs()).execute(args);
  }

  /**
   * Runs one job writing to the given streams.
   *
   * @param out standard output (the job's JSON summary)
   * @param err standard error (usage and failure messages)
   * @param args the job name and its options
   * @return the exit status
   */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new SparkJobs());
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }
}

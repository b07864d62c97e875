package dev.recsys.spark.jobs;

import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.spark.simulation.SimulationJob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: simulated listeners on a synthetic world, partitioned by listener, and the choice model fit. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate listeners walking the smart shuffle on a synthetic world (partitioned by listener, the same "
        + "data for a seed whatever the partitioning), write the choice sets and fit the choice model on them.")
public final class SimulateJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", defaultValue = "5000", description = "Tracks of the world (default ${DEFAULT-VALUE})")
  int tracks;

  @Option(names = "--clusters", defaultValue = "12", description = "Taste clusters (default ${DEFAULT-VALUE})")
  int clusters;

  @Option(names = "--listeners", defaultValue = "1000", description = "Listeners (default ${DEFAULT-VALUE})")
  int listeners;

  @Option(names = "--sessions", defaultValue = "5", description = "Sessions per listener (default ${DEFAULT-VALUE})")
  int sessions;

  @Option(names = "--length", defaultValue = "20", description = "Tracks per session (default ${DEFAULT-VALUE})")
  int length;

  @Option(names = "--partitions", defaultValue = "8", description = "Listener partitions (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Write the choice sets as Parquet")
  String out;

  @Option(names = "--no-fit", description = "Do not fit the choice model on the driver")
  boolean noFit;

  /** Creates the command. */
  public SimulateJob() {}

  @Override
  public Integer call() throws Exception {
    SoftmaxWalkConfig walk = SoftmaxWalkConfig.builder().unconstrained().build();
    SimulationJob job = new SimulationJob(tracks, clusters, 10, 16, 20, 1.0, walk.weightArray(), seed);
    SparkSession spark = session("simulate");
    try {
      Dataset<Row> choices = job.run(spark, listeners, sessions, length, partitions).cache();
      if (out != null) {
        choices.write().mode(SaveMode.Overwrite).parquet(out);
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("listeners", listeners);
      o.put("rows", choices.count());
      List<String> names = job.featureNames();
      o.put("features", names);
      o.put("trueWeights", walk.weightArray());
      if (!noFit) {
        ChoiceData data = SimulationJob.toChoiceData(choices, names);
        ChoiceModel model = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(data);
        o.put("choiceSets", data.size());
        o.put("fittedWeights", model.weights());
      }
      printJson(spec.commandLine().getOut(), o);
      return 0;
    } finally {
      finish(spark);
    }
  }
}

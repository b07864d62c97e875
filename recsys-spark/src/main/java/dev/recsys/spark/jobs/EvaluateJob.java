package dev.recsys.spark.jobs;

import dev.recsys.core.eval.CohortGroup;
import dev.recsys.core.eval.Cohorts;
import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.ItemGrouping;
import dev.recsys.core.eval.UserGrouping;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.spark.eval.AlsReference;
import dev.recsys.spark.eval.CooccurrenceItemKnn;
import dev.recsys.spark.eval.DistributedEvaluator;
import dev.recsys.spark.eval.PairedDifference;
import dev.recsys.spark.eval.SplitTables;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * {@code evaluate}: recommenders on one split, the Spark ones (co-occurrence item-kNN, MLlib ALS, a recommendations
 * table) measured by the distributed evaluator, the single-machine baselines (the project's {@code ials},
 * {@code popularity}, ...) by the single-machine evaluator on the driver, all with the same settings, and paired
 * differences of the first model against every other.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate Spark recommenders (spark-itemknn, mllib-als, a recommendations table) and single-machine "
        + "baselines (ials, popularity, ...) on one split with paired bootstrap differences.")
public final class EvaluateJob extends JobSupport implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "KIND:PATH", description = "The data set to split")
  String dataset;

  @Option(names = "--protocol", defaultValue = "temporal", description = "temporal | random | leave-last (default ${DEFAULT-VALUE})")
  String protocol;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share held out (default ${DEFAULT-VALUE})")
  double testFraction;

  @Option(names = "--split", paramLabel = "FILE", description = "A split file from 'recsys evaluate --export-split' (the same split)")
  Path splitFile;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, the models and the bootstrap (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--models", defaultValue = "mllib-als,ials,spark-itemknn,popularity", split = ",",
      description = "spark-itemknn, mllib-als, table:NAME=PARQUET_DIR (user, rank, item, score), or a single-machine "
          + "baseline name (" + "ials, popularity, itemknn, ...) (default ${DEFAULT-VALUE})")
  List<String> models;

  @Option(names = "--ks", defaultValue = "10", split = ",", description = "Cut-offs (default ${DEFAULT-VALUE})")
  List<Integer> ks;

  @Option(names = "--depth", defaultValue = "100", description = "Recommendations per listener (default ${DEFAULT-VALUE})")
  int depth;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap samples (default ${DEFAULT-VALUE})")
  int bootstrap;

  @Option(names = "--metric", defaultValue = "ndcg@10", description = "Metric of the paired differences (default ${DEFAULT-VALUE})")
  String metric;

  @Option(names = "--neighbours", defaultValue = "100", description = "spark-itemknn neighbours per item (default ${DEFAULT-VALUE})")
  int neighbours;

  @Option(names = "--als-rank", defaultValue = "64", description = "mllib-als factors (default ${DEFAULT-VALUE})")
  int alsRank;

  @Option(names = "--als-iterations", defaultValue = "15", description = "mllib-als iterations (default ${DEFAULT-VALUE})")
  int alsIterations;

  @Option(names = "--als-reg", defaultValue = "0.1", description = "mllib-als regParam (default ${DEFAULT-VALUE})")
  double alsReg;

  @Option(names = "--als-alpha", defaultValue = "10", description = "mllib-als alpha (default ${DEFAULT-VALUE})")
  double alsAlpha;

  @Option(names = "--als-tune", description = "Choose mllib-als alpha and regParam on a validation split carved from the "
      + "training part by the same protocol (grid: --als-alphas x --als-regs)")
  boolean alsTune;

  @Option(names = "--als-alphas", defaultValue = "1,10,40", split = ",", description = "mllib-als alpha grid of --als-tune (default ${DEFAULT-VALUE})")
  List<Double> alsAlphas;

  @Option(names = "--als-regs", defaultValue = "0.01,0.1,1", split = ",", description = "mllib-als regParam grid of --als-tune (default ${DEFAULT-VALUE})")
  List<Double> alsRegs;

  @Option(names = "--out-recommendations", paramLabel = "DIR",
      description = "Write each Spark model's recommendations table as Parquet under DIR/NAME")
  String outRecommendations;

  /** Creates the command. */
  public EvaluateJob() {}

  @Override
  public Integer call() throws Exception {
    Split split = split(dataset, protocol, testFraction, seed, splitFile);
    EvaluatorConfig config = EvaluatorConfig.builder().ks(ks.stream().mapToInt(Integer::intValue).toArray()).depth(depth)
        .bootstrapSamples(bootstrap).seed(seed).build();
    // the same settings on the driver's threads (the thread count does not change any number)
    EvaluatorConfig driverConfig = EvaluatorConfig.builder().ks(ks.stream().mapToInt(Integer::intValue).toArray()).depth(depth)
        .bootstrapSamples(bootstrap).seed(seed).threads(Runtime.getRuntime().availableProcessors()).build();
    SparkSession spark = session("evaluate");
    try {
      List<String> users = new ArrayList<>();
      for (int p = 0; p < split.numTestUsers(); p++) {
        users.add(split.data().users().id(split.testUser(p)));
      }
      int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
      Dataset<Row> train = SplitTables.train(spark, split, partitions).cache();
      List<String> itemIds = split.train().items().ids();
      // the cohorts of 'recsys evaluate': training activity and cold/warm held-out items
      Map<String, UserGrouping> userCohorts = Map.of("activity", Cohorts.activity(30, 100, 300));
      Map<String, ItemGrouping> itemCohorts = Map.of("item-popularity", Cohorts.coldWarm(5));
      DistributedEvaluator evaluator = new DistributedEvaluator(config, userCohorts, itemCohorts);
      Evaluator driverEvaluator = Evaluator.builder(driverConfig).userCohort("activity", userCohorts.get("activity"))
          .itemCohort("item-popularity", itemCohorts.get("item-popularity")).build();
      Map<String, DistributedEvaluator.Result> results = new LinkedHashMap<>();
      Map<String, Long> millis = new LinkedHashMap<>();
      Map<String, Object> alsChoice = new LinkedHashMap<>();
      for (String m : models) {
        String name = m.trim();
        long t0 = System.nanoTime();
        Dataset<Row> recs = null;
        if (name.equals("spark-itemknn")) {
          for (int p = 0; p < split.numTestUsers(); p++) {
            if (split.seeds(p).length > 0) {
              throw new IllegalArgumentException("spark-itemknn ranks from listener histories only; the split's protocol gives seed "
                  + "items (" + split.protocol() + "): use temporal, random or leave-last");
            }
          }
          recs = CooccurrenceItemKnn.recommend(spark, train, itemIds, users, neighbours, depth);
        } else if (name.equals("mllib-als")) {
          AlsReference als = new AlsReference(alsRank, alsIterations, alsReg, alsAlpha, seed);
          if (alsTune) {
            AlsReference.Tuned tuned = AlsReference.tune(spark, split, protocol(protocol, testFraction, seed), alsAlphas,
                alsRegs, als, config);
            als = tuned.chosen();
            alsChoice.put("validation", tuned.validation());
            alsChoice.put("chosen", Map.of("alpha", als.alpha(), "regParam", als.regParam()));
          }
          recs = als.recommend(spark, train, itemIds, users, depth);
        } else if (name.startsWith("table:")) {
          String[] kv = name.substring(6).split("=", 2);
          if (kv.length != 2) {
            throw new IllegalArgumentException("a table model is table:NAME=PARQUET_DIR; got '" + name + "'");
          }
          name = kv[0];
          recs = spark.read().parquet(kv[1]);
        }
        DistributedEvaluator.Result r;
        if (recs != null) {
          recs = recs.cache();
          if (outRecommendations != null) {
            recs.write().mode(SaveMode.Overwrite).parquet(outRecommendations + "/" + name);
          }
          r = evaluator.evaluate(spark, split, recs, name);
          recs.unpersist();
        } else {
          r = DistributedEvaluator.Result.of(driverEvaluator.evaluate(split, Baselines.trainer(name, seed)));
        }
        results.put(name, r);
        millis.put(name, (System.nanoTime() - t0) / 1_000_000);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("split", split.protocol());
      out.put("testListeners", split.numTestUsers());
      out.put("config", config.toString());
      Map<String, Object> byModel = new LinkedHashMap<>();
      for (Map.Entry<String, DistributedEvaluator.Result> e : results.entrySet()) {
        Map<String, Object> one = new LinkedHashMap<>();
        for (Map.Entry<String, Estimate> a : e.getValue().aggregate().entrySet()) {
          one.put(a.getKey(), List.of(a.getValue().mean(), a.getValue().lower(), a.getValue().upper()));
        }
        one.putAll(e.getValue().setMetrics());
        Map<String, Object> cohorts = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, CohortGroup>> c : e.getValue().cohorts().entrySet()) {
          Map<String, Object> groups = new LinkedHashMap<>();
          for (Map.Entry<String, CohortGroup> g : c.getValue().entrySet()) {
            Estimate est = g.getValue().metrics().get(metric);
            if (est != null) {
              groups.put(g.getKey(), Map.of("listeners", g.getValue().users(),
                  metric, List.of(est.mean(), est.lower(), est.upper())));
            }
          }
          cohorts.put(c.getKey(), groups);
        }
        one.put("cohorts", cohorts);
        one.put("millis", millis.get(e.getKey()));
        byModel.put(e.getKey(), one);
      }
      out.put("models", byModel);
      if (!alsChoice.isEmpty()) {
        out.put("mllibAlsTuning", alsChoice);
      }
      List<Object> diffs = new ArrayList<>();
      List<String> names = new ArrayList<>(results.keySet());
      for (int i = 1; i < names.size(); i++) {
        PairedDifference d = PairedDifference.of(results.get(names.get(0)), results.get(names.get(i)), metric, bootstrap,
            config.confidence(), seed);
        diffs.add(Map.of("a", d.a(), "b", d.b(), "metric", metric, "mean", d.difference().mean(),
            "lower", d.difference().lower(), "upper", d.difference().upper()));
      }
      out.put("pairedDifferences", diffs);
      printJson(spec.commandLine().getOut(), out);
      return 0;
    } finally {
      finish(spark);
    }
  }
}

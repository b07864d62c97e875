package dev.recsys.cli;

import dev.recsys.core.spi.TrainingListener;

import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.TwoTowerMatcherTrainer;
import dev.recsys.embedding.twotower.MatcherConfig;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys train-two-tower}: trains a two-tower model for matching or recommendation and saves it. */
@Command(name = "train-two-tower", mixinStandardHelpOptions = true,
    description = {"Train a two-tower model and save it to a model directory.",
        "--job recommend: hybrid listener-to-track recommender (listener id, recent tracks, taste profile; track id,"
            + " artist, genres, audio, year).",
        "--job match: similar-listener matcher (siamese tower over listener profiles, trained on two halves of each"
            + " history)."})
final class TrainTwoTowerCommand implements Callable<Integer> {
  /** The two jobs. */
  enum Job { recommend, match }

  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "movielens:DIR, interactions:FILE, synthetic:DIR (from 'recsys generate') or another dataset spec.")
  String dataset;

  @Option(names = "--job", required = true, description = "recommend or match.")
  Job job;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
  Path out;

  @Option(names = "--epochs", description = "Maximum epochs (default: 20 for recommend, 10 for match).")
  Integer epochs;

  @Option(names = "--views", defaultValue = "16",
      description = "Matching: training pairs per listener per epoch, each a new split of the history (default: ${DEFAULT-VALUE}).")
  int views;

  @Option(names = "--temperature", description = "Softmax temperature (default: the job's default).")
  Double temperature;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
  long seed;

  @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).", defaultValue = "256")
  int batch;

  @Option(names = "--kernel", description = "Training kernel: FUSED (Vector API, parallel towers, row-sparse Adam), "
      + "JAVA or ND4J (default: ${DEFAULT-VALUE}).", defaultValue = "FUSED")
  TwoTowerConfig.Kernel kernel;

  @Option(names = "--json", description = "Print the training report (also written beside the model) as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    long t0 = System.nanoTime();
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    o.println("loaded " + dataset + ": " + data.description());
    o.flush();
    Files.createDirectories(out);
    Path file = out.resolve(TwoTowerSupport.MODEL_FILE);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset);
    report.put("job", job.name());
    report.put("data", data.description());
    TrainingResult result;
    if (job == Job.recommend) {
      HybridConfig d = HybridConfig.defaults();
      HybridConfig c = HybridConfig.builder()
          .model(withTemperature(d.model().toBuilder().seed(seed).kernel(kernel)).build())
          .training(d.training().toBuilder().epochs(epochs == null ? d.training().epochs() : epochs).seed(seed).batchSize(batch).build()).build();
      ProgressBar bar = new ProgressBar("two-tower training", c.training().epochs());
      TrainingListener progress = bar.asTrainingListener("val recall@" + c.validationK());
      HybridRecommenderTrainer trainer = new HybridRecommenderTrainer(c,
          dim -> TwoTowerSupport.index(dim, data.interactions().items().size()));
      try (TwoTowerRecommender rec = trainer.fit(data.interactions(), data.catalog(), progress)) {
        bar.close();
        rec.save(file);
        report.put("config", c);
        report.put("tracks", rec.trackCount());
      }
      result = trainer.lastResult();
    } else {
      MatcherConfig d = MatcherConfig.defaults();
      MatcherConfig c = MatcherConfig.builder()
          .model(withTemperature(d.model().toBuilder().seed(seed).kernel(kernel)).build()).viewsPerListener(views)
          .training(d.training().toBuilder().epochs(epochs == null ? d.training().epochs() : epochs).seed(seed).batchSize(batch).build()).build();
      ProgressBar bar = new ProgressBar("two-tower training", c.training().epochs());
      TrainingListener progress = bar.asTrainingListener("val");
      TwoTowerMatcherTrainer trainer = new TwoTowerMatcherTrainer(c,
          dim -> TwoTowerSupport.index(dim, data.interactions().users().size()));
      try (TwoTowerUserMatcher m = trainer.fit(data.interactions(), data.catalog(), progress)) {
        bar.close();
        m.save(file);
        report.put("config", c);
        report.put("listeners", m.listenerCount());
      }
      result = trainer.lastResult();
    }
    report.put("training", result);
    report.put("seconds", (System.nanoTime() - t0) / 1e9);
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve(TwoTowerSupport.REPORT_FILE)))) {
      Json.print(w, report);
    }
    if (json) {
      PrintWriter out = spec.commandLine().getOut();
      Json.print(out, report);
      out.flush();
      return 0;
    }
    o.printf("trained %d epochs (best %d, %s %.4f) in %.1f s; wrote %s%n", result.epochsRun(), result.bestEpoch(),
        Double.isNaN(result.validationMetric().isEmpty() ? Double.NaN : result.validationMetric().get(0))
            ? "loss" : "validation", result.bestMetric(), (System.nanoTime() - t0) / 1e9, file);
    return 0;
  }

  private dev.recsys.embedding.twotower.TwoTowerConfig.Builder withTemperature(
      dev.recsys.embedding.twotower.TwoTowerConfig.Builder b) {
    return temperature == null ? b : b.temperature(temperature);
  }
}

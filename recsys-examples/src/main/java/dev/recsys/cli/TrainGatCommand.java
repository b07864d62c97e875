package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.graph.gat.GatV2Config;
import dev.recsys.graph.gat.GatV2Model;
import dev.recsys.graph.gat.GatV2Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys train-gat}: builds the listener-track-artist-genre graph and trains the content graph attention
 * network ({@link GatV2Trainer}).
 */
@Command(name = "train-gat", mixinStandardHelpOptions = true,
    description = {"Build the heterogeneous graph (listeners or playlists, tracks, artists, genres) of a dataset and",
        "train the content graph attention network for next-track / playlist-continuation link prediction.",
        "Writes DIR/gat2.model and DIR/catalog.jsonl (for titles)."})
final class TrainGatCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, paramLabel = "SPEC",
      description = "spotify-songs:FILE, another dataset spec KIND:PATH, or synthetic[:tracks=N,listeners=M,seed=S].")
  String dataset;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to write.")
  Path out;

  @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
  int epochs = GatV2Config.defaults().training().epochs();

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--dim", paramLabel = "D", description = "Embedding size (default ${DEFAULT-VALUE}).")
  int dim = GatV2Config.defaults().dim();

  @Option(names = "--fanout", split = ",", paramLabel = "N", description = "Co-occurring tracks attended per "
      + "attention layer, one number per layer (default 10,10).")
  List<Integer> fanout = GatV2Config.defaults().fanout();

  @Option(names = "--ensemble", paramLabel = "K", description = "Networks of different seeds whose scores are "
      + "averaged (default ${DEFAULT-VALUE}); training takes K fits; checkpoints need 1.")
  int ensemble = GatV2Config.defaults().ensemble();

  @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a training checkpoint every epoch.")
  Path checkpoint;

  @Option(names = "--resume", paramLabel = "FILE", description = "Continue the run saved in this checkpoint.")
  Path resume;

  @Option(names = "--json", description = "Print a JSON summary (settings, epochs, blend, model file); progress goes "
      + "to standard error")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    List<Map<String, Object>> epochLog = new ArrayList<>();
    GatData data = GatData.load(dataset);
    GatV2Config config = GatV2Config.defaults().withDim(dim).withFanout(fanout).withEpochs(epochs).withSeed(seed)
        .withEnsemble(ensemble);
    pw.println("config: " + config);
    long t0 = System.nanoTime();
    ProgressBar bar = new ProgressBar("train-gat", epochs);
    PrintWriter lines = json ? bar.notes() : pw;
    TrainingListener listener = new TrainingListener() {
      @Override
      public void epochEnd(int epoch, int totalEpochs, double trainLoss, double validation) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("epoch", epoch);
        e.put("loss", trainLoss);
        e.put("validationRecall@20", validation);
        e.put("seconds", (System.nanoTime() - t0) / 1e9);
        epochLog.add(e);
        lines.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  validation recall@20 %.4f  (%.1f s)%n", epoch, totalEpochs,
            trainLoss, validation, (System.nanoTime() - t0) / 1e9);
        lines.flush();
        bar.update(epoch, String.format(Locale.ROOT, "loss %.4f", trainLoss));
      }

      @Override
      public void message(String text) {
        lines.println(text);
        lines.flush();
      }
    };
    GatV2Model model;
    try (bar) {
      model = new GatV2Trainer(config).fit(data.catalog(), data.interactions(), listener, checkpoint, resume);
    }
    Files.createDirectories(out);
    model.save(out.resolve(GatV2Model.FILE_NAME));
    CatalogJsonl.write(data.catalog(), out.resolve("catalog.jsonl"));
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("dataset", dataset);
      report.put("config", config.toString());
      report.put("epochs", epochLog);
      report.put("blend", model.blend());
      report.put("model", out.resolve(GatV2Model.FILE_NAME).toString());
      report.put("seconds", (System.nanoTime() - t0) / 1e9);
      PrintWriter o = spec.commandLine().getOut();
      Json.print(o, report);
      o.flush();
      return 0;
    }
    pw.printf(Locale.ROOT, "session-kNN blend %.2f; wrote %s (%.1f s)%n", model.blend(),
        out.resolve(GatV2Model.FILE_NAME), (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}

package dev.recsys.cli;

import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.plugin.Plugins;
import dev.recsys.core.spi.Recommender;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys train}: fits one recommender plugin, named with {@code --model} (and {@code --params}) or by a
 * pipeline file's {@code recommender} section, on a whole dataset and saves the fitted model to one file that
 * {@code recsys recommend --model-file} serves and {@code Plugins.loadRecommender} reads.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Fit a recommender plugin on a dataset and save the fitted model to one file (serve it with "
        + "'recsys recommend --model-file FILE').",
        "Example: recsys train --model ials --params '{\"factors\":32}' --dataset movielens:data/ml-latest-small "
            + "--out ials.rsm."})
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** Which recommender: a plugin name or a pipeline file. */
  static final class Which {
    @Option(names = "--model", required = true, paramLabel = "NAME",
        description = "A recommender plugin (popularity, itemknn, userknn, ease, ials, bpr, content, two-tower, "
            + "two-tower-history, gat, ...; 'recsys plugins' lists them).")
    String model;

    @Option(names = "--pipeline", required = true, paramLabel = "FILE",
        description = "A pipeline file whose 'recommender' section names and configures the model (e.g. best.yaml "
            + "from 'recsys tune').")
    Path pipeline;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--params", paramLabel = "JSON",
      description = "Configuration fields of --model over its defaults, e.g. '{\"factors\":128}'.")
  String params;

  @Option(names = "--dataset", required = true, paramLabel = "KIND:PATH",
      description = "movielens:DIR | spotify-songs:FILE | interactions:FILE[#user=COL,item=COL,...] | mpd:DIR | "
          + "synthetic:DIR (any spec of the data readers).")
  String dataset;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The model file to write.")
  Path out;

  @Option(names = "--seed", defaultValue = "42",
      description = "Every 'seed' field of --model's configuration not set by --params (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    TwoTowerSupport.Data data = TwoTowerSupport.load(dataset);
    err.printf("recsys train: %s: %s%n", dataset, data.description());
    err.flush();
    if (which.pipeline != null && params != null) {
      throw new IllegalArgumentException("--params configures --model; a pipeline file carries its own params");
    }
    RecommenderTrainer trainer = which.pipeline != null
        ? RecommenderModels.fromPipeline(which.pipeline, data.catalog())
        : RecommenderModels.trainer(which.model, params, seed, data.catalog());
    Recommender fitted = trainer.fit(data.interactions());
    try {
      SaveableModel model = Plugins.saveable(fitted);
      ModelContainer c = model.toContainer();
      c.writeTo(out);
      spec.commandLine().getOut().printf("%s: '%s' fitted on %d interactions (%d listeners, %d tracks), data %s%n",
          out, trainer.name(), data.interactions().size(), data.interactions().users().size(),
          data.interactions().items().size(), c.provenance().dataFingerprint());
    } finally {
      if (fitted instanceof Closeable closeable) {
        closeable.close();
      }
    }
    return 0;
  }
}

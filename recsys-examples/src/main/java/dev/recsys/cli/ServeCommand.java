package dev.recsys.cli;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.embedding.AutoencoderFit;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleExperiment;
import dev.recsys.web.WebDemo;
import dev.recsys.web.WebServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys serve}: the web demo. Without {@code --model} it builds a small synthetic world in-process (features,
 * embeddings, similarity graph, choice-model weights, two-tower listener models); with {@code --model DIR} it serves
 * the catalogue, vectors, graph and choice model of a model directory. Binds to 127.0.0.1 unless told otherwise.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web demo (smart shuffle, listeners) on 127.0.0.1.")
final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--port", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = 8080;

  @Option(names = "--host", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(names = "--model", paramLabel = "DIR", description = "A model directory from 'recsys embed' (and 'recsys graph').")
  Path model;

  @Option(names = "--size", paramLabel = "N", description = "Tracks of the in-process synthetic world (default ${DEFAULT-VALUE}).")
  int size = 5_000;

  @Option(names = "--listeners", paramLabel = "N", description = "Listeners of the in-process synthetic world (default ${DEFAULT-VALUE}).")
  int listeners = 500;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 7;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    WebDemo demo = model != null ? fromModel(new ModelDirectory(model)) : synthetic(size, listeners, seed, 8, 1);
    try (WebServer server = WebServer.start(new InetSocketAddress(host, port), demo.routes())) {
      o.println("recsys web demo at " + server.url() + " (Ctrl-C to stop)");
      o.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }

  /** A demo over a model directory: catalogue, track vectors, the graph (built when absent) and the choice model. */
  static WebDemo fromModel(ModelDirectory dir) throws IOException {
    Catalog catalog = CatalogJsonl.read(dir.require(dir.catalog(), "recsys embed"));
    SimilarityGraph graph;
    if (Files.exists(dir.similarityGraph())) {
      graph = SimilarityGraph.load(dir.similarityGraph());
    } else {
      TrackVectors tv = TrackVectors.load(dir.require(dir.trackVectors(), "recsys embed"));
      graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults()).graph();
    }
    double[] weights = Files.exists(dir.choiceModel()) ? ChoiceModel.load(dir.choiceModel()).weights()
        : SoftmaxWalkConfig.defaults().weightArray();
    return new WebDemo(dir.root() + ": " + catalog.size() + " tracks", catalog, graph, DemoPipeline.genreClusters(catalog),
        weights, List.of(), null, null);
  }

  /** A demo over a synthetic world built in-process (the steps of {@code recsys demo}, smaller). */
  static WebDemo synthetic(int size, int listeners, long seed, int epochs, int twoTowerEpochs) {
    DemoPipeline.World world = DemoPipeline.synthetic(size, listeners, seed);
    Catalog catalog = world.catalog();
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    AutoencoderFit fit;
    try (ProgressBar bar = new ProgressBar("PCA + autoencoder", epochs)) {
      fit = DemoPipeline.embed(x, epochs, seed, bar.asTrainingListener());
    }
    TrackVectors tv = EmbedCommand.trackVectors(catalog, fit.model().embedAll(x), fit.model().provenance());
    SimilarityGraph graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults()).graph();
    ShuffleExperiment.Result choice = ShuffleExperiment.run(ShuffleExperiment.Config.of(100, seed), catalog, tv,
        world.clusters(), graph, false);
    TwoTowerUserMatcher matcher;
    TwoTowerRecommender recommender;
    try (ProgressBar bar = new ProgressBar("two-tower models", 2)) {
      matcher = DemoPipeline.matcher(world.interactions(), catalog, twoTowerEpochs, seed, dev.recsys.core.spi.TrainingListener.NONE);
      bar.step("listener matcher");
      recommender = DemoPipeline.recommender(world.interactions(), catalog, twoTowerEpochs, seed, dev.recsys.core.spi.TrainingListener.NONE);
      bar.step("recommender");
    }
    return new WebDemo(world.description(), catalog, graph, world.clusters(), choice.model().weights(),
        world.interactions().users().ids(), matcher, recommender);
  }
}

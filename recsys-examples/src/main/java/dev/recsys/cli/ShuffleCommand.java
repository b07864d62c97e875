package dev.recsys.cli;

import dev.recsys.graph.simulation.ShuffleEvaluation;
import dev.recsys.graph.simulation.ShuffleEvaluation.Pick;

import dev.recsys.core.io.ModelDirectory;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.shuffle.WalkFeatures;
import dev.recsys.graph.similarity.SimilarityGraph;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys shuffle}: a smart-shuffle playlist from a start track over the model directory's similarity graph,
 * with the choice model's weights when {@code choice-model.rsm} exists (else the defaults), each pick explained on
 * request, next to a plain shuffle of the same length for comparison.
 */
@Command(name = "shuffle", mixinStandardHelpOptions = true,
    description = "Generate a smart-shuffle playlist from a start track (softmax walk on the similarity graph), next to a plain shuffle.")
final class ShuffleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model directory (track-vectors.rsm, similarity-graph.rsm, optional choice-model.rsm).")
  Path model;

  @Option(names = "--start", required = true, description = "Start track: an id or a title.")
  String start;

  @Option(names = "--length", defaultValue = "20", description = "Playlist length including the start (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Softmax temperature (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--data", description = "Catalogue data set the graph was built with (e.g. spotify-songs:PATH); default: the vectors' metadata.")
  String data;

  @Option(names = "--explain", description = "Print each pick's feature values and contributions.")
  boolean explain;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** The command's result. */
  record Output(String start, String weightsFrom, Map<String, Double> weights, List<Pick> smart, List<String> plainShuffle) {}

  @Override
  public Integer call() throws Exception {
    ModelDirectory dir = new ModelDirectory(model);
    TrackVectors vectors = TrackVectors.load(dir.require(dir.trackVectors(), "recsys embed"));
    Catalog catalog = ModelCatalogs.load(dir, data, vectors);
    SimilarityGraph graph = SimilarityGraph.load(dir.require(dir.similarityGraph(), "recsys graph --model " + model));
    graph.requireAligned(catalog);
    SoftmaxWalkConfig.Builder cb = SoftmaxWalkConfig.builder().temperature(temperature);
    String weightsFrom = "defaults";
    if (Files.exists(dir.choiceModel())) {
      ChoiceModel cm = ChoiceModel.load(dir.choiceModel());
      Map<String, Double> w = new LinkedHashMap<>();
      for (int f = 0; f < cm.featureNames().size(); f++) {
        String name = cm.featureNames().get(f);
        if (!WalkFeatures.names().contains(name)) {
          throw new IllegalArgumentException(dir.choiceModel() + ": feature '" + name + "' is not a built-in walk feature "
              + WalkFeatures.names());
        }
        w.put(name, cm.weights()[f]);
      }
      cb.weights(w);
      weightsFrom = dir.choiceModel().toString();
    }
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(graph, TrackAttributes.of(catalog), cb.build());
    int first = ModelCatalogs.resolve(catalog, start);
    List<Pick> picks = ShuffleEvaluation.explainedWalk(catalog, walk, first, length - 1, seed, Integer.MAX_VALUE);
    int[] plain = new UniformShuffleSampler(catalog.size()).walk(first, length, new ListeningHistory(catalog.size(), 10),
        new SplittableRandom(seed).split());
    List<String> plainTitles = new ArrayList<>();
    for (int t : plain) {
      plainTitles.add(catalog.get(t).displayTitle());
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    for (int f = 0; f < walk.featureNames().size(); f++) {
      weights.put(walk.featureNames().get(f), walk.weights()[f]);
    }
    Output out = new Output(catalog.get(first).displayTitle(), weightsFrom, weights, picks, plainTitles);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, out);
      return 0;
    }
    pw.printf("smart shuffle from \"%s\" (weights: %s)%n", out.start(), weightsFrom);
    pw.printf("   0. %s%n", out.start());
    for (Pick p : picks) {
      pw.printf(Locale.ROOT, "  %2d. %-50s p=%.3f of %d%n", p.position(), p.title(), p.probability(), p.candidates());
      if (explain) {
        for (Explanation.Factor f : p.factors()) {
          pw.printf(Locale.ROOT, "        %-14s value %6.3f  contribution %+7.3f%n", f.label(), f.value(), f.contribution());
        }
      }
    }
    pw.println();
    pw.println("plain shuffle (uniform, same seed) for comparison:");
    for (int i = 0; i < plainTitles.size(); i++) {
      pw.printf("  %2d. %s%n", i, plainTitles.get(i));
    }
    pw.flush();
    return 0;
  }
}

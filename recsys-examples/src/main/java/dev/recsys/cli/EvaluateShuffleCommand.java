package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.Metadata;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleComparison;
import dev.recsys.graph.simulation.SyntheticWorld;
import dev.recsys.quality.Labelings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recsys evaluate-shuffle}: every next-track sampler (uniform shuffle, similarity walk, hand-set default walk,
 * learned walk, personal walk) on the same listener choices and walk sessions, with paired bootstrap intervals and
 * the dominance checks of the learned walk ({@link ShuffleComparison}). {@code synthetic}: simulated listeners on a
 * synthetic world; {@code spotify-songs:FILE}: the file's playlists as listener choices.
 */
@Command(name = "evaluate-shuffle", mixinStandardHelpOptions = true,
    description = "Compare uniform shuffle, similarity walk, default, learned and personal smart walks with bootstrap intervals.")
final class EvaluateShuffleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dataset", required = true, description = "synthetic or spotify-songs:FILE (playlists as listener choices).")
  String dataset;

  @Option(names = "--vectors", description = "Track vectors (track-vectors.rsm from recsys embed); default: z-scored audio and metadata features.")
  Path vectors;

  @Option(names = "--neighbours", defaultValue = "30", description = "Similarity-graph neighbours per track (default ${DEFAULT-VALUE}).")
  int neighbours;

  @Option(names = "--sessions", defaultValue = "200", description = "Walk sessions per sampler (default ${DEFAULT-VALUE}).")
  int sessions;

  @Option(names = "--length", defaultValue = "50", description = "Plays per walk session (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--alternatives", defaultValue = "30", description = "Random alternatives per real playlist choice (default ${DEFAULT-VALUE}).")
  int alternatives;

  @Option(names = "--tracks", defaultValue = "2000", description = "synthetic: tracks of the world (default ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--train-sessions", defaultValue = "400", description = "synthetic: simulated training sessions; validation and test get half as many (default ${DEFAULT-VALUE}).")
  int trainSessions;

  @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples (default ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ShuffleComparison.Config cfg = new ShuffleComparison.Config(sessions, length, ShuffleComparison.Config.defaults(seed).repeatWindow(),
        ShuffleComparison.Config.defaults(seed).driftWeight(), bootstrap, seed);
    ShuffleComparison.Simulation defaults = ShuffleComparison.Simulation.defaults(seed);
    ShuffleComparison.Simulation sim = new ShuffleComparison.Simulation(defaults.listeners(), trainSessions,
        defaults.sessionLength(), defaults.weightSpread(), seed);
    ShuffleComparison.Result r = ProgressBar.step("shuffle comparison",
        () -> evaluate(dataset, vectors, neighbours, alternatives, tracks, sim, cfg));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.print(out, r);
      return 0;
    }
    print(out, r);
    ShuffleComparison.PersonalExample p = r.personalExample();
    out.printf(Locale.ROOT, "%nwhy this song, personal walk of %s (%d events): pick %d after %d, %s%n", p.listener(), p.events(),
        p.pickIndex(), p.startIndex(), p.explanation().summary());
    for (String kind : List.of("global", "personal")) {
      out.printf(Locale.ROOT, "  %-8s", kind);
      for (dev.recsys.core.spi.Explanation.Factor f : p.explanation().factors(kind)) {
        out.printf(Locale.ROOT, " %s %+.3f", f.label(), f.contribution());
      }
      out.println();
    }
    out.flush();
    return 0;
  }

  /** Runs the comparison on a data set specification ({@code synthetic} or {@code spotify-songs:FILE}). */
  static ShuffleComparison.Result evaluate(String spec, Path vectorFile, int k, int alternatives, int tracks,
      ShuffleComparison.Simulation sim, ShuffleComparison.Config cfg) throws java.io.IOException {
    Prepared p = prepare(spec, vectorFile, k, alternatives, tracks, sim, cfg.seed());
    return ShuffleComparison.run(p.description(), p.choices(), cfg);
  }

  /** The choices of a data set specification and a description of them. */
  record Prepared(String description, ShuffleComparison.Prepared choices) {}

  /**
   * The walk, the train, validation and test choices and the walk starts of a data set specification
   * ({@code synthetic} or {@code spotify-songs:FILE}).
   */
  static Prepared prepare(String spec, Path vectorFile, int k, int alternatives, int tracks,
      ShuffleComparison.Simulation sim, long seed) throws java.io.IOException {
    if (spec.equals("synthetic")) {
      SyntheticWorld world = SyntheticWorld.generate(tracks, 20, 8, 16, seed);
      SimilarityGraph graph = SimilarityGraphBuilder.exact(world.vectors(), world.catalog(),
          SimilarityGraphConfig.defaults().withK(k)).graph();
      String name = String.format(Locale.ROOT, "synthetic: %d tracks in %d clusters, %d simulated listeners (weight spread %.2f), "
          + "%d training sessions of %d plays", world.catalog().size(), world.clusterCount(), sim.listeners(), sim.weightSpread(),
          sim.trainSessions(), sim.sessionLength());
      return new Prepared(name, ShuffleComparison.simulatedChoices(world.catalog(), world.vectors(), world.clusters(), graph,
          sim));
    }
    if (!spec.startsWith("spotify-songs:")) {
      throw new IllegalArgumentException("--dataset must be 'synthetic' or 'spotify-songs:FILE'; got '" + spec + "'");
    }
    MusicDataset data = Datasets.load(spec, ReadOptions.LENIENT);
    Catalog catalog = data.catalog();
    TrackVectors tv = vectorFile != null ? TrackVectors.load(vectorFile) : featureVectors(catalog);
    SimilarityGraph graph = SimilarityGraphBuilder.exact(tv, catalog, SimilarityGraphConfig.defaults().withK(k)).graph();
    List<ShuffleComparison.Sequence> seqs = ShuffleComparison.playlists(catalog, data.playlists());
    String name = String.format(Locale.ROOT, "%s: %d tracks, %d playlists; vectors: %s; clusters: first genre", spec,
        catalog.size(), seqs.size(), vectorFile != null ? vectorFile : "z-scored audio and metadata features");
    return new Prepared(name, ShuffleComparison.sequenceChoices(catalog, tv, Labelings.firstGenreClusters(catalog), graph,
        seqs, alternatives, seed));
  }

  /** Z-scored audio and metadata features (no genre or playlist columns) as track vectors. */
  static TrackVectors featureVectors(Catalog catalog) {
    FeatureMatrix x = new FeaturePipeline(FeatureConfig.audioAndMetadata()).fit(catalog).transform(catalog);
    List<String> ids = catalog.ids().ids();
    return new TrackVectors(ids, x.cols(), x.data(), Collections.nCopies(ids.size(), Metadata.EMPTY));
  }

  static void print(PrintWriter out, ShuffleComparison.Result r) {
    out.printf(Locale.ROOT, "%s%n", r.dataset());
    out.printf(Locale.ROOT, "choices: %d train, %d validation, %d test; walks: %d sessions of %d plays; repeat window %d; "
        + "95%% bootstrap intervals (%d resamples)%n", r.trainChoices(), r.validationChoices(), r.testChoices(),
        r.config().walkSessions(), r.config().sessionLength(), r.config().repeatWindow(), r.config().bootstrapSamples());
    out.printf(Locale.ROOT, "chosen on validation: %s%n", r.selected());
    out.printf(Locale.ROOT, "learned weights: %s%n%n", r.learnedWeights());
    out.print(r.table());
    out.println();
    for (ShuffleComparison.Check c : r.checks()) {
      out.printf(Locale.ROOT, "%-4s %-70s difference %s%s%n", c.holds() ? "OK" : "FAIL", c.rule(), c.difference().format(),
          c.confident() ? "" : "  (interval includes a violation)");
    }
    out.println();
    out.printf(Locale.ROOT, "drift control (learned walk, %d-play sessions, drift weight %.1f):%n", r.config().sessionLength(),
        r.drift().driftWeight());
    r.drift().without().forEach((m, e) -> out.printf(Locale.ROOT, "  %-18s without %-28s with %s%n", m, e.format(),
        r.drift().with().get(m).format()));
    out.flush();
  }
}

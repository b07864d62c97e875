package dev.recsys.graph.simulation;

import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.shuffle.UniformShuffleSampler;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.io.TrackVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The end-to-end smart-shuffle experiment on a synthetic world: generate the world, build the graph, simulate
 * listeners with hidden weights on the walk's candidate sets, fit the choice model, compare fitted with true weights
 * (the recovery table), and optionally evaluate uniform shuffle, the similarity walk and the learned smart walk side
 * by side. Deterministic for a seed.
 */
public final class ShuffleExperiment {
  /** The true weights used when none are given, in {@link SoftmaxWalkConfig#defaults()} feature order. */
  public static final double[] DEFAULT_TRUE_WEIGHTS = {3.0, -2.5, 0.8, -1.2, -0.6, 0.6, 1.0, 0.9};

  private ShuffleExperiment() {}

  /**
   * Experiment settings.
   *
   * @param tracks catalogue size, in [10, 1000000]
   * @param clusters clusters (genres), in [1, 1000]
   * @param listeners simulated listeners, in [1, 100000]
   * @param sessions training sessions, in [1, 10000000]
   * @param sessionLength plays per session (choices per session are one fewer), in [2, 10000]
   * @param tasteStrength weight of the listeners' cluster taste in their utility, in [0, 10]
   * @param trueWeights the listeners' hidden weights, one per default walk feature
   * @param k graph neighbours per track, in [1, 1000]
   * @param fit how to fit the choice model
   * @param seed the seed
   */
  public record Config(int tracks, int clusters, int listeners, int sessions, int sessionLength, double tasteStrength,
      List<Double> trueWeights, int k, ChoiceModelConfig fit, long seed) {
    /** Validates the fields. */
    public Config {
      Checks.inRange("tracks", tracks, 10, 1_000_000);
      Checks.inRange("clusters", clusters, 1, 1000);
      Checks.inRange("listeners", listeners, 1, 100_000);
      Checks.inRange("sessions", sessions, 1, 10_000_000);
      Checks.inRange("sessionLength", sessionLength, 2, 10_000);
      Checks.inRange("tasteStrength", tasteStrength, 0, 10);
      trueWeights = List.copyOf(trueWeights);
      if (trueWeights.size() != SoftmaxWalkConfig.defaults().featureNames().size()) {
        throw new IllegalArgumentException("trueWeights needs one weight per feature " + SoftmaxWalkConfig.defaults().featureNames()
            + "; got " + trueWeights.size());
      }
      Checks.inRange("k", k, 1, 1000);
      Objects.requireNonNull(fit, "fit");
    }

    /**
     * 2000 tracks, 20 clusters, 20 listeners, the given sessions of 41 plays, no taste in the utility, k = 30.
     *
     * @param sessions the sessions
     * @param seed the random seed
     * @return the 2000 tracks, 20 clusters, 20 listeners, the given sessions of 41 plays, no taste in the utility, k
     *     = 30
     */
    public static Config of(int sessions, long seed) {
      List<Double> w = new ArrayList<>();
      for (double x : DEFAULT_TRUE_WEIGHTS) {
        w.add(x);
      }
      return new Config(2000, 20, 20, sessions, 41, 0.0, w, 30, ChoiceModelConfig.defaults(), seed);
    }

    /**
     * A copy with another taste strength.
     *
     * @return a copy with another taste strength
     * @param s the taste strength
     */
    public Config withTasteStrength(double s) {
      return new Config(tracks, clusters, listeners, sessions, sessionLength, s, trueWeights, k, fit, seed);
    }

    /**
     * A copy with another fit configuration.
     *
     * @param f the choice model config
     * @return a copy with another fit configuration
     */
    public Config withFit(ChoiceModelConfig f) {
      return new Config(tracks, clusters, listeners, sessions, sessionLength, tasteStrength, trueWeights, k, f, seed);
    }

    double[] trueWeightArray() {
      return trueWeights.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /**
   * One line of the recovery table.
   *
   * @param feature the feature
   * @param trueWeight the hidden weight
   * @param fitted the fitted weight
   * @param standardError its standard error
   * @param lower95 lower end of the 95% interval
   * @param upper95 upper end of the 95% interval
   * @param inside whether the true weight lies in the interval
   */
  public record RecoveryRow(String feature, double trueWeight, double fitted, double standardError, double lower95,
      double upper95, boolean inside) {}

  /**
   * The experiment's result.
   *
   * @param config the settings
   * @param choices training choices
   * @param model the fitted model
   * @param recovery true versus fitted, per feature
   * @param cosine cosine similarity of fitted and true weights
   * @param signsMatch whether every fitted weight has the true sign
   * @param fitMillis fitting time
   * @param evaluation the side-by-side evaluation, or null when not requested
   */
  public record Result(Config config, int choices, ChoiceModel model, List<RecoveryRow> recovery, double cosine,
      boolean signsMatch, long fitMillis, ShuffleEvaluation.Report evaluation) {
    /**
     * The recovery table as text.
     *
     * @return the recovery table as text
     */
    public String recoveryTable() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(java.util.Locale.ROOT, "%-14s %8s %8s %7s %17s %6s%n", "feature", "true", "fitted", "se", "95% interval", "in CI"));
      for (RecoveryRow r : recovery) {
        sb.append(String.format(java.util.Locale.ROOT, "%-14s %8.3f %8.3f %7.3f [%7.3f, %7.3f] %6s%n", r.feature(), r.trueWeight(),
            r.fitted(), r.standardError(), r.lower95(), r.upper95(), r.inside() ? "yes" : "no"));
      }
      sb.append(String.format(java.util.Locale.ROOT,
          "choices=%d  logLik=%.1f  nullLogLik=%.1f  McFadden R2=%.4f  cosine=%.4f  signs=%s  iterations=%d  converged=%s  fit=%d ms%n",
          choices, model.logLikelihood(), model.nullLogLikelihood(), model.mcFaddenR2(), cosine, signsMatch ? "all match" : "MISMATCH",
          model.iterations(), model.converged(), fitMillis));
      return sb.toString();
    }
  }

  /**
   * Runs the experiment; with {@code evaluate} also the side-by-side evaluation and narratives.
   *
   * @param config the configuration
   * @param evaluate the evaluate
   * @return the {@code Result}
   */
  public static Result run(Config config, boolean evaluate) {
    SyntheticWorld world = SyntheticWorld.generate(config.tracks(), config.clusters(), 8, 16, config.seed());
    SimilarityGraph graph = SimilarityGraphBuilder.exact(world.vectors(), world.catalog(),
        SimilarityGraphConfig.defaults().withK(config.k())).graph();
    return run(config, world.catalog(), world.vectors(), world.clusters(), graph, evaluate);
  }

  /**
   * Runs the experiment on a given catalogue instead of a generated one: simulated listeners walk {@code graph}
   * (built over {@code vectors}), their choices are fitted, and (if asked) the samplers are compared.
   * {@code config.tracks()}, {@code config.clusters()} and {@code config.k()} are ignored; the cluster count is
   * {@code max(clusters) + 1}.
   *
   * @param clusters a cluster (genre) id per catalogue track, {@code >= 0}
   * @param config the configuration
   * @param catalog the catalogue
   * @param vectors the vectors
   * @param graph the similarity graph
   * @param evaluate the evaluate
   * @return the {@code Result}
   */
  public static Result run(Config config, Catalog catalog, TrackVectors vectors, int[] clusters, SimilarityGraph graph,
      boolean evaluate) {
    int clusterCount = java.util.Arrays.stream(clusters).max().orElse(0) + 1;
    TrackAttributes attributes = TrackAttributes.of(catalog, clusters);
    // without the hard constraints every feature varies within the presented sets, so every weight is identified
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(graph, attributes, SoftmaxWalkConfig.builder().unconstrained().build());
    double[] truth = config.trueWeightArray();
    SplittableRandom rnd = new SplittableRandom(config.seed() + 5).split();
    List<SimulatedListener> listeners = new ArrayList<>();
    for (int i = 0; i < config.listeners(); i++) {
      listeners.add(SimulatedListener.withRandomTaste(truth, clusterCount, config.tasteStrength(), rnd));
    }
    ListenerSimulator sim = new ListenerSimulator(walk, clusters);
    ChoiceData train = sim.simulate(listeners, config.sessions(), config.sessionLength(), config.seed() + 1).choices();
    long t0 = System.nanoTime();
    ChoiceModel model = new ChoiceModelFitter(config.fit()).fit(train);
    long fitMillis = (System.nanoTime() - t0) / 1_000_000;
    double[] w = model.weights();
    List<RecoveryRow> rows = new ArrayList<>();
    boolean signs = true;
    for (int f = 0; f < truth.length; f++) {
      boolean in = model.lower95(f) <= truth[f] && truth[f] <= model.upper95(f);
      rows.add(new RecoveryRow(model.featureNames().get(f), truth[f], w[f], model.standardErrors()[f], model.lower95(f),
          model.upper95(f), in));
      signs &= Math.signum(w[f]) == Math.signum(truth[f]);
    }
    double cosine = cosine(w, truth);
    ShuffleEvaluation.Report report = null;
    if (evaluate) {
      ChoiceData heldOut = sim.simulate(listeners, Math.max(1, config.sessions() / 4), config.sessionLength(), config.seed() + 2).choices();
      double simTemperature = 0.1;
      SoftmaxWalkSampler similarity = SoftmaxWalkSampler.similarityOnly(graph, attributes, simTemperature);
      SoftmaxWalkSampler learned = walk.withWeights(w);
      double[] simWeights = new double[w.length];
      simWeights[walk.featureNames().indexOf("similarity")] = 1 / simTemperature;
      List<ShuffleEvaluation.Contender> contenders = List.of(
          new ShuffleEvaluation.Contender("uniform shuffle", new UniformShuffleSampler(catalog.size()), null),
          new ShuffleEvaluation.Contender("similarity walk", similarity, simWeights),
          new ShuffleEvaluation.Contender("default smart walk", walk, walk.weights()),
          new ShuffleEvaluation.Contender("learned smart walk", learned, w));
      report = ShuffleEvaluation.run(catalog, attributes,
          ShuffleEvaluation.alignedUnitVectors(vectors, catalog), vectors.dimension(), contenders, heldOut,
          new ShuffleEvaluation.Config(200, 200, 50, config.seed() + 3));
      int start = new SplittableRandom(config.seed() + 4).split().nextInt(catalog.size());
      report = ShuffleEvaluation.withNarratives(report, catalog, start, 6,
          List.of("similarity walk", "learned smart walk", "learned smart walk"), List.of(similarity, learned, learned),
          new long[] {1, 1, 2});
    }
    return new Result(config, train.size(), model, rows, cosine, signs, fitMillis, report);
  }

  /**
   * Cosine similarity of two weight vectors of the same length (NaN when either is all zeros).
   *
   * @return the cosine similarity of two weight vectors of the same length (NaN when either is all zeros)
   * @param a the first weight vector
   * @param b the second weight vector
   */
  public static double cosine(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors must have the same length; " + a.length + " != " + b.length);
    }
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}

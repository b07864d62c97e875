package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleComparison;
import dev.recsys.graph.simulation.ShuffleExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sections 2 and 3: every next-track sampler side by side ({@link ShuffleComparison}, the comparison behind
 * {@code recsys evaluate-shuffle}: simulated listeners on the synthetic world, real playlists on TidyTuesday), and
 * the recovery of hidden choice weights by the choice model ({@link ShuffleExperiment} on the simulation's clustered
 * world, repeated over independent seeds with Student-t intervals).
 */
final class ShuffleSection {
  /** The learned walk, judged against every other sampler. */
  static final String MODEL = ShuffleComparison.LEARNED;

  private ShuffleSection() {}

  private record Metric(String name, boolean higherIsBetter) {}

  private static final List<Metric> METRICS = List.of(
      new Metric(ShuffleComparison.REPEAT_RATE, false),
      new Metric(ShuffleComparison.ARTIST_REPEAT_RATE, false),
      new Metric(ShuffleComparison.COHERENCE, true),
      new Metric(ShuffleComparison.TRAVEL, true),
      new Metric(ShuffleComparison.HELDOUT_LL, true));

  /** The simulated listeners of the synthetic comparison: 40 listeners, weight spread 0.75, 41-play sessions. */
  static ShuffleComparison.Simulation simulation(QualityConfig cfg) {
    return new ShuffleComparison.Simulation(40, Math.max(4, cfg.shuffleSessions()), 41, 0.75, cfg.seed());
  }

  /**
   * Builds the similarity graph (k = 30) over {@code vectors} and runs the sampler comparison: over simulated
   * listeners ({@code cfg.shuffleSessions()} training sessions) when {@code playlists} is null, else over the
   * playlists as listener choices. Tables every metric of the learned walk against the other samplers with the
   * comparison's bootstrap intervals, and records the dominance checks.
   *
   * @param clusters a cluster (genre) id per catalogue track
   * @param playlists the data set's playlists as sequences, or null to simulate listeners
   */
  static void shuffle(SectionBuilder section, String dataset, Catalog catalog, TrackVectors vectors, int[] clusters,
      List<ShuffleComparison.Sequence> playlists, QualityConfig cfg) {
    SimilarityGraph graph = SimilarityGraphBuilder.exact(vectors, catalog, SimilarityGraphConfig.defaults().withK(30))
        .graph();
    section.log(dataset + ": similarity graph with " + graph.edgeCount() + " edges");
    ShuffleComparison.Config c = new ShuffleComparison.Config(Math.min(200, Math.max(20, cfg.shuffleSessions())), 50,
        ShuffleComparison.Config.defaults(cfg.seed()).repeatWindow(), ShuffleComparison.Config.defaults(cfg.seed()).driftWeight(),
        1000, cfg.seed());
    ShuffleComparison.Result r = playlists == null
        ? ShuffleComparison.simulated(dataset, catalog, vectors, clusters, graph,
            simulation(cfg), c)
        : ShuffleComparison.sequences(dataset, catalog, vectors, clusters, graph, playlists, 30, c);
    section.log(String.format(Locale.ROOT, "%s: %d train, %d validation, %d test choices; chosen on validation %s", dataset,
        r.trainChoices(), r.validationChoices(), r.testChoices(), r.selected()));
    String interval = String.format(Locale.ROOT, "bootstrap 95%% over %d walk sessions (test sessions for %s)",
        c.walkSessions(), ShuffleComparison.HELDOUT_LL);
    for (Metric m : METRICS) {
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      Estimate model = null;
      for (ShuffleComparison.SamplerResult s : r.samplers()) {
        if (s.sampler().equals(MODEL)) {
          model = s.metrics().get(m.name());
        } else {
          baselines.put(s.sampler(), s.metrics().get(m.name()));
        }
      }
      if (model == null) {
        throw new IllegalStateException("the shuffle comparison has no '" + MODEL + "' sampler");
      }
      section.table(dataset, m.name(), m.higherIsBetter(), interval, MODEL, model, baselines);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("tracks", catalog.size());
    d.put("graphEdges", graph.edgeCount());
    d.put("checks", r.checks());
    d.put("drift", r.drift());
    d.put("selectedOnValidation", r.selected());
    d.put("learnedWeights", r.learnedWeights());
    section.detail(dataset, d);
    for (ShuffleComparison.Check k : r.checks()) {
      section.log(String.format(Locale.ROOT, "%s: %s %s, difference %s", dataset, k.holds() ? "holds" : "FAILS", k.rule(),
          k.difference().format()));
    }
  }

  /**
   * Runs {@code cfg.replicates()} choice-model recoveries on the simulation's clustered world (a new world, listeners
   * and sessions per seed) and tables the cosine between fitted and true weights (against the hand-set default
   * weights), the share of true weights inside their 95% intervals (against the nominal 95%), and McFadden's R²
   * (against the uniform null model's 0).
   */
  static void recovery(SectionBuilder section, QualityConfig cfg) {
    int tracks = Math.min(2000, cfg.tracks());
    int n = cfg.replicates();
    double[] cosine = new double[n];
    double[] inside = new double[n];
    double[] r2 = new double[n];
    int signMatches = 0;
    List<List<ShuffleExperiment.RecoveryRow>> tablesPerSeed = new ArrayList<>();
    String dataset = "simulated";
    boolean described = false;
    for (int r = 0; r < n; r++) {
      ShuffleExperiment.Config base = ShuffleExperiment.Config.of(cfg.choiceSessions(), replicateSeed(cfg.seed(), r));
      ShuffleExperiment.Config c = new ShuffleExperiment.Config(tracks, base.clusters(), base.listeners(),
          base.sessions(), base.sessionLength(), base.tasteStrength(), base.trueWeights(), base.k(),
          ChoiceModelConfig.defaults(), base.seed());
      ShuffleExperiment.Result res = ShuffleExperiment.run(c, false);
      cosine[r] = res.cosine();
      inside[r] = res.recovery().stream().filter(ShuffleExperiment.RecoveryRow::inside).count()
          / (double) res.recovery().size();
      r2[r] = res.model().mcFaddenR2();
      signMatches += res.signsMatch() ? 1 : 0;
      tablesPerSeed.add(res.recovery());
      if (!described) {
        described = true;
        section.dataset(String.format(Locale.ROOT,
            "simulated listeners: %d tracks in %d clusters, %d listeners, %d sessions of %d plays (%d choices) per seed",
            tracks, c.clusters(), c.listeners(), c.sessions(), c.sessionLength(), res.choices()));
      }
      section.log(String.format(Locale.ROOT, "replicate %d/%d: cosine %.4f, inside %.3f, R2 %.4f", r + 1, n,
          cosine[r], inside[r], r2[r]));
    }
    String interval = String.format(Locale.ROOT, "Student-t 95%% over %d independent seeds (world, listeners, sessions)", n);
    double defaultCosine = ShuffleExperiment.cosine(SoftmaxWalkConfig.defaultWeights().values().stream().mapToDouble(Double::doubleValue)
        .toArray(), ShuffleExperiment.DEFAULT_TRUE_WEIGHTS);
    section.table(dataset, "cosine(fitted, true weights)", true, interval, "fitted choice model",
        Intervals.replicates(cosine), Map.of("hand-set default weights", Intervals.point(defaultCosine, 1)));
    section.table(dataset, "share of true weights inside the 95% interval", true, interval, "fitted choice model",
        Intervals.replicates(inside), Map.of("nominal coverage", Intervals.point(0.95, 1)));
    section.table(dataset, "McFadden R2", true, interval, "fitted choice model", Intervals.replicates(r2),
        Map.of("null model (uniform choice)", Intervals.point(0, 1)));
    section.detail("signsMatch", signMatches + " of " + n + " seeds");
    section.detail("recoveryPerSeed", tablesPerSeed);
    section.note("The low McFadden R2 is the simulated listeners' own randomness: they choose by softmax among 30 "
        + "similar candidates. 'nominal coverage' is a reference, not a competitor: a share well below 0.95 would mean "
        + "the standard errors are too small.");
  }

  /** The seed of replicate {@code r}: far apart so the runs do not share streams. */
  static long replicateSeed(long seed, int r) {
    return seed + 1_000_003L * r;
  }

}

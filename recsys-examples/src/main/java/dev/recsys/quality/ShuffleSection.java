package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleEvaluation;
import dev.recsys.graph.simulation.ShuffleExperiment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Sections 2 and 3: the smart shuffle against uniform shuffle and the similarity-only walk ({@link ShuffleEvaluation}
 * over simulated sessions on a catalogue's own track vectors), and the recovery of hidden choice weights by the
 * choice model ({@link ShuffleExperiment} on the simulation's clustered world). Both are repeated over independent
 * seeds; intervals are Student-t intervals over the replicates.
 */
final class ShuffleSection {
  /** The learned walk, judged against the other three contenders of {@link ShuffleExperiment}. */
  static final String MODEL = "learned smart walk";
  private static final String REPLICATES = "Student-t 95%% over %d independent seeds (listeners, sessions, walks)";

  private ShuffleSection() {}

  private record Metric(String name, boolean higherIsBetter, ToDoubleFunction<ShuffleEvaluation.Row> value) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("repeat rate", false, ShuffleEvaluation.Row::repeatRate),
      new Metric("artist repeat rate", false, ShuffleEvaluation.Row::artistRepeatRate),
      new Metric("cluster entropy (bits)", true, ShuffleEvaluation.Row::clusterEntropyBits),
      new Metric("coherence", true, ShuffleEvaluation.Row::coherence),
      new Metric("key smoothness", true, ShuffleEvaluation.Row::keySmoothness),
      new Metric("tempo jump (bpm)", false, ShuffleEvaluation.Row::meanTempoJumpBpm),
      new Metric("held-out log-likelihood", true, ShuffleEvaluation.Row::heldOutLogLikelihood));

  /**
   * Builds the similarity graph (k = 30) over {@code vectors} and runs {@code cfg.replicates()} shuffle experiments,
   * each simulating {@code cfg.shuffleSessions()} training sessions, fitting the choice model and evaluating the four
   * contenders over 200 sessions of 200 plays.
   *
   * @param clusters a cluster (genre) id per catalogue track
   */
  static void shuffle(SectionBuilder section, String dataset, Catalog catalog, TrackVectors vectors, int[] clusters,
      QualityConfig cfg) {
    SimilarityGraph graph = SimilarityGraphBuilder.exact(vectors, catalog, SimilarityGraphConfig.defaults().withK(30))
        .graph();
    section.log(dataset + ": similarity graph with " + graph.edgeCount() + " edges");
    Map<String, List<ShuffleEvaluation.Row>> rows = new LinkedHashMap<>();
    List<Double> cosines = new ArrayList<>();
    for (int r = 0; r < cfg.replicates(); r++) {
      ShuffleExperiment.Config c = ShuffleExperiment.Config.of(cfg.shuffleSessions(), replicateSeed(cfg.seed(), r));
      ShuffleExperiment.Result res = ShuffleExperiment.run(c, catalog, vectors, clusters, graph, true);
      for (ShuffleEvaluation.Row row : res.evaluation().rows()) {
        rows.computeIfAbsent(row.sampler(), k -> new ArrayList<>()).add(row);
      }
      cosines.add(res.cosine());
      section.log(String.format(Locale.ROOT, "%s: replicate %d/%d, %d choices, recovery cosine %.4f", dataset,
          r + 1, cfg.replicates(), res.choices(), res.cosine()));
    }
    if (!rows.containsKey(MODEL)) {
      throw new IllegalStateException("the shuffle evaluation has no '" + MODEL + "' row; rows: " + rows.keySet());
    }
    String interval = String.format(Locale.ROOT, REPLICATES, cfg.replicates());
    for (Metric m : METRICS) {
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      for (Map.Entry<String, List<ShuffleEvaluation.Row>> e : rows.entrySet()) {
        if (!e.getKey().equals(MODEL)) {
          baselines.put(e.getKey(), over(e.getValue(), m.value()));
        }
      }
      section.table(dataset, m.name(), m.higherIsBetter(), interval, MODEL, over(rows.get(MODEL), m.value()), baselines);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("tracks", catalog.size());
    d.put("graphEdges", graph.edgeCount());
    d.put("rowsPerReplicate", rows);
    d.put("recoveryCosinePerReplicate", cosines);
    section.detail(dataset, d);
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

  private static Estimate over(List<ShuffleEvaluation.Row> rows, ToDoubleFunction<ShuffleEvaluation.Row> f) {
    return Intervals.replicates(rows.stream().mapToDouble(f).toArray());
  }
}

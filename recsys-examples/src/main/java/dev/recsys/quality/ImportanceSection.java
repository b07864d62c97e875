package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.io.TrackVectors;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.TwoTowerImportance;
import dev.recsys.embedding.twotower.TwoTowerRecommender;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ShuffleComparison;
import dev.recsys.graph.simulation.ShuffleImportance;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 6: permutation importance ({@link PermutationImportance}, as {@code recsys importance}) of the two-tower
 * recommender's input groups and of the smart shuffle's walk features, on validation data carved from the training
 * data. Each table puts the intact model (a point) next to the model with one group permuted; a permuted row's
 * interval is the intact value minus the paired bootstrap interval of the drop, so "beats" means the drop's interval
 * lies above 0 (the group matters) and "ties" means it does not.
 */
final class ImportanceSection {
  /** Permutations per group. */
  static final int REPEATS = 3;

  private ImportanceSection() {}

  /**
   * The two-tower input groups: the data split per listener by time (last 20%), the training part split again the
   * same way, the model trained on the inner training part for {@code cfg.twoTowerEpochs()} epochs and measured on
   * the inner held-out rows.
   */
  static void twoTower(SectionBuilder section, String dataset, Catalog catalog, Interactions data, QualityConfig cfg)
      throws IOException {
    long seed = cfg.seed();
    Split outer = TemporalSplit.lastFraction(0.2, seed).split(data);
    Split validation = TemporalSplit.lastFraction(0.2, seed).split(outer.train());
    section.log(dataset + ": validation " + validation);
    HybridConfig d = HybridConfig.defaults();
    HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(cfg.twoTowerEpochs()).seed(seed).build()).build();
    try (TwoTowerRecommender rec = new HybridRecommenderTrainer(c, dim -> ExactIndex.inMemory(dim,
        Similarity.DOT_PRODUCT)).fit(validation.train(), catalog, TrainingListener.NONE)) {
      TwoTowerImportance target = TwoTowerImportance.of(rec, validation, TwoTowerSection.K);
      table(section, dataset + " two-tower", target.metric() + " per validation listener", PermutationImportance.measure(
          target, target.metric(), new PermutationImportance.Config(REPEATS, cfg.bootstrap(), 0.95, seed)), cfg);
    }
  }

  /**
   * The walk features: the choice model fitted on the training choices (L2 chosen on validation) and measured on the
   * validation choices; simulated listeners when {@code playlists} is null, else the playlists as choices.
   */
  static void shuffle(SectionBuilder section, String dataset, Catalog catalog, TrackVectors vectors, int[] clusters,
      List<ShuffleComparison.Sequence> playlists, QualityConfig cfg) {
    SimilarityGraph graph = SimilarityGraphBuilder.exact(vectors, catalog, SimilarityGraphConfig.defaults().withK(30))
        .graph();
    ShuffleComparison.Prepared p = playlists == null
        ? ShuffleComparison.simulatedChoices(catalog, vectors, clusters, graph, ShuffleSection.simulation(cfg))
        : ShuffleComparison.sequenceChoices(catalog, vectors, clusters, graph, playlists, 30, cfg.seed());
    ChoiceModel learned = ShuffleComparison.fitLearned(p.train().data(), p.validation().data());
    ShuffleImportance target = ShuffleImportance.of(p.validation().data(), learned.weights());
    table(section, dataset + " smart shuffle", "log-likelihood per validation choice", PermutationImportance.measure(
        target, target.metric(), new PermutationImportance.Config(REPEATS, cfg.bootstrap(), 0.95, cfg.seed())), cfg);
  }

  private static void table(SectionBuilder section, String dataset, String metric, PermutationImportance.Result r,
      QualityConfig cfg) {
    Map<String, Estimate> permuted = new LinkedHashMap<>();
    for (PermutationImportance.GroupImportance g : r.groups()) {
      Estimate drop = g.drop();
      permuted.put(g.group() + " permuted", new Estimate(r.intact() - drop.mean(), r.intact() - drop.upper(),
          r.intact() - drop.lower(), drop.n()));
    }
    section.table(dataset, metric, true, String.format(Locale.ROOT, "intact minus the percentile bootstrap interval "
        + "of the paired drop over %d units (%d resamples, %d permutations per group)", r.units(), cfg.bootstrap(),
        r.config().repeats()), "intact", new Estimate(r.intact(), r.intact(), r.intact(), r.units()), permuted);
    section.detail(dataset, r);
  }
}

package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.twotower.HybridConfig;
import dev.recsys.embedding.twotower.HybridRecommenderTrainer;
import dev.recsys.embedding.twotower.TwoTowerMatcherTrainer;
import dev.recsys.embedding.twotower.MatcherConfig;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 4: the two-tower recommender against popularity, item-kNN and user-kNN on a per-listener temporal split
 * (as {@code recsys evaluate-two-tower --job recommend}), and the two-tower listener matcher against cosine on the raw
 * profile vectors and chance (as {@code --job match}).
 */
final class TwoTowerSection {
  static final int K = 10;
  static final List<String> BASELINES = List.of("popularity", "itemknn", "userknn");

  private TwoTowerSection() {}

  /** Recall@10 and NDCG@10 of the two-tower recommender and the baselines, with paired comparisons. */
  static void recommend(SectionBuilder section, String dataset, Catalog catalog, Interactions data, QualityConfig cfg) {
    long seed = cfg.seed();
    Split split = TemporalSplit.lastFraction(0.2, seed).split(data);
    section.log(dataset + ": " + split);
    HybridConfig d = HybridConfig.defaults();
    HybridConfig c = HybridConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(cfg.twoTowerEpochs()).seed(seed).build()).build();
    List<RecommenderTrainer> trainers = new ArrayList<>();
    for (String b : BASELINES) {
      trainers.add(Baselines.trainer(b, seed));
    }
    trainers.add(RecommenderTrainer.of("two-tower", train -> new HybridRecommenderTrainer(c,
        dim -> ExactIndex.inMemory(dim, Similarity.DOT_PRODUCT)).fit(train, catalog, TrainingListener.NONE)));
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(K).bootstrapSamples(cfg.bootstrap()).seed(seed).build());
    List<EvaluationResult> results = new ArrayList<>();
    Map<String, Double> fitSeconds = new LinkedHashMap<>();
    for (RecommenderTrainer t : trainers) {
      EvaluationResult r = evaluator.evaluate(split, t);
      results.add(r);
      fitSeconds.put(r.model(), r.fitMillis() / 1000.0);
      section.log(String.format(Locale.ROOT, "%s: %s fitted in %.1f s, %d listeners ranked", dataset, r.model(),
          r.fitMillis() / 1000.0, r.users().size()));
    }
    EvaluationResult model = results.get(results.size() - 1);
    List<PairedComparison> paired = new ArrayList<>();
    for (String metric : List.of("recall@" + K, "ndcg@" + K)) {
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      for (EvaluationResult r : results.subList(0, results.size() - 1)) {
        baselines.put(r.model(), r.get(metric));
        paired.add(evaluator.compare(model, r, metric));
      }
      section.table(dataset, metric, true, "percentile bootstrap over test listeners (" + cfg.bootstrap()
          + " resamples)", "two-tower", model.get(metric), baselines);
    }
    Map<String, Object> det = new LinkedHashMap<>();
    det.put("split", split.toString());
    det.put("epochs", cfg.twoTowerEpochs());
    det.put("fitSeconds", fitSeconds);
    det.put("pairedComparisons", paired);
    section.detail(dataset + " (recommend)", det);
  }

  /**
   * Precision@10 of matched listeners sharing the asked listener's hidden label, for the two-tower matcher (trained
   * on all interactions), cosine on the raw standardised profiles, and chance.
   *
   * @param truth listener id to its hidden label (dominant genre)
   */
  static void match(SectionBuilder section, String dataset, Catalog catalog, Interactions data,
      Map<String, String> truth, QualityConfig cfg) throws IOException {
    long seed = cfg.seed();
    MatcherConfig d = MatcherConfig.defaults();
    MatcherConfig c = MatcherConfig.builder().model(d.model().toBuilder().seed(seed).build())
        .training(d.training().toBuilder().epochs(cfg.matcherEpochs()).seed(seed).build()).build();
    long t0 = System.nanoTime();
    try (TwoTowerUserMatcher m = new TwoTowerMatcherTrainer(c, dim -> ExactIndex.inMemory(dim, Similarity.DOT_PRODUCT))
        .fit(data, catalog, TrainingListener.NONE)) {
      double secs = (System.nanoTime() - t0) / 1e9;
      List<String> ids = m.listenerIds().stream().filter(truth::containsKey).toList();
      if (ids.size() < 2) {
        throw new IllegalStateException(dataset + ": only " + ids.size() + " listeners with plays have a hidden label");
      }
      Estimate tt = Estimate.bootstrap(MatcherEvaluation.twoTowerPrecision(m, ids, truth, K), cfg.bootstrap(), 0.95, seed);
      Estimate raw = Estimate.bootstrap(MatcherEvaluation.rawProfileCosinePrecision(m, ids, truth, K), cfg.bootstrap(),
          0.95, seed);
      double chance = MatcherEvaluation.mean(MatcherEvaluation.chance(ids, truth));
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      baselines.put("cosine on raw profiles", raw);
      baselines.put("chance", Intervals.point(chance, ids.size()));
      section.table(dataset, "precision@" + K + " (same dominant genre)", true,
          "percentile bootstrap over listeners (" + cfg.bootstrap() + " resamples)", "two-tower matcher", tt, baselines);
      Map<String, Object> det = new LinkedHashMap<>();
      det.put("listeners", ids.size());
      det.put("epochs", cfg.matcherEpochs());
      det.put("trainSeconds", secs);
      section.detail(dataset + " (match)", det);
    }
  }
}

package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Split;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 5: the graph attention recommender against popularity, item-kNN and session-kNN ({@link GatComparison},
 * as {@code recsys evaluate-gat}): next track on sessions, playlist continuation on playlists.
 */
final class GatSection {
  private GatSection() {}

  /**
   * Evaluates one task.
   *
   * @param playlist playlist continuation when true, next track when false ({@code data} are then sessions)
   */
  static void run(SectionBuilder section, String dataset, Catalog catalog, Interactions data, boolean playlist,
      QualityConfig cfg) {
    Split split = GatComparison.split(data, playlist, cfg.seed());
    String task = playlist ? "playlist continuation" : "next track";
    section.log(dataset + " (" + task + "): " + split);
    List<GatComparison.ModelResult> results = GatComparison.evaluate(split, catalog,
        GatComparison.trainers(catalog, playlist, cfg.gatEpochs(), cfg.seed(), List.of()), cfg.bootstrap(), cfg.seed(),
        m -> section.log(String.format(Locale.ROOT, "%s: %s fitted in %.1f s", dataset, m.result().model(),
            m.result().fitMillis() / 1000.0)));
    GatComparison.ModelResult gat = results.get(results.size() - 1);
    String name = dataset + " (" + task + ")";
    for (String metric : List.of("recall@" + GatComparison.K, "ndcg@" + GatComparison.K)) {
      Map<String, Estimate> baselines = new LinkedHashMap<>();
      for (GatComparison.ModelResult r : results.subList(0, results.size() - 1)) {
        baselines.put(r.result().model(), r.result().get(metric));
      }
      section.table(name, metric, true, "percentile bootstrap over test " + (playlist ? "playlists" : "sessions") + " ("
          + cfg.bootstrap() + " resamples)", gat.result().model(), gat.result().get(metric), baselines);
    }
    Map<String, Object> det = new LinkedHashMap<>();
    det.put("split", split.toString());
    det.put("epochs", cfg.gatEpochs());
    Map<String, Object> perModel = new LinkedHashMap<>();
    for (GatComparison.ModelResult r : results) {
      EvaluationResult e = r.result();
      perModel.put(e.model(), Map.of("genreDiversity@10", r.genreDiversity(), "coverage@10", r.coverage(),
          "fitSeconds", e.fitMillis() / 1000.0));
    }
    det.put("models", perModel);
    section.detail(name, det);
  }
}

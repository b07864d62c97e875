package dev.recsys.examples;

import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.RecommenderTrainer;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.Baselines;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluating your own {@link Recommender} with the toolkit: a "recently popular" recommender (popularity over the
 * most recent plays only) is compared with the popularity and item-kNN baselines on a temporal split of a
 * synthetic world, with bootstrap intervals. Run: {@code ./recsys example evaluate}.
 */
public final class EvaluateYourRecommender {
  private EvaluateYourRecommender() {}

  /** Popularity among the most recent {@code window} plays of the training data. */
  static final class RecentlyPopular implements Recommender {
    private final Interactions train;
    private final int[] ranked;
    private final double[] counts;
    private final List<Set<String>> seen;

    RecentlyPopular(Interactions train, int window) {
      this.train = train;
      int n = train.size();
      Integer[] rows = new Integer[n];
      for (int r = 0; r < n; r++) {
        rows[r] = r;
      }
      Arrays.sort(rows, (a, b) -> Long.compare(train.timestamp(b), train.timestamp(a)));
      counts = new double[train.items().size()];
      for (int i = 0; i < Math.min(window, n); i++) {
        counts[train.item(rows[i])] += 1;
      }
      ranked = java.util.stream.IntStream.range(0, counts.length).boxed()
          .sorted(java.util.Comparator.comparingDouble((Integer i) -> -counts[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      seen = new ArrayList<>();
      for (int u = 0; u < train.users().size(); u++) {
        seen.add(new HashSet<>());
      }
      for (int r = 0; r < n; r++) {
        seen.get(train.user(r)).add(train.items().id(train.item(r)));
      }
    }

    @Override
    public String name() {
      return "recently-popular";
    }

    @Override
    public List<Recommendation> recommend(RecommendationQuery query) {
      Set<String> skip = new HashSet<>(query.exclude());
      if (query.excludeSeen()) {
        skip.addAll(query.seedItems());
        int u = query.listenerId().map(train.users()::indexOf).orElse(-1);
        if (u >= 0) {
          skip.addAll(seen.get(u));
        }
      }
      List<Recommendation> out = new ArrayList<>(query.k());
      for (int i : ranked) {
        String id = train.items().id(i);
        if (!skip.contains(id)) {
          out.add(new Recommendation(id, counts[i], Explanation.of((int) counts[i] + " recent plays")));
          if (out.size() == query.k()) {
            break;
          }
        }
      }
      return out;
    }
  }

  /** Runs the comparison and prints the table. */
  public static void main(String[] args) {
    SyntheticWorld world = SyntheticWorld.generate(SynthConfig.builder().tracks(5_000).listeners(500).seed(7).build());
    Split split = TemporalSplit.lastFraction(0.2, 7).split(world.interactions());
    RecommenderTrainer mine = new RecommenderTrainer() {
      @Override
      public String name() {
        return "recently-popular";
      }

      @Override
      public Recommender fit(Interactions train) {
        return new RecentlyPopular(train, 20_000);
      }
    };
    Evaluator evaluator = Evaluator.of(EvaluatorConfig.builder().ks(10).seed(7).build());
    List<EvaluationResult> results = evaluator.evaluateAll(split,
        List.of(mine, Baselines.trainer("popularity", 7), Baselines.trainer("itemknn", 7)));
    EvaluationReport report = EvaluationReport.of("synthetic(5000 tracks, 500 listeners, seed 7)", split, results,
        List.of(evaluator.compare(results.get(0), results.get(1), "ndcg@10")));
    System.out.print(TextTable.render(report));
  }
}

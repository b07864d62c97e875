package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recsys.core.eval.baselines.ItemKnnRecommender;
import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.core.eval.baselines.RandomRecommender;
import dev.recsys.core.eval.baselines.UserKnnRecommender;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Interactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baselines on the real MovieLens latest-small ratings (skipped when the shared data is absent). */
class MovieLensEvaluationTest {
  @Test
  void neighbourhoodModelsBeatPopularityAndRandom() throws Exception {
    Path ratings = EvalFixtures.movieLensDir().resolve("ratings.csv");
    assumeTrue(Files.isRegularFile(ratings), "MovieLens data not present at " + ratings);
    Interactions data = EvalFixtures.movieLens(ratings);
    Split split = TemporalSplit.lastFraction(0.2, 42).split(data);
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(10).depth(10).bootstrapSamples(200).threads(2).build());
    List<EvaluationResult> r = ev.evaluateAll(split, List.of(PopularityRecommender.trainer(),
        RandomRecommender.trainer(42), ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults()),
        UserKnnRecommender.trainer(UserKnnRecommender.Config.defaults())));
    StringBuilder b = new StringBuilder();
    for (EvaluationResult x : r) {
      b.append(x.model()).append(": recall@10 ").append(x.get("recall@10").format()).append(", ndcg@10 ")
          .append(x.get("ndcg@10").format()).append(", map@10 ").append(x.get("map@10").format()).append('\n');
    }
    System.out.print(b);
    double pop = r.get(0).get("ndcg@10").mean();
    double rnd = r.get(1).get("ndcg@10").mean();
    double item = r.get(2).get("ndcg@10").mean();
    double user = r.get(3).get("ndcg@10").mean();
    assertTrue(rnd < 0.01, b.toString());
    assertTrue(pop > rnd * 3, b.toString());
    assertTrue(item > pop && user > pop, b.toString());
    assertTrue(ev.compare(r.get(2), r.get(0), "ndcg@10").pValue() < 0.05, b.toString());
  }
}

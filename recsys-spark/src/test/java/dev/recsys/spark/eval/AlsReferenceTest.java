package dev.recsys.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.IalsRecommender;
import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.spark.SharedSpark;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class AlsReferenceTest {
  @Test
  void mllibAlsIsComparedWithTheProjectsIalsOnTheSameSplit() {
    Split split = EvalData.split(5);
    EvaluatorConfig config = EvaluatorConfig.builder().ks(10).depth(10).bootstrapSamples(200).seed(1).build();
    List<String> users = new ArrayList<>();
    for (int p = 0; p < split.numTestUsers(); p++) {
      users.add(split.data().users().id(split.testUser(p)));
    }
    Dataset<Row> train = SplitTables.train(SharedSpark.get(), split, 3);
    Dataset<Row> recs = new AlsReference(16, 10, 0.1, 10, 42).recommend(SharedSpark.get(), train, split.train().items().ids(), users, 10);
    List<Row> rows = recs.collectAsList();

    // at most depth per listener, ranks 0.., never a training item
    Set<String> heard = new HashSet<>();
    for (Row r : train.collectAsList()) {
      heard.add(r.getString(0) + "\t" + r.getString(1));
    }
    for (Row r : rows) {
      assertTrue(r.getInt(1) >= 0 && r.getInt(1) < 10);
      assertTrue(!heard.contains(r.getString(0) + "\t" + r.getString(2)), "a heard item was recommended: " + r);
    }
    assertEquals(users.size() * 10L, rows.size());

    DistributedEvaluator.Result als = new DistributedEvaluator(config).evaluate(SharedSpark.get(), split, recs, "mllib-als");
    EvaluationResult ials = Evaluator.of(config).evaluate(split, IalsRecommender.trainer(
        IalsRecommender.Config.builder().factors(16).epochs(10).seed(42).build()));
    EvaluationResult popularity = Evaluator.of(config).evaluate(split, PopularityRecommender.trainer());
    PairedDifference d = PairedDifference.of(als, DistributedEvaluator.Result.of(ials), "ndcg@10", 500, 0.95, 7);
    assertTrue(d.difference().lower() <= d.difference().mean() && d.difference().mean() <= d.difference().upper());
    assertTrue(als.get("ndcg@10").mean() > popularity.get("ndcg@10").mean(),
        "MLlib ALS beats popularity on clustered data: " + als.get("ndcg@10") + " vs " + popularity.get("ndcg@10"));
  }
  @Test
  void tuningChoosesTheBestValidationScore() {
    Split split = EvalData.split(5);
    EvaluatorConfig config = EvaluatorConfig.builder().ks(10).depth(10).bootstrapSamples(50).seed(1).build();
    AlsReference.Tuned tuned = AlsReference.tune(SharedSpark.get(), split, new dev.recsys.core.eval.protocol.RandomSplit(0.2, 3),
        List.of(1.0, 20.0), List.of(0.1), new AlsReference(8, 5, 0.1, 10, 42), config);
    assertEquals(List.of("alpha=1.0,reg=0.1", "alpha=20.0,reg=0.1"), List.copyOf(tuned.validation().keySet()));
    double best = tuned.validation().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertEquals(best, tuned.validation().get("alpha=" + tuned.chosen().alpha() + ",reg=" + tuned.chosen().regParam()));
    assertEquals(8, tuned.chosen().rank());
    assertTrue(best > 0, "validation data from the training part has signal: " + tuned.validation());
  }
}

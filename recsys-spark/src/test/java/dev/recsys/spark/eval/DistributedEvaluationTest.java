package dev.recsys.spark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.Cohorts;
import dev.recsys.core.eval.EvaluationResult;
import dev.recsys.core.eval.ItemGrouping;
import dev.recsys.core.eval.UserGrouping;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.baselines.ItemKnnRecommender;
import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.core.model.IdIndex;
import dev.recsys.spark.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistributedEvaluationTest {
  static Split split;
  static EvaluatorConfig config;

  @BeforeAll
  static void data() {
    split = EvalData.split(11);
    config = EvaluatorConfig.builder().ks(5, 10).depth(20).bootstrapSamples(200).seed(3).keepRecommendations(true).build();
  }

  /** The single-machine result's recommendations as a table. */
  static Dataset<Row> table(EvaluationResult r) {
    IdIndex items = split.data().items();
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < split.numTestUsers(); p++) {
      String user = split.data().users().id(split.testUser(p));
      int[] ranked = r.ranked(p);
      float[] scores = r.scores(p);
      for (int i = 0; i < ranked.length; i++) {
        rows.add(RowFactory.create(user, i, items.id(ranked[i]), scores[i]));
      }
    }
    return SharedSpark.get().createDataFrame(rows, CooccurrenceItemKnn.RECOMMENDATIONS).repartition(3);
  }

  static void assertSameNumbers(EvaluationResult expected, DistributedEvaluator.Result got) {
    assertEquals(expected.users(), got.users());
    assertEquals(expected.metrics(), got.metrics());
    assertEquals(expected.aggregate(), got.aggregate(), "means and bootstrap intervals");
    assertEquals(expected.setMetrics(), got.setMetrics());
    assertEquals(expected.cohorts(), got.cohorts(), "cohorts");
    assertEquals(expected.curves().keySet(), got.curves().keySet());
    for (String c : expected.curves().keySet()) {
      assertArrayEquals(expected.curves().get(c), got.curves().get(c), c);
    }
    for (int p = 0; p < expected.users().size(); p++) {
      for (int m = 0; m < expected.metrics().size(); m++) {
        assertEquals(expected.value(p, m), got.perUser()[p][m], expected.metrics().get(m) + " of listener " + p);
      }
    }
  }

  @Test
  void distributedEvaluationGivesTheSingleMachineNumbers() {
    Map<String, UserGrouping> users = Map.of("activity", Cohorts.activity(16, 19));
    Map<String, ItemGrouping> items = Map.of("item-popularity", Cohorts.coldWarm(12));
    EvaluationResult single = Evaluator.builder(config).userCohort("activity", users.get("activity"))
        .itemCohort("item-popularity", items.get("item-popularity")).build()
        .evaluate(split, ItemKnnRecommender.trainer(new ItemKnnRecommender.Config(20)));
    DistributedEvaluator.Result spark = new DistributedEvaluator(config, users, items)
        .evaluate(SharedSpark.get(), split, table(single), "itemknn");
    assertSameNumbers(single, spark);
    assertTrue(spark.cohorts().get("activity").size() >= 2 && spark.cohorts().get("item-popularity").size() == 2,
        "the cohorts have several groups: " + spark.cohorts().keySet() + " " + spark.cohorts().get("activity").keySet()
            + " " + spark.cohorts().get("item-popularity").keySet());
    assertTrue(spark.get("ndcg@10").mean() > 0, "the generated data has signal");
  }

  @Test
  void cooccurrenceItemKnnGivesTheSingleMachineRecommendations() {
    EvaluationResult single = Evaluator.of(config).evaluate(split, ItemKnnRecommender.trainer(new ItemKnnRecommender.Config(20)));
    List<String> users = new ArrayList<>();
    for (int p = 0; p < split.numTestUsers(); p++) {
      users.add(split.data().users().id(split.testUser(p)));
    }
    Dataset<Row> recs = CooccurrenceItemKnn.recommend(SharedSpark.get(), SplitTables.train(SharedSpark.get(), split, 3),
        split.train().items().ids(), users, 20, config.depth());
    List<Row> expected = table(single).orderBy("user", "rank").collectAsList();
    List<Row> got = recs.orderBy("user", "rank").collectAsList();
    assertEquals(expected, got);
    DistributedEvaluator.Result spark = new DistributedEvaluator(config).evaluate(SharedSpark.get(), split, recs, "itemknn");
    assertSameNumbers(single, spark);

    EvaluationResult popularity = Evaluator.of(config).evaluate(split, PopularityRecommender.trainer());
    assertTrue(spark.get("ndcg@10").mean() > popularity.get("ndcg@10").mean(),
        "item-kNN beats popularity on clustered data: " + spark.get("ndcg@10") + " vs " + popularity.get("ndcg@10"));
  }
}

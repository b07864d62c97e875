package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.baselines.ItemKnnRecommender;
import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.core.eval.baselines.RandomRecommender;
import dev.recsys.core.eval.metrics.RankingMetrics;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.eval.report.EvaluationReport;
import dev.recsys.core.eval.report.RecommendationExport;
import dev.recsys.core.eval.report.ReportJson;
import dev.recsys.core.eval.report.TextTable;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.Recommender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
  private static final Interactions DATA = EvalFixtures.clustered(150, 90, 3, 15, 21);
  private static final Split SPLIT = TemporalSplit.lastFraction(0.2, 9).split(DATA);

  private static EvaluatorConfig.Builder config() {
    return EvaluatorConfig.builder().ks(5, 10).depth(20).bootstrapSamples(200).seed(3);
  }

  @Test
  void reportsEveryTestListenerRankedWithoutChangingTheResult() {
    var trainer = ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults());
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
    java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    EvaluationResult watched = Evaluator.of(config().threads(3).build()).evaluate(SPLIT, trainer, (stage, done, total) -> {
      assertEquals("rank", stage);
      assertEquals(SPLIT.numTestUsers(), total);
      last.accumulateAndGet(done, Math::max);
      calls.incrementAndGet();
    });
    assertEquals(SPLIT.numTestUsers(), last.get());
    assertTrue(calls.get() >= 2, "a start and at least one report: " + calls.get());
    assertEquals(Evaluator.of(config().threads(1).build()).evaluate(SPLIT, trainer).aggregate(), watched.aggregate());
  }

  @Test
  void resultsDoNotDependOnThreads() {
    var trainer = ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults());
    EvaluationResult one = Evaluator.of(config().threads(1).build()).evaluate(SPLIT, trainer);
    EvaluationResult four = Evaluator.of(config().threads(4).build()).evaluate(SPLIT, trainer);
    assertEquals(one.aggregate(), four.aggregate());
    assertEquals(one.setMetrics(), four.setMetrics());
    for (String m : one.metrics()) {
      assertArrayEquals(one.values(m), four.values(m));
    }
  }

  @Test
  void perUserValuesMatchTheMetricFunctions() {
    EvaluationResult r = Evaluator.of(config().keepRecommendations(true).build())
        .evaluate(SPLIT, PopularityRecommender.trainer());
    assertEquals(SPLIT.numTestUsers(), r.users().size());
    double sum = 0;
    for (int p = 0; p < SPLIT.numTestUsers(); p++) {
      double ndcg = RankingMetrics.ndcg(r.ranked(p), 10, SPLIT.heldOut(p));
      assertEquals(ndcg, r.value(p, r.metricIndex("ndcg@10")), 1e-12);
      sum += ndcg;
      assertEquals(20, r.ranked(p).length);
    }
    Estimate e = r.get("ndcg@10");
    assertEquals(sum / SPLIT.numTestUsers(), e.mean(), 1e-12);
    assertTrue(e.lower() <= e.mean() && e.mean() <= e.upper(), e.toString());
    assertEquals(r.get("recall@10").mean(), r.curves().get("recall")[9], 1e-12);
    assertEquals(r.get("precision@5").mean(), r.curves().get("precision")[4], 1e-12);
  }

  @Test
  void knnBeatsPopularityAndRandomOnClusteredData() {
    Evaluator ev = Evaluator.of(config().build());
    EvaluationResult knn = ev.evaluate(SPLIT, ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults()));
    EvaluationResult pop = ev.evaluate(SPLIT, PopularityRecommender.trainer());
    EvaluationResult rnd = ev.evaluate(SPLIT, RandomRecommender.trainer(1));
    assertTrue(knn.get("ndcg@10").mean() > pop.get("ndcg@10").mean() + 0.05, knn.get("ndcg@10") + " vs " + pop.get("ndcg@10"));
    assertTrue(pop.get("ndcg@10").mean() >= rnd.get("ndcg@10").mean() - 0.02);
    PairedComparison c = ev.compare(knn, pop, "ndcg@10");
    assertEquals(knn.get("ndcg@10").mean() - pop.get("ndcg@10").mean(), c.meanDifference(), 1e-12);
    assertTrue(c.lower() > 0 && c.pValue() < 0.01, c.toString());
    PairedComparison self = ev.compare(knn, knn, "ndcg@10");
    assertEquals(0, self.meanDifference(), 1e-12);
    assertEquals(1.0, self.pValue(), 1e-12);
    assertTrue(knn.setMetrics().get("coverage@10") > pop.setMetrics().get("coverage@10"));
  }

  @Test
  void sameSeedSameIntervalsDifferentSeedDifferentIntervals() {
    var t = PopularityRecommender.trainer();
    Estimate a = Evaluator.of(config().build()).evaluate(SPLIT, t).get("recall@10");
    Estimate b = Evaluator.of(config().build()).evaluate(SPLIT, t).get("recall@10");
    Estimate c = Evaluator.of(config().seed(4).build()).evaluate(SPLIT, t).get("recall@10");
    assertEquals(a, b);
    assertEquals(a.mean(), c.mean());
    assertTrue(a.lower() != c.lower() || a.upper() != c.upper());
  }

  @Test
  void cohortsPartitionTheUsers() {
    Evaluator ev = Evaluator.builder(config().build())
        .userCohort("activity", Cohorts.activity(10, 12))
        .userCohort("parity", Cohorts.byUserId(id -> Integer.parseInt(id.substring(1)) % 2 == 0 ? "even" : "odd"))
        .itemCohort("items", Cohorts.coldWarm(3))
        .build();
    EvaluationResult r = ev.evaluate(SPLIT, ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults()));
    Map<String, CohortGroup> parity = r.cohorts().get("parity");
    assertEquals(SPLIT.numTestUsers(), parity.values().stream().mapToInt(CohortGroup::users).sum());
    double weighted = parity.values().stream().mapToDouble(g -> g.users() * g.metrics().get("recall@10").mean()).sum();
    assertEquals(r.get("recall@10").mean(), weighted / SPLIT.numTestUsers(), 1e-12);
    assertEquals(SPLIT.numTestUsers(),
        r.cohorts().get("activity").values().stream().mapToInt(CohortGroup::users).sum());
    assertTrue(r.cohorts().get("items").containsKey("warm"));
    assertThrows(IllegalArgumentException.class,
        () -> Evaluator.builder(config().build()).userCohort("x", (s, u) -> "a").itemCohort("x", (s, i) -> "b"));
  }

  @Test
  void unknownIdsCountAsMisses() {
    Recommender bogus = new Recommender() {
      @Override
      public String name() {
        return "bogus";
      }

      @Override
      public List<Recommendation> recommend(dev.recsys.core.spi.RecommendationQuery q) {
        List<Recommendation> out = new ArrayList<>();
        for (int i = 0; i < q.k(); i++) {
          out.add(new Recommendation("nope" + i, -i, Explanation.of("none")));
        }
        return out;
      }
    };
    EvaluationResult r = Evaluator.of(config().build()).evaluate(SPLIT, bogus);
    assertEquals(0, r.get("recall@10").mean());
    assertEquals(0, r.setMetrics().get("coverage@10"));
  }

  @Test
  void reportJsonTableAndExport(@TempDir Path dir) throws Exception {
    Evaluator ev = Evaluator.of(config().keepRecommendations(true).build());
    List<EvaluationResult> results = List.of(ev.evaluate(SPLIT, PopularityRecommender.trainer()),
        ev.evaluate(SPLIT, ItemKnnRecommender.trainer(ItemKnnRecommender.Config.defaults())));
    EvaluationReport report = EvaluationReport.of("synthetic", SPLIT, results,
        List.of(ev.compare(results.get(1), results.get(0), "ndcg@10")));
    Path json = dir.resolve("r/report.json");
    ReportJson.write(report, json);
    EvaluationReport back = ReportJson.read(json);
    assertEquals(report.models().get(1).metrics(), back.models().get(1).metrics());
    assertEquals(report.dataFingerprint(), back.dataFingerprint());
    assertTrue(report.dataFingerprint().startsWith("sha256:"));
    assertTrue(report.gitRevision().equals("unknown") || report.gitRevision().matches("[0-9a-f]{40}"));
    String table = TextTable.render(report);
    assertTrue(table.contains("itemknn") && table.contains("recall@10") && table.contains("ndcg@5"), table);
    Path recs = dir.resolve("recs.csv");
    RecommendationExport.write(recs, SPLIT, results);
    List<String> lines = Files.readAllLines(recs);
    assertEquals("model,user,rank,item,score", lines.get(0));
    assertEquals(1 + 2 * SPLIT.numTestUsers() * 20, lines.size());
    List<String> held = Files.readAllLines(RecommendationExport.heldOutFile(recs));
    assertEquals("model,user,heldout_item", held.get(0));
    // recompute recall@10 of the first model from the files alone
    Map<String, java.util.Set<String>> relevant = new java.util.HashMap<>();
    for (String l : held.subList(1, held.size())) {
      String[] f = l.split(",");
      if (f[0].equals("popularity")) {
        relevant.computeIfAbsent(f[1], x -> new java.util.HashSet<>()).add(f[2]);
      }
    }
    Map<String, Integer> hits = new java.util.HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      if (f[0].equals("popularity") && Integer.parseInt(f[2]) <= 10 && relevant.get(f[1]).contains(f[3])) {
        hits.merge(f[1], 1, Integer::sum);
      }
    }
    double recall = relevant.entrySet().stream()
        .mapToDouble(e -> hits.getOrDefault(e.getKey(), 0) / (double) e.getValue().size()).average().orElseThrow();
    assertEquals(results.get(0).get("recall@10").mean(), recall, 1e-12);
  }

  @Test
  void configIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EvaluatorConfig.builder().ks(0).build());
    assertTrue(e.getMessage().contains("ks[0] must be in [1, 10000]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EvaluatorConfig.builder().ks(10).depth(5).build());
    assertThrows(IllegalArgumentException.class, () -> EvaluatorConfig.builder().ks(10, 10).build());
  }
}

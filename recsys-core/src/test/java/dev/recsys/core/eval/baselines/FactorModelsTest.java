package dev.recsys.core.eval.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.EvalFixtures;
import dev.recsys.core.eval.Evaluator;
import dev.recsys.core.eval.EvaluatorConfig;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.TemporalSplit;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FactorModelsTest {
  private static final Interactions DATA = EvalFixtures.clustered(120, 80, 4, 14, 5);

  private static <T> T inPool(int threads, Supplier<T> task) {
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(task::get).join();
    } finally {
      pool.shutdown();
    }
  }

  private static float[] allVectors(FactorRecommender m) {
    List<String> users = m.listenerIds();
    List<String> tracks = m.trackIds();
    float[] out = new float[(users.size() + tracks.size()) * m.dimension()];
    int o = 0;
    for (String u : users) {
      float[] v = m.listenerEmbedding(u).orElseThrow();
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    for (String t : tracks) {
      float[] v = m.trackEmbedding(t).orElseThrow();
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }

  @Test
  void ialsIsBitIdenticalWhateverTheThreadCount() {
    for (IalsRecommender.Solver solver : IalsRecommender.Solver.values()) {
      IalsRecommender.Config c = IalsRecommender.Config.builder().factors(12).epochs(4).solver(solver).build();
      float[] one = allVectors(inPool(1, () -> IalsRecommender.fit(DATA, c)));
      float[] three = allVectors(inPool(3, () -> IalsRecommender.fit(DATA, c)));
      assertArrayEquals(one, three, solver.toString());
      float[] other = allVectors(IalsRecommender.fit(DATA, c.toBuilder().seed(7).build()));
      assertFalse(java.util.Arrays.equals(one, other), "another seed gives another model");
    }
  }

  @Test
  void bprIsReproducibleForASeed() {
    BprRecommender.Config c = BprRecommender.Config.builder().factors(8).epochs(5).build();
    assertArrayEquals(allVectors(BprRecommender.fit(DATA, c)), allVectors(inPool(2, () -> BprRecommender.fit(DATA, c))));
    assertFalse(java.util.Arrays.equals(allVectors(BprRecommender.fit(DATA, c)),
        allVectors(BprRecommender.fit(DATA, c.toBuilder().seed(9).build()))));
  }

  /** The last half-epoch solves the tracks exactly: their vectors satisfy the normal equations of the loss. */
  @Test
  void ialsTrackVectorsSolveTheirNormalEquations() {
    IalsRecommender.Config c = IalsRecommender.Config.builder().factors(6).epochs(3).regularization(0.02)
        .unobservedWeight(0.3).frequencyExponent(0.5).build();
    IalsRecommender m = IalsRecommender.fit(DATA, c);
    int d = 6;
    List<String> users = m.listenerIds();
    double[][] w = new double[users.size()][];
    double[] g = new double[d * d];
    for (int u = 0; u < users.size(); u++) {
      float[] v = m.listenerEmbedding(users.get(u)).orElseThrow();
      w[u] = new double[d];
      for (int k = 0; k < d; k++) {
        w[u][k] = v[k];
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          g[a * d + b] += w[u][a] * w[u][b];
        }
      }
    }
    for (int i : new int[] {0, 17, 42, 79}) {
      float[] h = m.trackEmbedding(m.trackIds().get(i)).orElseThrow();
      Set<Integer> listeners = new HashSet<>();
      for (int r = 0; r < DATA.size(); r++) {
        if (DATA.item(r) == i) {
          listeners.add(DATA.user(r));
        }
      }
      double reg = c.regularization() * Math.pow(listeners.size() + c.unobservedWeight() * users.size(), 0.5);
      for (int a = 0; a < d; a++) {
        double lhs = reg * h[a];
        for (int b = 0; b < d; b++) {
          lhs += c.unobservedWeight() * g[a * d + b] * h[b];
        }
        double rhs = 0;
        for (int u : listeners) {
          double p = 0;
          for (int b = 0; b < d; b++) {
            p += w[u][b] * h[b];
          }
          lhs += w[u][a] * p;
          rhs += w[u][a];
        }
        assertEquals(rhs, lhs, 1e-4 * (1 + Math.abs(rhs)), "track " + i + " component " + a);
      }
    }
  }

  @Test
  void conjugateGradientWithAsManyStepsAsFactorsMatchesTheExactSolve() {
    IalsRecommender.Config exact = IalsRecommender.Config.builder().factors(5).epochs(3).build();
    IalsRecommender.Config cg = exact.toBuilder().solver(IalsRecommender.Solver.CG).cgSteps(5).build();
    float[] a = allVectors(IalsRecommender.fit(DATA, exact));
    float[] b = allVectors(IalsRecommender.fit(DATA, cg));
    for (int k = 0; k < a.length; k++) {
      assertEquals(a[k], b[k], 2e-3, "component " + k);
    }
  }

  @Test
  void embeddingsInADotProductIndexGiveTheRecommendedList() throws Exception {
    for (FactorRecommender m : List.<FactorRecommender>of(
        IalsRecommender.fit(DATA, IalsRecommender.Config.builder().factors(10).epochs(5).build()),
        BprRecommender.fit(DATA, BprRecommender.Config.builder().factors(10).epochs(10).build()))) {
      try (ExactIndex index = ExactIndex.inMemory(m.dimension(), Similarity.DOT_PRODUCT)) {
        for (String t : m.trackIds()) {
          index.upsert(t, m.trackEmbedding(t).orElseThrow(), Metadata.EMPTY);
        }
        index.refresh();
        assertEquals(m.trackIds().size(), m.trackVectors().size());
        for (String listener : List.of("u3", "u50", "u101")) {
          List<Recommendation> recs = m.recommend(RecommendationQuery.forListener(listener, 10));
          Set<String> seen = new HashSet<>();
          for (int r = 0; r < DATA.size(); r++) {
            if (DATA.users().id(DATA.user(r)).equals(listener)) {
              seen.add(DATA.items().id(DATA.item(r)));
            }
          }
          List<SearchHit> hits = index.search(m.listenerEmbedding(listener).orElseThrow(), 10,
              SearchFilter.builder().exclude(seen).build());
          assertEquals(recs.stream().map(Recommendation::itemId).toList(), hits.stream().map(SearchHit::key).toList(),
              m.name() + " " + listener);
          for (int i = 0; i < recs.size(); i++) {
            assertEquals(recs.get(i).score(), hits.get(i).score(), 1e-4);
          }
        }
      }
    }
  }

  @Test
  void foldedInListenerOfAKnownHistoryIsCloseToTheFittedOne() {
    IalsRecommender m = IalsRecommender.fit(DATA, IalsRecommender.Config.builder().factors(8).epochs(6).build());
    List<String> history = new java.util.ArrayList<>();
    for (int r = 0; r < DATA.size(); r++) {
      if (DATA.users().id(DATA.user(r)).equals("u7")) {
        history.add(DATA.items().id(DATA.item(r)));
      }
    }
    float[] fitted = m.listenerEmbedding("u7").orElseThrow();
    float[] folded = m.foldInEmbedding(history);
    // the fitted vector was solved against the previous epoch's tracks, so the two agree closely, not exactly
    for (int k = 0; k < fitted.length; k++) {
      assertEquals(fitted[k], folded[k], 0.05 + 0.2 * Math.abs(fitted[k]), "component " + k);
    }
    List<Recommendation> bySeeds = m.recommend(RecommendationQuery.forSeeds(history, 10));
    assertEquals(10, bySeeds.size());
  }

  @Test
  void factorModelsBeatPopularityOnClusteredData() {
    Split split = TemporalSplit.lastFraction(0.2, 1).split(EvalFixtures.clustered(200, 120, 4, 20, 3));
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(10).bootstrapSamples(100).seed(1).build());
    double pop = ev.evaluate(split, PopularityRecommender.trainer()).get("ndcg@10").mean();
    double ials = ev.evaluate(split, IalsRecommender.trainer(IalsRecommender.Config.builder().factors(16).build()))
        .get("ndcg@10").mean();
    double bpr = ev.evaluate(split, BprRecommender.trainer(BprRecommender.Config.builder().factors(16).build()))
        .get("ndcg@10").mean();
    assertTrue(ials > pop * 1.5, "ials " + ials + " vs popularity " + pop);
    assertTrue(bpr > pop * 1.5, "bpr " + bpr + " vs popularity " + pop);
  }

  @Test
  void configsAreValidatedWithTheBound() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IalsRecommender.Config.builder().factors(0).build());
    assertTrue(e.getMessage().contains("factors") && e.getMessage().contains("0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> IalsRecommender.Config.builder().unobservedWeight(-1).build());
    assertThrows(IllegalArgumentException.class, () -> IalsRecommender.Config.builder().frequencyExponent(2).build());
    assertThrows(IllegalArgumentException.class, () -> BprRecommender.Config.builder().learningRate(0).build());
    assertThrows(IllegalArgumentException.class, () -> BprRecommender.Config.builder().epochs(0).build());
  }
}

package dev.recsys.core.eval.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.EvalFixtures;
import dev.recsys.core.kernels.SpdInverse;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.RecommendationQuery;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final Interactions DATA = EvalFixtures.clustered(80, 60, 4, 12, 11);

  @Test
  void choleskyInverseTimesMatrixIsIdentity() {
    int n = 37;
    SplittableRandom r = new SplittableRandom(1);
    double[] x = new double[n * 50];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < 0.3 ? 1 : 0;
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int u = 0; u < 50; u++) {
          s += x[u * n + i] * x[u * n + j];
        }
        a[i * n + j] = s + (i == j ? 2 : 0);
      }
    }
    double[] inv = a.clone();
    SpdInverse.invertInPlace(inv, n, true);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += a[i * n + k] * inv[k * n + j];
        }
        assertEquals(i == j ? 1 : 0, s, 1e-9, "(A A^-1)[" + i + "][" + j + "]");
      }
    }
    double[] seq = a.clone();
    SpdInverse.invertInPlace(seq, n, false);
    assertTrue(java.util.Arrays.equals(seq, inv), "parallel and sequential inverses differ");
    for (int block : new int[] {1, 5, 8, 36, 100}) {
      double[] blocked = a.clone();
      SpdInverse.invertInPlace(blocked, n, true, block);
      for (int i = 0; i < n * n; i++) {
        assertEquals(inv[i], blocked[i], 1e-10, "block " + block + " entry " + i);
      }
    }
    double[] notPd = {1, 2, 2, 1};
    assertThrows(IllegalArgumentException.class, () -> SpdInverse.invertInPlace(notPd, 2, false));
  }

  @Test
  void easeWeightsFollowTheClosedForm() {
    Interactions tiny = Interactions.builder().add("u1", "a", 1, 1, false).add("u1", "b", 1, 1, false)
        .add("u2", "a", 1, 1, false).add("u2", "c", 1, 1, false).add("u3", "b", 1, 1, false).build();
    EaseRecommender e = EaseRecommender.fit(tiny, new EaseRecommender.Config(1, 10));
    // G = X^T X + I over (a, b, c) = [[3,1,1],[1,3,0],[1,0,2]]; P = G^-1; B[i][j] = -P[i][j] / P[j][j]
    double[][] g = {{3, 1, 1}, {1, 3, 0}, {1, 0, 2}};
    double det = 3 * (3 * 2) - 1 * (1 * 2) + 1 * (0 - 3);
    double[][] p = {
        {6 / det, -2 / det, -3 / det},
        {-2 / det, 5 / det, 1 / det},
        {-3 / det, 1 / det, 8 / det}};
    String[] ids = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double expected = i == j ? 0 : -p[i][j] / p[j][j];
        assertEquals(expected, e.weight(tiny.items().indexOf(ids[i]), tiny.items().indexOf(ids[j])), 1e-6,
            "B[" + ids[i] + "][" + ids[j] + "] with G=" + java.util.Arrays.deepToString(g));
      }
    }
  }

  @Test
  void itemKnnExplainsWithHistoryItems() {
    ItemKnnRecommender knn = ItemKnnRecommender.fit(DATA, ItemKnnRecommender.Config.defaults());
    List<Recommendation> recs = knn.recommend(RecommendationQuery.forListener("u5", 5));
    Recommendation top = recs.get(0);
    assertTrue(top.explanation().summary().startsWith("because you played "), top.explanation().summary());
    Set<String> history = new java.util.HashSet<>();
    for (int r = 0; r < DATA.size(); r++) {
      if (DATA.users().id(DATA.user(r)).equals("u5")) {
        history.add(DATA.items().id(DATA.item(r)));
      }
    }
    double sum = 0;
    for (var f : top.explanation().factors("neighbour")) {
      assertTrue(history.contains(f.label()));
      sum += f.contribution();
    }
    assertEquals(top.score(), sum, 1e-4, "factors add up to the score");
  }

  @Test
  void clusterStructureIsLearned() {
    // user u5 is in taste group 1 (items 30..59): kNN and EASE should mostly recommend from it
    Interactions data = EvalFixtures.clustered(200, 120, 4, 12, 5);
    for (var rec : List.of(ItemKnnRecommender.fit(data, ItemKnnRecommender.Config.defaults()),
        UserKnnRecommender.fit(data, UserKnnRecommender.Config.defaults()),
        EaseRecommender.fit(data, new EaseRecommender.Config(10, 200)))) {
      long inGroup = rec.recommend(RecommendationQuery.forListener("u5", 10)).stream()
          .mapToInt(x -> Integer.parseInt(x.itemId().substring(1))).filter(i -> i >= 30 && i < 60).count();
      assertTrue(inGroup >= 7, rec.name() + " recommends only " + inGroup + "/10 from the listener's group");
    }
  }

  @Test
  void randomDependsOnSeedAndListenerOnly() {
    var a = RandomRecommender.fit(DATA, 1);
    var b = RandomRecommender.fit(DATA, 2);
    var q = RecommendationQuery.forListener("u5", 10);
    assertEquals(a.recommend(q), a.recommend(q));
    assertNotEquals(a.recommend(q), b.recommend(q));
    assertNotEquals(a.recommend(q), a.recommend(RecommendationQuery.forListener("u6", 10)));
  }

  @Test
  void unknownListenerWithoutSeedsGetsPopularItems() {
    var knn = ItemKnnRecommender.fit(DATA, ItemKnnRecommender.Config.defaults());
    var pop = PopularityRecommender.fit(DATA);
    var q = new RecommendationQuery(Optional.of("nobody"), List.of(), 5, Set.of(), true, Set.of());
    assertEquals(pop.recommend(q).stream().map(Recommendation::itemId).toList(),
        knn.recommend(q).stream().map(Recommendation::itemId).toList());
    assertTrue(knn.recommend(q).get(0).explanation().summary().startsWith("popular"));
  }

  @Test
  void genreFiltersAreRefusedWithAReason() {
    var pop = PopularityRecommender.fit(DATA);
    var q = new RecommendationQuery(Optional.of("u1"), List.of(), 5, Set.of(), true, Set.of("rock"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pop.recommend(q));
    assertTrue(e.getMessage().contains("genres"));
  }

  @Test
  void byName() {
    for (String n : Baselines.NAMES) {
      assertEquals(n, Baselines.trainer(n, 1).name());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.trainer("svd", 1));
    assertTrue(e.getMessage().contains("itemknn"));
  }
}

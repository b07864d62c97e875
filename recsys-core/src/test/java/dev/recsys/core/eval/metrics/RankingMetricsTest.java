package dev.recsys.core.eval.metrics;

import static dev.recsys.core.eval.metrics.RankingMetrics.relevantOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private static final double EPS = 1e-9;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void handComputedTwoHitsInFour() {
    int[] ranked = {1, 2, 3, 4};
    int[] rel = relevantOf(3, 1);
    assertEquals(0.5, RankingMetrics.precision(ranked, 4, rel), EPS);
    assertEquals(1.0, RankingMetrics.recall(ranked, 4, rel), EPS);
    assertEquals(2.0 / 3, RankingMetrics.f1(ranked, 4, rel), EPS);
    assertEquals(1.0, RankingMetrics.hitRate(ranked, 4, rel), EPS);
    // DCG = 1/log2(2) + 1/log2(4) = 1.5 ; IDCG = 1 + 1/log2(3)
    assertEquals(1.5 / (1 + 1 / LOG2_3), RankingMetrics.ndcg(ranked, 4, rel), EPS);
    // AP = (1/1 + 2/3) / min(4, 2)
    assertEquals((1 + 2.0 / 3) / 2, RankingMetrics.averagePrecision(ranked, 4, rel), EPS);
    assertEquals(1.0, RankingMetrics.reciprocalRank(ranked, 4, rel), EPS);
    assertEquals(0.5, RankingMetrics.rPrecision(ranked, rel), EPS);
  }

  @Test
  void handComputedOneHitAtSecondPlace() {
    int[] ranked = {1, 2, 3, 4, 5};
    int[] rel = relevantOf(2, 5, 9);
    assertEquals(1.0 / 3, RankingMetrics.precision(ranked, 3, rel), EPS);
    assertEquals(1.0 / 3, RankingMetrics.recall(ranked, 3, rel), EPS);
    assertEquals((1 / LOG2_3) / (1 + 1 / LOG2_3 + 0.5), RankingMetrics.ndcg(ranked, 3, rel), EPS);
    assertEquals(0.5 / 3, RankingMetrics.averagePrecision(ranked, 3, rel), EPS);
    assertEquals(0.5, RankingMetrics.reciprocalRank(ranked, 3, rel), EPS);
    // at k = 5 the second hit is at position 4 (0-based)
    assertEquals((1 / LOG2_3 + 1 / (Math.log(6) / Math.log(2))) / (1 + 1 / LOG2_3 + 0.5),
        RankingMetrics.ndcg(ranked, 5, rel), EPS);
    assertEquals((0.5 + 2.0 / 5) / 3, RankingMetrics.averagePrecision(ranked, 5, rel), EPS);
  }

  @Test
  void idealDcgIsTruncatedAtK() {
    // 5 relevant, k = 2, both results relevant: NDCG 1 (ideal over min(k, |rel|) = 2 positions)
    assertEquals(1.0, RankingMetrics.ndcg(new int[] {1, 2}, 2, relevantOf(1, 2, 3, 4, 5)), EPS);
    // MAP@2 normaliser min(2, 5) = 2: perfect top-2 scores 1
    assertEquals(1.0, RankingMetrics.averagePrecision(new int[] {1, 2}, 2, relevantOf(1, 2, 3, 4, 5)), EPS);
  }

  @Test
  void fewerResultsThanK() {
    int[] ranked = {5};
    int[] rel = relevantOf(5);
    assertEquals(0.1, RankingMetrics.precision(ranked, 10, rel), EPS);
    assertEquals(1.0, RankingMetrics.recall(ranked, 10, rel), EPS);
    assertEquals(1.0, RankingMetrics.ndcg(ranked, 10, rel), EPS);
    assertEquals(1.0, RankingMetrics.averagePrecision(ranked, 10, rel), EPS);
    assertEquals(0.0, RankingMetrics.ndcg(new int[0], 10, rel), EPS);
  }

  @Test
  void noRelevantItemsGivesZero() {
    int[] ranked = {1, 2, 3};
    int[] none = {};
    assertEquals(0, RankingMetrics.precision(ranked, 3, none));
    assertEquals(0, RankingMetrics.recall(ranked, 3, none));
    assertEquals(0, RankingMetrics.f1(ranked, 3, none));
    assertEquals(0, RankingMetrics.ndcg(ranked, 3, none));
    assertEquals(0, RankingMetrics.averagePrecision(ranked, 3, none));
    assertEquals(0, RankingMetrics.reciprocalRank(ranked, 3, none));
    assertEquals(0, RankingMetrics.rPrecision(ranked, none));
    assertTrue(Double.isNaN(RankingMetrics.auc(ranked, none, 10)));
  }

  @Test
  void negativeEntriesAreMisses() {
    assertEquals(0.5, RankingMetrics.precision(new int[] {-1, 7}, 2, relevantOf(7)), EPS);
  }

  @Test
  void gradedNdcg() {
    int[] rel = relevantOf(1, 2, 3);
    double[] gains = {3, 2, 1}; // items 1, 2, 3
    // ranked 3, 2, 1: DCG = 1 + 2/log2(3) + 3/2 ; ideal = 3 + 2/log2(3) + 1/2
    double expected = (1 + 2 / LOG2_3 + 1.5) / (3 + 2 / LOG2_3 + 0.5);
    assertEquals(expected, RankingMetrics.ndcgGraded(new int[] {3, 2, 1}, 3, rel, gains), EPS);
    assertEquals(1.0, RankingMetrics.ndcgGraded(new int[] {1, 2, 3}, 3, rel, gains), EPS);
    // equal gains reduce to binary NDCG
    int[] ranked = {9, 2, 8, 3};
    assertEquals(RankingMetrics.ndcg(ranked, 4, rel), RankingMetrics.ndcgGraded(ranked, 4, rel, new double[] {1, 1, 1}),
        EPS);
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcgGraded(ranked, 4, rel, new double[] {1}));
  }

  @Test
  void aucHandComputed() {
    int[] rel = relevantOf(0);
    assertEquals(1.0, RankingMetrics.auc(new int[] {0}, rel, 5), EPS);
    assertEquals(0.75, RankingMetrics.auc(new int[] {1, 0}, rel, 5), EPS);
    assertEquals(0.5, RankingMetrics.auc(new int[0], rel, 5), EPS);
    assertEquals(0.0, RankingMetrics.auc(new int[] {1, 2, 3, 4, 0}, rel, 5), EPS);
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.auc(new int[0], relevantOf(1, 2), 1));
  }

  @Test
  void atKMatchesSingleMethods() {
    int[] ranked = {4, 9, 1, 7, 3, 8};
    int[] rel = relevantOf(1, 3, 5);
    double[] out = new double[7];
    for (int k = 1; k <= 8; k++) {
      RankingMetrics.atK(ranked, k, rel, out);
      assertArrayEquals(new double[] {RankingMetrics.precision(ranked, k, rel), RankingMetrics.recall(ranked, k, rel),
          RankingMetrics.f1(ranked, k, rel), RankingMetrics.hitRate(ranked, k, rel), RankingMetrics.ndcg(ranked, k, rel),
          RankingMetrics.averagePrecision(ranked, k, rel), RankingMetrics.reciprocalRank(ranked, k, rel)}, out, EPS);
    }
  }

  @Test
  void preconditionsAreCheckable() {
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.checkRanking(new int[] {1, 2, 1}));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.checkRelevant(new int[] {3, 2}));
    assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcg(new int[] {1}, 0, new int[] {1}));
    RankingMetrics.checkRanking(new int[] {-1, -1, 2});
  }
}

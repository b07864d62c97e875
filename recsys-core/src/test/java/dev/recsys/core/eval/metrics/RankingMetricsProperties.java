package dev.recsys.core.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RankingMetricsProperties {
  /** A ranking of distinct items from [0, 60) and a sorted relevant set from the same range. */
  record Case(int[] ranked, int[] relevant) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Integer>> ranked = Arbitraries.integers().between(0, 59).list().uniqueElements().ofMaxSize(40);
    Arbitrary<Set<Integer>> relevant = Arbitraries.integers().between(0, 59).set().ofMaxSize(30);
    return Combinators.combine(ranked, relevant).as((r, s) -> new Case(r.stream().mapToInt(Integer::intValue).toArray(),
        s.stream().mapToInt(Integer::intValue).sorted().toArray()));
  }

  @Property
  void boundedMetricsStayInUnitInterval(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 50) int k) {
    double[] out = new double[7];
    RankingMetrics.atK(c.ranked(), k, c.relevant(), out);
    for (double v : out) {
      assertTrue(v >= 0 && v <= 1 + 1e-12, "value out of [0, 1]: " + v);
    }
    double rp = RankingMetrics.rPrecision(c.ranked(), c.relevant());
    assertTrue(rp >= 0 && rp <= 1);
    double auc = RankingMetrics.auc(c.ranked(), c.relevant(), 60);
    assertTrue(Double.isNaN(auc) ? c.relevant().length == 0 || c.relevant().length == 60 : auc >= 0 && auc <= 1);
  }

  @Property
  void idealRankingHasNdcgAndApOne(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 50) int k) {
    if (c.relevant().length == 0) {
      return;
    }
    int[] ideal = c.relevant().clone(); // all relevant first, any order
    assertEquals(1.0, RankingMetrics.ndcg(ideal, k, c.relevant()), 1e-12);
    assertEquals(1.0, RankingMetrics.averagePrecision(ideal, k, c.relevant()), 1e-12);
    assertEquals(1.0, RankingMetrics.reciprocalRank(ideal, k, c.relevant()), 1e-12);
    assertEquals(1.0, RankingMetrics.rPrecision(ideal, c.relevant()), 1e-12);
  }

  @Property
  void recallAndHitRateAreMonotoneInK(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 49) int k) {
    assertTrue(RankingMetrics.recall(c.ranked(), k, c.relevant()) <= RankingMetrics.recall(c.ranked(), k + 1, c.relevant()));
    assertTrue(RankingMetrics.hitRate(c.ranked(), k, c.relevant()) <= RankingMetrics.hitRate(c.ranked(), k + 1, c.relevant()));
  }

  @Property
  void mapAndMrrIgnoreItemsAfterTheLastRelevant(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 50) int k) {
    int last = -1;
    for (int i = 0; i < Math.min(k, c.ranked().length); i++) {
      if (RankingMetrics.isRelevant(c.ranked()[i], c.relevant())) {
        last = i;
      }
    }
    // replace every item after the last relevant one (within k) by items that are never relevant
    int[] changed = c.ranked().clone();
    for (int i = last + 1; i < changed.length; i++) {
      changed[i] = i < k ? 1000 + i : changed[i];
    }
    int[] truncated = Arrays.copyOf(c.ranked(), last + 1);
    for (int[] other : new int[][] {changed, truncated}) {
      assertEquals(RankingMetrics.averagePrecision(c.ranked(), k, c.relevant()),
          RankingMetrics.averagePrecision(other, k, c.relevant()), 1e-12);
      assertEquals(RankingMetrics.reciprocalRank(c.ranked(), k, c.relevant()),
          RankingMetrics.reciprocalRank(other, k, c.relevant()), 1e-12);
    }
  }

  @Property
  void fullRankingAucEqualsClassificationAuc(@ForAll("cases") Case c) {
    if (c.relevant().length == 0 || c.relevant().length == 60) {
      return;
    }
    // complete the ranking with the missing candidates, then score by reversed position
    int[] full = new int[60];
    boolean[] in = new boolean[60];
    int m = 0;
    for (int it : c.ranked()) {
      full[m++] = it;
      in[it] = true;
    }
    for (int it = 0; it < 60; it++) {
      if (!in[it]) {
        full[m++] = it;
      }
    }
    boolean[] labels = new boolean[60];
    double[] scores = new double[60];
    for (int p = 0; p < 60; p++) {
      labels[p] = RankingMetrics.isRelevant(full[p], c.relevant());
      scores[p] = 60 - p;
    }
    assertEquals(ClassificationMetrics.rocAuc(labels, scores), RankingMetrics.auc(full, c.relevant(), 60), 1e-12);
  }

  @Property
  void naiveSetImplementationAgrees(@ForAll("cases") Case c, @ForAll @IntRange(min = 1, max = 50) int k) {
    java.util.Set<Integer> rel = new java.util.HashSet<>();
    for (int r : c.relevant()) {
      rel.add(r);
    }
    double dcg = 0;
    double idcg = 0;
    int hits = 0;
    for (int i = 0; i < Math.min(k, c.ranked().length); i++) {
      if (rel.contains(c.ranked()[i])) {
        hits++;
        dcg += 1 / (Math.log(i + 2) / Math.log(2));
      }
    }
    for (int i = 0; i < Math.min(k, rel.size()); i++) {
      idcg += 1 / (Math.log(i + 2) / Math.log(2));
    }
    assertEquals(rel.isEmpty() ? 0 : dcg / idcg, RankingMetrics.ndcg(c.ranked(), k, c.relevant()), 1e-12);
    assertEquals(rel.isEmpty() ? 0 : (double) hits / rel.size(), RankingMetrics.recall(c.ranked(), k, c.relevant()), 1e-12);
  }
}

package dev.recsys.core.eval.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.PairedComparison;
import dev.recsys.core.matching.CosineMatcher;
import dev.recsys.core.matching.ItemWeighting;
import dev.recsys.core.matching.ListenerMatcherTrainer;
import dev.recsys.core.matching.MostActiveMatcher;
import dev.recsys.core.matching.RandomMatcher;
import dev.recsys.core.matching.ScoredListener;
import dev.recsys.core.matching.SvdMatcher;
import dev.recsys.core.matching.TasteClusters;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingProtocolTest {
  private static final Catalog NONE = Catalog.of(List.of());

  private static List<ListenerMatcherTrainer> trainers(long seed) {
    return List.of(RandomMatcher.trainer(new RandomMatcher.Config(seed)), MostActiveMatcher.trainer(),
        CosineMatcher.trainer("cosine-tfidf", new CosineMatcher.Config(ItemWeighting.TFIDF)),
        SvdMatcher.trainer(new SvdMatcher.Config(8, ItemWeighting.TFIDF, 2, seed)));
  }

  @Property(tries = 15)
  void metricsAreBoundedAndTheQueryIsNeverItsOwnMatch(@ForAll @IntRange(min = 0, max = 1000) int seed,
      @ForAll @IntRange(min = 1, max = 15) int k) {
    Interactions data = TasteClusters.generate(40, 60, 4, 8, 0.7, seed);
    MatchingTask task = MatchingTask.splitHalf(data, NONE, seed, 4);
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(k).bootstrapSamples(0).build());
    for (ListenerMatcherTrainer t : trainers(seed)) {
      MatchingResult r = ev.evaluate(task, t);
      for (double[] row : r.values()) {
        for (double v : row) {
          assertTrue(v >= 0 && v <= 1, t.name() + ": metric out of [0, 1]: " + v);
        }
      }
      for (int q = 0; q < r.queries().size(); q++) {
        String query = r.queries().get(q);
        List<ScoredListener> m = r.matches().get(q);
        assertTrue(m.size() <= k);
        for (ScoredListener s : m) {
          assertFalse(s.listenerId().equals(query), t.name() + " returned the query itself");
          assertFalse(s.listenerId().endsWith(MatchingTask.QUERY_SUFFIX), t.name() + " returned a query half");
        }
      }
    }
  }

  @Property(tries = 10)
  void exportsRecomputeToTheReportedMetrics(@ForAll @IntRange(min = 0, max = 1000) int seed,
      @ForAll @IntRange(min = 1, max = 12) int k) throws Exception {
    Path dir = Files.createTempDirectory("match-export");
    try {
      Interactions data = TasteClusters.generate(30, 50, 3, 8, 0.7, seed);
      Map<String, String> labels = new HashMap<>();
      for (int u = 0; u < 30; u++) {
        labels.put("u" + u, "taste" + TasteClusters.taste(u, 3));
      }
      for (MatchingTask task : List.of(MatchingTask.splitHalf(data, NONE, seed, 4),
          MatchingTask.sharedLabel(data, NONE, labels))) {
        MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().k(k).bootstrapSamples(0).build());
        List<MatchingResult> results = trainers(seed).stream().map(t -> ev.evaluate(task, t)).toList();
        Path file = dir.resolve("matches.csv");
        MatchExport.write(file, task, results);
        Map<String, Map<String, Double>> again = MatchExport.recompute(file, k);
        for (MatchingResult r : results) {
          for (String m : r.metrics()) {
            assertEquals(r.get(m).mean(), again.get(r.model()).get(m), 1e-9, r.model() + " " + m);
          }
        }
      }
    } finally {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Property(tries = 20)
  void splitHalvesAreDisjointDeterministicAndCoverEveryItem(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    Interactions data = TasteClusters.generate(20, 40, 2, 9, 0.6, seed);
    MatchingTask a = MatchingTask.splitHalf(data, NONE, seed, 4);
    MatchingTask b = MatchingTask.splitHalf(data, NONE, seed, 4);
    assertEquals(a.data().size(), data.size());
    Map<String, Set<String>> items = new HashMap<>();
    for (int r = 0; r < a.data().size(); r++) {
      items.computeIfAbsent(a.data().users().id(a.data().user(r)), x -> new HashSet<>())
          .add(a.data().items().id(a.data().item(r)));
    }
    for (String q : a.queries()) {
      String target = q.substring(0, q.length() - MatchingTask.QUERY_SUFFIX.length());
      Set<String> qi = items.get(q);
      Set<String> ti = items.get(target);
      assertEquals(Set.of(target), a.relevant().get(q));
      assertEquals(9 / 2, qi.size());
      assertTrue(qi.stream().noneMatch(ti::contains), "halves share an item");
      assertFalse(a.eligible(q));
      assertTrue(a.eligible(target));
    }
    for (int r = 0; r < a.data().size(); r++) {
      assertEquals(a.data().users().id(a.data().user(r)), b.data().users().id(b.data().user(r)));
    }
  }

  @Test
  void truthRecallDividesByTheSmallerOfKAndTheRelatedListeners() {
    Set<String> rel = Set.of("b", "c", "d");
    List<ScoredListener> ranked = List.of(new ScoredListener("x", 3), new ScoredListener("b", 2), new ScoredListener("c", 1));
    double[] v = MatchingEvaluator.score(ranked, rel, 2);
    assertEquals(0.5, v[0], 1e-12); // one hit in two slots
    assertEquals(0.5, v[2], 1e-12);
    assertEquals(0.5, v[3], 1e-12); // first hit at rank 2
    double[] w = MatchingEvaluator.score(ranked, rel, 10);
    assertEquals(2.0 / 3, w[0], 1e-12);
  }

  @Test
  void truthProtocolTakesEdgesAsUndirectedAndCountsWhatItLeavesOut() {
    Interactions data = TasteClusters.generate(6, 20, 2, 5, 0.8, 1);
    Interactions edges = Interactions.builder().add("u0", "u1", 1, 0, false).add("u2", "u2", 1, 0, false)
        .add("u3", "stranger", 1, 0, false).build();
    MatchingTask t = MatchingTask.truth(data, NONE, edges);
    assertEquals(Set.of("u0", "u1"), t.relevant().keySet());
    assertEquals(Set.of("u0"), t.relevant().get("u1"));
    assertEquals(1, t.notes().get("self-loops left out"));
    assertEquals(1, t.notes().get("edges naming a listener without interactions"));
    MatchingResult r = new MatchingEvaluator(MatchingConfig.builder().k(3).bootstrapSamples(0).build())
        .evaluate(t, CosineMatcher.trainer("cosine-binary", new CosineMatcher.Config(ItemWeighting.BINARY)));
    assertEquals(2, r.queries().size());
  }

  @Property(tries = 30)
  void splitQueriesGivesDisjointDeterministicPartsOverTheSameData(@ForAll @IntRange(min = 0, max = 1000) int seed) {
    Interactions data = TasteClusters.generate(60, 30, 3, 6, 0.8, seed);
    Interactions.Builder e = Interactions.builder();
    for (int u = 0; u + 1 < 60; u += 2) {
      e.add("u" + u, "u" + (u + 1), 1, 0, false);
    }
    MatchingTask all = MatchingTask.truth(data, NONE, e.build());
    List<MatchingTask> parts = all.splitQueries(0.3, seed);
    MatchingTask validation = parts.get(0);
    MatchingTask test = parts.get(1);
    Set<String> union = new HashSet<>(validation.relevant().keySet());
    union.addAll(test.relevant().keySet());
    assertEquals(all.relevant().keySet(), union);
    assertEquals(all.relevant().size(), validation.relevant().size() + test.relevant().size());
    test.relevant().forEach((q, r) -> assertEquals(all.relevant().get(q), r));
    assertTrue(validation.data() == all.data() && test.data() == all.data());
    assertEquals(validation.relevant().size(), test.notes().get("validation queries"));
    List<MatchingTask> again = all.splitQueries(0.3, seed);
    assertEquals(validation.relevant(), again.get(0).relevant());
    assertThrows(IllegalArgumentException.class, () -> all.splitQueries(1.0, seed));
    assertThrows(IllegalArgumentException.class, () -> all.splitQueries(1e-9, seed));
  }

  @Test
  void pairedComparisonOfMatchersNeedsTheSameProtocol() {
    Interactions data = TasteClusters.generate(40, 60, 4, 8, 0.8, 3);
    MatchingEvaluator ev = new MatchingEvaluator(MatchingConfig.builder().bootstrapSamples(200).build());
    MatchingTask split = MatchingTask.splitHalf(data, NONE, 3, 4);
    MatchingResult svd = ev.evaluate(split, SvdMatcher.trainer(new SvdMatcher.Config(4, ItemWeighting.TFIDF, 4, 3)));
    MatchingResult rnd = ev.evaluate(split, RandomMatcher.trainer(new RandomMatcher.Config(3)));
    PairedComparison c = ev.compare(svd, rnd, "recall@10");
    assertEquals(40, c.users());
    assertTrue(c.meanDifference() > 0 && c.lower() > 0, "SVD must beat chance on clustered tastes: " + c);
    Map<String, String> labels = Map.of("u0", "a", "u1", "a");
    MatchingResult other = ev.evaluate(MatchingTask.sharedLabel(data, NONE, labels), RandomMatcher.trainer(new RandomMatcher.Config(3)));
    assertThrows(IllegalArgumentException.class, () -> ev.compare(svd, other, "recall@10"));
  }

  @Test
  void splitHalfRejectsIdsThatCollideWithQueryHalves() {
    Interactions data = Interactions.builder().add("a" + MatchingTask.QUERY_SUFFIX, "x", 1, 0, false).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatchingTask.splitHalf(data, NONE, 1, 4));
    assertTrue(e.getMessage().contains(MatchingTask.QUERY_SUFFIX));
  }
}

package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.spi.Recommendation;
import dev.recsys.core.spi.Recommender;
import dev.recsys.core.spi.RecommendationQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A hand-made case: two light listeners (one training track each) and two heavy ones (five each); u0 and u2 have
 * track i8 held out, u1 and u3 track i9. The baseline always lists [i8, i9], so it finds every held-out track; the
 * model finds the heavy listeners' track at rank 1 and misses the light listeners' entirely.
 */
class ErrorAnalysisTest {
  private static final double LOG3 = 1 / (Math.log(3) / Math.log(2));

  private static Split split() {
    Interactions.Builder b = Interactions.builder();
    List<Integer> test = new ArrayList<>();
    long t = 1;
    b.add("u0", "i0", 1, t++, false);
    test.add(b.size());
    b.add("u0", "i8", 1, t++, false);
    b.add("u1", "i1", 1, t++, false);
    test.add(b.size());
    b.add("u1", "i9", 1, t++, false);
    for (String u : List.of("u2", "u3")) {
      for (int i = 0; i < 5; i++) {
        b.add(u, "i" + i, 1, t++, false);
      }
      test.add(b.size());
      b.add(u, u.equals("u2") ? "i8" : "i9", 1, t++, false);
    }
    b.add("u4", "i6", 1, t++, false);
    b.add("u4", "i7", 1, t++, false);
    Interactions data = b.build();
    int[] testRows = test.stream().mapToInt(Integer::intValue).toArray();
    int[] trainRows = java.util.stream.IntStream.range(0, data.size()).filter(r -> !test.contains(r)).toArray();
    return Split.of("hand-made", 1, data, trainRows, testRows, null);
  }

  private static RecommenderTrainer fixed(String name, Function<String, List<String>> lists) {
    return RecommenderTrainer.of(name, train -> new Recommender() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Recommendation> recommend(RecommendationQuery q) {
        List<Recommendation> out = new ArrayList<>();
        double s = 1;
        for (String id : lists.apply(q.listenerId().orElseThrow())) {
          out.add(new Recommendation(id, s, new Explanation("fixed", List.of())));
          s /= 2;
        }
        return out;
      }
    });
  }

  private static ErrorAnalysis.Report analyse(int worst) {
    Split split = split();
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(2).depth(2).bootstrapSamples(50).seed(3)
        .keepRecommendations(true).threads(1).build());
    EvaluationResult model = ev.evaluate(split, fixed("model", u -> switch (u) {
      case "u2" -> List.of("i8", "i7");
      case "u3" -> List.of("i9", "i7");
      default -> List.of("i7", "i6");
    }));
    EvaluationResult baseline = ev.evaluate(split, fixed("baseline", u -> List.of("i8", "i9")));
    Map<String, UserGrouping> listeners = new LinkedHashMap<>();
    listeners.put("activity", Cohorts.activity(2));
    Map<String, ItemGrouping> tracks = Map.of("parity",
        Cohorts.byItemId(id -> Integer.parseInt(id.substring(1)) % 2 == 0 ? "even" : "odd"));
    return ErrorAnalysis.analyse(split, model, baseline, listeners, tracks, id -> "Track " + id.substring(1),
        new ErrorAnalysis.Config("ndcg@2", 2, worst, 5, 200, 0.95, 11));
  }

  @Test
  void cohortsSplitTheLossesAsConstructed() {
    ErrorAnalysis.Report r = analyse(10);
    assertEquals(4, r.overall().users());
    assertEquals((0 - 1 + 0 - LOG3 + 1 - 1 + 1 - LOG3) / 4, r.overall().meanDifference(), 1e-12);
    assertEquals(0.5, r.losses());
    assertEquals(0.25, r.wins());
    ErrorAnalysis.CohortRow light = r.cohort("activity", "0-2");
    assertEquals(2, light.listeners());
    assertEquals(0, light.modelMean(), 1e-12);
    assertEquals((1 + LOG3) / 2, light.baselineMean(), 1e-12);
    assertEquals(-(1 + LOG3) / 2, light.difference().mean(), 1e-12);
    assertEquals(1.0, light.losses());
    ErrorAnalysis.CohortRow heavy = r.cohort("activity", ">2");
    assertEquals(2, heavy.listeners());
    assertEquals((1 - LOG3) / 2, heavy.difference().mean(), 1e-12);
    assertEquals(0.5, heavy.wins());
    assertEquals(light, r.weakest(1));
    // track cohort: hit rate at 2 on the held-out tracks of each parity; i8 even (u0, u2), i9 odd (u1, u3)
    ErrorAnalysis.CohortRow even = r.cohort("parity", "even");
    assertEquals(2, even.listeners());
    assertEquals(0.5, even.modelMean(), 1e-12);
    assertEquals(1.0, even.baselineMean(), 1e-12);
    assertEquals(-0.5, even.difference().mean(), 1e-12);
    assertEquals(2, r.cohort("parity", "odd").listeners());
  }

  @Test
  void worstListenersAndTracksAreNamed() {
    ErrorAnalysis.Report r = analyse(10);
    assertEquals(2, r.worstListeners().size(), "only the two listeners who lose are listed");
    ErrorAnalysis.ListenerRow first = r.worstListeners().get(0);
    assertEquals("u0", first.listener());
    assertEquals(-1, first.difference(), 1e-12);
    assertEquals(1, first.trainItems());
    assertEquals(List.of("Track 8"), first.missed());
    assertEquals(List.of("Track 0"), first.recentHistory());
    assertEquals(List.of("Track 7", "Track 6"), first.recommended());
    assertEquals("0-2", first.groups().get("activity"));
    assertEquals("u1", r.worstListeners().get(1).listener());
    assertEquals(2, r.worstTracks().size());
    ErrorAnalysis.TrackRow i8 = r.worstTracks().get(0);
    assertEquals("i8", i8.track());
    assertEquals("Track 8", i8.name());
    assertEquals(2, i8.heldOut());
    assertEquals(2, i8.baselineHits());
    assertEquals(1, i8.modelHits());
    assertEquals(1, i8.netLoss());
    assertEquals(0, i8.trainListeners());
    assertEquals("i9", r.worstTracks().get(1).track());
    assertEquals(1, analyse(1).worstListeners().size());
  }

  @Test
  void sameInputsSameReportAndHeavyHistoryIsNamedNewestFirst() {
    assertEquals(analyse(3), analyse(3));
    Split split = split();
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(2).depth(2).bootstrapSamples(50).seed(3)
        .keepRecommendations(true).build());
    EvaluationResult good = ev.evaluate(split, fixed("baseline", u -> List.of("i8", "i9")));
    EvaluationResult bad = ev.evaluate(split, fixed("bad", u -> List.of("i7", "i6")));
    ErrorAnalysis.Report r = ErrorAnalysis.analyse(split, bad, good, Map.of(), Map.of(), id -> null,
        new ErrorAnalysis.Config("ndcg@2", 2, 4, 3, 100, 0.95, 1));
    ErrorAnalysis.ListenerRow u2 = r.worstListeners().stream().filter(l -> l.listener().equals("u2")).findFirst()
        .orElseThrow();
    assertEquals(List.of("i4", "i3", "i2"), u2.recentHistory(), "ids stand in for unknown names");
  }

  @Test
  void rejectsResultsWithoutRankedLists() {
    Split split = split();
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(2).depth(2).bootstrapSamples(10).build());
    EvaluationResult a = ev.evaluate(split, fixed("a", u -> List.of("i8")));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ErrorAnalysis.analyse(split, a, a,
        Map.of(), Map.of(), id -> id, ErrorAnalysis.Config.defaults(2, 1)));
    assertTrue(e.getMessage().contains("keepRecommendations"), e.getMessage());
  }
}

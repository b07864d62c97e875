package dev.recsys.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.baselines.PopularityRecommender;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  @Property(tries = 30)
  void everyListenerIsTestedInExactlyOneFold(@ForAll @IntRange(min = 2, max = 6) int k,
      @ForAll @LongRange(min = 0, max = 500) long seed) {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, seed);
    List<Split> folds = new CrossValidation(CrossValidation.Kind.LISTENER, k, 0.25, seed).splits(data);
    assertEquals(k, folds.size());
    int[] testedIn = new int[data.users().size()];
    int[] testRowCount = new int[data.size()];
    for (Split s : folds) {
      assertEquals(data.size(), s.trainRows().length + s.testRows().length);
      Set<Integer> users = new HashSet<>();
      for (int r : s.testRows()) {
        users.add(data.user(r));
        testRowCount[r]++;
      }
      for (int u : users) {
        testedIn[u]++;
      }
    }
    for (int u = 0; u < testedIn.length; u++) {
      assertTrue(testedIn[u] <= 1, "listener " + u + " tested in " + testedIn[u] + " folds");
    }
    for (int c : testRowCount) {
      assertTrue(c <= 1);
    }
    // fold sizes differ by at most one listener
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Split s : folds) {
      Set<Integer> users = new HashSet<>();
      for (int r : s.testRows()) {
        users.add(data.user(r));
      }
      min = Math.min(min, users.size());
      max = Math.max(max, users.size());
    }
    assertTrue(max - min <= 1, "fold sizes " + min + ".." + max);
  }

  @Test
  void listenerFoldsHoldOutEachListenersLatestRows() {
    Interactions data = EvalFixtures.clustered(20, 16, 2, 10, 3);
    for (Split s : new CrossValidation(CrossValidation.Kind.LISTENER, 4, 0.3, 9).splits(data)) {
      long[] latestTrain = new long[data.users().size()];
      java.util.Arrays.fill(latestTrain, Long.MIN_VALUE);
      for (int r : s.trainRows()) {
        latestTrain[data.user(r)] = Math.max(latestTrain[data.user(r)], data.timestamp(r));
      }
      for (int r : s.testRows()) {
        assertTrue(data.timestamp(r) >= latestTrain[data.user(r)], "a held-out row is older than a training row");
        assertNotEquals(Long.MIN_VALUE, latestTrain[data.user(r)], "a tested listener kept no training row");
      }
    }
  }

  @Property(tries = 20)
  void sameSeedSameFoldsAndSeedMatters(@ForAll @LongRange(min = 0, max = 100) long seed) {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, 5);
    CrossValidation cv = new CrossValidation(CrossValidation.Kind.LISTENER, 3, 0.2, seed);
    List<Split> a = cv.splits(data);
    List<Split> b = cv.splits(data);
    for (int f = 0; f < a.size(); f++) {
      assertArrayEquals(a.get(f).testRows(), b.get(f).testRows());
    }
    List<Split> c = new CrossValidation(CrossValidation.Kind.LISTENER, 3, 0.2, seed + 1000).splits(data);
    boolean differs = false;
    for (int f = 0; f < a.size(); f++) {
      differs |= !java.util.Arrays.equals(a.get(f).testRows(), c.get(f).testRows());
    }
    assertTrue(differs, "another seed deals the listeners into other folds");
  }

  @Test
  void timeFoldsTrainOnThePastAndTestOnTheNextBlock() {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, 11);
    List<Split> folds = new CrossValidation(CrossValidation.Kind.TIME, 4, 0.2, 1).splits(data);
    assertEquals(4, folds.size());
    int previousTrain = 0;
    for (Split s : folds) {
      Interactions d = s.data();
      long newestTrain = Long.MIN_VALUE;
      Set<Integer> trained = new HashSet<>();
      for (int r : s.trainRows()) {
        newestTrain = Math.max(newestTrain, d.timestamp(r));
        trained.add(d.user(r));
      }
      assertFalse(s.testRows().length == 0);
      for (int r : s.testRows()) {
        assertTrue(d.timestamp(r) >= newestTrain, "test row older than a training row");
        assertTrue(trained.contains(d.user(r)), "a test row of a listener with no training row");
      }
      assertTrue(s.trainRows().length > previousTrain, "training grows fold by fold");
      previousTrain = s.trainRows().length;
      assertEquals(data.users().size(), d.users().size(), "folds share the table's dictionaries");
    }
  }

  @Test
  void timeFoldsNeedTimestamps() {
    Interactions.Builder b = Interactions.builder();
    for (int i = 0; i < 10; i++) {
      b.add("u" + (i % 3), "t" + i, 1, Interaction.NO_TIME, false);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CrossValidation(CrossValidation.Kind.TIME, 3, 0.2, 1).splits(b.build()));
    assertTrue(e.getMessage().contains("timestamps"), e.getMessage());
    // listener folds fall back to a seeded random hold-out
    List<Split> folds = new CrossValidation(CrossValidation.Kind.LISTENER, 3, 0.34, 1).splits(b.build());
    assertTrue(folds.get(0).protocol().contains("no timestamps"), folds.get(0).protocol());
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new CrossValidation(CrossValidation.Kind.TIME, 1, 0.2, 1));
    assertThrows(IllegalArgumentException.class, () -> new CrossValidation(CrossValidation.Kind.TIME, 3, 1.0, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CrossValidation.Kind.parse("user"));
    assertTrue(e.getMessage().contains("listener, time"), e.getMessage());
    assertEquals(CrossValidation.Kind.TIME, CrossValidation.Kind.parse("Time"));
  }

  @Test
  void summaryIsMeanAndSampleSpread() {
    CrossValidation.FoldSummary s = CrossValidation.summarize(new double[] {0.1, 0.2, 0.3});
    assertEquals(0.2, s.mean(), 1e-12);
    assertEquals(0.1, s.sd(), 1e-12);
    assertEquals(0.1, s.min(), 1e-12);
    assertEquals(0.3, s.max(), 1e-12);
    assertEquals("0.2000 ± 0.1000 [0.1000, 0.3000]", s.format());
  }

  @Test
  void foldsEvaluateThroughTheEvaluator() {
    Interactions data = EvalFixtures.clustered(30, 24, 3, 8, 2);
    Evaluator ev = Evaluator.of(EvaluatorConfig.builder().ks(5).bootstrapSamples(0).seed(1).threads(2).build());
    double[] values = new CrossValidation(CrossValidation.Kind.LISTENER, 3, 0.25, 7).splits(data).stream()
        .mapToDouble(s -> ev.evaluate(s, PopularityRecommender.trainer()).get("ndcg@5").mean()).toArray();
    CrossValidation.FoldSummary s = CrossValidation.summarize(values);
    assertTrue(s.mean() >= 0 && s.mean() <= 1);
    assertEquals(3, s.folds().length);
  }
}

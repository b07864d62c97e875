package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.internal.WalkKernel;
import dev.recsys.graph.simulation.Worlds;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused step ({@link HistoryScorer} after the table of edge scores) against the column layout: every score,
 * probability and feature value of every step has the same bits, with every built-in history feature (drift
 * included), on each kernel.
 */
class HistoryScorerTest {
  private static final int TRACKS = 1500;

  /** Every built-in feature, unconstrained, candidates from the current track's list only (the fused step's case). */
  private static SoftmaxWalkSampler everyFeature() {
    Worlds.Fixture fx = Worlds.of(TRACKS);
    Map<String, Double> w = SoftmaxWalkConfig.defaultWeights();
    w.put(WalkFeatures.DRIFT, 1.2);
    SoftmaxWalkConfig c = SoftmaxWalkConfig.builder().weights(w).temperature(0.7).historyWindow(12).recencyHalfLife(4)
        .driftDwell(3).unconstrained().build();
    return SoftmaxWalkSampler.create(fx.graph(), fx.attributes(), c);
  }

  private static List<WalkKernel> kernels() {
    WalkKernel simd = WalkKernel.simdOrNull();
    return simd == null ? List.of(WalkKernel.scalar()) : List.of(WalkKernel.scalar(), simd);
  }

  @Test
  void fusedStepsHaveTheBitsOfTheColumnLayout() {
    for (WalkKernel k : kernels()) {
      SoftmaxWalkSampler fused = everyFeature().withKernel(k);
      fused.buildEdgeScores();
      SoftmaxWalkSampler columns = everyFeature().withKernel(k);
      StepBuffers a = fused.newBuffers();
      StepBuffers b = columns.newBuffers();
      double[] w = fused.weights();
      ListeningHistory h = new ListeningHistory(TRACKS, 64);
      SplittableRandom rnd = new SplittableRandom(11);
      int cur = 3;
      h.play(cur);
      for (int step = 0; step < 400; step++) {
        int n = fused.step(cur, h, w, a);
        // the column layout: every feature computed, then scored
        assertEquals(n, columns.gather(cur, h, b));
        columns.score(n, w, b);
        double[] fa = a.features();
        double[] fb = b.features();
        for (int i = 0; i < n; i++) {
          assertEquals(b.candidates()[i], a.candidates()[i]);
          assertEquals(Double.doubleToRawLongBits(b.scores()[i]), Double.doubleToRawLongBits(a.scores()[i]),
              k.name() + " step " + step + " score " + i);
          assertEquals(Double.doubleToRawLongBits(b.probabilities()[i]), Double.doubleToRawLongBits(a.probabilities()[i]),
              k.name() + " step " + step + " probability " + i);
        }
        for (int f = 0; f < n * a.featureCount(); f++) {
          assertEquals(Double.doubleToRawLongBits(fb[f]), Double.doubleToRawLongBits(fa[f]),
              k.name() + " step " + step + " feature value " + f);
        }
        cur = SoftmaxWalkSampler.draw(a, n, rnd.nextDouble());
        h.play(cur);
      }
    }
  }

  @Test
  void onlyBuiltInHistoryFeaturesAreFused() {
    SoftmaxWalkSampler s = everyFeature();
    WalkFeature[] fs = new WalkFeature[s.featureNames().size()];
    SoftmaxWalkConfig c = s.config();
    for (int f = 0; f < fs.length; f++) {
      fs[f] = WalkFeatures.builtIn(s.featureNames().get(f), c);
    }
    List<String> names = s.featureNames();
    int[] history = {names.indexOf(WalkFeatures.RECENCY), names.indexOf(WalkFeatures.NEVER_PLAYED),
        names.indexOf(WalkFeatures.ARTIST_RECENT), names.indexOf(WalkFeatures.DIVERSITY),
        names.indexOf(WalkFeatures.DRIFT)};
    assertTrue(HistoryScorer.of(fs, history, 0, s.weights(), c.historyWindow()) != null);
    // a window shorter than the context's: the artist feature's kernel would not read the per-step counts
    fs[history[2]] = new WalkFeatures.ArtistRecent(c.historyWindow() - 1);
    assertEquals(null, HistoryScorer.of(fs, history, 0, s.weights(), c.historyWindow()));
    // a custom feature
    fs[history[2]] = new WalkFeature() {
      @Override
      public String name() {
        return "custom";
      }

      @Override
      public double compute(int candidate, WalkContext context) {
        return 0;
      }
    };
    assertEquals(null, HistoryScorer.of(fs, history, 0, s.weights(), c.historyWindow()));
  }
}

package dev.recsys.graph.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.Estimate;
import dev.recsys.graph.choice.ChoiceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sampler comparison on a small world: shapes, definitions that can be checked exactly, and the choices it scores. */
class ShuffleComparisonTest {
  private final Worlds.Fixture fx = Worlds.of(2000);

  @Test
  void simulatedComparisonScoresEverySamplerAndTheConstrainedWalksNeverRepeat() {
    ShuffleComparison.Result r = ShuffleComparison.simulated("small", fx.world().catalog(), fx.world().vectors(),
        fx.world().clusters(), fx.graph(), new ShuffleComparison.Simulation(10, 24, 21, 0.75, 3),
        new ShuffleComparison.Config(30, 50, 50, 2.0, 200, 3));
    assertEquals(List.of(ShuffleComparison.UNIFORM, ShuffleComparison.SIMILARITY, ShuffleComparison.DEFAULT,
        ShuffleComparison.LEARNED, ShuffleComparison.PERSONAL), r.samplers().stream().map(ShuffleComparison.SamplerResult::sampler).toList());
    Map<String, Estimate> uniform = r.samplers().get(0).metrics();
    for (ShuffleComparison.SamplerResult s : r.samplers()) {
      Estimate ll = s.metrics().get(ShuffleComparison.HELDOUT_LL);
      assertTrue(ll.mean() < 0 && ll.lower() <= ll.mean() && ll.mean() <= ll.upper(), s.toString());
      if (s.sampler().endsWith("smart-walk")) {
        assertEquals(0.0, s.metrics().get(ShuffleComparison.REPEAT_RATE).mean(), s.sampler());
        assertEquals(0.0, s.metrics().get(ShuffleComparison.ARTIST_REPEAT_RATE).mean(), s.sampler());
      }
    }
    // the uniform shuffle's held-out log-likelihood is -log of the set size, averaged per session
    assertTrue(uniform.get(ShuffleComparison.HELDOUT_LL).mean() < -Math.log(2));
    assertEquals(30, r.samplers().get(3).metrics().get(ShuffleComparison.COHERENCE).n());
    assertTrue(r.selected().containsKey("choice_model_l2") && r.selected().containsKey("personal_prior_events"));
    assertTrue(r.checks().stream().anyMatch(c -> c.rule().startsWith("coherence(learned)")));
    assertEquals(24 * 20, r.trainChoices());
  }

  @Test
  void sequencesBecomeChoicesOfTheNextTrackAmongRandomAlternatives() {
    List<ShuffleComparison.Sequence> seqs = new ArrayList<>();
    seqs.add(new ShuffleComparison.Sequence("p1", new int[] {1, 2, 2, 3, 4}));
    seqs.add(new ShuffleComparison.Sequence("p2", new int[] {7}));
    seqs.add(new ShuffleComparison.Sequence("p3", new int[] {9, 10}));
    float[] unit = ShuffleEvaluation.alignedUnitVectors(fx.world().vectors(), fx.world().catalog());
    ShuffleComparison.Choices c = ShuffleComparison.fromSequences(fx.walk(), seqs, unit, fx.world().vectors().dimension(), 5, 1);
    ChoiceData d = c.data();
    // p1: 1->2, 2->3, 3->4 (2->2 is not a choice); p2 has no transition; p3: 9->10
    assertEquals(4, d.size());
    assertEquals(List.of("p1", "p1", "p1", "p3"), c.listeners());
    assertEquals(2, c.sessionCount());
    int sim = d.featureNames().indexOf("similarity");
    for (int s = 0; s < d.size(); s++) {
      assertEquals(6, d.setSize(s));
      assertEquals(0, d.chosen(s));
    }
    double cos = ShuffleEvaluation.dot(unit, fx.world().vectors().dimension(), 1, 2);
    assertEquals(cos, d.value(d.start(0), sim), 1e-6);
    assertEquals(-Math.log(6), ShuffleEvaluation.setLogLikelihood(d, 0, null), 1e-12);
  }

  @Test
  void sessionMetricsFollowTheirDefinitions() {
    int a = 0;
    int b = 1;
    int[] walk = {a, b, a, b};
    double[] m = ShuffleEvaluation.sessionMetrics(walk, fx.attributes(), ShuffleEvaluation.alignedUnitVectors(fx.world().vectors(),
        fx.world().catalog()), fx.world().vectors().dimension(), 2);
    assertEquals(2.0 / 3, m[0], 1e-12);
    assertThrows(IllegalArgumentException.class, () -> ShuffleEvaluation.sessionMetrics(new int[] {a}, fx.attributes(),
        new float[0], 1, 1));
  }
}

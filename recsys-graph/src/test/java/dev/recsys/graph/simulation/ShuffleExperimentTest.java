package dev.recsys.graph.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShuffleExperimentTest {
  @Test
  void evaluationShowsTheTradeOff() {
    ShuffleExperiment.Result r = ShuffleExperiment.run(ShuffleExperiment.Config.of(200, 9), true);
    System.out.println(r.recoveryTable());
    System.out.println(r.evaluation().table());
    System.out.println(r.evaluation().narrativeText());
    assertEquals(8000, r.choices());
    var rows = r.evaluation().rows();
    assertEquals(4, rows.size());
    ShuffleEvaluation.Row uniform = rows.get(0), similarity = rows.get(1), learned = rows.get(3);
    assertTrue(learned.repeatRate() < similarity.repeatRate(), "smart walk repeats less than the similarity walk");
    assertTrue(learned.coherence() > uniform.coherence() + 0.2, "smart walk is far more coherent than uniform shuffle");
    assertTrue(learned.heldOutLogLikelihood() > similarity.heldOutLogLikelihood());
    assertTrue(learned.heldOutLogLikelihood() > uniform.heldOutLogLikelihood());
    assertEquals(0.0, uniform.repeatRate(), "uniform shuffle never repeats within a pass");
    assertEquals(3, r.evaluation().narratives().size());
    assertEquals(r.evaluation().narratives().get(0).start(), r.evaluation().narratives().get(2).start());
    assertTrue(r.evaluation().narratives().get(1).picks().get(0).factors().size() == 3);
  }
}

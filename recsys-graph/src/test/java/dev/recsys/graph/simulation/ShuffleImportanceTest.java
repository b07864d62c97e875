package dev.recsys.graph.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.choice.ChoiceModelConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Choices among 10 candidates made by softmax(3 x similarity): the "noise" feature varies but plays no part, and
 * "session" is the same for every candidate of a set (like recency inside the hard-constrained candidate sets).
 */
class ShuffleImportanceTest {
  private static final List<String> NAMES = List.of("similarity", "noise", "session");

  private static ChoiceData choices(int sets, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ChoiceData.Builder b = ChoiceData.builder(NAMES);
    double[] x = new double[10 * 3];
    double[] p = new double[10];
    for (int s = 0; s < sets; s++) {
      double session = r.nextDouble();
      double sum = 0;
      for (int i = 0; i < 10; i++) {
        x[i * 3] = r.nextDouble();
        x[i * 3 + 1] = r.nextGaussian();
        x[i * 3 + 2] = session;
        p[i] = Math.exp(3 * x[i * 3]);
        sum += p[i];
      }
      double u = r.nextDouble() * sum;
      int chosen = 0;
      while (chosen < 9 && (u -= p[chosen]) > 0) {
        chosen++;
      }
      b.add(x, 10, chosen);
    }
    return b.build();
  }

  @Test
  void theDecisiveFeatureMattersAndTheOthersDoNot() {
    ChoiceData validation = choices(2000, 2);
    ShuffleImportance target = ShuffleImportance.of(validation, new double[] {3, 0, 1.5});
    assertEquals(NAMES, target.groups());
    assertEquals(20_000, target.rows("noise"));
    assertEquals("log_likelihood", target.metric());
    PermutationImportance.Result r = PermutationImportance.measure(target, target.metric(),
        PermutationImportance.Config.defaults(5));
    assertEquals(ShuffleEvaluation.heldOutLogLikelihood(validation, new double[] {3, 0, 1.5}), r.intact(), 1e-12);
    assertTrue(r.get("similarity").drop().lower() > 0.1, r.table());
    assertEquals(0.0, r.get("noise").drop().mean(), r.table());
    // constant within every set: shuffling among a set's candidates cannot change a choice probability
    assertEquals(0.0, r.get("session").drop().mean(), 1e-12, r.table());
  }

  @Test
  void fittedWeightsRankTheFeaturesTheSameWay() {
    ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults().withL2(1)).fit(choices(3000, 3));
    ShuffleImportance target = ShuffleImportance.of(choices(1000, 4), m.weights());
    PermutationImportance.Result a = PermutationImportance.measure(target, target.metric(),
        new PermutationImportance.Config(4, 300, 0.95, 9));
    assertTrue(a.get("similarity").drop().mean() > 20 * Math.abs(a.get("noise").drop().mean()), a.table());
    assertEquals(a, PermutationImportance.measure(target, target.metric(),
        new PermutationImportance.Config(4, 300, 0.95, 9)));
  }

  @Test
  void rejectsMismatchedWeightsAndUnknownFeatures() {
    ChoiceData d = choices(5, 1);
    assertThrows(IllegalArgumentException.class, () -> ShuffleImportance.of(d, new double[] {1, 2}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShuffleImportance.of(d, new double[] {1, 2, 3}).rows("tempo"));
    assertTrue(e.getMessage().contains("similarity"), e.getMessage());
  }
}

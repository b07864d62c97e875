package dev.recsys.graph.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RecoveryProperties {
  @Provide
  Arbitrary<double[]> trueWeights() {
    // weights bounded away from 0, random signs
    Arbitrary<Double> magnitude = Arbitraries.doubles().between(0.5, 3.0);
    return Arbitraries.integers().between(0, 255).flatMap(signs -> magnitude.array(double[].class).ofSize(8)
        .map(w -> {
          for (int f = 0; f < 8; f++) {
            w[f] = ((signs >> f) & 1) == 1 ? -w[f] : w[f];
          }
          return w;
        }));
  }

  static double norm(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * For any true weight vector, 20,000 simulated choices give a fit whose every coefficient lies within 5 standard
   * errors of the truth (a false alarm has probability below 1e-6 per coefficient), with the true sign wherever the
   * truth is more than 5 standard errors from 0, and the truth inside the 95% interval for most coefficients. The
   * cosine with the truth is at least 0.98 whenever the standard errors allow it (their norm at most a tenth of the
   * weights' norm). Not for every vector: how much 20,000 choices reveal depends on the weights themselves (strong
   * weights on rarely varying features such as recency or never-played leave standard errors of 0.5 to 0.9; two such
   * draws fitted at cosine 0.954 and 0.972 with every coefficient within 2 standard errors of the truth). The 95%
   * coverage is itself a statistical claim (a random draw has come out with only 4 of 8 inside), so the draws come from a
   * fixed seed and the suite gives the same verdict on every run.
   */
  @Property(tries = 8, seed = "42", shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void fittedWeightsRecoverAnyTrueWeightVector(@ForAll("trueWeights") double[] truth, @ForAll long seed) {
    ChoiceData data = RecoveryTest.simulate(truth, 500, 41, seed).choices();
    ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(data);
    assertTrue(m.converged());
    double[] se = m.standardErrors();
    int inside = 0;
    for (int f = 0; f < 8; f++) {
      String name = m.featureNames().get(f);
      assertTrue(Math.abs(m.weights()[f] - truth[f]) <= 5 * se[f],
          name + ": fitted " + m.weights()[f] + " vs true " + truth[f] + " is more than 5 standard errors (" + se[f] + ") off in " + m);
      if (Math.abs(truth[f]) > 5 * se[f]) {
        assertEquals(Math.signum(truth[f]), Math.signum(m.weights()[f]), "sign of " + name + " in " + m);
      }
      if (m.lower95(f) <= truth[f] && truth[f] <= m.upper95(f)) {
        inside++;
      }
    }
    assertTrue(inside >= 5, "true value inside the 95% interval for " + inside + " of 8 in " + m);
    if (norm(se) <= 0.1 * norm(truth)) {
      assertTrue(RecoveryTest.cosine(m.weights(), truth) >= 0.98, "cosine " + RecoveryTest.cosine(m.weights(), truth) + " for " + m);
    }
  }
}

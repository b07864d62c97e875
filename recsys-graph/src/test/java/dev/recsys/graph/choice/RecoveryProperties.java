package dev.recsys.graph.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RecoveryProperties {
  /** Weight vectors at least as far from "no preference" as this (the shipped defaults have norm 4.4). */
  static final double MIN_NORM = 3.0;

  @Provide
  Arbitrary<double[]> trueWeights() {
    // Weights bounded away from 0 so that each sign is identifiable at this sample size, and a vector norm of at
    // least MIN_NORM: with all eight weights near 0.5 the choices are close to random (McFadden R2 about 0.05) and
    // 20,000 choices leave standard errors of 0.1 to 0.16 on the weakest features, too wide for cosine 0.98 (one such
    // draw fitted at cosine 0.972 with every weight within 2 standard errors of the truth).
    Arbitrary<Double> magnitude = Arbitraries.doubles().between(0.5, 3.0);
    return Arbitraries.integers().between(0, 255).flatMap(signs -> magnitude.array(double[].class).ofSize(8)
        .map(w -> {
          for (int f = 0; f < 8; f++) {
            w[f] = ((signs >> f) & 1) == 1 ? -w[f] : w[f];
          }
          return w;
        })).filter(w -> norm(w) >= MIN_NORM);
  }

  static double norm(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @Property(tries = 8, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void fittedWeightsRecoverAnyTrueWeightVector(@ForAll("trueWeights") double[] truth, @ForAll long seed) {
    ChoiceData data = RecoveryTest.simulate(truth, 500, 41, seed).choices();
    ChoiceModel m = ChoiceModel.fit(data, ChoiceModelConfig.defaults());
    assertTrue(m.converged());
    assertTrue(RecoveryTest.cosine(m.weights(), truth) >= 0.98, "cosine " + RecoveryTest.cosine(m.weights(), truth) + " for " + m);
    int inside = 0;
    for (int f = 0; f < 8; f++) {
      assertEquals(Math.signum(truth[f]), Math.signum(m.weights()[f]), "sign of " + m.featureNames().get(f) + " in " + m);
      if (m.lower95(f) <= truth[f] && truth[f] <= m.upper95(f)) {
        inside++;
      }
    }
    assertTrue(inside >= 5, "true value inside the 95% interval for " + inside + " of 8 in " + m);
  }
}

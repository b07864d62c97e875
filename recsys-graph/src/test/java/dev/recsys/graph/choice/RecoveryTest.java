package dev.recsys.graph.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.graph.simulation.ListenerSimulator;
import dev.recsys.graph.simulation.SimulatedListener;
import dev.recsys.graph.simulation.Worlds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  static final double[] TRUE = {3.0, -2.5, 0.8, -1.2, -0.6, 0.6, 1.0, 0.9};

  static ListenerSimulator.Log simulate(double[] truth, int sessions, int length, long seed) {
    Worlds.Fixture fx = Worlds.of(2000);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<SimulatedListener> ls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ls.add(SimulatedListener.withRandomTaste(truth, fx.world().clusterCount(), 0.0, rnd));
    }
    return new ListenerSimulator(fx.unconstrained(), fx.world().clusters()).simulate(ls, sessions, length, seed);
  }

  static double cosine(double[] a, double[] b) {
    double ab = 0, aa = 0, bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  @Test
  void newtonRecoversTrueWeightsFrom20000Choices() {
    ChoiceData data = simulate(TRUE, 500, 41, 7).choices();
    assertEquals(20_000, data.size());
    ChoiceModel m = new ChoiceModelFitter(ChoiceModelConfig.defaults()).fit(data);
    System.out.println(m);
    assertTrue(m.converged());
    assertTrue(cosine(m.weights(), TRUE) >= 0.98, "cosine " + cosine(m.weights(), TRUE));
    int inside = 0;
    for (int f = 0; f < TRUE.length; f++) {
      assertEquals(Math.signum(TRUE[f]), Math.signum(m.weights()[f]), "sign of " + m.featureNames().get(f));
      if (m.lower95(f) <= TRUE[f] && TRUE[f] <= m.upper95(f)) {
        inside++;
      }
    }
    assertTrue(inside >= 6, "true value inside the 95% interval for only " + inside + " of 8");
    assertTrue(m.mcFaddenR2() > 0.05 && m.mcFaddenR2() < 1);
    assertTrue(m.logLikelihood() > m.nullLogLikelihood());
  }
}

package dev.recsys.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class ActivationsTest {
  @Property(tries = 2000)
  void tanhApproximationIsWithinHalfAMicro(@ForAll @FloatRange(min = -30, max = 30) float x) {
    float t = Activations.tanh(x);
    assertEquals(Math.tanh(x), t, 5e-7, "x=" + x);
    assertTrue(t >= -1f && t <= 1f);
  }

  @Test
  void tanhIsOddAndMonotoneToRounding() {
    float prev = -1f;
    for (float x = -10f; x <= 10f; x += 0.001f) {
      float t = Activations.tanh(x);
      assertEquals(-t, Activations.tanh(-x));
      assertTrue(t >= prev - 6e-7f, "monotone (to float rounding) at " + x);
      prev = t;
    }
  }

  /** Each derivative agrees with a central difference of its function, away from the kink at 0. */
  @Property(tries = 500)
  void derivativesMatchCentralDifferences(@ForAll @FloatRange(min = -4, max = 4) float x) {
    if (Math.abs(x) < 0.01f) {
      return;
    }
    float h = 1e-3f;
    assertEquals((Activations.relu(x + h) - Activations.relu(x - h)) / (2 * h), Activations.reluDerivative(x), 1e-2);
    float s = Activations.LEAKY_SLOPE;
    assertEquals((Activations.leakyRelu(x + h, s) - Activations.leakyRelu(x - h, s)) / (2 * h),
        Activations.leakyReluDerivative(x, s), 1e-2);
    assertEquals((Activations.elu(x + h) - Activations.elu(x - h)) / (2 * h), Activations.eluDerivative(x), 1e-2);
    assertEquals(Activations.eluDerivative(x), Activations.eluDerivativeFromOutput(x, Activations.elu(x)), 1e-6);
    assertEquals((Activations.tanh(x + h) - Activations.tanh(x - h)) / (2 * h),
        Activations.tanhDerivativeFromOutput(Activations.tanh(x)), 1e-2);
  }

  /** The logistic function is the derivative of softplus, and {@code sigmoid(x) + sigmoid(-x) = 1}. */
  @Property(tries = 500)
  void sigmoidIsTheDerivativeOfSoftplus(@ForAll @DoubleRange(min = -40, max = 40) double x) {
    double h = 1e-5;
    assertEquals((Activations.softplus(x + h) - Activations.softplus(x - h)) / (2 * h), Activations.sigmoid(x), 1e-6);
    assertEquals(1.0, Activations.sigmoid(x) + Activations.sigmoid(-x), 1e-15);
    assertTrue(Activations.softplus(x) >= Math.max(0, x));
  }

  @Test
  void rectifiersAtTheirEdges() {
    assertEquals(0f, Activations.relu(-3f));
    assertEquals(2.5f, Activations.relu(2.5f));
    assertEquals(-0.2f * 3f, Activations.leakyRelu(-3f, 0.2f));
    assertEquals(0f, Activations.reluDerivative(0f), "0 at the kink");
    assertEquals(-1f, Activations.elu(Float.NEGATIVE_INFINITY));
    assertEquals(1f, Activations.tanh(100f));
    assertEquals(-1f, Activations.tanh(-Activations.TANH_CLAMP));
  }
}

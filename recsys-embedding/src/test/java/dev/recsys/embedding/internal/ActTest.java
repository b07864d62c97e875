package dev.recsys.embedding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class ActTest {
  @Property(tries = 2000)
  void tanhApproximationIsWithinHalfAMicro(@ForAll @FloatRange(min = -30, max = 30) float x) {
    float t = Act.tanh(x);
    assertEquals(Math.tanh(x), t, 5e-7, "x=" + x);
    assertTrue(t >= -1f && t <= 1f);
  }

  @Test
  void tanhIsOddAndMonotoneToRounding() {
    float prev = -1f;
    for (float x = -10f; x <= 10f; x += 0.001f) {
      float t = Act.tanh(x);
      assertEquals(-t, Act.tanh(-x));
      assertTrue(t >= prev - 6e-7f, "monotone (to float rounding) at " + x);
      prev = t;
    }
  }
}

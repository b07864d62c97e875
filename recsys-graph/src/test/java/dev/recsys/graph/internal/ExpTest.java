package dev.recsys.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpTest {
  private static long ulpsApart(double a, double b) {
    return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
  }

  @Test
  void withinTwoUlpOfStrictMathOverTheNormalRange() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 1_000_000; i++) {
      // the softmax range (scores minus their maximum) densely, the rest of the range sparsely
      double x = i % 4 == 0 ? rnd.nextDouble(-708, 709) : -rnd.nextDouble(0, 40);
      long u = ulpsApart(Exp.exp(x), StrictMath.exp(x));
      assertTrue(u <= 2, "exp(" + x + ")=" + Exp.exp(x) + " vs " + StrictMath.exp(x));
    }
  }

  @Test
  void edgesAreExactOrCorrectlyLimited() {
    assertEquals(1.0, Exp.exp(0.0));
    assertEquals(1.0, Exp.exp(-0.0));
    assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Exp.exp(-800));
    assertEquals(Double.POSITIVE_INFINITY, Exp.exp(800));
    assertEquals(Double.POSITIVE_INFINITY, Exp.exp(Double.POSITIVE_INFINITY));
    assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
    // below -708 the result would be subnormal: flushed to 0; above 709 infinite
    assertEquals(0.0, Exp.exp(-708.0001));
    assertEquals(Double.POSITIVE_INFINITY, Exp.exp(709.0001));
    assertTrue(ulpsApart(Exp.exp(-708), StrictMath.exp(-708)) <= 2);
    assertTrue(ulpsApart(Exp.exp(709), StrictMath.exp(709)) <= 2);
    for (int n = -30; n <= 30; n++) {
      assertTrue(ulpsApart(Exp.exp(n * Math.log(2)), StrictMath.exp(n * Math.log(2))) <= 2);
    }
  }
}

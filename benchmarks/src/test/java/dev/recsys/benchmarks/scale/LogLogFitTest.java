package dev.recsys.benchmarks.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class LogLogFitTest {
  @Property(tries = 200)
  void recoversTheExponentOfAPowerLaw(@ForAll @DoubleRange(min = -1, max = 3) double exponent,
      @ForAll @DoubleRange(min = -6, max = 6) double log10Scale) {
    double scale = Math.pow(10, log10Scale);
    double[] x = {1e4, 1e5, 1e6, 1e7};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = scale * Math.pow(x[i], exponent);
    }
    LogLogFit fit = LogLogFit.of(x, y);
    assertEquals(exponent, fit.slope(), 1e-9);
    assertEquals(1, fit.r2(), 1e-9);
    assertEquals(scale * Math.pow(3e5, exponent), fit.predict(3e5), 1e-6 * scale * Math.pow(3e5, exponent));
  }

  @Test
  void isTheLeastSquaresSlopeOfTheLogarithms() {
    // log10 x = 0, 1, 2; log10 y = 0, 1, 3: slope 1.5 by hand, with the same base on both axes
    LogLogFit fit = LogLogFit.of(new double[] {1, 10, 100}, new double[] {1, 10, 1000});
    assertEquals(1.5, fit.slope(), 1e-12);
    assertTrue(fit.r2() > 0.9 && fit.r2() < 1, "r2 " + fit.r2());
    assertEquals(3, fit.points());
  }

  @Test
  void leavesOutNonPositiveValuesAndNeedsTwoSizes() {
    LogLogFit fit = LogLogFit.of(new double[] {10, 100, 1000}, new double[] {0, 5, 50});
    assertEquals(1, fit.slope(), 1e-12);
    assertEquals(2, fit.points());
    assertTrue(Double.isNaN(LogLogFit.of(new double[] {10}, new double[] {3}).slope()));
    assertTrue(Double.isNaN(LogLogFit.of(new double[] {10, 10}, new double[] {3, 4}).slope()));
    assertThrows(IllegalArgumentException.class, () -> LogLogFit.of(new double[] {1, 2}, new double[] {1}));
  }
}

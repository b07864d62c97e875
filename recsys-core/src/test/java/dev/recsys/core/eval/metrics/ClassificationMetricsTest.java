package dev.recsys.core.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  private static final boolean[] LABELS = {true, false, true, false};
  private static final double[] SCORES = {0.9, 0.8, 0.4, 0.1};

  @Test
  void thresholdedMetrics() {
    // threshold 0.5: predicted {T, T, F, F}: TP 1, FP 1, FN 1, TN 1
    assertArrayEquals(new long[] {1, 1, 1, 1}, ClassificationMetrics.confusion(LABELS, SCORES, 0.5));
    assertEquals(0.5, ClassificationMetrics.accuracy(LABELS, SCORES, 0.5));
    assertEquals(0.5, ClassificationMetrics.precision(LABELS, SCORES, 0.5));
    assertEquals(0.5, ClassificationMetrics.recall(LABELS, SCORES, 0.5));
    assertEquals(0.5, ClassificationMetrics.f1(LABELS, SCORES, 0.5));
    // nothing predicted positive: precision 0 by convention
    assertEquals(0, ClassificationMetrics.precision(LABELS, SCORES, 2));
    assertEquals(0, ClassificationMetrics.f1(LABELS, SCORES, 2));
  }

  @Test
  void rocAucWithTies() {
    assertEquals(0.75, ClassificationMetrics.rocAuc(LABELS, SCORES), 1e-12);
    // all scores tied: 0.5
    assertEquals(0.5, ClassificationMetrics.rocAuc(LABELS, new double[] {1, 1, 1, 1}), 1e-12);
    assertTrue(Double.isNaN(ClassificationMetrics.rocAuc(new boolean[] {true, true}, new double[] {1, 2})));
  }

  @Test
  void logLoss() {
    double expected = -(Math.log(0.9) + Math.log(0.2) + Math.log(0.4) + Math.log(0.9)) / 4;
    assertEquals(expected, ClassificationMetrics.logLoss(LABELS, SCORES), 1e-12);
    // clipping keeps certainty finite
    assertEquals(-Math.log(ClassificationMetrics.LOG_LOSS_EPS),
        ClassificationMetrics.logLoss(new boolean[] {true}, new double[] {0}), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.logLoss(LABELS, new double[] {1, 2, 0, 0}));
  }

  @Test
  void curves() {
    Curve roc = ClassificationMetrics.rocCurve(LABELS, SCORES);
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.x(), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.y(), 1e-12);
    assertEquals(ClassificationMetrics.rocAuc(LABELS, SCORES), roc.area(), 1e-12);
    Curve pr = ClassificationMetrics.precisionRecallCurve(LABELS, SCORES);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, pr.x(), 1e-12);
    assertArrayEquals(new double[] {1, 1, 0.5, 2.0 / 3, 0.5}, pr.y(), 1e-12);
    assertEquals(0.5 * 1 + 0.5 * 2.0 / 3, ClassificationMetrics.averagePrecision(LABELS, SCORES), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
    assertEquals(0.9, roc.thresholds()[1]);
  }

  @Test
  void badInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.rocAuc(LABELS, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.accuracy(new boolean[0], new double[0], 0));
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.rocAuc(LABELS, new double[] {1, Double.NaN, 0, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.rocCurve(new boolean[] {true}, new double[] {1}));
  }
}

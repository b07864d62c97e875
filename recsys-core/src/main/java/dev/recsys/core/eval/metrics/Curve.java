package dev.recsys.core.eval.metrics;

import java.util.Arrays;

/**
 * The points of a curve (ROC, precision-recall, metric versus k), in order.
 *
 * @param xLabel what x measures
 * @param yLabel what y measures
 * @param x the x coordinates
 * @param y the y coordinates, parallel to {@code x}
 * @param thresholds the score threshold (or cut-off) of each point, parallel to {@code x}
 */
public record Curve(String xLabel, String yLabel, double[] x, double[] y, double[] thresholds) {
  /** Validates the lengths and copies the arrays. */
  public Curve {
    if (x.length != y.length || x.length != thresholds.length) {
      throw new IllegalArgumentException("x, y and thresholds must have the same length; " + x.length + ", "
          + y.length + ", " + thresholds.length);
    }
    x = x.clone();
    y = y.clone();
    thresholds = thresholds.clone();
  }

  /**
   * Number of points.
   *
   * @return the number of points
   */
  public int size() {
    return x.length;
  }

  /**
   * The trapezoidal area under the curve, in x order as given.
   *
   * @return the trapezoidal area under the curve, in x order as given
   */
  public double area() {
    double a = 0;
    for (int i = 1; i < x.length; i++) {
      a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
    }
    return a;
  }

  /**
   * The x coordinates.
   *
   * @return a copy of the x coordinates
   */
  @Override
  public double[] x() {
    return x.clone();
  }

  /**
   * The y coordinates, parallel to {@code x}.
   *
   * @return a copy of the y coordinates
   */
  @Override
  public double[] y() {
    return y.clone();
  }

  /**
   * The score threshold (or cut-off) of each point, parallel to {@code x}.
   *
   * @return a copy of the thresholds
   */
  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Curve c && xLabel.equals(c.xLabel) && yLabel.equals(c.yLabel) && Arrays.equals(x, c.x)
        && Arrays.equals(y, c.y) && Arrays.equals(thresholds, c.thresholds);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * xLabel.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "Curve[xLabel=" + xLabel + ", yLabel=" + yLabel + ", x=" + Arrays.toString(x) + ", y="
        + Arrays.toString(y) + ", thresholds=" + Arrays.toString(thresholds) + "]";
  }
}

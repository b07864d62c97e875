package dev.recsys.benchmarks.scale;

/**
 * The least-squares line through {@code (log x, log y)}: {@code y ≈ a · x^slope}. The slope is the growth exponent
 * of a cost {@code y} in the size {@code x} (1 linear, 2 quadratic, {@code ~1.1} n log n over two decades).
 * Logarithms are natural; the slope does not depend on the base.
 *
 * @param slope the growth exponent, NaN with fewer than two distinct sizes
 * @param intercept {@code log a}
 * @param r2 the coefficient of determination of the fit in log space (1 for two points; NaN when undefined)
 * @param points how many {@code (x, y)} pairs entered the fit (pairs with a non-positive or non-finite value are
 *     left out)
 */
public record LogLogFit(double slope, double intercept, double r2, int points) {

  /**
   * Fits the pairs {@code (x[i], y[i])} with {@code x[i] > 0} and {@code y[i] > 0}.
   *
   * @param x the sizes
   * @param y the costs
   * @return the fit
   * @throws IllegalArgumentException when the arrays differ in length
   */
  public static LogLogFit of(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y must have the same length; " + x.length + " vs " + y.length);
    }
    int n = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < x.length; i++) {
      if (usable(x[i], y[i])) {
        sx += Math.log(x[i]);
        sy += Math.log(y[i]);
        n++;
      }
    }
    if (n < 2) {
      return new LogLogFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (usable(x[i], y[i])) {
        double dx = Math.log(x[i]) - mx;
        double dy = Math.log(y[i]) - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
      }
    }
    if (sxx == 0) {
      return new LogLogFit(Double.NaN, Double.NaN, Double.NaN, n);
    }
    double slope = sxy / sxx;
    double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
    return new LogLogFit(slope, my - slope * mx, r2, n);
  }

  /**
   * The fitted cost at size {@code x}: {@code exp(intercept) · x^slope}.
   *
   * @param x the size
   * @return the predicted cost, NaN when the fit is undefined
   */
  public double predict(double x) {
    return Math.exp(intercept + slope * Math.log(x));
  }

  private static boolean usable(double x, double y) {
    return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
  }
}

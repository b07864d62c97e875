package dev.recsys.embedding.twotower.internal;

/**
 * Standardisation of a score or feature vector, {@code (x_i - mean) / sd}, shared by the history two-tower's blend
 * and its listener-affinity terms.
 *
 * <p>Two passes in index order (the mean, then the squared deviations), so the result does not depend on anything
 * but the values and their order. NaN entries are missing: they are left out of the mean and spread and map to 0
 * (the mean). A vector whose spread is zero, or within rounding of zero relative to its mean, maps to all zeros.
 * Stateless; the methods are pure functions.
 */
public final class Standardisation {
  private Standardisation() {}

  /**
   * {@code (x_i - mean) / sd} over the non-NaN entries.
   *
   * @param x the values, NaN for missing
   * @return the standardised values; NaN entries and a constant vector give 0
   */
  public static float[] standardised(double[] x) {
    double sum = 0;
    int count = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    float[] out = new float[x.length];
    if (count == 0) {
      return out;
    }
    double mean = sum / count;
    double ss = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(ss / count);
    if (!(sd > 1e-9 * Math.abs(mean))) {
      return out;
    }
    for (int i = 0; i < x.length; i++) {
      out[i] = Double.isNaN(x[i]) ? 0f : (float) ((x[i] - mean) / sd);
    }
    return out;
  }

  /**
   * {@link #standardised(double[])} of float values (widened exactly).
   *
   * @param x the values, NaN for missing
   * @return the standardised values
   */
  public static float[] standardised(float[] x) {
    double[] wide = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      wide[i] = x[i];
    }
    return standardised(wide);
  }
}

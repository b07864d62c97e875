package dev.recsys.quality;

import dev.recsys.core.eval.Estimate;
import java.util.Objects;

/**
 * How a model compares with a baseline on one metric, judged by the 95% intervals: it beats the baseline when the
 * intervals do not overlap and its mean is better, loses when they do not overlap and its mean is worse, and ties
 * when they overlap. A baseline without an interval (a point such as the chance level) counts as its mean.
 */
public enum Verdict {
  /** The intervals are disjoint and the model is better. */
  BEATS("beats"),
  /** The intervals overlap. */
  TIES("ties (intervals overlap)"),
  /** The intervals are disjoint and the model is worse. */
  LOSES("loses");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The word used in the Markdown summary. */
  public String label() {
    return label;
  }

  /**
   * Judges {@code model} against {@code baseline}.
   *
   * @param higherIsBetter whether larger values of the metric are better
   */
  public static Verdict of(Estimate model, Estimate baseline, boolean higherIsBetter) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(baseline, "baseline");
    double[] a = ends(model);
    double[] b = ends(baseline);
    if (a[0] <= b[1] && b[0] <= a[1]) {
      return TIES;
    }
    boolean above = model.mean() > baseline.mean();
    return above == higherIsBetter ? BEATS : LOSES;
  }

  private static double[] ends(Estimate e) {
    double lo = Double.isNaN(e.lower()) ? e.mean() : e.lower();
    double hi = Double.isNaN(e.upper()) ? e.mean() : e.upper();
    return new double[] {Math.min(lo, e.mean()), Math.max(hi, e.mean())};
  }
}

package dev.recsys.core.eval.metrics;

import java.util.Arrays;

/**
 * Metrics of pointwise (binary classification) models: the model gives each example a score or probability
 * and the label says whether the example is positive.
 *
 * <p>Thresholded metrics predict positive when {@code score >= threshold}. Conventions (those of scikit-learn):
 * precision is 0 when nothing is predicted positive, recall is 0 when there is no positive label, F1 is 0
 * when precision and recall are both 0. ROC-AUC is the Mann-Whitney statistic with tied scores counting one
 * half ({@code NaN} when only one class is present). Log loss clips probabilities to {@code [1e-15, 1 - 1e-15]}
 * and uses the natural logarithm. Arrays must have equal, non-zero lengths and finite scores.
 *
 * <p>Thread-safe. The curve and AUC methods allocate O(n) for sorting; the thresholded ones allocate nothing.
 */
public final class ClassificationMetrics {
  /** Probability clipping bound of {@link #logLoss}. */
  public static final double LOG_LOSS_EPS = 1e-15;

  private ClassificationMetrics() {}

  /**
   * Fraction of examples whose prediction ({@code score >= threshold}) equals the label.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @param threshold the decision threshold
   * @return the accuracy, in [0, 1]
   */
  public static double accuracy(boolean[] labels, double[] scores, double threshold) {
    check(labels, scores);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if ((scores[i] >= threshold) == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /**
   * Precision: true positives / predicted positives; 0 when nothing is predicted positive.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @param threshold the decision threshold
   * @return the precision: true positives / predicted positives
   */
  public static double precision(boolean[] labels, double[] scores, double threshold) {
    long[] c = confusion(labels, scores, threshold);
    return c[0] + c[1] == 0 ? 0 : (double) c[0] / (c[0] + c[1]);
  }

  /**
   * Recall (true positive rate): true positives / positive labels; 0 when there is no positive label.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @param threshold the decision threshold
   * @return the recall (true positive rate)
   */
  public static double recall(boolean[] labels, double[] scores, double threshold) {
    long[] c = confusion(labels, scores, threshold);
    return c[0] + c[2] == 0 ? 0 : (double) c[0] / (c[0] + c[2]);
  }

  /**
   * F1: {@code 2 TP / (2 TP + FP + FN)}; 0 when that denominator is 0.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @param threshold the decision threshold
   * @return the F1: {@code 2 TP / (2 TP + FP + FN)}
   */
  public static double f1(boolean[] labels, double[] scores, double threshold) {
    long[] c = confusion(labels, scores, threshold);
    long d = 2 * c[0] + c[1] + c[2];
    return d == 0 ? 0 : 2.0 * c[0] / d;
  }

  /**
   * The confusion counts {@code {TP, FP, FN, TN}} at the threshold.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @param threshold the decision threshold
   * @return the confusion counts {@code {TP, FP, FN, TN}} at the threshold
   */
  public static long[] confusion(boolean[] labels, double[] scores, double threshold) {
    check(labels, scores);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < labels.length; i++) {
      boolean p = scores[i] >= threshold;
      if (p && labels[i]) {
        tp++;
      } else if (p) {
        fp++;
      } else if (labels[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new long[] {tp, fp, fn, tn};
  }

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random negative, ties
   * counting one half (computed from mid-ranks in O(n log n)). {@code NaN} when all labels are equal.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @return the area under the ROC curve
   */
  public static double rocAuc(boolean[] labels, double[] scores) {
    check(labels, scores);
    int n = labels.length;
    Integer[] boxed = order(scores);
    long pos = 0;
    double rankSumPos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[boxed[j + 1]] == scores[boxed[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1; // 1-based ranks in ascending score order
      for (int t = i; t <= j; t++) {
        if (labels[boxed[t]]) {
          pos++;
          rankSumPos += midRank;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Mean binary cross-entropy {@code -mean(y ln p + (1 - y) ln(1 - p))} with {@code p} clipped to
   * {@code [1e-15, 1 - 1e-15]}.
   *
   * @param probabilities predicted probabilities of the positive class, each in [0, 1]
   * @param labels the true labels (0 or 1)
   * @return the mean binary cross-entropy {@code -mean(y ln p + (1 - y) ln(1 - p))} with {@code p} clipped to {@code
   *     [1e-15, 1 - 1e-15]}
   */
  public static double logLoss(boolean[] labels, double[] probabilities) {
    check(labels, probabilities);
    double s = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probabilities must be in [0, 1]; probabilities[" + i + "]=" + p);
      }
      p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, p));
      s -= labels[i] ? Math.log(p) : Math.log(1 - p);
    }
    return s / labels.length;
  }

  /**
   * The ROC curve: one point per distinct score threshold, from {@code (0, 0)} (threshold {@code +inf}) to
   * {@code (1, 1)}; x is the false positive rate and y the true positive rate. The trapezoidal area under it
   * equals {@link #rocAuc}. Requires both classes.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @return the ROC curve
   */
  public static Curve rocCurve(boolean[] labels, double[] scores) {
    long[][] c = cumulative(labels, scores);
    long[] tp = c[0];
    long[] fp = c[1];
    long pos = tp[tp.length - 1];
    long neg = fp[fp.length - 1];
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("a ROC curve needs both positive and negative labels; positives=" + pos
          + ", negatives=" + neg);
    }
    int m = tp.length;
    double[] x = new double[m];
    double[] y = new double[m];
    for (int i = 0; i < m; i++) {
      x[i] = (double) fp[i] / neg;
      y[i] = (double) tp[i] / pos;
    }
    return new Curve("false positive rate", "true positive rate", x, y, thresholds(scores, m));
  }

  /**
   * The precision-recall curve: one point per distinct score threshold in decreasing order; x is recall and y
   * precision. The first point (threshold {@code +inf}) is {@code (0, 1)}, as in scikit-learn. Requires at least
   * one positive label.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @return the precision-recall curve
   */
  public static Curve precisionRecallCurve(boolean[] labels, double[] scores) {
    long[][] c = cumulative(labels, scores);
    long[] tp = c[0];
    long[] fp = c[1];
    long pos = tp[tp.length - 1];
    if (pos == 0) {
      throw new IllegalArgumentException("a precision-recall curve needs at least one positive label");
    }
    int m = tp.length;
    double[] x = new double[m];
    double[] y = new double[m];
    x[0] = 0;
    y[0] = 1;
    for (int i = 1; i < m; i++) {
      x[i] = (double) tp[i] / pos;
      y[i] = (double) tp[i] / (tp[i] + fp[i]);
    }
    return new Curve("recall", "precision", x, y, thresholds(scores, m));
  }

  /**
   * Average precision of the ranking by score (area under the step PR curve):
   * {@code sum_t (R_t - R_{t-1}) P_t} over distinct thresholds. {@code NaN} with no positive label.
   *
   * @param labels the true labels (0 or 1)
   * @param scores the predicted scores
   * @return the average precision of the ranking by score (area under the step PR curve)
   */
  public static double averagePrecision(boolean[] labels, double[] scores) {
    long[][] c = cumulative(labels, scores);
    long[] tp = c[0];
    long[] fp = c[1];
    long pos = tp[tp.length - 1];
    if (pos == 0) {
      return Double.NaN;
    }
    double ap = 0;
    for (int i = 1; i < tp.length; i++) {
      ap += (double) (tp[i] - tp[i - 1]) / pos * tp[i] / (tp[i] + fp[i]);
    }
    return ap;
  }

  /** Cumulative {TP, FP} counts at each distinct threshold, decreasing, with a leading (0, 0). */
  private static long[][] cumulative(boolean[] labels, double[] scores) {
    check(labels, scores);
    int n = labels.length;
    Integer[] idx = order(scores);
    long[] tp = new long[n + 1];
    long[] fp = new long[n + 1];
    int m = 1;
    long t = 0;
    long f = 0;
    for (int i = n - 1; i >= 0; i--) {
      int e = idx[i];
      if (labels[e]) {
        t++;
      } else {
        f++;
      }
      if (i == 0 || scores[idx[i - 1]] != scores[e]) {
        tp[m] = t;
        fp[m] = f;
        m++;
      }
    }
    return new long[][] {Arrays.copyOf(tp, m), Arrays.copyOf(fp, m)};
  }

  private static double[] thresholds(double[] scores, int m) {
    double[] distinct = Arrays.stream(scores).distinct().sorted().toArray();
    double[] th = new double[m];
    th[0] = Double.POSITIVE_INFINITY;
    for (int i = 1; i < m; i++) {
      th[i] = distinct[distinct.length - i];
    }
    return th;
  }

  private static Integer[] order(double[] scores) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    return idx;
  }

  private static void check(boolean[] labels, double[] scores) {
    if (labels.length != scores.length) {
      throw new IllegalArgumentException("labels and scores must have the same length; labels.length="
          + labels.length + ", scores.length=" + scores.length);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("labels must not be empty");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("scores must be finite; scores[" + i + "]=" + scores[i]);
      }
    }
  }
}

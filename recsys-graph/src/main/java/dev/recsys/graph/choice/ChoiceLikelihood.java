package dev.recsys.graph.choice;

import java.util.Arrays;

/**
 * The conditional-logit log-likelihood of choice sets under weights, with its gradient and Hessian: shared by the
 * fitted model (held-out likelihood) and the fitter (Newton and L-BFGS).
 */
final class ChoiceLikelihood {
  private ChoiceLikelihood() {}

  /** Penalised log-likelihood, its gradient and (optionally) Hessian. */
  record Eval(double value, double[] gradient, double[] hessian) {}

  static double logLikelihood(ChoiceData data, double[] w) {
    return evaluate(data, w, 0, false).value;
  }

  static Eval evaluate(ChoiceData data, double[] w, double l2, boolean withHessian) {
    int p = data.featureCount();
    double[] x = data.featureArray();
    double[] g = new double[p];
    double[] h = withHessian ? new double[p * p] : null;
    double[] mean = new double[p];
    double[] prob = new double[16];
    double ll = 0;
    for (int s = 0; s < data.size(); s++) {
      int start = data.start(s);
      int m = data.setSize(s);
      if (prob.length < m) {
        prob = new double[Math.max(m, prob.length * 2)];
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < m; i++) {
        int row = (start + i) * p;
        double u = 0;
        for (int f = 0; f < p; f++) {
          u += w[f] * x[row + f];
        }
        prob[i] = u;
        max = Math.max(max, u);
      }
      double sum = 0;
      for (int i = 0; i < m; i++) {
        double e = Math.exp(prob[i] - max);
        prob[i] = e;
        sum += e;
      }
      int c = data.chosen(s);
      ll += prob[c] == 0 ? Math.log(Double.MIN_NORMAL) : Math.log(prob[c] / sum);
      Arrays.fill(mean, 0);
      for (int i = 0; i < m; i++) {
        prob[i] /= sum;
        int row = (start + i) * p;
        double pi = prob[i];
        for (int f = 0; f < p; f++) {
          mean[f] += pi * x[row + f];
        }
      }
      int crow = (start + c) * p;
      for (int f = 0; f < p; f++) {
        g[f] += x[crow + f] - mean[f];
      }
      if (h != null) {
        // H -= sum_i p_i (x_i - mean)(x_i - mean)^T
        for (int i = 0; i < m; i++) {
          double pi = prob[i];
          if (pi < 1e-300) {
            continue;
          }
          int row = (start + i) * p;
          for (int a = 0; a < p; a++) {
            double da = pi * (x[row + a] - mean[a]);
            if (da == 0) {
              continue;
            }
            for (int b = 0; b <= a; b++) {
              h[a * p + b] -= da * (x[row + b] - mean[b]);
            }
          }
        }
      }
    }
    for (int f = 0; f < p; f++) {
      ll -= 0.5 * l2 * w[f] * w[f];
      g[f] -= l2 * w[f];
    }
    if (h != null) {
      for (int a = 0; a < p; a++) {
        h[a * p + a] -= l2;
        for (int b = 0; b < a; b++) {
          h[b * p + a] = h[a * p + b];
        }
      }
    }
    return new Eval(ll, g, h);
  }
}

package dev.recsys.graph.choice;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.kernels.Cholesky;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fits {@link ChoiceModel}s: the reusable trainer of the conditional logit. {@link #fit} maximises the (optionally
 * L2-penalised) log-likelihood with Newton's method (analytic gradient and Hessian, step halving) or L-BFGS, and
 * reports standard errors from the inverse of the negative Hessian at the optimum. Each call returns a new,
 * immutable model; the fit has no randomness, so repeated fits of the same data give equal models (the provenance
 * records seed 0 and the data's fingerprint). Thread-safe.
 */
public final class ChoiceModelFitter {
  private final ChoiceModelConfig config;
  private final AtomicLong invocations = new AtomicLong();

  /**
   * A fitter with this configuration.
   *
   * @param config the optimiser, penalty and convergence settings
   */
  public ChoiceModelFitter(ChoiceModelConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public ChoiceModelConfig config() {
    return config;
  }

  /**
   * How many times {@link #fit} has been called.
   *
   * @return the number of fits so far
   */
  public long invocations() {
    return invocations.get();
  }

  /**
   * Fits a new model to {@code data}. Deterministic: the same data gives the same model on every call.
   *
   * @throws IllegalArgumentException when the data is empty
   * @param data the choice sets
   * @return a new immutable model, with the data's fingerprint in its provenance
   */
  public ChoiceModel fit(ChoiceData data) {
    Objects.requireNonNull(data, "data");
    invocations.incrementAndGet();
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot fit a choice model to 0 choices");
    }
    int p = data.featureCount();
    double[] w = new double[p];
    int[] iterations = new int[1];
    boolean converged = config.method() == ChoiceModelConfig.Method.NEWTON
        ? newton(data, config, w, iterations)
        : lbfgs(data, config, w, iterations);
    ChoiceLikelihood.Eval e = ChoiceLikelihood.evaluate(data, w, config.l2(), true);
    double[] negH = new double[p * p];
    for (int i = 0; i < p * p; i++) {
      negH[i] = -e.hessian()[i];
    }
    double[] se = new double[p];
    double[] l = Cholesky.factor(negH, p);
    if (l == null) {
      Arrays.fill(se, Double.NaN);
    } else {
      double[] inv = Cholesky.inverse(l, p);
      for (int f = 0; f < p; f++) {
        se[f] = Math.sqrt(inv[f * p + f]);
      }
    }
    double ll0 = 0;
    for (int s = 0; s < data.size(); s++) {
      ll0 -= Math.log(data.setSize(s));
    }
    return new ChoiceModel(data.featureNames(), w, se, ChoiceLikelihood.logLikelihood(data, w), ll0, data.size(), iterations[0],
        converged, config, Provenance.now(0, fingerprint(data)));
  }

  private static String fingerprint(ChoiceData data) {
    Fingerprint f = new Fingerprint();
    for (String name : data.featureNames()) {
      f.add(name);
    }
    double[] x = data.featureArray();
    for (double v : x) {
      f.add(Double.doubleToLongBits(v));
    }
    for (int s = 0; s < data.size(); s++) {
      f.add(((long) data.setSize(s) << 32) | data.chosen(s));
    }
    return f.value();
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static boolean newton(ChoiceData data, ChoiceModelConfig config, double[] w, int[] iterations) {
    int p = w.length;
    double scale = data.size();
    ChoiceLikelihood.Eval e = ChoiceLikelihood.evaluate(data, w, config.l2(), true);
    for (int it = 1; it <= config.maxIterations(); it++) {
      iterations[0] = it;
      if (maxAbs(e.gradient()) / scale < config.tolerance()) {
        return true;
      }
      double[] negH = new double[p * p];
      for (int i = 0; i < p * p; i++) {
        negH[i] = -e.hessian()[i];
      }
      double[] l = Cholesky.factor(negH, p);
      double[] dir;
      if (l == null) {
        // singular Hessian (e.g. a constant feature without a penalty): fall back to a damped gradient step
        for (int i = 0; i < p; i++) {
          negH[i * p + i] += 1e-6 * scale;
        }
        l = Cholesky.factor(negH, p);
        dir = l == null ? e.gradient().clone() : Cholesky.solve(l, p, e.gradient());
      } else {
        dir = Cholesky.solve(l, p, e.gradient());
      }
      double step = 1;
      ChoiceLikelihood.Eval next = null;
      double[] trial = new double[p];
      for (int half = 0; half < 40; half++) {
        for (int f = 0; f < p; f++) {
          trial[f] = w[f] + step * dir[f];
        }
        next = ChoiceLikelihood.evaluate(data, trial, config.l2(), true);
        if (next.value() >= e.value() - 1e-12 * Math.abs(e.value())) {
          break;
        }
        step *= 0.5;
      }
      double gain = next.value() - e.value();
      System.arraycopy(trial, 0, w, 0, p);
      e = next;
      if (Math.abs(gain) / scale < config.tolerance() * 1e-3 && maxAbs(e.gradient()) / scale < Math.sqrt(config.tolerance())) {
        return true;
      }
    }
    return maxAbs(e.gradient()) / scale < config.tolerance();
  }

  private static boolean lbfgs(ChoiceData data, ChoiceModelConfig config, double[] w, int[] iterations) {
    int p = w.length;
    int mem = 10;
    double scale = data.size();
    double[][] sHist = new double[mem][];
    double[][] yHist = new double[mem][];
    double[] rho = new double[mem];
    int stored = 0;
    int head = 0;
    // minimise f = -LL/scale
    ChoiceLikelihood.Eval e = ChoiceLikelihood.evaluate(data, w, config.l2(), false);
    double f = -e.value() / scale;
    double[] g = new double[p];
    for (int i = 0; i < p; i++) {
      g[i] = -e.gradient()[i] / scale;
    }
    for (int it = 1; it <= config.maxIterations(); it++) {
      iterations[0] = it;
      if (maxAbs(g) < config.tolerance()) {
        return true;
      }
      double[] q = g.clone();
      double[] alpha = new double[mem];
      for (int k = 0; k < stored; k++) {
        int idx = Math.floorMod(head - 1 - k, mem);
        alpha[idx] = rho[idx] * dot(sHist[idx], q);
        axpy(-alpha[idx], yHist[idx], q);
      }
      if (stored > 0) {
        int last = Math.floorMod(head - 1, mem);
        double gamma = dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]);
        for (int i = 0; i < p; i++) {
          q[i] *= gamma;
        }
      }
      for (int k = stored - 1; k >= 0; k--) {
        int idx = Math.floorMod(head - 1 - k, mem);
        double beta = rho[idx] * dot(yHist[idx], q);
        axpy(alpha[idx] - beta, sHist[idx], q);
      }
      double[] dir = new double[p];
      for (int i = 0; i < p; i++) {
        dir[i] = -q[i];
      }
      double slope = dot(g, dir);
      if (slope >= 0) {
        for (int i = 0; i < p; i++) {
          dir[i] = -g[i];
        }
        slope = dot(g, dir);
        stored = 0;
      }
      double step = 1;
      double[] trial = new double[p];
      double fNew = f;
      ChoiceLikelihood.Eval en = e;
      for (int ls = 0; ls < 50; ls++) {
        for (int i = 0; i < p; i++) {
          trial[i] = w[i] + step * dir[i];
        }
        en = ChoiceLikelihood.evaluate(data, trial, config.l2(), false);
        fNew = -en.value() / scale;
        if (fNew <= f + 1e-4 * step * slope) {
          break;
        }
        step *= 0.5;
      }
      double[] gNew = new double[p];
      for (int i = 0; i < p; i++) {
        gNew[i] = -en.gradient()[i] / scale;
      }
      double[] sv = new double[p];
      double[] yv = new double[p];
      for (int i = 0; i < p; i++) {
        sv[i] = trial[i] - w[i];
        yv[i] = gNew[i] - g[i];
      }
      double sy = dot(sv, yv);
      if (sy > 1e-12) {
        sHist[head] = sv;
        yHist[head] = yv;
        rho[head] = 1 / sy;
        head = (head + 1) % mem;
        stored = Math.min(stored + 1, mem);
      }
      double change = f - fNew;
      System.arraycopy(trial, 0, w, 0, p);
      f = fNew;
      g = gNew;
      e = en;
      if (change >= 0 && change < 1e-15 && maxAbs(g) < Math.sqrt(config.tolerance())) {
        return true;
      }
    }
    return maxAbs(g) < config.tolerance();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}

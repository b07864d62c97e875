package dev.recsys.graph.choice;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.graph.internal.Dense;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted conditional (multinomial) logit model: a candidate's utility is {@code w . x}, and the probability of
 * choosing it from its set is the softmax of the utilities. The weights are the smart shuffle's feature weights.
 *
 * <p>{@link #fit} maximises the (optionally L2-penalised) log-likelihood with Newton's method (analytic gradient and
 * Hessian, step halving) or L-BFGS, and reports standard errors from the inverse of the negative Hessian at the
 * optimum, the log-likelihood, the null log-likelihood (all candidates equally likely) and McFadden's pseudo-R²
 * {@code 1 - LL / LL0}. Immutable and thread-safe; persisted with provider {@value #PROVIDER}.
 *
 * @param featureNames the features, in column order
 * @param weights fitted weights
 * @param standardErrors standard errors of the weights (NaN when the Hessian is singular)
 * @param logLikelihood log-likelihood at the fitted weights (without the penalty)
 * @param nullLogLikelihood log-likelihood of equal probabilities
 * @param choices number of choice sets fitted
 * @param iterations iterations used
 * @param converged whether the convergence test passed within the iteration cap
 * @param config how it was fitted
 */
public record ChoiceModel(
    List<String> featureNames, double[] weights, double[] standardErrors, double logLikelihood, double nullLogLikelihood,
    int choices, int iterations, boolean converged, ChoiceModelConfig config) {

  /** Provider name in the model container. */
  public static final String PROVIDER = "choice-model";

  /** Payload version written and the newest read. */
  public static final int VERSION = 1;

  /** z for a two-sided 95% interval. */
  public static final double Z95 = 1.959963984540054;

  /** Validates shapes and copies the arrays. */
  public ChoiceModel {
    featureNames = List.copyOf(featureNames);
    weights = weights.clone();
    standardErrors = standardErrors.clone();
    Objects.requireNonNull(config, "config");
    if (weights.length != featureNames.size() || standardErrors.length != featureNames.size()) {
      throw new IllegalArgumentException("need one weight and one standard error per feature " + featureNames);
    }
  }

  /**
   * McFadden's pseudo-R²: {@code 1 - LL / LL0} (0 when LL0 is 0).
   *
   * @return McFadden's pseudo-R², {@code 1 - LL / LL0}
   */
  public double mcFaddenR2() {
    return nullLogLikelihood == 0 ? 0 : 1 - logLikelihood / nullLogLikelihood;
  }

  /**
   * Lower end of the 95% confidence interval of weight {@code f}.
   *
   * @return the lower end of the 95% confidence interval of weight {@code f}
   * @param f the weight index
   */
  public double lower95(int f) {
    return weights[f] - Z95 * standardErrors[f];
  }

  /**
   * Upper end of the 95% confidence interval of weight {@code f}.
   *
   * @return the upper end of the 95% confidence interval of weight {@code f}
   * @param f the weight index
   */
  public double upper95(int f) {
    return weights[f] + Z95 * standardErrors[f];
  }

  /**
   * A copy of the weights.
   *
   * @return a copy of the weights
   */
  @Override
  public double[] weights() {
    return weights.clone();
  }

  /**
   * A copy of the standard errors.
   *
   * @return a copy of the standard errors
   */
  @Override
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /**
   * Mean log-likelihood per choice of {@code data} under these weights (e.g. held-out choices).
   *
   * @param data the data
   * @return the mean log-likelihood per choice of {@code data} under these weights (e.g. held-out choices)
   */
  public double meanLogLikelihood(ChoiceData data) {
    requireSameFeatures(data);
    return data.size() == 0 ? 0 : logLikelihood(data, weights) / data.size();
  }

  private void requireSameFeatures(ChoiceData data) {
    if (!data.featureNames().equals(featureNames)) {
      throw new IllegalArgumentException("data features " + data.featureNames() + " differ from the model's " + featureNames);
    }
  }

  /**
   * Fits the model to {@code data}.
   *
   * @throws IllegalArgumentException when the data is empty
   * @param data the data
   * @param config the configuration
   * @return the {@code ChoiceModel}
   */
  public static ChoiceModel fit(ChoiceData data, ChoiceModelConfig config) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot fit a choice model to 0 choices");
    }
    int p = data.featureCount();
    double[] w = new double[p];
    int[] iterations = new int[1];
    boolean converged = config.method() == ChoiceModelConfig.Method.NEWTON
        ? newton(data, config, w, iterations)
        : lbfgs(data, config, w, iterations);
    Eval e = evaluate(data, w, config.l2(), true);
    double[] negH = new double[p * p];
    for (int i = 0; i < p * p; i++) {
      negH[i] = -e.hessian[i];
    }
    double[] se = new double[p];
    double[] l = Dense.cholesky(negH, p);
    if (l == null) {
      Arrays.fill(se, Double.NaN);
    } else {
      double[] inv = Dense.inverse(l, p);
      for (int f = 0; f < p; f++) {
        se[f] = Math.sqrt(inv[f * p + f]);
      }
    }
    double ll0 = 0;
    for (int s = 0; s < data.size(); s++) {
      ll0 -= Math.log(data.setSize(s));
    }
    return new ChoiceModel(data.featureNames(), w, se, logLikelihood(data, w), ll0, data.size(), iterations[0], converged, config);
  }

  /** Penalised log-likelihood, its gradient and (optionally) Hessian. */
  private record Eval(double value, double[] gradient, double[] hessian) {}

  private static double logLikelihood(ChoiceData data, double[] w) {
    return evaluate(data, w, 0, false).value;
  }

  private static Eval evaluate(ChoiceData data, double[] w, double l2, boolean withHessian) {
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
    Eval e = evaluate(data, w, config.l2(), true);
    for (int it = 1; it <= config.maxIterations(); it++) {
      iterations[0] = it;
      if (maxAbs(e.gradient) / scale < config.tolerance()) {
        return true;
      }
      double[] negH = new double[p * p];
      for (int i = 0; i < p * p; i++) {
        negH[i] = -e.hessian[i];
      }
      double[] l = Dense.cholesky(negH, p);
      double[] dir;
      if (l == null) {
        // singular Hessian (e.g. a constant feature without a penalty): fall back to a damped gradient step
        for (int i = 0; i < p; i++) {
          negH[i * p + i] += 1e-6 * scale;
        }
        l = Dense.cholesky(negH, p);
        dir = l == null ? e.gradient.clone() : Dense.solve(l, p, e.gradient);
      } else {
        dir = Dense.solve(l, p, e.gradient);
      }
      double step = 1;
      Eval next = null;
      double[] trial = new double[p];
      for (int half = 0; half < 40; half++) {
        for (int f = 0; f < p; f++) {
          trial[f] = w[f] + step * dir[f];
        }
        next = evaluate(data, trial, config.l2(), true);
        if (next.value >= e.value - 1e-12 * Math.abs(e.value)) {
          break;
        }
        step *= 0.5;
      }
      double gain = next.value - e.value;
      System.arraycopy(trial, 0, w, 0, p);
      e = next;
      if (Math.abs(gain) / scale < config.tolerance() * 1e-3 && maxAbs(e.gradient) / scale < Math.sqrt(config.tolerance())) {
        return true;
      }
    }
    return maxAbs(e.gradient) / scale < config.tolerance();
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
    Eval e = evaluate(data, w, config.l2(), false);
    double f = -e.value / scale;
    double[] g = new double[p];
    for (int i = 0; i < p; i++) {
      g[i] = -e.gradient[i] / scale;
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
      Eval en = e;
      for (int ls = 0; ls < 50; ls++) {
        for (int i = 0; i < p; i++) {
          trial[i] = w[i] + step * dir[i];
        }
        en = evaluate(data, trial, config.l2(), false);
        fNew = -en.value / scale;
        if (fNew <= f + 1e-4 * step * slope) {
          break;
        }
        step *= 0.5;
      }
      double[] gNew = new double[p];
      for (int i = 0; i < p; i++) {
        gNew[i] = -en.gradient[i] / scale;
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

  /**
   * Saves the model atomically in the container format (provider {@value #PROVIDER}).
   *
   * @param file the file
   * @param provenance the provenance
   * @throws IOException if the file cannot be written
   */
  public void save(Path file, Provenance provenance) throws IOException {
    Payload.Writer wr = Payload.writer().putInt(featureNames.size());
    for (String n : featureNames) {
      wr.putString(n);
    }
    wr.putDoubles(weights).putDoubles(standardErrors).putDouble(logLikelihood).putDouble(nullLogLikelihood)
        .putInt(choices).putInt(iterations).putInt(converged ? 1 : 0);
    new ModelContainer(PROVIDER, VERSION, config.toJson(), provenance, wr.toByteArray()).writeTo(file);
  }

  /**
   * Loads a model saved by {@link #save}.
   *
   * @throws ModelFormatException if the file is not a choice model, is newer than this reader or is inconsistent
   * @param file the file
   * @return the {@code ChoiceModel}
   */
  public static ChoiceModel load(Path file) throws IOException {
    ModelContainer c = ModelContainer.readFrom(file);
    return ModelContainer.decode(file.toString(), () -> decode(file, c));
  }

  private static ChoiceModel decode(Path file, ModelContainer c) throws IOException {
    c.require(PROVIDER, VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    int n = r.getInt();
    if (n < 1 || n > 10_000) {
      throw new ModelFormatException(file + ": feature count must be in [1, 10000]; got " + n);
    }
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(r.getString());
    }
    double[] w = r.getDoubles();
    double[] se = r.getDoubles();
    double ll = r.getDouble();
    double ll0 = r.getDouble();
    int choices = r.getInt();
    int its = r.getInt();
    boolean conv = r.getInt() != 0;
    r.requireEnd();
    try {
      com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.configJson());
      ChoiceModelConfig cfg = new ChoiceModelConfig(ChoiceModelConfig.Method.valueOf(node.path("method").asText("NEWTON")),
          node.path("l2").asDouble(0), node.path("maxIterations").asInt(100), node.path("tolerance").asDouble(1e-9));
      return new ChoiceModel(names, w, se, ll, ll0, choices, its, conv, cfg);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChoiceModel m && featureNames.equals(m.featureNames) && Arrays.equals(weights, m.weights)
        && Arrays.equals(standardErrors, m.standardErrors) && logLikelihood == m.logLikelihood
        && nullLogLikelihood == m.nullLogLikelihood && choices == m.choices && iterations == m.iterations
        && converged == m.converged && config.equals(m.config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, Arrays.hashCode(weights), logLikelihood, choices);
  }

  @Override
  public String toString() {
    return "ChoiceModel[features=" + featureNames + ", weights=" + Arrays.toString(weights) + ", standardErrors="
        + Arrays.toString(standardErrors) + ", logLikelihood=" + logLikelihood + ", nullLogLikelihood=" + nullLogLikelihood
        + ", mcFaddenR2=" + mcFaddenR2() + ", choices=" + choices + ", iterations=" + iterations + ", converged=" + converged
        + ", config=" + config + "]";
  }
}

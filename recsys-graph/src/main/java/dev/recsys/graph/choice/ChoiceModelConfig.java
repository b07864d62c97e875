package dev.recsys.graph.choice;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * How a {@link ChoiceModel} is fitted.
 *
 * @param method the optimiser
 * @param l2 L2 penalty {@code l2/2 * |w|^2} on the weights, in [0, 1e6] (0 = plain maximum likelihood)
 * @param maxIterations iteration cap, in [1, 100000]
 * @param tolerance convergence when the largest gradient component per choice set falls below it, in (0, 1]
 */
public record ChoiceModelConfig(Method method, double l2, int maxIterations, double tolerance) {
  /** The optimiser. */
  public enum Method {
    /** Newton-Raphson with the analytic Hessian and step halving (best for few features). */
    NEWTON,
    /** Limited-memory BFGS (memory 10) with a backtracking line search. */
    LBFGS
  }

  /** Validates the fields. */
  public ChoiceModelConfig {
    Objects.requireNonNull(method, "method");
    Checks.inRange("l2", l2, 0, 1e6);
    Checks.inRange("maxIterations", maxIterations, 1, 100_000);
    Checks.inRange("tolerance", tolerance, Double.MIN_VALUE, 1);
  }

  /**
   * Newton, no penalty, 100 iterations, tolerance 1e-9.
   *
   * @return Newton's method, no penalty, 100 iterations, tolerance 1e-9
   */
  public static ChoiceModelConfig defaults() {
    return new ChoiceModelConfig(Method.NEWTON, 0, 100, 1e-9);
  }

  /**
   * A copy with another method.
   *
   * @param m the method
   * @return a copy with another method
   */
  public ChoiceModelConfig withMethod(Method m) {
    return new ChoiceModelConfig(m, l2, m == Method.LBFGS ? Math.max(maxIterations, 500) : maxIterations, tolerance);
  }

  /**
   * A copy with another L2 penalty.
   *
   * @param penalty the penalty
   * @return a copy with another L2 penalty
   */
  public ChoiceModelConfig withL2(double penalty) {
    return new ChoiceModelConfig(method, penalty, maxIterations, tolerance);
  }

  /**
   * As JSON (stored in the model container).
   *
   * @return the configuration as JSON
   */
  public String toJson() {
    return dev.recsys.core.io.ConfigJson.write(this);
  }
}

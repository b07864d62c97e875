package dev.recsys.graph.choice;

import dev.recsys.core.util.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * Online updates of choice weights from listening feedback, by stochastic gradient steps on the conditional-logit
 * log-likelihood of one choice set at a time.
 *
 * <p>A {@link Outcome#FULL_PLAY} or {@link Outcome#REPLAY} is treated as evidence that the played candidate was the
 * preferred one: the weights move along {@code x_played - E_p[x]}, raising its utility relative to the other
 * candidates (a replay counts {@link #REPLAY_FACTOR} times). A {@link Outcome#SKIP} moves them the opposite way,
 * lowering it. Each step also shrinks the weights by the L2 rate. Not thread-safe: one updater per listener or
 * guarded by the caller.
 */
public final class OnlineChoiceUpdater {
  /** How many full plays a replay is worth. */
  public static final double REPLAY_FACTOR = 2.0;

  /** What the listener did with the track the walk played. */
  public enum Outcome {
    /** Skipped early: the pick was worse than the alternatives. */
    SKIP,
    /** Listened to the end. */
    FULL_PLAY,
    /** Played it again: strong positive evidence. */
    REPLAY
  }

  private final double[] weights;
  private final double learningRate;
  private final double l2;
  private double[] prob = new double[64];
  private long updates;

  /**
   * An updater starting from {@code initial}.
   *
   * @param learningRate step size, &gt; 0
   * @param l2 shrinkage per step, in [0, 1)
   * @param initial the initial
   */
  public OnlineChoiceUpdater(double[] initial, double learningRate, double l2) {
    this.weights = Objects.requireNonNull(initial, "initial").clone();
    this.learningRate = Checks.positive("learningRate", learningRate);
    this.l2 = Checks.inRange("l2", l2, 0, 0.999_999);
  }

  /**
   * Updates the weights from one presented set: {@code count} candidates with features in the first rows of
   * {@code matrix} (row-major), of which row {@code played} was played with the given outcome.
   *
   * @param matrix the matrix
   * @param count the number of candidates
   * @param played the played
   * @param outcome the outcome
   */
  public void update(double[] matrix, int count, int played, Outcome outcome) {
    Checks.inRange("played", played, 0, count - 1);
    if (prob.length < count) {
      prob = new double[Math.max(count, prob.length * 2)];
    }
    step(weights, weights, 1.0, prob, matrix, count, played, outcome, learningRate, l2);
    updates++;
  }

  /** The gradient sign of an outcome: -1 skip, 1 full play, {@link #REPLAY_FACTOR} replay. */
  static double sign(Outcome outcome) {
    return switch (outcome) {
      case SKIP -> -1.0;
      case FULL_PLAY -> 1.0;
      case REPLAY -> REPLAY_FACTOR;
    };
  }

  /**
   * One stochastic gradient step of the conditional-logit log-likelihood of one set, shared by this updater and
   * {@link PersonalWeights}: the set is scored with {@code scoring}, and {@code params} (which may be the same
   * array) become {@code params * (1 - l2) + rate * sign(outcome) * gradientScale * (x_played - E_p[x])}.
   *
   * @param prob scratch of at least {@code count} entries
   */
  static void step(double[] scoring, double[] params, double gradientScale, double[] prob, double[] matrix, int count,
      int played, Outcome outcome, double rate, double l2) {
    int p = params.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      double u = 0;
      for (int f = 0; f < p; f++) {
        u += scoring[f] * matrix[i * p + f];
      }
      prob[i] = u;
      max = Math.max(max, u);
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      prob[i] = Math.exp(prob[i] - max);
      sum += prob[i];
    }
    double sign = sign(outcome);
    for (int f = 0; f < p; f++) {
      double mean = 0;
      for (int i = 0; i < count; i++) {
        mean += prob[i] / sum * matrix[i * p + f];
      }
      double grad = matrix[played * p + f] - mean;
      params[f] = params[f] * (1 - l2) + rate * sign * gradientScale * grad;
    }
  }

  /**
   * A copy of the current weights.
   *
   * @return a copy of the current weights
   */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * Number of updates applied.
   *
   * @return the number of updates applied
   */
  public long updates() {
    return updates;
  }

  @Override
  public String toString() {
    return "OnlineChoiceUpdater[weights=" + Arrays.toString(weights) + ", learningRate=" + learningRate + ", l2=" + l2
        + ", updates=" + updates + "]";
  }
}

package dev.recsys.graph.simulation;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A synthetic listener with hidden preferences: a true weight per walk feature and a taste profile (a probability
 * per cluster). Its utility for a candidate is {@code trueWeights . x + tasteStrength * log(taste[cluster])}; it
 * chooses by softmax over utilities. Immutable.
 *
 * @param trueWeights the hidden weight of each walk feature, in the walk's column order
 * @param taste a probability per cluster (sums to 1); sessions start in a cluster drawn from it
 * @param tasteStrength how strongly taste enters the utility, &gt;= 0 (0: taste only picks where sessions start)
 */
public record SimulatedListener(double[] trueWeights, double[] taste, double tasteStrength) {
  /** Validates and copies. */
  public SimulatedListener {
    trueWeights = Objects.requireNonNull(trueWeights, "trueWeights").clone();
    taste = Objects.requireNonNull(taste, "taste").clone();
    double sum = 0;
    for (double t : taste) {
      if (!(t > 0)) {
        throw new IllegalArgumentException("taste probabilities must be > 0; got " + t);
      }
      sum += t;
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("taste must sum to 1; sum=" + sum);
    }
    if (!(tasteStrength >= 0) || Double.isInfinite(tasteStrength)) {
      throw new IllegalArgumentException("tasteStrength must be finite and >= 0; tasteStrength=" + tasteStrength);
    }
  }

  /**
   * A listener with the given true weights and a random (Dirichlet(1)) taste over {@code clusters}.
   *
   * @param trueWeights the true weights
   * @param clusters the clusters
   * @param tasteStrength the taste strength
   * @param rnd the rnd
   * @return a listener with the given true weights and a random (Dirichlet(1)) taste over {@code clusters}
   */
  public static SimulatedListener withRandomTaste(double[] trueWeights, int clusters, double tasteStrength, SplittableRandom rnd) {
    double[] t = new double[clusters];
    double sum = 0;
    for (int c = 0; c < clusters; c++) {
      t[c] = -Math.log(1 - rnd.nextDouble()) + 1e-9;
      sum += t[c];
    }
    for (int c = 0; c < clusters; c++) {
      t[c] /= sum;
    }
    return new SimulatedListener(trueWeights, t, tasteStrength);
  }

  /**
   * A copy of the true weights.
   *
   * @return a copy of the true weights
   */
  @Override
  public double[] trueWeights() {
    return trueWeights.clone();
  }

  /**
   * A copy of the taste profile.
   *
   * @return a copy of the taste profile
   */
  @Override
  public double[] taste() {
    return taste.clone();
  }

  @Override
  public String toString() {
    return "SimulatedListener[trueWeights=" + Arrays.toString(trueWeights) + ", taste=" + Arrays.toString(taste)
        + ", tasteStrength=" + tasteStrength + "]";
  }
}

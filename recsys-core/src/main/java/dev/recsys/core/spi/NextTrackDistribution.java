package dev.recsys.core.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A probability distribution over next-track candidates, with each feature's value and contribution per
 * candidate: the "why this song".
 *
 * @param candidates candidate track indices
 * @param probabilities one per candidate, non-negative, summing to 1 (empty when there is no candidate)
 * @param featureNames the features in column order
 * @param featureValues {@code candidates.length * featureNames.size()} values, row-major
 * @param weights the weight of each feature
 * @param temperature the softmax temperature used
 */
public record NextTrackDistribution(
    int[] candidates, double[] probabilities, List<String> featureNames, double[] featureValues, double[] weights,
    double temperature) {

  /** Validates the shapes. */
  public NextTrackDistribution {
    Objects.requireNonNull(candidates, "candidates");
    Objects.requireNonNull(probabilities, "probabilities");
    featureNames = List.copyOf(featureNames);
    if (probabilities.length != candidates.length) {
      throw new IllegalArgumentException("need one probability per candidate; " + probabilities.length + " vs " + candidates.length);
    }
    if (featureValues.length != candidates.length * featureNames.size()) {
      throw new IllegalArgumentException("featureValues must have candidates*features values");
    }
    if (weights.length != featureNames.size()) {
      throw new IllegalArgumentException("need one weight per feature; " + weights.length + " vs " + featureNames.size());
    }
  }

  /**
   * Number of candidates.
   *
   * @return the number of candidates
   */
  public int size() {
    return candidates.length;
  }

  /**
   * Value of feature {@code f} for candidate {@code c}.
   *
   * @return the value of feature {@code f} for candidate {@code c}
   * @param c the candidate index
   * @param f the feature index
   */
  public double value(int c, int f) {
    return featureValues[c * featureNames.size() + f];
  }

  /**
   * The candidate row that a uniform draw {@code u} in [0, 1) selects by inverse cumulative probability, or -1
   * when there is no candidate. {@link NextTrackSampler#sample} uses this rule, so a caller that already holds the
   * distribution (to explain the pick) need not compute it twice.
   *
   * @param u a uniform random number in [0, 1)
   * @return the candidate row, or -1 when there is no candidate
   */
  public int draw(double u) {
    double acc = 0;
    for (int i = 0; i < probabilities.length; i++) {
      acc += probabilities[i];
      if (u < acc) {
        return i;
      }
    }
    return probabilities.length - 1;
  }

  /**
   * Why candidate {@code c} got its probability: each feature's value and weighted contribution.
   *
   * @return why candidate {@code c} got its probability
   * @param c the candidate index
   */
  public Explanation explain(int c) {
    List<Explanation.Factor> factors = new ArrayList<>(featureNames.size());
    for (int f = 0; f < featureNames.size(); f++) {
      double v = value(c, f);
      factors.add(new Explanation.Factor("feature", featureNames.get(f), v, weights[f] * v / temperature));
    }
    return new Explanation(String.format("p=%.3f among %d candidates", probabilities[c], candidates.length), factors);
  }
}

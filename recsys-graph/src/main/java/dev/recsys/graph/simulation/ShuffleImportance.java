package dev.recsys.graph.simulation;

import dev.recsys.core.eval.PermutationImportance;
import dev.recsys.graph.choice.ChoiceData;
import java.util.List;
import java.util.Objects;

/**
 * The walk features of the smart shuffle as a {@link PermutationImportance.Target}: each feature's values are shuffled
 * among the candidates of every choice set (so a set keeps the values it had, only not on the same tracks) and the
 * metric is the log-probability of each set's chosen track under softmax({@code w . x}) with the given weights, as in
 * {@link ShuffleEvaluation#setLogLikelihood}. A feature that is constant within the sets (recency, never-played and
 * same-artist inside the hard-constrained candidate sets) has an importance of exactly 0, whatever its weight: the
 * choices cannot tell it apart. Measure on validation choices, never on the test choices.
 *
 * <p>Deterministic: the same data, weights and permutation give the same values.
 */
public final class ShuffleImportance implements PermutationImportance.Target {
  private final ChoiceData data;
  private final double[] weights;
  private final int[] blocks;

  private ShuffleImportance(ChoiceData data, double[] weights) {
    this.data = data;
    this.weights = weights;
    blocks = new int[data.size()];
    for (int s = 0; s < blocks.length; s++) {
      blocks[s] = data.start(s);
    }
  }

  /**
   * The features of {@code data}, scored with {@code weights}.
   *
   * @param data validation choices, at least one set
   * @param weights one weight per feature column (e.g. a fitted {@link dev.recsys.graph.choice.ChoiceModel}'s)
   * @return the target
   * @throws IllegalArgumentException if there is no choice or the weights do not match the features
   */
  public static ShuffleImportance of(ChoiceData data, double[] weights) {
    Objects.requireNonNull(data, "data");
    if (data.size() == 0) {
      throw new IllegalArgumentException("need at least one choice set");
    }
    if (weights.length != data.featureCount()) {
      throw new IllegalArgumentException("need one weight per feature " + data.featureNames() + "; got "
          + weights.length);
    }
    return new ShuffleImportance(data, weights.clone());
  }

  /**
   * The metric's name.
   *
   * @return {@code log_likelihood}
   */
  public String metric() {
    return "log_likelihood";
  }

  @Override
  public List<String> groups() {
    return data.featureNames();
  }

  @Override
  public int rows(String group) {
    column(group);
    return data.rows();
  }

  @Override
  public int[] blocks(String group) {
    return blocks.clone();
  }

  @Override
  public double[] evaluate(String group, int[] permutation) {
    ChoiceData scored = data;
    if (group != null) {
      int f = column(group);
      if (permutation == null || permutation.length != data.rows()) {
        throw new IllegalArgumentException("permutation of '" + group + "' must have " + data.rows() + " entries");
      }
      int p = data.featureCount();
      ChoiceData.Builder b = ChoiceData.builder(data.featureNames());
      for (int s = 0; s < data.size(); s++) {
        int start = data.start(s);
        int m = data.setSize(s);
        double[] x = java.util.Arrays.copyOfRange(data.featureArray(), start * p, (start + m) * p);
        for (int i = 0; i < m; i++) {
          x[i * p + f] = data.value(permutation[start + i], f);
        }
        b.add(x, m, data.chosen(s));
      }
      scored = b.build();
    }
    double[] out = new double[scored.size()];
    for (int s = 0; s < out.length; s++) {
      out[s] = ShuffleEvaluation.setLogLikelihood(scored, s, weights);
    }
    return out;
  }

  private int column(String group) {
    int f = data.featureNames().indexOf(group);
    if (f < 0) {
      throw new IllegalArgumentException("unknown walk feature '" + group + "'; known: " + data.featureNames());
    }
    return f;
  }
}

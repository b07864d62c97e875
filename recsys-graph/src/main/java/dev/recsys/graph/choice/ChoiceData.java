package dev.recsys.graph.choice;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A log of choices in columnar form: for each choice set, the feature matrix of its candidates (one row per
 * candidate) and the row that was chosen. Sets are stored back to back in one {@code double[]} ({@code rows x
 * features}, row-major) with {@code offsets} marking where each set's rows start. Immutable; build with
 * {@link #builder}.
 */
public final class ChoiceData {
  private final List<String> featureNames;
  private final int[] offsets;
  private final double[] features;
  private final int[] chosen;

  private ChoiceData(List<String> featureNames, int[] offsets, double[] features, int[] chosen) {
    this.featureNames = featureNames;
    this.offsets = offsets;
    this.features = features;
    this.chosen = chosen;
  }

  /**
   * A builder for choices over the named features.
   *
   * @param featureNames a builder for choices over the named features
   * @return this builder
   */
  public static Builder builder(List<String> featureNames) {
    return new Builder(featureNames);
  }

  /**
   * The feature names, in column order.
   *
   * @return the feature names, in column order
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Number of features (columns).
   *
   * @return the number of features (columns)
   */
  public int featureCount() {
    return featureNames.size();
  }

  /**
   * Number of choice sets.
   *
   * @return the number of choice sets
   */
  public int size() {
    return chosen.length;
  }

  /**
   * Total candidate rows.
   *
   * @return the total candidate rows
   */
  public int rows() {
    return offsets[chosen.length];
  }

  /**
   * First row of set {@code s}.
   *
   * @return the first row of set {@code s}
   * @param s the set index
   */
  public int start(int s) {
    return offsets[s];
  }

  /**
   * Number of candidates of set {@code s}.
   *
   * @return the number of candidates of set {@code s}
   * @param s the set index
   */
  public int setSize(int s) {
    return offsets[s + 1] - offsets[s];
  }

  /**
   * The chosen row of set {@code s}, relative to its first row.
   *
   * @return the chosen row of set {@code s}, relative to its first row
   * @param s the set index
   */
  public int chosen(int s) {
    return chosen[s];
  }

  /**
   * Value of feature {@code f} on absolute row {@code row}.
   *
   * @param row the row index
   * @return the value of feature {@code f} on absolute row {@code row}
   * @param f the feature index
   */
  public double value(int row, int f) {
    return features[row * featureNames.size() + f];
  }

  /**
   * The internal feature array (row-major); read only.
   *
   * @return the internal feature array (row-major)
   */
  public double[] featureArray() {
    return features;
  }

  /**
   * The choice sets {@code [from, to)} as a new data set.
   *
   * @param from the from
   * @param to the end of the range, exclusive
   * @return the choice sets {@code [from, to)}
   */
  public ChoiceData slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IllegalArgumentException("slice must satisfy 0 <= from <= to <= " + size() + "; from=" + from + ", to=" + to);
    }
    int p = featureCount();
    int[] off = new int[to - from + 1];
    for (int s = from; s <= to; s++) {
      off[s - from] = offsets[s] - offsets[from];
    }
    return new ChoiceData(featureNames, off, Arrays.copyOfRange(features, offsets[from] * p, offsets[to] * p),
        Arrays.copyOfRange(chosen, from, to));
  }

  @Override
  public String toString() {
    return "ChoiceData[sets=" + size() + ", rows=" + rows() + ", features=" + featureNames + "]";
  }

  /** Accumulates choice sets; not thread-safe. */
  public static final class Builder {
    private final List<String> names;
    private int[] offsets = new int[64];
    private double[] features;
    private int[] chosen = new int[63];
    private int sets;
    private int rows;

    private Builder(List<String> names) {
      this.names = List.copyOf(names);
      if (this.names.isEmpty()) {
        throw new IllegalArgumentException("a choice model needs at least one feature");
      }
      this.features = new double[1024 * this.names.size()];
    }

    /**
     * Adds a choice among {@code count} candidates whose features are the first {@code count} rows of
     * {@code matrix} (row-major, {@code featureNames.size()} columns); {@code chosenRow} is the chosen one.
     * The values are copied.
     *
     * @throws IllegalArgumentException for an empty set, a chosen row out of range or a non-finite value
     * @param matrix the matrix
     * @param count the number of candidates
     * @param chosenRow the chosen row
     * @return this builder
     */
    public Builder add(double[] matrix, int count, int chosenRow) {
      int p = names.size();
      if (count < 1) {
        throw new IllegalArgumentException("a choice set needs at least one candidate; count=" + count);
      }
      if (chosenRow < 0 || chosenRow >= count) {
        throw new IllegalArgumentException("chosenRow must be in [0, " + (count - 1) + "]; chosenRow=" + chosenRow);
      }
      if (matrix.length < count * p) {
        throw new IllegalArgumentException("matrix must hold count*features=" + count * p + " values; has " + matrix.length);
      }
      for (int i = 0; i < count * p; i++) {
        if (!Double.isFinite(matrix[i])) {
          throw new IllegalArgumentException("feature values must be finite; set " + sets + " row " + i / p + " feature '"
              + names.get(i % p) + "'=" + matrix[i]);
        }
      }
      if (sets + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
        chosen = Arrays.copyOf(chosen, offsets.length - 1);
      }
      if ((rows + count) * p > features.length) {
        features = Arrays.copyOf(features, Math.max(features.length * 2, (rows + count) * p));
      }
      System.arraycopy(matrix, 0, features, rows * p, count * p);
      chosen[sets] = chosenRow;
      rows += count;
      sets++;
      offsets[sets] = rows;
      return this;
    }

    /**
     * Number of sets added.
     *
     * @return the number of sets added
     */
    public int size() {
      return sets;
    }

    /**
     * Builds the data set.
     *
     * @return the {@code ChoiceData}
     */
    public ChoiceData build() {
      return new ChoiceData(names, Arrays.copyOf(offsets, sets + 1), Arrays.copyOf(features, rows * names.size()),
          Arrays.copyOf(chosen, sets));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChoiceData d && featureNames.equals(d.featureNames) && Arrays.equals(offsets, d.offsets)
        && Arrays.equals(features, d.features) && Arrays.equals(chosen, d.chosen);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, Arrays.hashCode(offsets), Arrays.hashCode(chosen));
  }
}

package dev.recsys.embedding.twotower;

import java.util.Arrays;
import java.util.Objects;

/**
 * The features of one tower input row, laid out by a {@link FeatureSchema}: one table row per id input, one bag of
 * indices per multi-hot input, and the dense inputs' values concatenated. The arrays are copied.
 *
 * @param ids one row index per id input, in schema order
 * @param bags one bag of indices per multi-hot input, in schema order (may be empty)
 * @param dense the dense inputs' values, concatenated in schema order
 */
public record TowerRow(int[] ids, int[][] bags, float[] dense) {
  /** Copies the arrays. */
  public TowerRow {
    ids = Objects.requireNonNull(ids, "ids").clone();
    int[][] copy = new int[Objects.requireNonNull(bags, "bags").length][];
    for (int i = 0; i < bags.length; i++) {
      copy[i] = Objects.requireNonNull(bags[i], "bags[" + i + "]").clone();
    }
    bags = copy;
    dense = Objects.requireNonNull(dense, "dense").clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TowerRow r && Arrays.equals(ids, r.ids) && Arrays.deepEquals(bags, r.bags)
        && Arrays.equals(dense, r.dense);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(ids), Arrays.deepHashCode(bags), Arrays.hashCode(dense));
  }

  @Override
  public String toString() {
    return "TowerRow[ids=" + Arrays.toString(ids) + ", bags=" + Arrays.deepToString(bags) + ", dense="
        + Arrays.toString(dense) + "]";
  }
}

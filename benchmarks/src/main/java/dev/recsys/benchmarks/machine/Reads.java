package dev.recsys.benchmarks.machine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The read loop behind the bandwidth bounds: a sum of integers with the JDK Vector API (four independent vector
 * accumulators of the preferred width, so loads, not adds, limit the loop). Needs
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class Reads {
  private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;

  private Reads() {}

  /** The preferred vector width in bits. */
  public static int vectorBits() {
    return SPECIES.vectorBitSize();
  }

  /** Sum of {@code values[from .. to)}, wrapping on overflow. */
  public static int sum(int[] values, int from, int to) {
    int lanes = SPECIES.length();
    IntVector a0 = IntVector.zero(SPECIES);
    IntVector a1 = a0;
    IntVector a2 = a0;
    IntVector a3 = a0;
    int i = from;
    for (int end = to - 4 * lanes; i <= end; i += 4 * lanes) {
      a0 = a0.add(IntVector.fromArray(SPECIES, values, i));
      a1 = a1.add(IntVector.fromArray(SPECIES, values, i + lanes));
      a2 = a2.add(IntVector.fromArray(SPECIES, values, i + 2 * lanes));
      a3 = a3.add(IntVector.fromArray(SPECIES, values, i + 3 * lanes));
    }
    int s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    for (; i < to; i++) {
      s += values[i];
    }
    return s;
  }
}

package dev.recsys.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tiles of the SDK's Vector API kernels (dot-product blocks here, dense layers in
 * {@code recsys-embedding}): four rows of output by one or two vectors of lanes, held in registers over
 * every term of a sum of products, so that each vector loaded from the right-hand array serves four rows.
 *
 * <p>Term {@code i} of output row {@code k} is the broadcast {@code left[lOff + k * lRow + i * lStep]} times the
 * vector at {@code right[rOff + i * rStep]}; the terms are summed in order with one fused multiply-add per term and
 * lane, as the scalar kernels do, so a tile gives the bits of the scalar loop. The accumulators start from the
 * {@code init} rows at {@code iOff + k * iRow} ({@code iRow = 0} starts every row from the same vector, a bias), or
 * from zero when {@code init} is null; row {@code k} is stored at {@code out[oOff + k * oRow]}.
 *
 * <p>Referenced only by classes that are themselves loaded when {@code jdk.incubator.vector} is present.
 */
public final class PanamaTiles {
  private PanamaTiles() {}

  /** The preferred float species of the machine. */
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Lanes of {@link #SPECIES}. */
  public static final int LANES = SPECIES.length();

  /**
   * Four rows by two vectors ({@code 2 * LANES} columns).
   *
   * @param left the broadcast operands
   * @param lOff offset of row 0's first term in {@code left}
   * @param lRow distance between rows in {@code left}
   * @param lStep distance between terms in {@code left}
   * @param right the vector operands
   * @param rOff offset of the first term's vector
   * @param rStep distance between terms in {@code right}
   * @param count number of terms
   * @param init the starting values, or null for zero
   * @param iOff offset of row 0's starting values
   * @param iRow distance between rows in {@code init} (0: one row for all four)
   * @param out the output
   * @param oOff offset of row 0's output
   * @param oRow distance between rows in {@code out}
   */
  public static void fourByTwo(float[] left, int lOff, int lRow, int lStep, float[] right, int rOff, int rStep,
      int count, float[] init, int iOff, int iRow, float[] out, int oOff, int oRow) {
    FloatVector c00 = start(init, iOff);
    FloatVector c01 = start(init, iOff + LANES);
    FloatVector c10 = start(init, iOff + iRow);
    FloatVector c11 = start(init, iOff + iRow + LANES);
    FloatVector c20 = start(init, iOff + 2 * iRow);
    FloatVector c21 = start(init, iOff + 2 * iRow + LANES);
    FloatVector c30 = start(init, iOff + 3 * iRow);
    FloatVector c31 = start(init, iOff + 3 * iRow + LANES);
    int l1 = lRow;
    int l2 = 2 * lRow;
    int l3 = 3 * lRow;
    for (int i = 0, li = lOff, ri = rOff; i < count; i++, li += lStep, ri += rStep) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, right, ri);
      FloatVector b1 = FloatVector.fromArray(SPECIES, right, ri + LANES);
      FloatVector x = FloatVector.broadcast(SPECIES, left[li]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, left[li + l1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, left[li + l2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, left[li + l3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
    }
    c00.intoArray(out, oOff);
    c01.intoArray(out, oOff + LANES);
    c10.intoArray(out, oOff + oRow);
    c11.intoArray(out, oOff + oRow + LANES);
    c20.intoArray(out, oOff + 2 * oRow);
    c21.intoArray(out, oOff + 2 * oRow + LANES);
    c30.intoArray(out, oOff + 3 * oRow);
    c31.intoArray(out, oOff + 3 * oRow + LANES);
  }

  /**
   * Four rows by one vector.
   *
   * @param left the broadcast operands
   * @param lOff offset of row 0's first term in {@code left}
   * @param lRow distance between rows in {@code left}
   * @param lStep distance between terms in {@code left}
   * @param right the vector operands
   * @param rOff offset of the first term's vector
   * @param rStep distance between terms in {@code right}
   * @param count number of terms
   * @param init the starting values, or null for zero
   * @param iOff offset of row 0's starting values
   * @param iRow distance between rows in {@code init} (0: one row for all four)
   * @param out the output
   * @param oOff offset of row 0's output
   * @param oRow distance between rows in {@code out}
   */
  public static void fourByOne(float[] left, int lOff, int lRow, int lStep, float[] right, int rOff, int rStep,
      int count, float[] init, int iOff, int iRow, float[] out, int oOff, int oRow) {
    FloatVector c0 = start(init, iOff);
    FloatVector c1 = start(init, iOff + iRow);
    FloatVector c2 = start(init, iOff + 2 * iRow);
    FloatVector c3 = start(init, iOff + 3 * iRow);
    int l1 = lRow;
    int l2 = 2 * lRow;
    int l3 = 3 * lRow;
    for (int i = 0, li = lOff, ri = rOff; i < count; i++, li += lStep, ri += rStep) {
      FloatVector b = FloatVector.fromArray(SPECIES, right, ri);
      c0 = FloatVector.broadcast(SPECIES, left[li]).fma(b, c0);
      c1 = FloatVector.broadcast(SPECIES, left[li + l1]).fma(b, c1);
      c2 = FloatVector.broadcast(SPECIES, left[li + l2]).fma(b, c2);
      c3 = FloatVector.broadcast(SPECIES, left[li + l3]).fma(b, c3);
    }
    c0.intoArray(out, oOff);
    c1.intoArray(out, oOff + oRow);
    c2.intoArray(out, oOff + 2 * oRow);
    c3.intoArray(out, oOff + 3 * oRow);
  }

  /**
   * One row by one vector: {@link #fourByOne} for a leftover row.
   *
   * @param left the broadcast operands
   * @param lOff offset of the first term in {@code left}
   * @param lStep distance between terms in {@code left}
   * @param right the vector operands
   * @param rOff offset of the first term's vector
   * @param rStep distance between terms in {@code right}
   * @param count number of terms
   * @param init the starting values, or null for zero
   * @param iOff offset of the starting values
   * @param out the output
   * @param oOff offset of the output
   */
  public static void oneByOne(float[] left, int lOff, int lStep, float[] right, int rOff, int rStep, int count,
      float[] init, int iOff, float[] out, int oOff) {
    FloatVector c = start(init, iOff);
    for (int i = 0, li = lOff, ri = rOff; i < count; i++, li += lStep, ri += rStep) {
      c = FloatVector.fromArray(SPECIES, right, ri).fma(FloatVector.broadcast(SPECIES, left[li]), c);
    }
    c.intoArray(out, oOff);
  }

  private static FloatVector start(float[] init, int off) {
    return init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, off);
  }
}

package dev.recsys.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating JDK Vector API with the preferred species of the CPU (512 bits with AVX-512) and
 * fused multiply-add; a scalar tail handles dimensions that are not a multiple of the lane count. Loaded
 * reflectively by {@link VectorKernels} only when {@code jdk.incubator.vector} is resolved.
 */
final class PanamaKernels extends VectorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;
  private static final VectorShuffle<Float> HALF = VectorShuffle.iota(EIGHT, 4, 1, true);
  private static final VectorShuffle<Float> QUARTER = VectorShuffle.iota(EIGHT, 2, 1, true);
  private static final VectorShuffle<Float> NEXT = VectorShuffle.iota(EIGHT, 1, 1, true);

  @Override
  public String name() {
    return "panama-" + SPECIES.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      for (; i + LANES < bound; i += 2 * LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, a, aOff + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOff + i + LANES), acc1);
      }
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      sum += a[aOff + i] * b[bOff + i];
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, int aOff, float[] b, int bOff, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc = FloatVector.zero(SPECIES);
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, a, aOff + i).sub(FloatVector.fromArray(SPECIES, b, bOff + i));
        acc = d.fma(d, acc);
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < dim; i++) {
      float d = a[aOff + i] - b[bOff + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float dotLanes(float[] a, int aOff, float[] b, int bOff, int dim) {
    int i = 0;
    float sum = 0;
    if (dim >= 8) {
      FloatVector acc = FloatVector.zero(EIGHT);
      for (; i + 8 <= dim; i += 8) {
        acc = FloatVector.fromArray(EIGHT, a, aOff + i).fma(FloatVector.fromArray(EIGHT, b, bOff + i), acc);
      }
      sum = lanes(acc);
    }
    for (; i < dim; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  /** The eight running sums of {@link #dotLanes} added as its fixed tree. */
  private static float lanes(FloatVector acc) {
    // lane k + 4 onto lane k, then k + 2, then k + 1: the tree of the scalar definition
    acc = acc.add(acc.rearrange(HALF));
    acc = acc.add(acc.rearrange(QUARTER));
    return acc.add(acc.rearrange(NEXT)).lane(0);
  }

  /** {@link #dotLanes} with the remaining components of a row after its first {@code full} ones. */
  private static float lanesTail(FloatVector acc, float[] a, int aOff, float[] b, int bOff, int full, int dim) {
    float sum = lanes(acc);
    for (int i = full; i < dim; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  /** Four rows at a time: each chunk of {@code a} is loaded once for four independent running sums. */
  @Override
  public void dotLanesAt(float[] a, int aOff, float[] rows, int[] offsets, int from, int to, float[] out, int outOff,
      int dim) {
    int full = dim - dim % 8;
    int k = from;
    if (full > 0) {
      for (; k + 3 < to; k += 4) {
        int r0 = offsets[k];
        int r1 = offsets[k + 1];
        int r2 = offsets[k + 2];
        int r3 = offsets[k + 3];
        FloatVector c0 = FloatVector.zero(EIGHT);
        FloatVector c1 = FloatVector.zero(EIGHT);
        FloatVector c2 = FloatVector.zero(EIGHT);
        FloatVector c3 = FloatVector.zero(EIGHT);
        for (int i = 0; i < full; i += 8) {
          FloatVector av = FloatVector.fromArray(EIGHT, a, aOff + i);
          c0 = av.fma(FloatVector.fromArray(EIGHT, rows, r0 + i), c0);
          c1 = av.fma(FloatVector.fromArray(EIGHT, rows, r1 + i), c1);
          c2 = av.fma(FloatVector.fromArray(EIGHT, rows, r2 + i), c2);
          c3 = av.fma(FloatVector.fromArray(EIGHT, rows, r3 + i), c3);
        }
        int o = outOff + k - from;
        out[o] = lanesTail(c0, a, aOff, rows, r0, full, dim);
        out[o + 1] = lanesTail(c1, a, aOff, rows, r1, full, dim);
        out[o + 2] = lanesTail(c2, a, aOff, rows, r2, full, dim);
        out[o + 3] = lanesTail(c3, a, aOff, rows, r3, full, dim);
      }
    }
    for (; k < to; k++) {
      out[outOff + k - from] = dotLanes(a, aOff, rows, offsets[k], dim);
    }
  }

  /** Four vectors of {@code y} stay in registers over all rows. */
  @Override
  public void axpyAt(float[] coef, float[] rows, int[] offsets, int from, int to, float[] y, int yOff, int dim) {
    int i = 0;
    int bound = SPECIES.loopBound(dim);
    for (; i + 3 * LANES < bound; i += 4 * LANES) {
      int yo = yOff + i;
      FloatVector y0 = FloatVector.fromArray(SPECIES, y, yo);
      FloatVector y1 = FloatVector.fromArray(SPECIES, y, yo + LANES);
      FloatVector y2 = FloatVector.fromArray(SPECIES, y, yo + 2 * LANES);
      FloatVector y3 = FloatVector.fromArray(SPECIES, y, yo + 3 * LANES);
      for (int k = from; k < to; k++) {
        FloatVector x = FloatVector.broadcast(SPECIES, coef[k]);
        int o = offsets[k] + i;
        y0 = x.fma(FloatVector.fromArray(SPECIES, rows, o), y0);
        y1 = x.fma(FloatVector.fromArray(SPECIES, rows, o + LANES), y1);
        y2 = x.fma(FloatVector.fromArray(SPECIES, rows, o + 2 * LANES), y2);
        y3 = x.fma(FloatVector.fromArray(SPECIES, rows, o + 3 * LANES), y3);
      }
      y0.intoArray(y, yo);
      y1.intoArray(y, yo + LANES);
      y2.intoArray(y, yo + 2 * LANES);
      y3.intoArray(y, yo + 3 * LANES);
    }
    for (; i < bound; i += LANES) {
      FloatVector y0 = FloatVector.fromArray(SPECIES, y, yOff + i);
      for (int k = from; k < to; k++) {
        y0 = FloatVector.broadcast(SPECIES, coef[k]).fma(FloatVector.fromArray(SPECIES, rows, offsets[k] + i), y0);
      }
      y0.intoArray(y, yOff + i);
    }
    for (; i < dim; i++) {
      float acc = y[yOff + i];
      for (int k = from; k < to; k++) {
        acc = Math.fma(coef[k], rows[offsets[k] + i], acc);
      }
      y[yOff + i] = acc;
    }
  }

  /** Four vectors of {@code y} stay in registers over all pairs of rows. */
  @Override
  public void axpyPairsAt(float[] a, float[] rowsA, float[] b, float[] rowsB, int[] offsets, int from, int to,
      float[] y, int yOff, int dim) {
    int i = 0;
    int bound = SPECIES.loopBound(dim);
    for (; i + 3 * LANES < bound; i += 4 * LANES) {
      int yo = yOff + i;
      FloatVector y0 = FloatVector.fromArray(SPECIES, y, yo);
      FloatVector y1 = FloatVector.fromArray(SPECIES, y, yo + LANES);
      FloatVector y2 = FloatVector.fromArray(SPECIES, y, yo + 2 * LANES);
      FloatVector y3 = FloatVector.fromArray(SPECIES, y, yo + 3 * LANES);
      for (int k = from; k < to; k++) {
        int o = offsets[k] + i;
        FloatVector x = FloatVector.broadcast(SPECIES, a[k]);
        y0 = x.fma(FloatVector.fromArray(SPECIES, rowsA, o), y0);
        y1 = x.fma(FloatVector.fromArray(SPECIES, rowsA, o + LANES), y1);
        y2 = x.fma(FloatVector.fromArray(SPECIES, rowsA, o + 2 * LANES), y2);
        y3 = x.fma(FloatVector.fromArray(SPECIES, rowsA, o + 3 * LANES), y3);
        x = FloatVector.broadcast(SPECIES, b[k]);
        y0 = x.fma(FloatVector.fromArray(SPECIES, rowsB, o), y0);
        y1 = x.fma(FloatVector.fromArray(SPECIES, rowsB, o + LANES), y1);
        y2 = x.fma(FloatVector.fromArray(SPECIES, rowsB, o + 2 * LANES), y2);
        y3 = x.fma(FloatVector.fromArray(SPECIES, rowsB, o + 3 * LANES), y3);
      }
      y0.intoArray(y, yo);
      y1.intoArray(y, yo + LANES);
      y2.intoArray(y, yo + 2 * LANES);
      y3.intoArray(y, yo + 3 * LANES);
    }
    for (; i < bound; i += LANES) {
      FloatVector y0 = FloatVector.fromArray(SPECIES, y, yOff + i);
      for (int k = from; k < to; k++) {
        int o = offsets[k] + i;
        y0 = FloatVector.broadcast(SPECIES, a[k]).fma(FloatVector.fromArray(SPECIES, rowsA, o), y0);
        y0 = FloatVector.broadcast(SPECIES, b[k]).fma(FloatVector.fromArray(SPECIES, rowsB, o), y0);
      }
      y0.intoArray(y, yOff + i);
    }
    for (; i < dim; i++) {
      float acc = y[yOff + i];
      for (int k = from; k < to; k++) {
        acc = Math.fma(a[k], rowsA[offsets[k] + i], acc);
        acc = Math.fma(b[k], rowsB[offsets[k] + i], acc);
      }
      y[yOff + i] = acc;
    }
  }

  @Override
  public void addOuterProducts(float[] a, int aOff, int aStride, int rows, float[] b, int bOff, int bStride,
      int count, float[] out, int outOff, int dim) {
    int bound = dim - dim % (2 * LANES);
    int r = 0;
    // four rows by two vectors of the output stay in registers over all products
    for (; r + 3 < rows; r += 4) {
      int o0 = outOff + r * dim;
      for (int j = 0; j < bound; j += 2 * LANES) {
        PanamaTiles.fourByTwo(a, aOff + r, 1, aStride, b, bOff + j, bStride, count, out, o0 + j, dim, out, o0 + j, dim);
      }
      if (bound < dim) {
        for (int k = 0; k < 4; k++) {
          axpyRows(a, aOff + r + k, aStride, count, b, bOff + bound, bStride, out, outOff + (r + k) * dim + bound,
              dim - bound);
        }
      }
    }
    for (; r < rows; r++) {
      axpyRows(a, aOff + r, aStride, count, b, bOff, bStride, out, outOff + r * dim, dim);
    }
  }

  @Override
  public void addRowProducts(float[] x, int xOff, int xStride, int rows, float[] b, int bOff, int bStride,
      int count, float[] out, int outOff, int dim) {
    int bound = dim - dim % (2 * LANES);
    int r = 0;
    // four rows by two vectors of the output stay in registers over all products; each load of b serves four rows
    for (; r + 3 < rows; r += 4) {
      int o0 = outOff + r * dim;
      int x0 = xOff + r * xStride;
      for (int j = 0; j < bound; j += 2 * LANES) {
        PanamaTiles.fourByTwo(x, x0, xStride, 1, b, bOff + j, bStride, count, out, o0 + j, dim, out, o0 + j, dim);
      }
      if (bound < dim) {
        for (int k = 0; k < 4; k++) {
          axpyRows(x, xOff + (r + k) * xStride, 1, count, b, bOff + bound, bStride, out,
              outOff + (r + k) * dim + bound, dim - bound);
        }
      }
    }
    for (; r < rows; r++) {
      axpyRows(x, xOff + r * xStride, 1, count, b, bOff, bStride, out, outOff + r * dim, dim);
    }
  }

  @Override
  public void axpyRows(float[] coef, int coefOff, int coefStride, int count, float[] rows, int rowsOff,
      int rowStride, float[] y, int yOff, int dim) {
    int i = 0;
    int bound = SPECIES.loopBound(dim);
    // two vectors of y stay in registers over all rows
    for (; i + LANES < bound; i += 2 * LANES) {
      FloatVector a0 = FloatVector.fromArray(SPECIES, y, yOff + i);
      FloatVector a1 = FloatVector.fromArray(SPECIES, y, yOff + i + LANES);
      for (int j = 0, c = coefOff, r = rowsOff + i; j < count; j++, c += coefStride, r += rowStride) {
        FloatVector x = FloatVector.broadcast(SPECIES, coef[c]);
        a0 = x.fma(FloatVector.fromArray(SPECIES, rows, r), a0);
        a1 = x.fma(FloatVector.fromArray(SPECIES, rows, r + LANES), a1);
      }
      a0.intoArray(y, yOff + i);
      a1.intoArray(y, yOff + i + LANES);
    }
    for (; i < bound; i += LANES) {
      FloatVector a0 = FloatVector.fromArray(SPECIES, y, yOff + i);
      for (int j = 0, c = coefOff, r = rowsOff + i; j < count; j++, c += coefStride, r += rowStride) {
        a0 = FloatVector.broadcast(SPECIES, coef[c]).fma(FloatVector.fromArray(SPECIES, rows, r), a0);
      }
      a0.intoArray(y, yOff + i);
    }
    for (; i < dim; i++) {
      float a = y[yOff + i];
      for (int j = 0, c = coefOff, r = rowsOff + i; j < count; j++, c += coefStride, r += rowStride) {
        a = Math.fma(coef[c], rows[r], a);
      }
      y[yOff + i] = a;
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int dim) {
    int i = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector a = FloatVector.broadcast(SPECIES, alpha);
      for (; i < bound; i += LANES) {
        a.fma(FloatVector.fromArray(SPECIES, x, xOff + i), FloatVector.fromArray(SPECIES, y, yOff + i))
            .intoArray(y, yOff + i);
      }
    }
    for (; i < dim; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  /** Four rows at a time: each query chunk is loaded once for four rows, and the four sums run independently. */
  @Override
  public void dotRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    int bound = SPECIES.loopBound(dim);
    if (bound == 0) {
      super.dotRows(q, data, from, to, dim, out);
      return;
    }
    int r = from;
    int o = 0;
    for (; r + 3 < to; r += 4, o += 4) {
      int o0 = r * dim;
      int o1 = o0 + dim;
      int o2 = o1 + dim;
      int o3 = o2 + dim;
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      FloatVector a2 = FloatVector.zero(SPECIES);
      FloatVector a3 = FloatVector.zero(SPECIES);
      for (int i = 0; i < bound; i += LANES) {
        FloatVector qv = FloatVector.fromArray(SPECIES, q, i);
        a0 = qv.fma(FloatVector.fromArray(SPECIES, data, o0 + i), a0);
        a1 = qv.fma(FloatVector.fromArray(SPECIES, data, o1 + i), a1);
        a2 = qv.fma(FloatVector.fromArray(SPECIES, data, o2 + i), a2);
        a3 = qv.fma(FloatVector.fromArray(SPECIES, data, o3 + i), a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int i = bound; i < dim; i++) {
        float qi = q[i];
        s0 += qi * data[o0 + i];
        s1 += qi * data[o1 + i];
        s2 += qi * data[o2 + i];
        s3 += qi * data[o3 + i];
      }
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
    }
    for (; r < to; r++, o++) {
      out[o] = dot(q, 0, data, r * dim, dim);
    }
  }
  /**
   * Four queries by two vectors of rows at a time: per component, two row loads and four broadcasts feed eight
   * independent multiply-adds. The sum order per product is the components' order, as in the scalar version.
   */
  @Override
  public void dotTransposed(float[] queries, int first, int count, float[] block, int blockOff, int stride, int rows,
      int dim, float[] out) {
    int wide = rows - rows % (2 * LANES);
    int i = 0;
    for (; i + 3 < count; i += 4) {
      int q0 = (first + i) * dim;
      int o0 = i * stride;
      for (int r = 0; r < wide; r += 2 * LANES) {
        PanamaTiles.fourByTwo(queries, q0, dim, 1, block, blockOff + r, stride, dim, null, 0, 0, out, o0 + r, stride);
      }
      if (wide < rows) {
        tail(queries, first + i, 4, block, blockOff, stride, wide, rows, dim, out, o0);
      }
    }
    if (i < count) {
      tail(queries, first + i, count - i, block, blockOff, stride, 0, rows, dim, out, i * stride);
    }
  }

  /** Rows {@code [from, to)} for {@code count} queries, one multiply-add at a time in component order. */
  private static void tail(float[] queries, int first, int count, float[] block, int blockOff, int stride, int from,
      int to, int dim, float[] out, int outOff) {
    for (int i = 0; i < count; i++) {
      int qo = (first + i) * dim;
      int oo = outOff + i * stride;
      for (int r = from; r < to; r++) {
        float s = 0;
        for (int d = 0, bo = blockOff + r; d < dim; d++, bo += stride) {
          s = Math.fma(queries[qo + d], block[bo], s);
        }
        out[oo + r] = s;
      }
    }
  }

  @Override
  public int firstAtLeast(float[] a, int from, int to, float t) {
    int i = from;
    int bound = from + (to - from) - (to - from) % LANES;
    for (; i < bound; i += LANES) {
      if (FloatVector.fromArray(SPECIES, a, i).compare(VectorOperators.GE, t).anyTrue()) {
        break;
      }
    }
    for (; i < to; i++) {
      if (a[i] >= t) {
        return i;
      }
    }
    return to;
  }
}

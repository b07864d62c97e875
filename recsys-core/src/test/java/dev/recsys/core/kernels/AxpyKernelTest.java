package dev.recsys.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class AxpyKernelTest {
  @Property(tries = 50)
  void simdAndScalarAxpyAgreeBitForBitAndMatchTheDefinition(@ForAll @IntRange(min = 0, max = 70) int dim,
      @ForAll @IntRange(min = 0, max = 5) int offset, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float alpha = (float) r.nextGaussian();
    float[] x = new float[dim + offset];
    float[] y = new float[dim + offset + 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
    }
    float[] expected = y.clone();
    for (int i = 0; i < dim; i++) {
      expected[offset + 3 + i] = Math.fma(alpha, x[offset + i], y[offset + 3 + i]);
    }
    float[] scalar = y.clone();
    VectorKernels.scalar().axpy(alpha, x, offset, scalar, offset + 3, dim);
    assertArrayEquals(expected, scalar);
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = y.clone();
      simd.axpy(alpha, x, offset, v, offset + 3, dim);
      assertArrayEquals(expected, v, "SIMD " + simd.name());
    }
    assertEquals(y[0], scalar[0], "components before the offset are untouched");
  }

  @Property(tries = 50)
  void simdAndScalarAxpyRowsAgreeBitForBitAndMatchRepeatedMultiplyAdds(
      @ForAll @IntRange(min = 0, max = 70) int dim, @ForAll @IntRange(min = 0, max = 9) int count,
      @ForAll @IntRange(min = 1, max = 3) int coefStride, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int rowStride = dim + 2;
    float[] coef = new float[1 + count * coefStride];
    float[] rows = new float[3 + count * rowStride];
    float[] y = new float[dim + 4];
    for (float[] a : new float[][] {coef, rows, y}) {
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
    }
    float[] expected = y.clone();
    for (int i = 0; i < dim; i++) {
      float acc = y[2 + i];
      for (int j = 0; j < count; j++) {
        acc = Math.fma(coef[1 + j * coefStride], rows[3 + j * rowStride + i], acc);
      }
      expected[2 + i] = acc;
    }
    float[] scalar = y.clone();
    VectorKernels.scalar().axpyRows(coef, 1, coefStride, count, rows, 3, rowStride, scalar, 2, dim);
    assertArrayEquals(expected, scalar);
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = y.clone();
      simd.axpyRows(coef, 1, coefStride, count, rows, 3, rowStride, v, 2, dim);
      assertArrayEquals(expected, v, "SIMD " + simd.name());
    }
  }

  @Property(tries = 50)
  void simdAndScalarDotLanesAgreeBitForBitAndMatchTheirSummationOrder(
      @ForAll @IntRange(min = 0, max = 70) int dim, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[dim + 1];
    float[] b = new float[dim + 2];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextGaussian();
    }
    float[] lanes = new float[8];
    int full = dim - dim % 8;
    for (int i = 0; i < full; i++) {
      lanes[i % 8] = Math.fma(a[1 + i], b[2 + i], lanes[i % 8]);
    }
    float expected = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
    for (int i = full; i < dim; i++) {
      expected = Math.fma(a[1 + i], b[2 + i], expected);
    }
    assertEquals(expected, VectorKernels.scalar().dotLanes(a, 1, b, 2, dim));
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      assertEquals(expected, simd.dotLanes(a, 1, b, 2, dim), "SIMD " + simd.name());
    }
  }

  @Property(tries = 50)
  void simdAndScalarOuterProductsAgreeBitForBitAndMatchRepeatedMultiplyAdds(
      @ForAll @IntRange(min = 0, max = 70) int dim, @ForAll @IntRange(min = 0, max = 9) int rows,
      @ForAll @IntRange(min = 0, max = 7) int count, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int aStride = rows + 1;
    int bStride = dim + 3;
    float[] a = new float[2 + count * aStride];
    float[] b = new float[1 + count * bStride];
    float[] out = new float[5 + rows * dim];
    for (float[] x : new float[][] {a, b, out}) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
    }
    float[] expected = out.clone();
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < dim; j++) {
        float acc = out[5 + row * dim + j];
        for (int i = 0; i < count; i++) {
          acc = Math.fma(a[2 + i * aStride + row], b[1 + i * bStride + j], acc);
        }
        expected[5 + row * dim + j] = acc;
      }
    }
    float[] scalar = out.clone();
    VectorKernels.scalar().addOuterProducts(a, 2, aStride, rows, b, 1, bStride, count, scalar, 5, dim);
    assertArrayEquals(expected, scalar);
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = out.clone();
      simd.addOuterProducts(a, 2, aStride, rows, b, 1, bStride, count, v, 5, dim);
      assertArrayEquals(expected, v, "SIMD " + simd.name());
    }
  }

  @Property(tries = 50)
  void simdAndScalarRowProductsAgreeBitForBitAndMatchRepeatedMultiplyAdds(
      @ForAll @IntRange(min = 0, max = 70) int dim, @ForAll @IntRange(min = 0, max = 9) int rows,
      @ForAll @IntRange(min = 0, max = 7) int count, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int xStride = count + 2;
    int bStride = dim + 3;
    float[] x = new float[3 + rows * xStride];
    float[] b = new float[1 + count * bStride];
    float[] out = new float[5 + rows * dim];
    for (float[] v : new float[][] {x, b, out}) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian();
      }
    }
    float[] expected = out.clone();
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < dim; j++) {
        float acc = out[5 + row * dim + j];
        for (int i = 0; i < count; i++) {
          acc = Math.fma(x[3 + row * xStride + i], b[1 + i * bStride + j], acc);
        }
        expected[5 + row * dim + j] = acc;
      }
    }
    float[] scalar = out.clone();
    VectorKernels.scalar().addRowProducts(x, 3, xStride, rows, b, 1, bStride, count, scalar, 5, dim);
    assertArrayEquals(expected, scalar);
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = out.clone();
      simd.addRowProducts(x, 3, xStride, rows, b, 1, bStride, count, v, 5, dim);
      assertArrayEquals(expected, v, "SIMD " + simd.name());
    }
  }

  /** The transposed block scan of the SIMD kernels gives the scalar kernel's bits, for every shape of tile and tail. */
  @Property(tries = 200)
  void dotTransposedMatchesScalarBitForBit(@ForAll @IntRange(min = 1, max = 9) int count,
      @ForAll @IntRange(min = 1, max = 70) int rows, @ForAll @IntRange(min = 1, max = 40) int dim,
      @ForAll @IntRange(min = 0, max = 5) int pad, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int first = 2;
    int stride = rows + pad;
    float[] queries = new float[(first + count) * dim];
    float[] block = new float[3 + dim * stride];
    for (float[] v : new float[][] {queries, block}) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) r.nextGaussian();
      }
    }
    float[] scalar = new float[count * stride];
    VectorKernels.scalar().dotTransposed(queries, first, count, block, 3, stride, rows, dim, scalar);
    for (int i = 0; i < count; i++) {
      for (int row = 0; row < rows; row++) {
        float acc = 0;
        for (int d = 0; d < dim; d++) {
          acc = Math.fma(queries[(first + i) * dim + d], block[3 + d * stride + row], acc);
        }
        assertEquals(acc, scalar[i * stride + row], "scalar, query " + i + " row " + row);
      }
    }
    VectorKernels simd = VectorKernels.simdOrNull();
    if (simd != null) {
      float[] v = new float[count * stride];
      simd.dotTransposed(queries, first, count, block, 3, stride, rows, dim, v);
      assertArrayEquals(scalar, v, "SIMD " + simd.name());
    }
  }

  /** {@code count} row offsets into an array of {@code rows} rows of {@code dim + 2} floats, repeats allowed. */
  private static int[] offsets(SplittableRandom r, int count, int rows, int dim) {
    int[] off = new int[count + 3];
    for (int k = 0; k < off.length; k++) {
      off[k] = 1 + r.nextInt(rows) * (dim + 2) + r.nextInt(2);
    }
    return off;
  }

  private static float[] gaussian(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Property(tries = 50)
  void gatheredDotProductsAreDotLanesOfEachRow(@ForAll @IntRange(min = 0, max = 70) int dim,
      @ForAll @IntRange(min = 0, max = 11) int count, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = gaussian(r, dim + 3);
    float[] rows = gaussian(r, 4 + 6 * (dim + 2));
    int[] off = offsets(r, count, 6, dim);
    float[] expected = new float[count + 2];
    for (int k = 1; k < count + 1; k++) {
      expected[k + 1] = VectorKernels.scalar().dotLanes(a, 2, rows, off[k], dim);
    }
    for (VectorKernels kernels : new VectorKernels[] {VectorKernels.scalar(), VectorKernels.simdOrNull()}) {
      if (kernels != null) {
        float[] out = new float[count + 2];
        kernels.dotLanesAt(a, 2, rows, off, 1, count + 1, out, 2, dim);
        assertArrayEquals(expected, out, kernels.name());
      }
    }
  }

  @Property(tries = 50)
  void gatheredCombinationsAreRepeatedAxpy(@ForAll @IntRange(min = 0, max = 70) int dim,
      @ForAll @IntRange(min = 0, max = 11) int count, @ForAll @LongRange(min = 0, max = 1000) long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] rowsA = gaussian(r, 4 + 6 * (dim + 2));
    float[] rowsB = gaussian(r, 4 + 6 * (dim + 2));
    float[] a = gaussian(r, count + 3);
    float[] b = gaussian(r, count + 3);
    int[] off = offsets(r, count, 6, dim);
    float[] y = gaussian(r, dim + 5);
    float[] single = y.clone();
    float[] pairs = y.clone();
    for (int k = 1; k < count + 1; k++) {
      VectorKernels.scalar().axpy(a[k], rowsA, off[k], single, 3, dim);
      VectorKernels.scalar().axpy(a[k], rowsA, off[k], pairs, 3, dim);
      VectorKernels.scalar().axpy(b[k], rowsB, off[k], pairs, 3, dim);
    }
    for (VectorKernels kernels : new VectorKernels[] {VectorKernels.scalar(), VectorKernels.simdOrNull()}) {
      if (kernels != null) {
        float[] v = y.clone();
        kernels.axpyAt(a, rowsA, off, 1, count + 1, v, 3, dim);
        assertArrayEquals(single, v, kernels.name());
        float[] w = y.clone();
        kernels.axpyPairsAt(a, rowsA, b, rowsB, off, 1, count + 1, w, 3, dim);
        assertArrayEquals(pairs, w, kernels.name());
      }
    }
  }
}

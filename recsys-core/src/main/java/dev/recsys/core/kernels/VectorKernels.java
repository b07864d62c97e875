package dev.recsys.core.kernels;

import java.lang.invoke.MethodHandles;

/**
 * Similarity kernels over rows of contiguous float arrays. Two implementations: {@link ScalarKernels} (plain
 * loops with independent accumulators) and {@code PanamaKernels} (the incubating JDK Vector API). {@link #get()}
 * picks the SIMD one when the {@code jdk.incubator.vector} module is resolved (JVM flag
 * {@code --add-modules jdk.incubator.vector}) and the scalar one otherwise; the SIMD class is loaded
 * reflectively, so a JVM without the module never links against it. Stateless and thread-safe.
 */
public abstract class VectorKernels {
  private static final VectorKernels SCALAR = new ScalarKernels();
  private static final VectorKernels SIMD =
      Vectorization.simdOrNull(MethodHandles.lookup(), "dev.recsys.core.kernels.PanamaKernels", VectorKernels.class);
  private static final VectorKernels DEFAULT = Vectorization.choose(SIMD, SCALAR);

  /** For subclasses. */
  protected VectorKernels() {}

  /**
   * The kernels this JVM should use: SIMD when available (unless {@code -Drecsys.vector.scalar=true}).
   *
   * @return the SIMD kernels when available and not disabled, else the scalar ones; the same instance on every call
   */
  public static VectorKernels get() {
    return DEFAULT;
  }

  /**
   * The plain-loop kernels.
   *
   * @return the shared scalar kernels
   */
  public static VectorKernels scalar() {
    return SCALAR;
  }

  /**
   * The Vector API kernels, or null when {@code jdk.incubator.vector} is not resolved in this JVM.
   *
   * @return the shared SIMD kernels, or null
   */
  public static VectorKernels simdOrNull() {
    return SIMD;
  }

  /**
   * A short name for reports ({@code "panama-512"}, {@code "scalar"}).
   *
   * @return the implementation's name, with the vector width in bits for SIMD kernels
   */
  public abstract String name();

  /**
   * Dot product of {@code dim} components of {@code a} from {@code aOff} and {@code b} from {@code bOff}.
   *
   * @param a the first array
   * @param aOff index in {@code a} of the first component
   * @param b the second array
   * @param bOff index in {@code b} of the first component
   * @param dim number of components, at least 0
   * @return the dot product; the summation order, and so the last bits, may differ between implementations
   */
  public abstract float dot(float[] a, int aOff, float[] b, int bOff, int dim);

  /**
   * Squared Euclidean distance of {@code dim} components.
   *
   * @param a the first array
   * @param aOff index in {@code a} of the first component
   * @param b the second array
   * @param bOff index in {@code b} of the first component
   * @param dim number of components, at least 0
   * @return the sum of squared component differences, at least 0
   */
  public abstract float squareDistance(float[] a, int aOff, float[] b, int bOff, int dim);

  /**
   * {@code y[yOff + i] += alpha * x[xOff + i]} for {@code i < dim}: each component is updated by one multiply-add
   * of its own, so the result of a component does not depend on the others or on the lane count.
   *
   * @param alpha the factor of {@code x}
   * @param x the array added
   * @param xOff index in {@code x} of the first component
   * @param y the array updated in place
   * @param yOff index in {@code y} of the first component
   * @param dim number of components, at least 0
   */
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int dim) {
    for (int i = 0; i < dim; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  /**
   * Dot product with a fixed summation order, the same bits in every implementation and whatever the JIT compiled:
   * eight running sums by fused multiply-add (component {@code i} into sum {@code i mod 8}) over the first
   * {@code dim - dim mod 8} components, the sums added as a tree
   * {@code ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))}, then the remaining components by multiply-add one
   * by one. (The lane reduction of {@link #dot} may change with the lane count and between interpreted and compiled
   * code; a trained model must not.)
   *
   * @param a the first vector
   * @param aOff offset in {@code a}
   * @param b the second vector
   * @param bOff offset in {@code b}
   * @param dim number of components
   * @return the dot product
   */
  public float dotLanes(float[] a, int aOff, float[] b, int bOff, int dim) {
    float[] s = new float[8];
    int i = 0;
    for (; i + 8 <= dim; i += 8) {
      for (int k = 0; k < 8; k++) {
        s[k] = Math.fma(a[aOff + i + k], b[bOff + i + k], s[k]);
      }
    }
    float sum = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
    for (; i < dim; i++) {
      sum = Math.fma(a[aOff + i], b[bOff + i], sum);
    }
    return sum;
  }

  /**
   * {@code y[yOff + i] += sum_j coef[coefOff + j * coefStride] * rows[rowsOff + j * rowStride + i]} for
   * {@code j < count}, {@code i < dim}: a combination of {@code count} rows (a matrix-vector product when the rows
   * are a matrix's columns). Each component is updated by one multiply-add per row, rows in order, exactly as
   * {@code count} calls of {@link #axpy} would do, so every implementation gives the same bits.
   *
   * @param coef the coefficients
   * @param coefOff offset of the first coefficient
   * @param coefStride distance between coefficients
   * @param count number of rows
   * @param rows the rows
   * @param rowsOff offset of the first row
   * @param rowStride distance between rows
   * @param y accumulates the combination
   * @param yOff offset in {@code y}
   * @param dim row length
   */
  public void axpyRows(float[] coef, int coefOff, int coefStride, int count, float[] rows, int rowsOff,
      int rowStride, float[] y, int yOff, int dim) {
    for (int j = 0; j < count; j++) {
      axpy(coef[coefOff + j * coefStride], rows, rowsOff + j * rowStride, y, yOff, dim);
    }
  }

  /**
   * {@link #dotLanes} of {@code a} with gathered rows: {@code out[outOff + k - from] = dotLanes(a, aOff, rows,
   * offsets[k], dim)} for {@code from <= k < to} (the attention logits of a node over its neighbours' rows). Every
   * product has the summation order of {@link #dotLanes}, so every implementation gives its bits.
   *
   * @param a the shared vector
   * @param aOff offset in {@code a}
   * @param rows the gathered rows
   * @param offsets offset in {@code rows} of each row
   * @param from first index of {@code offsets}, inclusive
   * @param to last index of {@code offsets}, exclusive
   * @param out receives the products
   * @param outOff index in {@code out} of the first product
   * @param dim number of components
   */
  public void dotLanesAt(float[] a, int aOff, float[] rows, int[] offsets, int from, int to, float[] out, int outOff,
      int dim) {
    for (int k = from; k < to; k++) {
      out[outOff + k - from] = dotLanes(a, aOff, rows, offsets[k], dim);
    }
  }

  /**
   * A combination of gathered rows: {@code y[yOff + i] += sum_k coef[k] * rows[offsets[k] + i]} for
   * {@code from <= k < to}, {@code i < dim}. Each component is updated by one multiply-add per row, rows in order,
   * exactly as {@code to - from} calls of {@link #axpy} would do, so every implementation gives the same bits.
   *
   * @param coef the coefficient of each row (indexed like {@code offsets})
   * @param rows the gathered rows
   * @param offsets offset in {@code rows} of each row
   * @param from first index of {@code offsets}, inclusive
   * @param to last index of {@code offsets}, exclusive
   * @param y accumulates the combination
   * @param yOff offset in {@code y}
   * @param dim row length
   */
  public void axpyAt(float[] coef, float[] rows, int[] offsets, int from, int to, float[] y, int yOff, int dim) {
    for (int k = from; k < to; k++) {
      axpy(coef[k], rows, offsets[k], y, yOff, dim);
    }
  }

  /**
   * Two interleaved combinations of gathered rows at the same offsets: for {@code from <= k < to} in order,
   * {@code y += a[k] * rowsA[offsets[k] ..]} then {@code y += b[k] * rowsB[offsets[k] ..]} (over {@code dim}
   * components from {@code yOff}), exactly as the two calls of {@link #axpy} per {@code k} would do, so every
   * implementation gives the same bits.
   *
   * @param a the coefficients of {@code rowsA}
   * @param rowsA the first rows
   * @param b the coefficients of {@code rowsB}
   * @param rowsB the second rows
   * @param offsets offset of each row in {@code rowsA} and {@code rowsB}
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @param y accumulates the combination
   * @param yOff offset in {@code y}
   * @param dim row length
   */
  public void axpyPairsAt(float[] a, float[] rowsA, float[] b, float[] rowsB, int[] offsets, int from, int to,
      float[] y, int yOff, int dim) {
    for (int k = from; k < to; k++) {
      axpy(a[k], rowsA, offsets[k], y, yOff, dim);
      axpy(b[k], rowsB, offsets[k], y, yOff, dim);
    }
  }

  /**
   * A sum of outer products: {@code out[outOff + r * dim + j] += sum_i a[aOff + i * aStride + r] *
   * b[bOff + i * bStride + j]} for {@code i < count}, {@code r < rows}, {@code j < dim} (a matrix product
   * {@code A^T B}). Each element is updated by one multiply-add per {@code i}, in order, exactly as
   * {@link #axpyRows} per row {@code r}, so every implementation gives the same bits.
   *
   * @param a the left factors, {@code rows} per {@code i}
   * @param aOff offset of the first left factor
   * @param aStride distance between consecutive {@code i} in {@code a}
   * @param rows number of left factors per {@code i}
   * @param b the right factors, {@code dim} per {@code i}
   * @param bOff offset of the first right factor
   * @param bStride distance between consecutive {@code i} in {@code b}
   * @param count number of outer products
   * @param out accumulates the {@code rows x dim} sum, row-major
   * @param outOff offset in {@code out}
   * @param dim number of right factors per {@code i}
   */
  public void addOuterProducts(float[] a, int aOff, int aStride, int rows, float[] b, int bOff, int bStride,
      int count, float[] out, int outOff, int dim) {
    for (int r = 0; r < rows; r++) {
      axpyRows(a, aOff + r, aStride, count, b, bOff, bStride, out, outOff + r * dim, dim);
    }
  }

  /**
   * A matrix product added row by row: {@code out[outOff + r * dim + j] += sum_i x[xOff + r * xStride + i] *
   * b[bOff + i * bStride + j]} for {@code i < count}, {@code r < rows}, {@code j < dim} ({@code X B} with the rows
   * of {@code X} in place, no transposition). Each element is updated by one multiply-add per {@code i}, in order,
   * exactly as {@link #axpyRows} per row {@code r}, so every implementation gives the same bits.
   *
   * @param x the left rows, {@code count} factors each
   * @param xOff offset of the first left row
   * @param xStride distance between consecutive left rows
   * @param rows number of left rows
   * @param b the right rows, {@code dim} factors each
   * @param bOff offset of the first right row
   * @param bStride distance between consecutive right rows
   * @param count number of right rows (factors per left row)
   * @param out accumulates the {@code rows x dim} product, row-major
   * @param outOff offset in {@code out}
   * @param dim number of factors per right row
   */
  public void addRowProducts(float[] x, int xOff, int xStride, int rows, float[] b, int bOff, int bStride,
      int count, float[] out, int outOff, int dim) {
    for (int r = 0; r < rows; r++) {
      axpyRows(x, xOff + r * xStride, 1, count, b, bOff, bStride, out, outOff + r * dim, dim);
    }
  }

  /**
   * Dot products of {@code q} with rows {@code [from, to)} of the row-major {@code data}, into
   * {@code out[0 .. to-from)}.
   *
   * @param q the query, its first {@code dim} components used
   * @param data row-major rows of {@code dim} components
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param dim components per row
   * @param out receives the {@code to - from} dot products from index 0
   */
  public void dotRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    for (int r = from, o = 0; r < to; r++, o++) {
      out[o] = dot(q, 0, data, r * dim, dim);
    }
  }

  /**
   * Squared distances of {@code q} to rows {@code [from, to)}, into {@code out[0 .. to-from)}.
   *
   * @param q the query, its first {@code dim} components used
   * @param data row-major rows of {@code dim} components
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @param dim components per row
   * @param out receives the {@code to - from} squared distances from index 0
   */
  public void squareDistanceRows(float[] q, float[] data, int from, int to, int dim, float[] out) {
    for (int r = from, o = 0; r < to; r++, o++) {
      out[o] = squareDistance(q, 0, data, r * dim, dim);
    }
  }

  /**
   * Dot products of {@code count} queries with the rows of a transposed block: query {@code i} is
   * {@code queries[(first + i) * dim .. + dim)}, the block holds component {@code d} of row {@code r} at
   * {@code block[blockOff + d * stride + r]} for {@code r < rows}; the product of query {@code i} and row
   * {@code r} goes to {@code out[i * stride + r]}. Each product is summed over the components in order (one
   * multiply-add per component), so every query's scores are the same whatever the batch it comes in.
   *
   * @param queries row-major query vectors
   * @param first index of the first query
   * @param count number of queries
   * @param block transposed rows
   * @param blockOff offset of the block
   * @param stride distance between components of one row in the block (at least {@code rows})
   * @param rows number of rows
   * @param dim vector dimension
   * @param out scores, at least {@code count * stride} long
   */
  public void dotTransposed(float[] queries, int first, int count, float[] block, int blockOff, int stride, int rows,
      int dim, float[] out) {
    for (int i = 0; i < count; i++) {
      int qo = (first + i) * dim;
      int oo = i * stride;
      for (int r = 0; r < rows; r++) {
        out[oo + r] = 0;
      }
      for (int d = 0; d < dim; d++) {
        float q = queries[qo + d];
        int bo = blockOff + d * stride;
        for (int r = 0; r < rows; r++) {
          out[oo + r] = Math.fma(q, block[bo + r], out[oo + r]);
        }
      }
    }
  }

  /**
   * The first index in {@code [from, to)} whose value is at least {@code t}, or {@code to}.
   *
   * @param a the values
   * @param from first index
   * @param to end index (exclusive)
   * @param t the threshold
   * @return the index
   */
  public int firstAtLeast(float[] a, int from, int to, float t) {
    for (int i = from; i < to; i++) {
      if (a[i] >= t) {
        return i;
      }
    }
    return to;
  }

  @Override
  public String toString() {
    return name();
  }
}

package dev.recsys.core.kernels;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scores queries against every item of a set of unit vectors and offers each score to the query's bounded
 * {@link TopK} heap: the inner loop of the exact similarity-graph build.
 *
 * <p>Two implementations: {@link ScalarAllPairsKernel} (plain loops the JIT auto-vectorises) and
 * {@code PanamaAllPairsKernel} (the incubating JDK Vector API, register-tiled). {@link #get()} picks the SIMD one
 * when the {@code jdk.incubator.vector} module is resolved (JVM flag {@code --add-modules jdk.incubator.vector})
 * and {@code -Drecsys.vector.scalar=true} is not set; the SIMD class is loaded reflectively, so a JVM without the
 * module never links against it.
 *
 * <p><b>Same graph from both.</b> Every score is {@code ((0 + q[0] * x[0]) + q[1] * x[1]) + ...}, each product
 * and each sum rounded to float in dimension order: the SIMD kernel multiplies and adds in separate, lane-wise
 * steps (no fused multiply-add), so its scores are bit-identical to the scalar kernel's. Together with the
 * heap's total order (score, then smaller index) the built graph does not depend on the kernel, the block size or
 * the thread count.
 *
 * <p>Stateless and thread-safe; the per-thread scratch comes from {@link #newScratch}.
 */
public abstract class AllPairsKernel {
  private static final AllPairsKernel SCALAR = new ScalarAllPairsKernel();
  private static final AllPairsKernel SIMD =
      Vectorization.simdOrNull(MethodHandles.lookup(),
          "dev.recsys.core.kernels.PanamaAllPairsKernel", AllPairsKernel.class);
  private static final AllPairsKernel DEFAULT = Vectorization.choose(SIMD, SCALAR);

  /** For the two implementations. */
  AllPairsKernel() {}

  /**
   * The kernel this JVM should use: SIMD when available (unless {@code -Drecsys.vector.scalar=true}).
   *
   * @return the SIMD kernel when available and not disabled, else the scalar one; the same instance on every call
   */
  public static AllPairsKernel get() {
    return DEFAULT;
  }

  /**
   * The plain-loop kernel.
   *
   * @return the shared scalar kernel
   */
  public static AllPairsKernel scalar() {
    return SCALAR;
  }

  /**
   * The Vector API kernel, or null when {@code jdk.incubator.vector} is not resolved in this JVM.
   *
   * @return the shared SIMD kernel, or null
   */
  public static AllPairsKernel simdOrNull() {
    return SIMD;
  }

  /**
   * A short name for reports ({@code "panama-512"}, {@code "scalar"}).
   *
   * @return the implementation's name, with the vector width in bits for the SIMD kernel
   */
  public abstract String name();

  /**
   * The items in transposed blocks: block {@code b} holds items {@code [b * blockSize, b * blockSize + len)} as
   * {@code d} rows of {@code stride} floats (row {@code c} = component {@code c} of each item), zero past {@code len}.
   *
   * @param data the blocks, {@code blocks * d * stride} floats
   * @param n items
   * @param d dimension
   * @param blockSize items per block
   * @param stride floats per row of a block, {@code >= blockSize} (padded to the kernel's tile width)
   */
  public record Blocks(float[] data, int n, int d, int blockSize, int stride) {
    /**
     * Number of blocks.
     *
     * @return {@code ceil(n / blockSize)}
     */
    public int count() {
      return (n + blockSize - 1) / blockSize;
    }
  }

  /** Rows of {@code blockSize} floats, rounded up to this kernel's tile width. */
  abstract int stride(int blockSize);

  /**
   * Transposes the row-major {@code n x d} {@code unit} vectors into blocks of {@code blockSize} items.
   *
   * @param unit row-major unit vectors, {@code n * d} floats
   * @param n number of items
   * @param d dimension
   * @param blockSize items per block, at least 1
   * @return the blocks, padded to this kernel's stride
   */
  public final Blocks transpose(float[] unit, int n, int d, int blockSize) {
    int stride = stride(blockSize);
    int blocks = (n + blockSize - 1) / blockSize;
    float[] t = new float[Math.multiplyExact(Math.multiplyExact(blocks, d), stride)];
    for (int b = 0; b < blocks; b++) {
      int start = b * blockSize;
      int len = Math.min(blockSize, n - start);
      int base = b * d * stride;
      for (int j = 0; j < len; j++) {
        int item = start + j;
        for (int c = 0; c < d; c++) {
          t[base + c * stride + j] = unit[item * d + c];
        }
      }
    }
    return new Blocks(t, n, d, blockSize, stride);
  }

  /** Per-thread working arrays of {@link #scoreQueries}: four score rows and four query vectors. */
  public static final class Scratch {
    final float[] s0;
    final float[] s1;
    final float[] s2;
    final float[] s3;
    final float[] queries;

    Scratch(int rowLength, int d) {
      s0 = new float[rowLength];
      s1 = new float[rowLength];
      s2 = new float[rowLength];
      s3 = new float[rowLength];
      queries = new float[4 * d];
    }
  }

  /**
   * Scratch for one thread's {@link #scoreQueries} calls.
   *
   * @param blocks the blocks the scratch will score against; sizes its rows
   * @return new working arrays for one thread
   */
  public abstract Scratch newScratch(Blocks blocks);

  /**
   * Offers the score of every present query in {@code [q0, q1)} against every present item other than itself to
   * {@code heaps[query - q0]}. Only scores at or above the heap's current threshold are offered.
   *
   * @param unit the row-major unit vectors the blocks were made from (the queries)
   * @param present whether each item has a vector
   * @param scratch from {@link #newScratch}, owned by the calling thread
   * @param blocks the items, from {@link #transpose} of {@code unit}
   * @param q0 first query item, inclusive
   * @param q1 last query item, exclusive; at most 32 queries per call with the kernels' tiling
   * @param heaps one heap per query, {@code heaps[query - q0]}
   */
  public abstract void scoreQueries(Blocks blocks, float[] unit, boolean[] present, int q0, int q1, TopK[] heaps,
      Scratch scratch);

  /** Queries per unit of work of {@link #neighbours}. */
  private static final int QUERY_CHUNK = 32;

  /**
   * The {@code k} most similar other present items of every present item, best first (ties to the smaller index):
   * item {@code q}'s neighbours go to {@code nb[q * k ..]} with their scores in {@code w[q * k ..]} and their number
   * (fewer than {@code k} when fewer items are present) to {@code counts[q]}. Chunks of queries are spread over
   * {@code threads} threads; the result does not depend on the thread count or the block size.
   *
   * @param unit row-major unit vectors, {@code n x d}
   * @param present whether each item has a vector (absent items neither ask nor answer)
   * @param blockSize items per transposed block
   * @param progress told the number of queries finished, chunk by chunk, from any worker thread
   * @param n number of items
   * @param d dimension
   * @param k neighbours kept per item, at least 1
   * @param threads worker threads, at least 1
   * @param nb receives the neighbour indexes, {@code n * k} entries
   * @param w receives the neighbour scores parallel to {@code nb}
   * @param counts receives each item's number of neighbours, {@code n} entries
   */
  public final void neighbours(float[] unit, boolean[] present, int n, int d, int k, int blockSize, int threads,
      int[] nb, float[] w, int[] counts, IntConsumer progress) {
    Blocks blocks = transpose(unit, n, d, Math.max(1, Math.min(blockSize, n)));
    int chunks = (n + QUERY_CHUNK - 1) / QUERY_CHUNK;
    AtomicInteger next = new AtomicInteger();
    Workers.runUnchecked(threads, "all-pairs", () -> {
      Scratch scratch = newScratch(blocks);
      TopK[] heaps = new TopK[QUERY_CHUNK];
      for (int q = 0; q < QUERY_CHUNK; q++) {
        heaps[q] = new TopK(k);
      }
      int chunk;
      while ((chunk = next.getAndIncrement()) < chunks) {
        int q0 = chunk * QUERY_CHUNK;
        int q1 = Math.min(n, q0 + QUERY_CHUNK);
        scoreQueries(blocks, unit, present, q0, q1, heaps, scratch);
        for (int qi = q0; qi < q1; qi++) {
          counts[qi] = heaps[qi - q0].drainDescending(nb, w, qi * k);
        }
        progress.accept(q1 - q0);
      }
    });
  }

  @Override
  public String toString() {
    return name();
  }
}

package dev.recsys.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled Vector API kernel with the preferred species of the CPU (16 floats with AVX-512).
 *
 * <p>Each block row is padded to a multiple of the tile width ({@code 4 * lanes} items). For every tile of items
 * (4 vectors, {@code 4 * d} vectors of block data: 8 KiB at d = 32, so it stays in L1 while every query of the
 * chunk passes over it) and every group of four queries, sixteen vector accumulators hold the 4 x {@code 4 * lanes}
 * scores; each step over the dimension loads four block vectors and broadcasts four query components. The products
 * and sums are separate lane-wise operations in dimension order, so each lane's score is bit-identical to the
 * scalar kernel's (see {@link AllPairsKernel}). A tile leaves registers only when its largest score reaches the
 * query's heap threshold (with k = 50 of 100,000 items, a small fraction of tiles once the heaps fill up).
 * Loaded reflectively by {@link AllPairsKernel} only when {@code jdk.incubator.vector} is resolved.
 */
final class PanamaAllPairsKernel extends AllPairsKernel {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final int TILE = 4 * LANES;

  @Override
  public String name() {
    return "panama-" + SPECIES.vectorBitSize();
  }

  @Override
  int stride(int blockSize) {
    return (blockSize + TILE - 1) / TILE * TILE;
  }

  @Override
  public Scratch newScratch(Blocks blocks) {
    return new Scratch(TILE, blocks.d());
  }

  @Override
  public void scoreQueries(Blocks blocks, float[] unit, boolean[] present, int q0, int q1, TopK[] heaps,
      Scratch scratch) {
    int n = blocks.n();
    int d = blocks.d();
    int bs = blocks.blockSize();
    int stride = blocks.stride();
    float[] t = blocks.data();
    float[] tile = scratch.s0;
    for (int b = 0, nb = blocks.count(); b < nb; b++) {
      int start = b * bs;
      int len = Math.min(bs, n - start);
      int base = b * d * stride;
      for (int j0 = 0; j0 < len; j0 += TILE) {
        int off = base + j0;
        int first = start + j0;
        int end = start + len;
        for (int qa = q0; qa < q1; qa += 4) {
          int qn = Math.min(4, q1 - qa);
          // a group of fewer than four queries repeats its last one; the repeats are not offered
          int r0 = qa * d;
          int r1 = (qa + Math.min(1, qn - 1)) * d;
          int r2 = (qa + Math.min(2, qn - 1)) * d;
          int r3 = (qa + Math.min(3, qn - 1)) * d;
          float t0 = threshold(qa, 0, q1, q0, present, heaps);
          float t1 = threshold(qa, 1, q1, q0, present, heaps);
          float t2 = threshold(qa, 2, q1, q0, present, heaps);
          float t3 = threshold(qa, 3, q1, q0, present, heaps);
          FloatVector a00 = FloatVector.zero(SPECIES);
          FloatVector a01 = a00;
          FloatVector a02 = a00;
          FloatVector a03 = a00;
          FloatVector a10 = a00;
          FloatVector a11 = a00;
          FloatVector a12 = a00;
          FloatVector a13 = a00;
          FloatVector a20 = a00;
          FloatVector a21 = a00;
          FloatVector a22 = a00;
          FloatVector a23 = a00;
          FloatVector a30 = a00;
          FloatVector a31 = a00;
          FloatVector a32 = a00;
          FloatVector a33 = a00;
          for (int c = 0; c < d; c++) {
            int row = off + c * stride;
            FloatVector x0 = FloatVector.fromArray(SPECIES, t, row);
            FloatVector x1 = FloatVector.fromArray(SPECIES, t, row + LANES);
            FloatVector x2 = FloatVector.fromArray(SPECIES, t, row + 2 * LANES);
            FloatVector x3 = FloatVector.fromArray(SPECIES, t, row + 3 * LANES);
            FloatVector q = FloatVector.broadcast(SPECIES, unit[r0 + c]);
            a00 = a00.add(x0.mul(q));
            a01 = a01.add(x1.mul(q));
            a02 = a02.add(x2.mul(q));
            a03 = a03.add(x3.mul(q));
            q = FloatVector.broadcast(SPECIES, unit[r1 + c]);
            a10 = a10.add(x0.mul(q));
            a11 = a11.add(x1.mul(q));
            a12 = a12.add(x2.mul(q));
            a13 = a13.add(x3.mul(q));
            q = FloatVector.broadcast(SPECIES, unit[r2 + c]);
            a20 = a20.add(x0.mul(q));
            a21 = a21.add(x1.mul(q));
            a22 = a22.add(x2.mul(q));
            a23 = a23.add(x3.mul(q));
            q = FloatVector.broadcast(SPECIES, unit[r3 + c]);
            a30 = a30.add(x0.mul(q));
            a31 = a31.add(x1.mul(q));
            a32 = a32.add(x2.mul(q));
            a33 = a33.add(x3.mul(q));
          }
          if (a00.max(a01).max(a02.max(a03)).compare(VectorOperators.GE, t0).anyTrue()) {
            a00.intoArray(tile, 0);
            a01.intoArray(tile, LANES);
            a02.intoArray(tile, 2 * LANES);
            a03.intoArray(tile, 3 * LANES);
            offer(tile, qa, first, end, present, heaps[qa - q0]);
          }
          if (a10.max(a11).max(a12.max(a13)).compare(VectorOperators.GE, t1).anyTrue()) {
            a10.intoArray(tile, 0);
            a11.intoArray(tile, LANES);
            a12.intoArray(tile, 2 * LANES);
            a13.intoArray(tile, 3 * LANES);
            offer(tile, qa + 1, first, end, present, heaps[qa + 1 - q0]);
          }
          if (a20.max(a21).max(a22.max(a23)).compare(VectorOperators.GE, t2).anyTrue()) {
            a20.intoArray(tile, 0);
            a21.intoArray(tile, LANES);
            a22.intoArray(tile, 2 * LANES);
            a23.intoArray(tile, 3 * LANES);
            offer(tile, qa + 2, first, end, present, heaps[qa + 2 - q0]);
          }
          if (a30.max(a31).max(a32.max(a33)).compare(VectorOperators.GE, t3).anyTrue()) {
            a30.intoArray(tile, 0);
            a31.intoArray(tile, LANES);
            a32.intoArray(tile, 2 * LANES);
            a33.intoArray(tile, 3 * LANES);
            offer(tile, qa + 3, first, end, present, heaps[qa + 3 - q0]);
          }
        }
      }
    }
  }

  /**
   * The heap threshold of query {@code qa + u}, or positive infinity (no finite score reaches it) when the query is
   * absent or past {@code q1} (a repeat filling a group of four).
   */
  private static float threshold(int qa, int u, int q1, int q0, boolean[] present, TopK[] heaps) {
    int qi = qa + u;
    return qi < q1 && present[qi] ? heaps[qi - q0].threshold() : Float.POSITIVE_INFINITY;
  }

  /** Offers the tile's scores (in {@code tile}) of query {@code qi} for items {@code [first, min(first + TILE, end))}. */
  private static void offer(float[] tile, int qi, int first, int end, boolean[] present, TopK heap) {
    int count = Math.min(TILE, end - first);
    float thr = heap.threshold();
    for (int j = 0; j < count; j++) {
      float sc = tile[j];
      if (sc >= thr) {
        int item = first + j;
        if (item != qi && present[item]) {
          heap.offer(item, sc);
          thr = heap.threshold();
        }
      }
    }
  }
}

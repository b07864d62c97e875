package dev.recsys.core.kernels;

import java.util.Arrays;

/**
 * Plain loops: four queries per pass over a block, each block value loaded once feeding four score rows of
 * {@code scores[j] += q[c] * block[c][j]}, which C2 vectorises (no float reduction).
 */
final class ScalarAllPairsKernel extends AllPairsKernel {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  int stride(int blockSize) {
    return blockSize;
  }

  @Override
  public Scratch newScratch(Blocks blocks) {
    return new Scratch(blocks.stride(), blocks.d());
  }

  @Override
  public void scoreQueries(Blocks blocks, float[] unit, boolean[] present, int q0, int q1, TopK[] heaps,
      Scratch scratch) {
    int n = blocks.n();
    int d = blocks.d();
    int bs = blocks.blockSize();
    int stride = blocks.stride();
    float[] t = blocks.data();
    float[] s0 = scratch.s0;
    float[] s1 = scratch.s1;
    float[] s2 = scratch.s2;
    float[] s3 = scratch.s3;
    float[] query = scratch.queries;
    for (int b = 0, nb = blocks.count(); b < nb; b++) {
      int start = b * bs;
      int len = Math.min(bs, n - start);
      int base = b * d * stride;
      for (int qa = q0; qa < q1; qa += 4) {
        int qn = Math.min(4, q1 - qa);
        for (int u = 0; u < 4; u++) {
          int qi = qa + Math.min(u, qn - 1);
          System.arraycopy(unit, qi * d, query, u * d, d);
        }
        Arrays.fill(s0, 0, len, 0f);
        Arrays.fill(s1, 0, len, 0f);
        Arrays.fill(s2, 0, len, 0f);
        Arrays.fill(s3, 0, len, 0f);
        for (int c = 0; c < d; c++) {
          float a0 = query[c];
          float a1 = query[d + c];
          float a2 = query[2 * d + c];
          float a3 = query[3 * d + c];
          int row = base + c * stride;
          for (int j = 0; j < len; j++) {
            float x = t[row + j];
            s0[j] += a0 * x;
            s1[j] += a1 * x;
            s2[j] += a2 * x;
            s3[j] += a3 * x;
          }
        }
        for (int u = 0; u < qn; u++) {
          int qi = qa + u;
          if (!present[qi]) {
            continue;
          }
          TopK heap = heaps[qi - q0];
          float thr = heap.threshold();
          float[] scores = u == 0 ? s0 : u == 1 ? s1 : u == 2 ? s2 : s3;
          for (int j = 0; j < len; j++) {
            float sc = scores[j];
            if (sc >= thr) {
              int item = start + j;
              if (item != qi && present[item]) {
                heap.offer(item, sc);
                thr = heap.threshold();
              }
            }
          }
        }
      }
    }
  }
}

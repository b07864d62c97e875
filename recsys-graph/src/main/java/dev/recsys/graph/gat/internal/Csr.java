package dev.recsys.graph.gat.internal;

import dev.recsys.core.io.Payload;
import java.io.IOException;
import java.util.Arrays;

/**
 * Compressed sparse rows: the neighbours of row {@code i} are {@code targets[offsets[i]..offsets[i+1])} with
 * parallel {@code weights}, sorted by decreasing weight then increasing target. Immutable after construction.
 */
public final class Csr {
  private final int[] offsets;
  private final int[] targets;
  private final float[] weights;

  /** Wraps the arrays (not copied). */
  public Csr(int[] offsets, int[] targets, float[] weights) {
    if (targets.length != weights.length || offsets[offsets.length - 1] != targets.length) {
      throw new IllegalArgumentException("inconsistent CSR arrays: offsets end " + offsets[offsets.length - 1]
          + ", targets " + targets.length + ", weights " + weights.length);
    }
    this.offsets = offsets;
    this.targets = targets;
    this.weights = weights;
  }

  /**
   * Builds rows from unordered (row, target, weight) triples; duplicate pairs are summed, each row keeps at
   * most {@code maxDegree} neighbours of largest weight.
   */
  public static Csr build(int rows, int[] src, int[] dst, float[] w, int n, int maxDegree) {
    int[] count = new int[rows + 1];
    for (int e = 0; e < n; e++) {
      count[src[e] + 1]++;
    }
    for (int i = 0; i < rows; i++) {
      count[i + 1] += count[i];
    }
    int[] fill = Arrays.copyOf(count, rows);
    int[] t = new int[n];
    float[] ww = new float[n];
    for (int e = 0; e < n; e++) {
      int p = fill[src[e]]++;
      t[p] = dst[e];
      ww[p] = w[e];
    }
    int[] offsets = new int[rows + 1];
    int[] outT = new int[n];
    float[] outW = new float[n];
    int out = 0;
    long[] keys = new long[0];
    for (int i = 0; i < rows; i++) {
      offsets[i] = out;
      int from = count[i];
      int to = count[i + 1];
      int len = to - from;
      if (len == 0) {
        continue;
      }
      // merge duplicates: sort by target
      if (keys.length < len) {
        keys = new long[len];
      }
      for (int k = 0; k < len; k++) {
        keys[k] = ((long) t[from + k] << 32) | k;
      }
      Arrays.sort(keys, 0, len);
      int uniq = 0;
      int[] ut = new int[len];
      float[] uw = new float[len];
      for (int k = 0; k < len; k++) {
        int target = (int) (keys[k] >>> 32);
        float weight = ww[from + (int) keys[k]];
        if (uniq > 0 && ut[uniq - 1] == target) {
          uw[uniq - 1] += weight;
        } else {
          ut[uniq] = target;
          uw[uniq] = weight;
          uniq++;
        }
      }
      // order by decreasing weight, then target
      Integer[] order = new Integer[uniq];
      for (int k = 0; k < uniq; k++) {
        order[k] = k;
      }
      final int[] fut = ut;
      final float[] fuw = uw;
      Arrays.sort(order, (a, b) -> fuw[a] != fuw[b] ? Float.compare(fuw[b], fuw[a]) : Integer.compare(fut[a], fut[b]));
      int keep = Math.min(uniq, maxDegree);
      for (int k = 0; k < keep; k++) {
        outT[out] = ut[order[k]];
        outW[out] = uw[order[k]];
        out++;
      }
    }
    offsets[rows] = out;
    return new Csr(offsets, Arrays.copyOf(outT, out), Arrays.copyOf(outW, out));
  }

  /** Number of rows. */
  public int rows() {
    return offsets.length - 1;
  }

  /** Number of stored edges. */
  public int edges() {
    return targets.length;
  }

  /** First edge position of row {@code i}. */
  public int start(int i) {
    return offsets[i];
  }

  /** One past the last edge position of row {@code i}. */
  public int end(int i) {
    return offsets[i + 1];
  }

  /** Degree of row {@code i}. */
  public int degree(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /** Target of edge position {@code e}. */
  public int target(int e) {
    return targets[e];
  }

  /** Weight of edge position {@code e}. */
  public float weight(int e) {
    return weights[e];
  }

  /** Writes the arrays. */
  public void write(Payload.Writer w) {
    w.putInts(offsets).putInts(targets).putFloats(weights);
  }

  /** Reads what {@link #write} wrote. */
  public static Csr read(Payload.Reader r) throws IOException {
    return new Csr(r.getInts(), r.getInts(), r.getFloats());
  }
}

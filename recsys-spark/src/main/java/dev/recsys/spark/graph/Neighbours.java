package dev.recsys.spark.graph;

import dev.recsys.core.kernels.TopK;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The best neighbours of one track, best first: rows and cosine weights, ordered by weight descending and, on equal
 * weights, by the smaller row (the order of the single-machine build).
 *
 * @param rows neighbour rows, best first
 * @param weights cosine weights, aligned with {@code rows}
 */
public record Neighbours(int[] rows, float[] weights) implements Serializable {
  /** Validates the fields. */
  public Neighbours {
    if (rows.length != weights.length) {
      throw new IllegalArgumentException("need one weight per row; " + weights.length + " vs " + rows.length);
    }
  }

  /** No neighbours. */
  public static final Neighbours EMPTY = new Neighbours(new int[0], new float[0]);

  /**
   * Drains a heap into a best-first list (empties the heap).
   *
   * @param heap the heap
   * @return the neighbours
   */
  public static Neighbours of(TopK heap) {
    int[] r = new int[heap.size()];
    float[] w = new float[heap.size()];
    int c = heap.drainDescending(r, w, 0);
    return new Neighbours(Arrays.copyOf(r, c), Arrays.copyOf(w, c));
  }

  /**
   * Number of neighbours.
   *
   * @return the number of neighbours
   */
  public int size() {
    return rows.length;
  }

  /**
   * The best {@code k} of two lists, in the same order; associative and commutative, so a reduction over shards
   * gives the same list whatever the partitioning.
   *
   * @param a a list
   * @param b another list
   * @param k the number kept
   * @return the merged list
   */
  public static Neighbours merge(Neighbours a, Neighbours b, int k) {
    int n = Math.min(k, a.size() + b.size());
    int[] r = new int[n];
    float[] w = new float[n];
    int i = 0;
    int j = 0;
    int o = 0;
    while (o < n) {
      boolean takeA;
      if (i >= a.size()) {
        takeA = false;
      } else if (j >= b.size()) {
        takeA = true;
      } else {
        takeA = better(a.weights[i], a.rows[i], b.weights[j], b.rows[j]);
      }
      if (takeA) {
        r[o] = a.rows[i];
        w[o++] = a.weights[i++];
      } else {
        r[o] = b.rows[j];
        w[o++] = b.weights[j++];
      }
    }
    return new Neighbours(r, w);
  }

  private static boolean better(float wa, int ra, float wb, int rb) {
    return wa > wb || (wa == wb && ra < rb);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Neighbours n && Arrays.equals(rows, n.rows) && Arrays.equals(weights, n.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rows) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "Neighbours" + Arrays.toString(rows);
  }
}

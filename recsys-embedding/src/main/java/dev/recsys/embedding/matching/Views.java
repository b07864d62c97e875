package dev.recsys.embedding.matching;

import dev.recsys.core.matching.ListenerProfiles;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bags of items (a listener's whole profile, or one of two disjoint random halves of it) and their encoding by an
 * item table as {@code Σ ŵ_i E_i}, with {@code ŵ} the bag's weights scaled to unit length.
 */
final class Views {
  private Views() {}

  /** A bag: item indices, plays and weights in parallel. */
  record Bag(int[] items, float[] plays, float[] weights) {}

  /** A seeded generator for (seed, epoch, listener). */
  static SplittableRandom random(long seed, long epoch, int listener) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + listener * 0x94D049BB133111EBL;
    return new SplittableRandom(h ^ (h >>> 31));
  }

  /**
   * The two halves of listener {@code u}'s items under a random permutation: the first {@code floor(n / 2)}
   * and the rest, each capped at {@code max} items.
   */
  static Bag[] halves(ListenerProfiles p, int u, float[] weights, SplittableRandom r, int max) {
    int[] it = p.items(u);
    int n = it.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int h = n / 2;
    return new Bag[] {take(p, u, weights, perm, 0, Math.min(h, max)), take(p, u, weights, perm, h, Math.min(n, h + max))};
  }

  /**
   * Two overlapping views of listener {@code u}'s items: each item is in both views with probability
   * {@code shared}, otherwise in one of them chosen evenly; each view is capped at {@code max} items and a view
   * left empty takes one item of the other. Related listeners who share some items (friends, a household) look
   * like these views, and the item-overlap part of the match score is chosen on them.
   */
  static Bag[] overlapping(ListenerProfiles p, int u, float[] weights, SplittableRandom r, double shared, int max) {
    int n = p.items(u).length;
    int[] a = new int[n];
    int[] b = new int[n];
    int na = 0;
    int nb = 0;
    for (int j = 0; j < n; j++) {
      double x = r.nextDouble();
      if (x < shared) {
        a[na++] = j;
        b[nb++] = j;
      } else if (x < shared + (1 - shared) / 2) {
        a[na++] = j;
      } else {
        b[nb++] = j;
      }
    }
    if (na == 0) {
      a[na++] = b[0];
    } else if (nb == 0) {
      b[nb++] = a[0];
    }
    return new Bag[] {take(p, u, weights, a, 0, Math.min(na, max)), take(p, u, weights, b, 0, Math.min(nb, max))};
  }

  /** A sparse unit vector: item indices ascending and their weights. */
  record Sparse(int[] items, float[] weights) {
    /** The unit vector of a bag's items under its weights. */
    static Sparse of(int[] items, float[] weights) {
      Integer[] order = new Integer[items.length];
      for (int j = 0; j < order.length; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (x, y) -> Integer.compare(items[x], items[y]));
      int[] it = new int[items.length];
      float[] w = new float[items.length];
      for (int j = 0; j < it.length; j++) {
        it[j] = items[order[j]];
        w[j] = weights[order[j]];
      }
      unit(w);
      return new Sparse(it, w);
    }

    /** The dot product with another sparse vector. */
    double dot(Sparse o) {
      double s = 0;
      for (int i = 0, j = 0; i < items.length && j < o.items.length;) {
        if (items[i] == o.items[j]) {
          s += (double) weights[i++] * o.weights[j++];
        } else if (items[i] < o.items[j]) {
          i++;
        } else {
          j++;
        }
      }
      return s;
    }
  }

  /** A random half (the first of {@link #halves}). */
  static Bag half(ListenerProfiles p, int u, float[] weights, SplittableRandom r, int max) {
    return halves(p, u, weights, r, max)[r.nextBoolean() ? 0 : 1];
  }

  /** The whole profile, capped at {@code max} items by a random sample. */
  static Bag whole(ListenerProfiles p, int u, float[] weights) {
    return new Bag(p.items(u), p.plays(u), weights);
  }

  private static Bag take(ListenerProfiles p, int u, float[] weights, int[] perm, int from, int to) {
    int[] sel = Arrays.copyOfRange(perm, from, to);
    Arrays.sort(sel);
    int[] items = new int[sel.length];
    float[] plays = new float[sel.length];
    float[] w = new float[sel.length];
    for (int j = 0; j < sel.length; j++) {
      items[j] = p.items(u)[sel[j]];
      plays[j] = p.plays(u)[sel[j]];
      w[j] = weights[sel[j]];
    }
    return new Bag(items, plays, w);
  }

  /**
   * {@code Σ ŵ_i E_i} over the bag's items below {@code knownItems} into {@code out} (length {@code dim});
   * returns {@code out}.
   */
  static float[] encode(float[] table, int dim, int knownItems, int[] items, float[] weights, float[] out) {
    Arrays.fill(out, 0);
    double s = 0;
    for (float w : weights) {
      s += (double) w * w;
    }
    if (s == 0) {
      return out;
    }
    float inv = (float) (1 / Math.sqrt(s));
    for (int j = 0; j < items.length; j++) {
      if (items[j] >= knownItems) {
        continue;
      }
      float w = weights[j] * inv;
      int o = items[j] * dim;
      for (int c = 0; c < dim; c++) {
        out[c] += w * table[o + c];
      }
    }
    return out;
  }

  /** Scales to unit length in place (zero stays zero); returns the norm before. */
  static double unit(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    double n = Math.sqrt(s);
    if (n > 0) {
      float inv = (float) (1 / n);
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return n;
  }
}

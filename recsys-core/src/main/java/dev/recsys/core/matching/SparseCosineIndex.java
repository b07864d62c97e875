package dev.recsys.core.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact cosine of listeners' sparse item vectors (unit-normalised {@link ItemWeighting} weights over
 * {@link ListenerProfiles#items}) through an inverted index from items to listeners. Weights are non-negative, so
 * a listener sharing no item with the query scores exactly 0. Not thread-safe for {@link #put} (callers hold a write
 * lock); {@link #accumulate} and {@link #cosine} may run concurrently with each other.
 */
public final class SparseCosineIndex {
  private final ListenerProfiles profiles;
  private final ItemWeighting weighting;
  private final List<float[]> unit = new ArrayList<>();
  private int[][] postings = new int[0][];
  private float[][] postingWeights = new float[0][];
  private int[] postingLength = new int[0];

  /**
   * An index over every listener of {@code profiles}; later listeners are indexed by {@link #put}.
   *
   * @param profiles the listeners to index; the index reads their bags and must see every later addition through {@link
   *     #put}
   * @param weighting the item weighting of the bag vectors, which are normalised to unit length
   */
  public SparseCosineIndex(ListenerProfiles profiles, ItemWeighting weighting) {
    this.profiles = profiles;
    this.weighting = weighting;
    for (int u = 0; u < profiles.size(); u++) {
      put(u);
    }
  }

  /**
   * The weighting of the item vectors.
   *
   * @return the item weighting the index was built with
   */
  public ItemWeighting weighting() {
    return weighting;
  }

  /**
   * Indexes listener {@code u}'s current profile (appended, or replacing an earlier profile of {@code u}).
   *
   * @param u listener index, at most the number of listeners indexed so far
   */
  public void put(int u) {
    int[] items = profiles.items(u);
    float[] w = DenseListenerMatcher.normalize(profiles.weights(u, weighting));
    if (u < unit.size()) {
      remove(u);
      unit.set(u, w);
    } else if (u == unit.size()) {
      unit.add(w);
    } else {
      throw new IllegalArgumentException("listener " + u + " indexed before listener " + unit.size());
    }
    int ni = profiles.numItems();
    if (ni > postings.length) {
      int cap = Math.max(ni, postings.length * 2);
      postings = Arrays.copyOf(postings, cap);
      postingWeights = Arrays.copyOf(postingWeights, cap);
      postingLength = Arrays.copyOf(postingLength, cap);
    }
    for (int j = 0; j < items.length; j++) {
      int i = items[j];
      if (postings[i] == null) {
        postings[i] = new int[4];
        postingWeights[i] = new float[4];
      } else if (postingLength[i] == postings[i].length) {
        postings[i] = Arrays.copyOf(postings[i], postings[i].length * 2);
        postingWeights[i] = Arrays.copyOf(postingWeights[i], postings[i].length);
      }
      postings[i][postingLength[i]] = u;
      postingWeights[i][postingLength[i]] = w[j];
      postingLength[i]++;
    }
  }

  /** Drops listener {@code u} from every posting list (its old items are no longer known). */
  private void remove(int u) {
    for (int i = 0; i < postings.length; i++) {
      if (postings[i] == null) {
        continue;
      }
      int m = 0;
      for (int p = 0; p < postingLength[i]; p++) {
        if (postings[i][p] != u) {
          postings[i][m] = postings[i][p];
          postingWeights[i][m] = postingWeights[i][p];
          m++;
        }
      }
      postingLength[i] = m;
    }
  }

  /**
   * Reusable buffers of {@link #accumulate}: the accumulated scores by listener and the listeners that received
   * one. Not thread-safe: keep one per thread (e.g. in a {@code ThreadLocal}).
   */
  public static final class Accumulator {
    private float[] sums = new float[0];
    private boolean[] mark = new boolean[0];
    private int[] touched = new int[0];
    private int count;

    /** Empty buffers; they grow to the number of listeners on first use. */
    public Accumulator() {}

    /**
     * The accumulated scores, indexed by listener (0 for every listener not {@linkplain #touched touched}); valid
     * until the next {@link #accumulate} into this accumulator.
     *
     * @return the internal score array, indexed by listener; not a copy
     */
    public float[] sums() {
      return sums;
    }

    /**
     * How many listeners received a score.
     *
     * @return the number of listeners touched by the last {@link SparseCosineIndex#accumulate}
     */
    public int count() {
      return count;
    }

    /**
     * The {@code t}-th listener that received a score, {@code t < count()}.
     *
     * @param t position among the touched listeners, in [0, {@link #count()})
     * @return the index of that listener, in order of first touch
     */
    public int touched(int t) {
      return touched[t];
    }

    /** Zeroes the previous query's scores and makes room for {@code n} listeners. */
    private void reset(int n) {
      for (int t = 0; t < count; t++) {
        sums[touched[t]] = 0;
        mark[touched[t]] = false;
      }
      count = 0;
      if (sums.length < n) {
        sums = new float[n];
        mark = new boolean[n];
        touched = new int[n];
      }
    }
  }

  /**
   * Clears {@code into} and adds {@code scale} times the cosine of listener {@code q} with every listener sharing an
   * item into it, recording each such listener once.
   *
   * @param q index of the query listener, already indexed; it accumulates its own cosine 1 as well
   * @param scale factor every cosine is multiplied by (the weight of the sparse part in a fused score)
   * @param into the buffers to reuse, cleared first; one per thread
   * @return {@code into}
   */
  public Accumulator accumulate(int q, float scale, Accumulator into) {
    into.reset(profiles.size());
    float[] acc = into.sums;
    boolean[] mark = into.mark;
    int[] touched = into.touched;
    int[] items = profiles.items(q);
    float[] w = unit.get(q);
    int n = 0;
    for (int j = 0; j < items.length; j++) {
      int i = items[j];
      int[] post = postings[i];
      float[] pw = postingWeights[i];
      float x = scale * w[j];
      for (int p = 0, len = postingLength[i]; p < len; p++) {
        int v = post[p];
        if (!mark[v]) {
          mark[v] = true;
          touched[n++] = v;
        }
        acc[v] += x * pw[p];
      }
    }
    into.count = n;
    return into;
  }

  /**
   * The cosine of listeners {@code a} and {@code b}.
   *
   * @param a index of the first listener
   * @param b index of the second listener
   * @return the cosine of the two weighted bags, in [0, 1] (weights are non-negative), 0 when they share no item
   */
  public double cosine(int a, int b) {
    int[] x = profiles.items(a);
    int[] y = profiles.items(b);
    float[] wx = unit.get(a);
    float[] wy = unit.get(b);
    double s = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length;) {
      if (x[i] == y[j]) {
        s += (double) wx[i++] * wy[j++];
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return s;
  }
}

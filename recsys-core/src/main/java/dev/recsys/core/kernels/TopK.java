package dev.recsys.core.kernels;

/**
 * Top-k selection. An instance is a bounded min-heap of the {@code k} best (score, id) pairs seen, over primitive
 * arrays (no boxing); ties on the score are broken by the smaller id, so results are deterministic whatever the scan
 * order or partitioning. Reusable through {@link #clear}. Not thread-safe; one instance per scanning thread,
 * combined with {@link #addAll}. Used by exact search, the similarity-graph build and the matchers' scans.
 *
 * <p>{@link #select} ranks a dense score array in one call, with a secondary tie-break (popularity) and an
 * exclusion mask: the recommenders' full-catalogue ranking.
 */
public final class TopK {
  private final int k;
  private final float[] scores;
  private final int[] ids;
  private int size;

  /**
   * A heap keeping the best {@code k}.
   *
   * @param k the number of results
   */
  public TopK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1; k=" + k);
    }
    this.k = k;
    this.scores = new float[k];
    this.ids = new int[k];
  }

  /** Empties the heap. */
  public void clear() {
    size = 0;
  }

  /**
   * Number of pairs held (at most k).
   *
   * @return the number of pairs held (at most k)
   */
  public int size() {
    return size;
  }

  /**
   * The smallest score that would still enter the heap, or negative infinity while it is not full.
   *
   * @return the smallest score that would still enter the heap, or negative infinity while it is not full
   */
  public float threshold() {
    return size < k ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /**
   * Offers a pair; keeps it if it is among the best k so far.
   *
   * @param id the id
   * @param score the score
   */
  public void offer(int id, float score) {
    if (size < k) {
      scores[size] = score;
      ids[size] = id;
      up(size++);
    } else if (beats(score, id, scores[0], ids[0])) {
      scores[0] = score;
      ids[0] = id;
      down(0);
    }
  }

  /**
   * Offers every pair held by {@code other}.
   *
   * @param other the other instance
   */
  public void addAll(TopK other) {
    for (int i = 0; i < other.size; i++) {
      offer(other.ids[i], other.scores[i]);
    }
  }

  /**
   * Ids, best first (empties the heap); their scores go to {@code scoresOut}.
   *
   * @param scoresOut the scores out
   * @return the ids, best first (empties the heap)
   */
  public int[] drainIds(float[] scoresOut) {
    int[] out = new int[size];
    drainDescending(out, scoresOut, 0);
    return out;
  }

  /**
   * Writes the held pairs best first into the arrays from {@code offset} (no allocation) and empties the heap.
   *
   * @return the number written
   * @param outIds the out ids
   * @param outScores the out scores
   * @param offset the first position
   */
  public int drainDescending(int[] outIds, float[] outScores, int offset) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      outIds[offset + i] = ids[0];
      outScores[offset + i] = scores[0];
      size--;
      if (size > 0) {
        scores[0] = scores[size];
        ids[0] = ids[size];
        down(0);
      }
    }
    return n;
  }

  private static boolean beats(float s1, int id1, float s2, int id2) {
    return s1 > s2 || (s1 == s2 && id1 < id2);
  }

  private void up(int i) {
    float s = scores[i];
    int id = ids[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!beats(scores[parent], ids[parent], s, id)) {
        break;
      }
      scores[i] = scores[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    scores[i] = s;
    ids[i] = id;
  }

  private void down(int i) {
    float s = scores[i];
    int id = ids[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && beats(scores[child], ids[child], scores[right], ids[right])) {
        child = right;
      }
      if (!beats(s, id, scores[child], ids[child])) {
        break;
      }
      scores[i] = scores[child];
      ids[i] = ids[child];
      i = child;
    }
    scores[i] = s;
    ids[i] = id;
  }

  /**
   * The indices of the {@code k} best eligible entries, best first: by score descending, then by {@code secondary}
   * descending, then by index ascending (a total, deterministic order).
   *
   * @param scores score per index
   * @param secondary tie-break per index (larger first), or {@code null}
   * @param excluded true for indices never to return, or {@code null}
   * @param k most indices returned, at least 0
   * @return at most {@code k} indices, fewer when fewer are eligible
   */
  public static int[] select(float[] scores, int[] secondary, boolean[] excluded, int k) {
    int n = scores.length;
    int[] heap = new int[Math.max(1, Math.min(k, n))];
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (excluded != null && excluded[i]) {
        continue;
      }
      if (size < heap.length) {
        heap[size] = i;
        siftUp(heap, size, scores, secondary);
        size++;
      } else if (better(i, heap[0], scores, secondary)) {
        heap[0] = i;
        siftDown(heap, size, scores, secondary);
      }
    }
    int[] out = new int[size];
    for (int j = size - 1; j >= 0; j--) {
      out[j] = heap[0];
      heap[0] = heap[j];
      siftDown(heap, j, scores, secondary);
    }
    return out;
  }

  /**
   * True if {@code a} ranks before {@code b}.
   *
   * @param a the first index
   * @param b the second index
   * @param scores score per index
   * @param secondary tie-break per index (larger first), or {@code null}
   * @return true when {@code a} has the higher score, or the same score and the larger tie-break, or both tied and the
   *     smaller index
   */
  public static boolean better(int a, int b, float[] scores, int[] secondary) {
    float sa = scores[a];
    float sb = scores[b];
    if (sa != sb) {
      return sa > sb;
    }
    if (secondary != null && secondary[a] != secondary[b]) {
      return secondary[a] > secondary[b];
    }
    return a < b;
  }

  // select's min-heap: the root is the worst of the kept entries
  private static void siftUp(int[] h, int i, float[] s, int[] sec) {
    int x = h[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (better(h[parent], x, s, sec)) {
        h[i] = h[parent];
        i = parent;
      } else {
        break;
      }
    }
    h[i] = x;
  }

  private static void siftDown(int[] h, int size, float[] s, int[] sec) {
    int i = 0;
    int x = h[0];
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int worst = r < size && better(h[l], h[r], s, sec) ? r : l;
      if (better(x, h[worst], s, sec)) {
        h[i] = h[worst];
        i = worst;
      } else {
        break;
      }
    }
    h[i] = x;
  }
}

package dev.recsys.graph.internal;

/**
 * A bounded min-heap keeping the {@code k} largest (score, index) pairs. Ties on the score are broken towards the
 * smaller index, so the selection is deterministic whatever order the candidates arrive in. Reusable through
 * {@link #clear}; not thread-safe.
 */
public final class TopK {
  private final int k;
  private final float[] scores;
  private final int[] ids;
  private int size;

  /** A heap for the best {@code k} entries. */
  public TopK(int k) {
    this.k = k;
    this.scores = new float[k];
    this.ids = new int[k];
  }

  /** Empties the heap. */
  public void clear() {
    size = 0;
  }

  /** Number of entries held. */
  public int size() {
    return size;
  }

  /** The smallest score held when full, else negative infinity: a candidate must beat it to enter. */
  public float threshold() {
    return size < k ? Float.NEGATIVE_INFINITY : scores[0];
  }

  /** True when (s1, i1) ranks below (s2, i2). */
  private static boolean worse(float s1, int i1, float s2, int i2) {
    return s1 < s2 || (s1 == s2 && i1 > i2);
  }

  /** Offers a candidate. */
  public void offer(float score, int id) {
    if (size < k) {
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (!worse(score, id, scores[p], ids[p])) {
          break;
        }
        scores[i] = scores[p];
        ids[i] = ids[p];
        i = p;
      }
      scores[i] = score;
      ids[i] = id;
    } else if (worse(scores[0], ids[0], score, id)) {
      siftDown(score, id);
    }
  }

  private void siftDown(float score, int id) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        break;
      }
      int r = l + 1;
      int c = (r < size && worse(scores[r], ids[r], scores[l], ids[l])) ? r : l;
      if (!worse(scores[c], ids[c], score, id)) {
        break;
      }
      scores[i] = scores[c];
      ids[i] = ids[c];
      i = c;
    }
    scores[i] = score;
    ids[i] = id;
  }

  /**
   * Writes the held entries best first into the arrays at {@code offset} and empties the heap.
   *
   * @return the number written
   */
  public int drainDescending(int[] outIds, float[] outScores, int offset) {
    int n = size;
    for (int j = n - 1; j >= 0; j--) {
      outIds[offset + j] = ids[0];
      outScores[offset + j] = scores[0];
      size--;
      if (size > 0) {
        float s = scores[size];
        int id = ids[size];
        siftDown(s, id);
      }
    }
    size = 0;
    return n;
  }
}

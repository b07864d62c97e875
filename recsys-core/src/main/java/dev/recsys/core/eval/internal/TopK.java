package dev.recsys.core.eval.internal;

/**
 * Top-k selection over a dense score array with a bounded binary heap: order by score descending, then by a
 * secondary key descending (popularity), then by index ascending, so the result is total and deterministic.
 */
public final class TopK {
  private TopK() {}

  /**
   * The indices of the {@code k} best eligible entries, best first.
   *
   * @param scores score per index
   * @param secondary tie-break per index (larger first), or {@code null}
   * @param excluded true for indices never to return, or {@code null}
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

  /** True if {@code a} ranks before {@code b}. */
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

  // min-heap: the root is the worst of the kept entries
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

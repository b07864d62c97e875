package dev.recsys.core.eval.metrics;

import java.util.Arrays;

/**
 * Metrics of what is recommended rather than whether it was relevant: coverage, popularity bias, novelty,
 * diversity and personalisation. Inputs are top-k lists of item indices in {@code [0, numItems)} (entries
 * outside that range are ignored); each list is read up to {@code min(k, list.length)}.
 *
 * <p>Undefined cases return {@code NaN} and say so (for example personalisation of fewer than two lists);
 * empty lists contribute nothing. Thread-safe; the set-level methods allocate one counter array.
 */
public final class BeyondAccuracyMetrics {
  private BeyondAccuracyMetrics() {}

  /**
   * Catalogue coverage@k: the fraction of the {@code numItems} catalogue items that appear in at least one
   * top-k list. In [0, 1]; 0 for no lists.
   *
   * @param lists the recommendation lists
   * @param k the cut-off, at least 1
   * @param numItems the number of items in the catalogue
   * @return the catalogue coverage@k
   */
  public static double catalogueCoverage(int[][] lists, int k, int numItems) {
    int[] counts = counts(lists, k, numItems);
    int covered = 0;
    for (int c : counts) {
      if (c > 0) {
        covered++;
      }
    }
    return (double) covered / numItems;
  }

  /**
   * Average popularity of one list: the mean of {@code popularity[item]} over its first {@code min(k, length)}
   * items (popularity is typically the item's training interaction count or the fraction of users who had it).
   * {@code NaN} for an empty list.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param popularity the popularity
   * @return the average popularity of one list
   */
  public static double averagePopularity(int[] ranked, int k, double[] popularity) {
    int n = Math.min(k, ranked.length);
    double s = 0;
    int m = 0;
    for (int i = 0; i < n; i++) {
      int it = ranked[i];
      if (it >= 0 && it < popularity.length) {
        s += popularity[it];
        m++;
      }
    }
    return m == 0 ? Double.NaN : s / m;
  }

  /**
   * Gini index of how often each catalogue item is recommended across all top-k lists:
   * {@code G = sum_i (2i - n - 1) x_(i) / (n * sum x)} over the counts {@code x} sorted ascending, 1-based
   * {@code i}, {@code n = numItems}. 0 when every item is recommended equally often, approaching 1 when a few
   * items take every slot. 0 when nothing is recommended.
   *
   * @param lists the recommendation lists
   * @param k the cut-off, at least 1
   * @param numItems the number of items in the catalogue
   * @return the gini index of how often each catalogue item is recommended across all top-k lists
   */
  public static double gini(int[][] lists, int k, int numItems) {
    int[] counts = counts(lists, k, numItems);
    return gini(counts);
  }

  /**
   * The Gini index of non-negative counts (see {@link #gini(int[][], int, int)}).
   *
   * @param counts the counts
   * @return the Gini index of non-negative counts (see {@link #gini(int[][], int, int)})
   */
  public static double gini(int[] counts) {
    int[] x = counts.clone();
    Arrays.sort(x);
    int n = x.length;
    double total = 0;
    double weighted = 0;
    for (int i = 0; i < n; i++) {
      if (x[i] < 0) {
        throw new IllegalArgumentException("counts must be >= 0; found " + x[i]);
      }
      total += x[i];
      weighted += (2.0 * (i + 1) - n - 1) * x[i];
    }
    return total == 0 ? 0 : weighted / (n * total);
  }

  /**
   * Novelty of one list: the mean self-information {@code -log2 p(i)} of its items, where
   * {@code p(i) = max(itemUserCounts[i], 1) / numUsers} is the fraction of training users who interacted with
   * the item (an item nobody had counts as had by one user, so the value stays finite). {@code NaN} for an
   * empty list.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param itemUserCounts the item user counts
   * @param numUsers the num users
   * @return the novelty of one list
   */
  public static double novelty(int[] ranked, int k, int[] itemUserCounts, int numUsers) {
    if (numUsers < 1) {
      throw new IllegalArgumentException("numUsers must be >= 1; numUsers=" + numUsers);
    }
    int n = Math.min(k, ranked.length);
    double s = 0;
    int m = 0;
    double log2U = Math.log(numUsers);
    for (int i = 0; i < n; i++) {
      int it = ranked[i];
      if (it >= 0 && it < itemUserCounts.length) {
        s += (log2U - Math.log(Math.max(itemUserCounts[it], 1))) / Math.log(2);
        m++;
      }
    }
    return m == 0 ? Double.NaN : s / m;
  }

  /**
   * Intra-list diversity on embeddings: the mean pairwise cosine distance {@code 1 - cos(a, b)} over the
   * pairs of the first {@code min(k, length)} items; in [0, 2] (in [0, 1] for non-negative vectors). Zero
   * vectors have distance 1 to everything. 0 for lists of fewer than two items.
   *
   * @param vectors one vector per item index, all of the same dimension
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @return the intra-list diversity on embeddings
   */
  public static double intraListDiversity(int[] ranked, int k, float[][] vectors) {
    int n = Math.min(k, ranked.length);
    if (n < 2) {
      return 0;
    }
    double s = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += 1 - cosine(vectors[ranked[i]], vectors[ranked[j]]);
        pairs++;
      }
    }
    return s / pairs;
  }

  /**
   * Intra-list diversity on genres: the mean pairwise Jaccard distance {@code 1 - |A ∩ B| / |A ∪ B|} of the
   * items' genre sets; two items without genres have distance 0. In [0, 1]; 0 for fewer than two items.
   *
   * @param genres per item index, its genre ids sorted ascending and distinct
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @return the intra-list diversity on genres
   */
  public static double intraListDiversity(int[] ranked, int k, int[][] genres) {
    int n = Math.min(k, ranked.length);
    if (n < 2) {
      return 0;
    }
    double s = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += 1 - jaccard(genres[ranked[i]], genres[ranked[j]]);
        pairs++;
      }
    }
    return s / pairs;
  }

  /**
   * Personalisation@k: {@code 1 - mean overlap} over all pairs of lists, where the overlap of two lists is
   * {@code |A ∩ B| / k}. Computed exactly in O(total list length) from how many lists contain each item (the
   * pair overlaps sum to {@code sum_i C(c_i, 2)}). In [0, 1]: 1 when no two lists share an item, 0 when all
   * lists are the same k items. {@code NaN} for fewer than two lists.
   *
   * @param lists the recommendation lists
   * @param k the cut-off, at least 1
   * @param numItems the number of items in the catalogue
   * @return the personalisation@k: {@code 1 - mean overlap} over all pairs of lists, where the overlap of two lists
   *     is {@code |A ∩ B| / k}
   */
  public static double personalisation(int[][] lists, int k, int numItems) {
    if (lists.length < 2) {
      return Double.NaN;
    }
    int[] counts = counts(lists, k, numItems);
    double shared = 0;
    for (int c : counts) {
      shared += (double) c * (c - 1) / 2;
    }
    double pairs = (double) lists.length * (lists.length - 1) / 2;
    return 1 - shared / (pairs * k);
  }

  /** Cosine similarity; 0 if either vector is zero. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors must have the same dimension; " + a.length + " != " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }

  private static double jaccard(int[] a, int[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1;
    }
    int i = 0;
    int j = 0;
    int inter = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        inter++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) inter / (a.length + b.length - inter);
  }

  private static int[] counts(int[][] lists, int k, int numItems) {
    if (numItems < 1) {
      throw new IllegalArgumentException("numItems must be >= 1; numItems=" + numItems);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1; k=" + k);
    }
    int[] counts = new int[numItems];
    for (int[] list : lists) {
      int n = Math.min(k, list.length);
      for (int i = 0; i < n; i++) {
        int it = list[i];
        if (it >= 0 && it < numItems) {
          counts[it]++;
        }
      }
    }
    return counts;
  }
}

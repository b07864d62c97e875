package dev.recsys.core.eval.metrics;

import java.util.Arrays;

/**
 * Top-k ranking metrics as pure static functions over int item indices.
 *
 * <h2>Inputs</h2>
 *
 * <ul>
 *   <li>{@code ranked}: the recommended items, best first. Entries must be distinct (not checked, for speed;
 *       see {@link #checkRanking}); negative entries stand for items outside the catalogue and never count as
 *       hits. It may be shorter or longer than {@code k}: only the first {@code min(k, ranked.length)} entries
 *       are read, and a list shorter than {@code k} is treated as padded with misses.
 *   <li>{@code relevant}: the relevant (held-out) items, <b>sorted ascending and distinct</b> (not checked;
 *       see {@link #checkRelevant}). Membership is a binary search, so no set is allocated.
 *   <li>{@code k}: the cut-off, at least 1.
 * </ul>
 *
 * <h2>Edge cases and conventions</h2>
 *
 * These follow the common tools (trec_eval, RecBole, Microsoft Recommenders, Elliot):
 *
 * <ul>
 *   <li>No relevant items: every metric returns 0. Evaluators skip such users (they are not averaged in);
 *       {@link dev.recsys.core.eval.Evaluator} does.
 *   <li>Fewer than {@code k} results: precision still divides by {@code k} (missing results are misses);
 *       recall, NDCG, MAP and MRR are unaffected by the padding.
 *   <li>Logarithms are base 2; the discount at 0-based position {@code i} is {@code 1 / log2(i + 2)}.
 * </ul>
 *
 * <p>All methods are thread-safe and allocation-free except {@link #ndcgGraded}, which sorts a copy of the
 * gains to compute the ideal ordering.
 */
public final class RankingMetrics {
  private static final int TABLE = 10_002;
  /** DISCOUNT[i] = 1 / log2(i + 2). */
  private static final double[] DISCOUNT = new double[TABLE];
  /** IDEAL[n] = sum of DISCOUNT[0..n-1]: the binary ideal DCG with n relevant items in the top n. */
  private static final double[] IDEAL = new double[TABLE + 1];

  static {
    for (int i = 0; i < TABLE; i++) {
      DISCOUNT[i] = 1.0 / (Math.log(i + 2) / Math.log(2));
      IDEAL[i + 1] = IDEAL[i] + DISCOUNT[i];
    }
  }

  private RankingMetrics() {}

  /**
   * The discount {@code 1 / log2(position + 2)} of a 0-based position.
   *
   * @param position the 0-based position
   * @return the discount {@code 1 / log2(position + 2)} of a 0-based position
   */
  public static double discount(int position) {
    return position < TABLE ? DISCOUNT[position] : 1.0 / (Math.log(position + 2) / Math.log(2));
  }

  /**
   * Binary ideal DCG with {@code n} relevant items placed first: {@code sum_{i<n} discount(i)}.
   *
   * @param n the number of items
   * @return the binary ideal DCG with {@code n} relevant items placed first
   */
  public static double idealDcg(int n) {
    if (n <= TABLE) {
      return IDEAL[n];
    }
    double s = IDEAL[TABLE];
    for (int i = TABLE; i < n; i++) {
      s += discount(i);
    }
    return s;
  }

  /**
   * True if {@code item} is in the sorted array {@code relevant}: a branch-free binary search (the comparison
   * only selects the next base, which the JIT compiles to a conditional move), since hits and misses are
   * unpredictable.
   *
   * @param item the item index
   * @param relevant the relevant items, sorted ascending and distinct
   * @return true if {@code item} is in the sorted array {@code relevant}
   */
  public static boolean isRelevant(int item, int[] relevant) {
    int len = relevant.length;
    if (len == 0) {
      return false;
    }
    int base = 0;
    while (len > 1) {
      int half = len >>> 1;
      base = relevant[base + half] <= item ? base + half : base;
      len -= half;
    }
    return relevant[base] == item;
  }

  /**
   * Number of relevant items among the first {@code min(k, ranked.length)} entries.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the number of relevant items among the first {@code min(k, ranked.length)} entries
   */
  public static int hits(int[] ranked, int k, int[] relevant) {
    int n = Math.min(k, ranked.length);
    int h = 0;
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        h++;
      }
    }
    return h;
  }

  /**
   * Precision@k = hits@k / k. 0 when nothing is relevant. Bounded in [0, 1].
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the precision@k = hits@k / k
   */
  public static double precision(int[] ranked, int k, int[] relevant) {
    checkK(k);
    return relevant.length == 0 ? 0 : (double) hits(ranked, k, relevant) / k;
  }

  /**
   * Recall@k = hits@k / |relevant|. 0 when nothing is relevant. Bounded in [0, 1], non-decreasing in k.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the recall@k = hits@k / |relevant|
   */
  public static double recall(int[] ranked, int k, int[] relevant) {
    checkK(k);
    return relevant.length == 0 ? 0 : (double) hits(ranked, k, relevant) / relevant.length;
  }

  /**
   * F1@k = harmonic mean of precision@k and recall@k; 0 when both are 0.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the f1@k = harmonic mean of precision@k and recall@k
   */
  public static double f1(int[] ranked, int k, int[] relevant) {
    checkK(k);
    if (relevant.length == 0) {
      return 0;
    }
    int h = hits(ranked, k, relevant);
    // 2PR/(P+R) with P = h/k, R = h/|rel| simplifies to 2h/(k + |rel|).
    return 2.0 * h / (k + relevant.length);
  }

  /**
   * Hit rate@k: 1 if any of the first k results is relevant, else 0.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the hit rate@k
   */
  public static double hitRate(int[] ranked, int k, int[] relevant) {
    checkK(k);
    int n = Math.min(k, ranked.length);
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        return 1;
      }
    }
    return 0;
  }

  /**
   * Binary NDCG@k = DCG@k / IDCG@k, with {@code DCG@k = sum_{i<k, ranked[i] relevant} 1/log2(i+2)} and the ideal
   * DCG over the relevant set truncated at k: {@code IDCG@k = sum_{i<min(k,|relevant|)} 1/log2(i+2)}. 0 when
   * nothing is relevant; 1 exactly when the first {@code min(k, |relevant|)} results are all relevant.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the binary NDCG@k, in [0, 1]
   */
  public static double ndcg(int[] ranked, int k, int[] relevant) {
    checkK(k);
    if (relevant.length == 0) {
      return 0;
    }
    int n = Math.min(k, ranked.length);
    double dcg = 0;
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        dcg += disc(i);
      }
    }
    return dcg / idealDcg(Math.min(k, relevant.length));
  }

  /**
   * Graded NDCG@k with linear gains: {@code DCG@k = sum_{i<k} gain(ranked[i]) / log2(i+2)}, where
   * {@code gain} is {@code gains[j]} for {@code ranked[i] == relevant[j]} and 0 for other items; the ideal DCG
   * places the {@code min(k, |relevant|)} largest gains first. Pass {@code 2^grade - 1} as gains for the
   * exponential variant. Gains must be non-negative; 0 when the ideal DCG is 0. Allocates one copy of
   * {@code gains}.
   *
   * @param gains the gain of each relevant item, parallel to {@code relevant}
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the graded NDCG@k with linear gains
   */
  public static double ndcgGraded(int[] ranked, int k, int[] relevant, double[] gains) {
    checkK(k);
    if (gains.length != relevant.length) {
      throw new IllegalArgumentException("gains and relevant must have the same length; gains.length="
          + gains.length + ", relevant.length=" + relevant.length);
    }
    int n = Math.min(k, ranked.length);
    double dcg = 0;
    for (int i = 0; i < n; i++) {
      int j = Arrays.binarySearch(relevant, ranked[i]);
      if (j >= 0) {
        dcg += gains[j] * disc(i);
      }
    }
    double[] sorted = gains.clone();
    Arrays.sort(sorted);
    double idcg = 0;
    int m = Math.min(k, sorted.length);
    for (int i = 0; i < m; i++) {
      double g = sorted[sorted.length - 1 - i];
      if (g < 0) {
        throw new IllegalArgumentException("gains must be >= 0; found " + g);
      }
      idcg += g * disc(i);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /**
   * Average precision at k (the summand of MAP@k):
   * {@code AP@k = (1 / min(k, |relevant|)) * sum_{i<k, ranked[i] relevant} precision@(i+1)}. The normaliser
   * {@code min(k, |relevant|)} is the one of RecBole, Microsoft Recommenders and ml_metrics' {@code apk}, so
   * that a perfect top-k list scores 1 even when more than k items are relevant. 0 when nothing is relevant.
   * Results after the last relevant one do not change the value.
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the average precision at k (the summand of MAP@k)
   */
  public static double averagePrecision(int[] ranked, int k, int[] relevant) {
    checkK(k);
    if (relevant.length == 0) {
      return 0;
    }
    int n = Math.min(k, ranked.length);
    int h = 0;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        h++;
        sum += (double) h / (i + 1);
      }
    }
    return sum / Math.min(k, relevant.length);
  }

  /**
   * Reciprocal rank at k: {@code 1 / (p + 1)} for the 0-based position {@code p < k} of the first relevant
   * result, 0 if none of the first k is relevant (the summand of MRR@k).
   *
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the reciprocal rank at k
   */
  public static double reciprocalRank(int[] ranked, int k, int[] relevant) {
    checkK(k);
    int n = Math.min(k, ranked.length);
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /**
   * R-precision: precision at {@code R = |relevant|}, i.e. hits among the first R results divided by R (a list
   * shorter than R counts its missing tail as misses). 0 when nothing is relevant. Equals recall@R.
   *
   * @param ranked the recommended items, best first
   * @param relevant the relevant items, sorted ascending and distinct
   * @return the r-precision: precision at {@code R = |relevant|}, i.e. hits among the first R results divided by R (a
   *     list shorter than R counts its missing tail as misses)
   */
  public static double rPrecision(int[] ranked, int[] relevant) {
    int r = relevant.length;
    return r == 0 ? 0 : (double) hits(ranked, r, relevant) / r;
  }

  /**
   * The number of correctly ordered (relevant, non-relevant) pairs among {@code numCandidates} candidates, of
   * which the relevant items are {@code relevant} (all assumed to be candidates) and the ranked list gives the
   * order of the top. Candidates not in {@code ranked} are tied below every ranked item; a tied pair counts one
   * half. {@link #auc} divides this by {@code |relevant| * (numCandidates - |relevant|)}; summing both parts over
   * users gives the global (micro-averaged) AUC.
   *
   * @param ranked the recommended items, best first
   * @param relevant the relevant items, sorted ascending and distinct
   * @param numCandidates the num candidates
   * @return the number of correctly ordered (relevant, non-relevant) pairs among {@code numCandidates} candidates, of
   *     which the relevant items are {@code relevant} (all assumed to be candidates) and the ranked list gives the
   *     order of the top
   */
  public static double correctPairs(int[] ranked, int[] relevant, int numCandidates) {
    int pos = relevant.length;
    int neg = numCandidates - pos;
    if (neg < 0) {
      throw new IllegalArgumentException("numCandidates must be >= |relevant|; numCandidates=" + numCandidates
          + ", |relevant|=" + pos);
    }
    int len = ranked.length;
    long negAbove = 0;
    int rankedHits = 0;
    double correct = 0;
    for (int i = 0; i < len; i++) {
      if (isRelevant(ranked[i], relevant)) {
        rankedHits++;
        correct += neg - negAbove;
      } else {
        negAbove++;
      }
    }
    long rankedNeg = len - rankedHits;
    long unrankedNeg = Math.max(0, neg - rankedNeg);
    long unrankedPos = pos - rankedHits;
    correct += 0.5 * unrankedPos * unrankedNeg;
    return correct;
  }

  /**
   * Per-user AUC: the probability that a random relevant candidate is ranked above a random non-relevant one,
   * {@code correctPairs / (|relevant| * (numCandidates - |relevant|))}, with unranked candidates tied below all
   * ranked ones (so a full ranking of every candidate gives the exact AUC; a truncated one the AUC of the
   * truncated ranking). {@code NaN} when there is no relevant or no non-relevant candidate (undefined).
   *
   * @param ranked the recommended items, best first
   * @param relevant the relevant items, sorted ascending and distinct
   * @param numCandidates the num candidates
   * @return the per-user AUC
   */
  public static double auc(int[] ranked, int[] relevant, int numCandidates) {
    long pairs = (long) relevant.length * (numCandidates - relevant.length);
    if (pairs <= 0) {
      if (numCandidates < relevant.length) {
        correctPairs(ranked, relevant, numCandidates); // throws with the message
      }
      return Double.NaN;
    }
    return correctPairs(ranked, relevant, numCandidates) / pairs;
  }

  /**
   * All cut-off metrics of one list in one pass, for evaluators: writes {@code out[0..6]} = precision, recall,
   * F1, hit rate, NDCG, AP, reciprocal rank at k (same definitions as the single methods).
   *
   * @param out an array of length at least 7, reused by the caller
   * @param ranked the recommended items, best first
   * @param k the cut-off, at least 1
   * @param relevant the relevant items, sorted ascending and distinct
   */
  public static void atK(int[] ranked, int k, int[] relevant, double[] out) {
    checkK(k);
    if (relevant.length == 0) {
      Arrays.fill(out, 0, 7, 0);
      return;
    }
    int n = Math.min(k, ranked.length);
    int h = 0;
    double dcg = 0;
    double ap = 0;
    double rr = 0;
    for (int i = 0; i < n; i++) {
      if (isRelevant(ranked[i], relevant)) {
        h++;
        dcg += disc(i);
        ap += (double) h / (i + 1);
        if (h == 1) {
          rr = 1.0 / (i + 1);
        }
      }
    }
    out[0] = (double) h / k;
    out[1] = (double) h / relevant.length;
    out[2] = 2.0 * h / (k + relevant.length);
    out[3] = h > 0 ? 1 : 0;
    out[4] = dcg / idealDcg(Math.min(k, relevant.length));
    out[5] = ap / Math.min(k, relevant.length);
    out[6] = rr;
  }

  /** Names of the values {@link #atK} writes, in order. */
  public static final java.util.List<String> AT_K_NAMES =
      java.util.List.of("precision", "recall", "f1", "hitrate", "ndcg", "map", "mrr");

  /**
   * Checks the {@code ranked} precondition: entries distinct.
   *
   * @throws IllegalArgumentException naming the first repeated entry and its two positions
   * @param ranked the recommended items, best first
   */
  public static void checkRanking(int[] ranked) {
    java.util.HashMap<Integer, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < ranked.length; i++) {
      Integer prev = seen.put(ranked[i], i);
      if (prev != null && ranked[i] >= 0) {
        throw new IllegalArgumentException("ranked must not repeat an item; item " + ranked[i] + " at positions "
            + prev + " and " + i);
      }
    }
  }

  /**
   * Checks the {@code relevant} precondition: sorted ascending and distinct.
   *
   * @throws IllegalArgumentException naming the first offending position
   * @param relevant the relevant items, sorted ascending and distinct
   */
  public static void checkRelevant(int[] relevant) {
    for (int i = 1; i < relevant.length; i++) {
      if (relevant[i - 1] >= relevant[i]) {
        throw new IllegalArgumentException("relevant must be sorted ascending and distinct; relevant[" + (i - 1)
            + "]=" + relevant[i - 1] + ", relevant[" + i + "]=" + relevant[i]);
      }
    }
  }

  /**
   * A sorted, distinct copy of {@code items} (a convenience to build {@code relevant}).
   *
   * @param items the items
   * @return a sorted, distinct copy of {@code items} (a convenience to build {@code relevant})
   */
  public static int[] relevantOf(int... items) {
    return Arrays.stream(items).sorted().distinct().toArray();
  }

  private static double disc(int i) {
    return i < TABLE ? DISCOUNT[i] : discount(i);
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1; k=" + k);
    }
  }
}

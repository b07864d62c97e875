package dev.recsys.core.eval.metrics;

import java.util.Arrays;

/**
 * Metrics of generated sequences (playlists, shuffles, sessions): how often they repeat themselves and how
 * smoothly they flow. Sequences are arrays of item indices in play order.
 *
 * <p>Sequences of fewer than two items have no transitions: every metric then returns 0 (nothing repeated)
 * except {@link #coherence}, which returns {@code NaN} (undefined). Thread-safe.
 */
public final class SequenceMetrics {
  private SequenceMetrics() {}

  /**
   * Repeat rate: the fraction of positions whose item already occurred earlier in the sequence,
   * {@code (length - distinct) / length}. In [0, 1); 0 for an empty sequence. Allocates a sorted copy.
   *
   * @param sequence the sequence
   * @return the repeat rate
   */
  public static double repeatRate(int[] sequence) {
    if (sequence.length == 0) {
      return 0;
    }
    int[] s = sequence.clone();
    Arrays.sort(s);
    int distinct = 1;
    for (int i = 1; i < s.length; i++) {
      if (s[i] != s[i - 1]) {
        distinct++;
      }
    }
    return (double) (s.length - distinct) / s.length;
  }

  /**
   * Artist repeat rate: the fraction of consecutive transitions whose two items are by the same artist (the
   * "same artist twice in a row" rate a shuffle tries to keep low). In [0, 1]; 0 for fewer than two items.
   *
   * @param artistOf the artist index of each item index
   * @param sequence the sequence
   * @return the artist repeat rate
   */
  public static double artistRepeatRate(int[] sequence, int[] artistOf) {
    if (sequence.length < 2) {
      return 0;
    }
    int same = 0;
    for (int i = 1; i < sequence.length; i++) {
      if (artistOf[sequence[i]] == artistOf[sequence[i - 1]]) {
        same++;
      }
    }
    return (double) same / (sequence.length - 1);
  }

  /**
   * Coherence: the mean cosine similarity of consecutive items' vectors (how smoothly the sequence flows); in
   * [-1, 1], zero vectors counting 0. {@code NaN} for fewer than two items.
   *
   * @param vectors one vector per item index
   * @param sequence the sequence
   * @return the coherence: the mean cosine similarity of consecutive items' vectors (how smoothly the sequence flows)
   */
  public static double coherence(int[] sequence, float[][] vectors) {
    if (sequence.length < 2) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 1; i < sequence.length; i++) {
      s += BeyondAccuracyMetrics.cosine(vectors[sequence[i - 1]], vectors[sequence[i]]);
    }
    return s / (sequence.length - 1);
  }
}

package dev.recsys.quality;

import dev.recsys.core.spi.ListenerMatch;
import dev.recsys.embedding.twotower.TwoTowerUserMatcher;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listener matching judged by a hidden truth: precision@k of matched listeners that share the asked listener's
 * label (for example the dominant genre of a synthetic listener), per listener, for the two-tower matcher, for exact
 * cosine on the raw standardised profile vectors, and for chance.
 */
public final class MatcherEvaluation {
  private MatcherEvaluation() {}

  /**
   * Per listener of {@code ids}, the share of its {@code k} matches with the same truth label.
   *
   * @throws java.io.IOException if the matcher's index fails
   */
  public static double[] twoTowerPrecision(TwoTowerUserMatcher m, List<String> ids, Map<String, String> truth, int k)
      throws java.io.IOException {
    double[] out = new double[ids.size()];
    for (int i = 0; i < out.length; i++) {
      String id = ids.get(i);
      int same = 0;
      for (ListenerMatch x : m.similarListeners(id, k)) {
        if (truth.get(id).equals(truth.get(x.listenerId()))) {
          same++;
        }
      }
      out[i] = same / (double) k;
    }
    return out;
  }

  /**
   * Per listener, precision@k of exact cosine nearest neighbours among {@code ids} on the matcher's raw profile
   * vectors ({@link TwoTowerUserMatcher#profile}), each dimension z-scored.
   */
  public static double[] rawProfileCosinePrecision(TwoTowerUserMatcher m, List<String> ids, Map<String, String> truth,
      int k) {
    int n = ids.size();
    float[][] p = new float[n][];
    for (int i = 0; i < n; i++) {
      p[i] = m.profile(ids.get(i));
    }
    int w = p[0].length;
    for (int c = 0; c < w; c++) {
      double s = 0;
      double s2 = 0;
      for (float[] v : p) {
        s += v[c];
        s2 += v[c] * v[c];
      }
      double mean = s / n;
      double sd = Math.sqrt(Math.max(s2 / n - mean * mean, 1e-12));
      for (float[] v : p) {
        v[c] = (float) ((v[c] - mean) / sd);
      }
    }
    for (float[] v : p) {
      double s = 0;
      for (float x : v) {
        s += x * x;
      }
      float inv = (float) (1 / Math.max(Math.sqrt(s), 1e-12));
      for (int c = 0; c < w; c++) {
        v[c] *= inv;
      }
    }
    double[] out = new double[n];
    int kk = Math.min(k, n - 1);
    for (int i = 0; i < n; i++) {
      double[] sims = new double[n];
      Integer[] order = new Integer[n];
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < w; c++) {
          s += p[i][c] * p[j][c];
        }
        sims[j] = j == i ? Double.NEGATIVE_INFINITY : s;
        order[j] = j;
      }
      Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
      int same = 0;
      for (int r = 0; r < kk; r++) {
        if (truth.get(ids.get(i)).equals(truth.get(ids.get(order[r])))) {
          same++;
        }
      }
      out[i] = same / (double) k;
    }
    return out;
  }

  /** Per listener, the share of the other listeners with its truth label (the precision of random matches). */
  public static double[] chance(List<String> ids, Map<String, String> truth) {
    Map<String, Integer> counts = new HashMap<>();
    ids.forEach(id -> counts.merge(truth.get(id), 1, Integer::sum));
    double[] out = new double[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (counts.get(truth.get(ids.get(i))) - 1) / (ids.size() - 1.0);
    }
    return out;
  }

  /** The mean of {@code values}. */
  public static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(Double.NaN);
  }
}

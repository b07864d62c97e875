package dev.recsys.benchmarks.retrieval.peers;

import dev.recsys.benchmarks.retrieval.BenchData;
import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact ground truth, recall@k and the search for the smallest beam that reaches a recall target.
 *
 * <p>The search doubles the beam from {@code k} until the recall on the calibration queries reaches the target,
 * then bisects between the last beam that missed and the first that reached it; it assumes recall grows with the
 * beam (true up to noise for graph indexes). Recalls already measured are reused through a per-index memo.
 */
public final class Calibration {
  /** Largest beam tried. */
  public static final int MAX_BEAM = 4096;

  private Calibration() {}

  /**
   * The outcome for one target.
   *
   * @param target the recall@k asked for
   * @param beam the smallest beam found that reaches it (or {@link #MAX_BEAM} when none does)
   * @param recall recall@k at that beam on the calibration queries
   * @param reached whether the target was reached
   * @param evaluations beams evaluated so far on this index (memo size)
   */
  public record Result(double target, int beam, double recall, boolean reached, int evaluations) {}

  /** The exact top {@code k} rows of each query (cosine), from the library's own {@link ExactIndex}. */
  public static int[][] groundTruth(float[] data, int dim, List<float[]> queries, int k) throws IOException {
    try (ExactIndex exact = BenchData.exact(data, dim)) {
      List<List<SearchHit>> hits = exact.searchBatch(queries, k, SearchFilter.NONE);
      int[][] out = new int[hits.size()][];
      for (int q = 0; q < out.length; q++) {
        List<SearchHit> h = hits.get(q);
        out[q] = new int[h.size()];
        for (int i = 0; i < out[q].length; i++) {
          out[q][i] = Integer.parseInt(h.get(i).key().substring(1));
        }
      }
      return out;
    }
  }

  /** Mean recall@k of {@code index} at its current beam over {@code queries} against {@code truth}. */
  public static double recall(PeerIndex index, List<float[]> queries, int[][] truth, int k) throws IOException {
    double sum = 0;
    for (int q = 0; q < queries.size(); q++) {
      int[] got = index.rows(index.search(queries.get(q), k));
      int[] want = truth[q];
      int hit = 0;
      int limit = Math.min(k, got.length);
      for (int i = 0; i < limit; i++) {
        for (int w = 0; w < Math.min(k, want.length); w++) {
          if (got[i] == want[w]) {
            hit++;
            break;
          }
        }
      }
      sum += want.length == 0 ? 1 : hit / (double) Math.min(k, want.length);
    }
    return sum / queries.size();
  }

  /**
   * The smallest beam in [{@code k}, {@link #MAX_BEAM}] whose recall@k on {@code queries} is at least {@code target};
   * leaves the index set to that beam. {@code memo} maps beams to recalls already measured on this index and query set.
   */
  public static Result calibrate(PeerIndex index, List<float[]> queries, int[][] truth, int k, double target,
      Map<Integer, Double> memo) throws IOException {
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("target recall must be in (0, 1]; target=" + target);
    }
    int lo = k - 1;
    int hi = -1;
    for (int beam = k; ; beam = Math.min(MAX_BEAM, beam * 2)) {
      if (measure(index, queries, truth, k, beam, memo) >= target) {
        hi = beam;
        break;
      }
      lo = beam;
      if (beam == MAX_BEAM) {
        break;
      }
    }
    if (hi < 0) {
      index.beam(MAX_BEAM);
      return new Result(target, MAX_BEAM, memo.get(MAX_BEAM), false, memo.size());
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (measure(index, queries, truth, k, mid, memo) >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    index.beam(hi);
    return new Result(target, hi, memo.get(hi), true, memo.size());
  }

  private static double measure(PeerIndex index, List<float[]> queries, int[][] truth, int k, int beam,
      Map<Integer, Double> memo) throws IOException {
    Double known = memo.get(beam);
    if (known != null) {
      return known;
    }
    index.beam(beam);
    double r = recall(index, queries, truth, k);
    memo.put(beam, r);
    return r;
  }

  /** A fresh memo for one index and one calibration query set. */
  public static Map<Integer, Double> memo() {
    return new TreeMap<>();
  }
}

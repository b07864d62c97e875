package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.internal.EdgeLists;
import dev.recsys.graph.internal.WalkKernel;
import java.util.Arrays;

/**
 * The history-dependent part of a step's scores in one pass over the candidates, for a walk whose features that
 * depend on the listening history are all built-in ({@value WalkFeatures#RECENCY}, {@value WalkFeatures#NEVER_PLAYED},
 * {@value WalkFeatures#ARTIST_RECENT}, {@value WalkFeatures#DIVERSITY}, {@value WalkFeatures#DRIFT}) and whose
 * edge-only part comes from the walk's table of edge scores.
 *
 * <p>Per candidate it reads the plays-ago, artist and cluster once and adds each feature's weighted value to the
 * candidate's edge score, in the walk's scoring order, with the same IEEE operations as the feature kernels followed
 * by {@code WalkKernel.score}: {@code acc = acc + w[j] * x[j]} per feature, then {@code acc * invT}. So a step scored
 * here has the same bits as one that computes the feature columns first; the columns themselves are computed only
 * when the step's features are read. Immutable and thread-safe.
 */
final class HistoryScorer {
  private static final int RECENCY = WalkKernel.RECENCY;
  private static final int NEVER_PLAYED = WalkKernel.NEVER_PLAYED;
  private static final int ARTIST_RECENT = WalkKernel.ARTIST_RECENT;
  private static final int DIVERSITY = WalkKernel.DIVERSITY;
  private static final int DRIFT = WalkKernel.DRIFT;
  private static final double[] ZERO = {0.0};

  /** Per feature in scoring order, its kind. */
  private final int[] kinds;
  /** Per feature in scoring order, its weight. */
  private final double[] weights;
  /** The recency feature's table of {@code 2^(-(ago-1)/halfLife)}, or null without that feature. */
  private final double[] recencyTable;
  /** The drift feature's {@code 1 / dwell}, or 0 without that feature. */
  private final double inverseDwell;

  private HistoryScorer(int[] kinds, double[] weights, double[] recencyTable, double inverseDwell) {
    this.kinds = kinds;
    this.weights = weights;
    this.recencyTable = recencyTable;
    this.inverseDwell = inverseDwell;
  }

  /**
   * The scorer of the features {@code order[from..)} with weights {@code w} (indexed by column), or null when one of
   * them is not a built-in history feature whose batch kernel reads the context's per-step counts: a custom
   * feature, or an artist or diversity feature whose window is shorter than the context's history window.
   */
  static HistoryScorer of(WalkFeature[] features, int[] order, int from, double[] w, int historyWindow) {
    int m = order.length - from;
    int[] kinds = new int[m];
    double[] weights = new double[m];
    double[] recencyTable = null;
    double inverseDwell = 0;
    for (int k = 0; k < m; k++) {
      WalkFeature f = features[order[from + k]];
      weights[k] = w[order[from + k]];
      if (f instanceof WalkFeatures.Recency r) {
        kinds[k] = RECENCY;
        recencyTable = r.table();
      } else if (f instanceof WalkFeatures.NeverPlayed) {
        kinds[k] = NEVER_PLAYED;
      } else if (f instanceof WalkFeatures.ArtistRecent a && a.window() >= historyWindow) {
        kinds[k] = ARTIST_RECENT;
      } else if (f instanceof WalkFeatures.Diversity d && d.window() >= historyWindow) {
        kinds[k] = DIVERSITY;
      } else if (f instanceof WalkFeatures.Drift d) {
        kinds[k] = DRIFT;
        inverseDwell = d.inverseDwell();
      } else {
        return null;
      }
    }
    return new HistoryScorer(kinds, weights, recencyTable, inverseDwell);
  }

  /**
   * Per edge of {@code graph}, the target's artist ({@code which = 0}) or cluster ({@code which = 2}), so that a step
   * over a neighbour list reads them in order instead of from each candidate's row of {@code attributes}; -1 for a
   * vector's worth of entries past the last edge, which a vector kernel may read.
   */
  static int[] edgeAttribute(int[] neighbours, TrackAttributes attributes, int which) {
    int[] packed = attributes.packed;
    int[] out = new int[neighbours.length + WalkContext.PAD];
    for (int e = 0; e < neighbours.length; e++) {
      out[e] = packed[neighbours[e] * TrackAttributes.STRIDE + which];
    }
    Arrays.fill(out, neighbours.length, out.length, -1);
    return out;
  }

  /**
   * Scores the {@code n} candidates of {@code ctx}'s step, the edges {@code first..first + n} of {@code edges}:
   * copies their tracks into {@code candidates}, writes their scores to {@code s} and returns the largest. With the
   * context's table of last plays for the history, one kernel pass reads each candidate's plays-ago, artist and
   * cluster (without a branch on the data) and adds every feature's weighted value to its edge score; without it,
   * a scalar pass reads them from the history into the context's slots, then the kernel adds the terms.
   */
  double score(WalkContext ctx, EdgeLists edges, int first, int n, double invT, int[] candidates, double[] s) {
    ListeningHistory h = ctx.history;
    int[] playsAgo = ctx.slotPlaysAgo;
    int[] artistCount = ctx.recentArtistCount;
    int[] clusterCount = ctx.recentClusterCount;
    double[] recency = recencyTable == null ? ZERO : recencyTable;
    // the diversity and drift kernels' per-step values: the share of one recent play, the drift of another cluster
    double share = ctx.recentCount == 0 ? 0 : 1.0 / ctx.recentCount;
    int cur = ctx.attributes().cluster(ctx.current);
    double drift = cur < 0 || inverseDwell == 0 ? 0.0 : Math.min(1.0, ctx.clusterRun() * inverseDwell);
    int[] lastPlay = ctx.lastPlays();
    if (lastPlay != null) {
      return ctx.kernel.scoreHistory(edges, first, n, lastPlay, h.steps(), recency, artistCount, clusterCount, kinds,
          weights, share, cur, drift, invT, ctx.slotIndex, candidates, playsAgo, s);
    }
    double[] recencySlot = ctx.slotRecency;
    int[] cluster = ctx.slotCluster;
    int[] artistRecent = ctx.slotArtistRecent;
    int[] clusterRecent = ctx.slotClusterRecent;
    int[] tracks = edges.tracks();
    int[] artists = edges.artists();
    int[] clusters = edges.clusters();
    int lastAgo = recency.length - 1;
    for (int i = 0, e = first; i < n; i++, e++) {
      int t = tracks[e];
      candidates[i] = t;
      int ago = h.playsSince(t);
      playsAgo[i] = ago;
      recencySlot[i] = recency[Math.min(Math.max(ago, 0), lastAgo)];
      int a = artists[e];
      int c = clusters[e];
      cluster[i] = c;
      // the count of a known artist (cluster), -1 for an unknown one (a >> 31 is 0 or -1)
      artistRecent[i] = artistCount[Math.max(a, 0)] | (a >> 31);
      clusterRecent[i] = clusterCount[Math.max(c, 0)] | (c >> 31);
    }
    System.arraycopy(edges.scores(), first, s, 0, n);
    return ctx.kernel.scoreHistory(kinds, weights, recencySlot, playsAgo, artistRecent, clusterRecent, share, cluster,
        cur, drift, invT, n, s);
  }
}

package dev.recsys.graph.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass history scoring over a run of edges against the same terms gathered by hand and scored by the
 * array kernel: the same candidates, plays-ago, scores and maximum, bit for bit, on each kernel, for runs of every
 * length at the start, in the middle and at the very end of the edge arrays (where a vector reaches past the last
 * track).
 */
class WalkKernelHistoryTest {
  private static final int PAD = 64;

  private static List<WalkKernel> kernels() {
    WalkKernel simd = WalkKernel.simdOrNull();
    return simd == null ? List.of(WalkKernel.scalar()) : List.of(WalkKernel.scalar(), simd);
  }

  @Test
  void oneLoopGivesTheBitsOfTheGatheredColumns() {
    SplittableRandom rnd = new SplittableRandom(9);
    int tracks = 300;
    int artists = 40;
    int clusters = 7;
    for (int edgeCount : new int[] {1, 13, 61, 203}) {
      int[] target = new int[edgeCount];
      double[] scores = new double[edgeCount + PAD];
      int[] artist = new int[edgeCount + PAD];
      int[] cluster = new int[edgeCount + PAD];
      Arrays.fill(artist, -1);
      Arrays.fill(cluster, -1);
      for (int e = 0; e < edgeCount; e++) {
        target[e] = rnd.nextInt(tracks);
        scores[e] = rnd.nextDouble(-3, 3);
        artist[e] = rnd.nextInt(-1, artists);
        cluster[e] = rnd.nextInt(-1, clusters);
      }
      EdgeLists edges = new EdgeLists(target, scores, artist, cluster);
      int step = 1000;
      int[] lastPlay = new int[tracks];
      for (int t = 0; t < tracks; t++) {
        lastPlay[t] = rnd.nextInt(4) == 0 ? Integer.MIN_VALUE : rnd.nextInt(step);
      }
      double[] table = new double[30];
      for (int i = 1; i < table.length - 1; i++) {
        table[i] = Math.pow(0.8, i - 1);
      }
      int[] artistCount = counts(rnd, artists);
      int[] clusterCount = counts(rnd, clusters);
      int[] kinds = {WalkKernel.DRIFT, WalkKernel.RECENCY, WalkKernel.DIVERSITY, WalkKernel.NEVER_PLAYED,
          WalkKernel.ARTIST_RECENT};
      double[] w = {0.7, -1.3, 0.45, 0.9, -0.6};
      List<int[]> runs = new ArrayList<>();
      for (int n = 1; n <= Math.min(50, edgeCount); n++) {
        runs.add(new int[] {0, n});
        runs.add(new int[] {edgeCount - n, n});
        runs.add(new int[] {(edgeCount - n) / 2, n});
      }
      for (WalkKernel k : kernels()) {
        for (int[] run : runs) {
          check(k, edges, run[0], run[1], lastPlay, step, table, artistCount, clusterCount, kinds, w);
        }
      }
    }
  }

  private static int[] counts(SplittableRandom rnd, int size) {
    int[] c = new int[size];
    for (int i = 0; i < size; i++) {
      c[i] = rnd.nextInt(3);
    }
    return c;
  }

  private static void check(WalkKernel k, EdgeLists edges, int from, int n, int[] lastPlay, int step, double[] table,
      int[] artistCount, int[] clusterCount, int[] kinds, double[] w) {
    int slots = PAD;
    double share = 0.125;
    int currentCluster = 2;
    double drift = 0.375;
    double invT = 1 / 0.7;
    int[] candidates = new int[n];
    int[] playsAgo = new int[slots];
    double[] s = new double[slots];
    double max = k.scoreHistory(edges, from, n, lastPlay, step, table, artistCount, clusterCount, kinds, w, share,
        currentCluster, drift, invT, new int[slots], candidates, playsAgo, s);
    // the same terms gathered by hand, then the array kernel
    double[] recency = new double[slots];
    int[] ago = new int[slots];
    int[] artistRecent = new int[slots];
    int[] clusterRecent = new int[slots];
    int[] cluster = new int[slots];
    double[] expected = new double[slots];
    for (int i = 0; i < n; i++) {
      int e = from + i;
      int t = edges.tracks()[e];
      assertEquals(t, candidates[i], "candidate " + i);
      ago[i] = step - lastPlay[t];
      recency[i] = table[Math.min(Math.max(ago[i], 0), table.length - 1)];
      int a = edges.artists()[e];
      int c = edges.clusters()[e];
      artistRecent[i] = a < 0 ? -1 : artistCount[a];
      clusterRecent[i] = c < 0 ? -1 : clusterCount[c];
      cluster[i] = c;
      expected[i] = edges.scores()[e];
      assertEquals(ago[i], playsAgo[i], "plays-ago " + i);
    }
    double expectedMax = WalkKernel.scalar().scoreHistory(kinds, w, recency, ago, artistRecent, clusterRecent, share,
        cluster, currentCluster, drift, invT, n, expected);
    String where = k.name() + ", edges " + from + ".." + (from + n) + " of " + edges.tracks().length;
    for (int i = 0; i < n; i++) {
      assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(s[i]), where + ", score " + i);
    }
    assertEquals(Double.doubleToRawLongBits(expectedMax), Double.doubleToRawLongBits(max), where + ", maximum");
  }
}

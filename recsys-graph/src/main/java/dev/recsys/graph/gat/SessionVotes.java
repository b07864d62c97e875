package dev.recsys.graph.gat;

import java.util.Arrays;

/**
 * Session-kNN votes over a graph's sequences (sessions or playlists, skipped plays left out): the {@value
 * #NEIGHBOURS} sequences most similar to the query's tracks (cosine of binary track sets) vote for their tracks with
 * their similarity; the votes are divided by the largest so that they lie in [0, 1] (the query's own tracks get
 * 0). The content GAT adds them to
 * its cosine score with a weight chosen on validation data ({@link GatV2Config#blend()}). Immutable and
 * thread-safe.
 */
final class SessionVotes {
  /** The most similar sequences that vote. */
  static final int NEIGHBOURS = 100;

  private final int numTracks;
  private final int[][] sequenceTracks;
  private final int[][] trackSequences;

  SessionVotes(HeteroGraph graph) {
    numTracks = graph.tracks().size();
    int ns = graph.sequenceCount();
    sequenceTracks = new int[ns][];
    int[] deg = new int[numTracks];
    for (int s = 0; s < ns; s++) {
      sequenceTracks[s] = Arrays.stream(graph.sequence(s)).distinct().toArray();
      for (int t : sequenceTracks[s]) {
        deg[t]++;
      }
    }
    trackSequences = new int[numTracks][];
    for (int t = 0; t < numTracks; t++) {
      trackSequences[t] = new int[deg[t]];
    }
    int[] fill = new int[numTracks];
    for (int s = 0; s < ns; s++) {
      for (int t : sequenceTracks[s]) {
        trackSequences[t][fill[t]++] = s;
      }
    }
  }

  /**
   * Every track's vote for the query tracks, in [0, 1] (all zero when no sequence shares a query track).
   *
   * @param seeds the query's tracks (repeats count once)
   * @return one vote per track
   */
  float[] votes(int[] seeds) {
    float[] out = new float[numTracks];
    int[] distinct = Arrays.stream(seeds).distinct().toArray();
    if (distinct.length == 0) {
      return out;
    }
    java.util.HashMap<Integer, Integer> overlap = new java.util.HashMap<>();
    for (int t : distinct) {
      for (int s : trackSequences[t]) {
        overlap.merge(s, 1, Integer::sum);
      }
    }
    int m = overlap.size();
    int[] seqs = new int[m];
    double[] sims = new double[m];
    int i = 0;
    for (var e : overlap.entrySet()) {
      seqs[i] = e.getKey();
      sims[i] = e.getValue() / Math.sqrt((double) distinct.length * sequenceTracks[e.getKey()].length);
      i++;
    }
    Integer[] order = new Integer[m];
    for (int k = 0; k < m; k++) {
      order[k] = k;
    }
    Arrays.sort(order, (a, b) -> sims[a] != sims[b] ? Double.compare(sims[b], sims[a]) : Integer.compare(seqs[a],
        seqs[b]));
    double[] score = new double[numTracks];
    double max = 0;
    for (int n = 0; n < Math.min(NEIGHBOURS, m); n++) {
      for (int t : sequenceTracks[seqs[order[n]]]) {
        score[t] += sims[order[n]];
      }
    }
    for (int t : distinct) {
      score[t] = 0; // the query's own tracks are not candidates; they set no scale
    }
    for (double v : score) {
      max = Math.max(max, v);
    }
    if (max > 0) {
      for (int t = 0; t < numTracks; t++) {
        out[t] = (float) (score[t] / max);
      }
    }
    return out;
  }
}

package dev.recsys.graph.simulation;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.util.Checks;
import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.TrackAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulates listening sessions: at each step the walk's candidate set (with its feature matrix) is presented to a
 * {@link SimulatedListener}, who picks by softmax over its true utilities; the log records the matrix and the choice
 * as {@link ChoiceData}, ready for fitting a choice model. The walk's own weights play no part: only its candidate
 * generation and features are used. Deterministic for a seed; not thread-safe (one simulator per thread).
 */
public final class ListenerSimulator {
  private final SoftmaxWalkSampler walk;
  private final int[] clusters;
  private final List<int[]> clusterTracks;
  private final StepBuffers buf;
  private final double[] utility;

  /**
   * A simulator presenting the candidates of {@code walk}.
   *
   * @param clusters the cluster of each track (taste and start tracks are drawn by cluster)
   * @param walk the walk
   */
  public ListenerSimulator(SoftmaxWalkSampler walk, int[] clusters) {
    this.walk = Objects.requireNonNull(walk, "walk");
    TrackAttributes at = walk.attributes();
    if (clusters.length != at.size()) {
      throw new IllegalArgumentException("need one cluster per track; " + clusters.length + " vs " + at.size());
    }
    this.clusters = clusters.clone();
    int k = 0;
    for (int c : clusters) {
      k = Math.max(k, c + 1);
    }
    List<List<Integer>> byCluster = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      byCluster.add(new ArrayList<>());
    }
    for (int i = 0; i < clusters.length; i++) {
      if (clusters[i] >= 0) {
        byCluster.get(clusters[i]).add(i);
      }
    }
    this.clusterTracks = byCluster.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
    this.buf = walk.newBuffers();
    this.utility = new double[buf.capacity()];
  }

  /**
   * Number of clusters (one more than the largest cluster id).
   *
   * @return the number of clusters (one more than the largest cluster id)
   */
  public int clusterCount() {
    return clusterTracks.size();
  }

  /**
   * One simulated session: the tracks played, in order.
   *
   * @param listener the listener index
   * @param tracks the tracks
   */
  public record Session(int listener, int[] tracks) {}

  /**
   * The choices and sessions of a simulation.
   *
   * @param choices the choices
   * @param sessions the sessions
   */
  public record Log(ChoiceData choices, List<Session> sessions) {}

  /**
   * Simulates {@code sessions} sessions of {@code length} plays each, each by a listener drawn uniformly from
   * {@code listeners}. Yields {@code sessions * (length - 1)} choices.
   *
   * @param listeners the listeners
   * @param sessions the sessions
   * @param length the length
   * @param seed the random seed
   * @return the {@code Log}
   */
  public Log simulate(List<SimulatedListener> listeners, int sessions, int length, long seed) {
    Checks.inRange("sessions", sessions, 1, 100_000_000);
    Checks.inRange("length", length, 2, 1_000_000);
    if (listeners.isEmpty()) {
      throw new IllegalArgumentException("need at least one listener");
    }
    int p = walk.featureNames().size();
    for (SimulatedListener l : listeners) {
      if (l.trueWeights().length != p) {
        throw new IllegalArgumentException("listener weights must match the walk's features " + walk.featureNames());
      }
    }
    // split() decorrelates generators built from nearby seeds
    SplittableRandom rnd = new SplittableRandom(seed).split();
    ChoiceData.Builder data = ChoiceData.builder(walk.featureNames());
    List<Session> log = new ArrayList<>(sessions);
    int n = walk.attributes().size();
    for (int s = 0; s < sessions; s++) {
      int li = rnd.nextInt(listeners.size());
      SimulatedListener who = listeners.get(li);
      double[] w = who.trueWeights();
      double[] taste = who.taste();
      double[] logTaste = new double[taste.length];
      for (int c = 0; c < taste.length; c++) {
        logTaste[c] = Math.log(taste[c]);
      }
      ListeningHistory h = new ListeningHistory(n, 50);
      int cur = startTrack(taste, rnd, n);
      int[] played = new int[length];
      played[0] = cur;
      h.play(cur);
      for (int step = 1; step < length; step++) {
        int m = walk.gather(cur, h, buf);
        int pick = choose(w, logTaste, who.tasteStrength(), m, rnd.nextDouble());
        data.add(buf.features(), m, pick);
        cur = buf.candidates()[pick];
        h.play(cur);
        played[step] = cur;
      }
      log.add(new Session(li, played));
    }
    return new Log(data.build(), log);
  }

  private int startTrack(double[] taste, SplittableRandom rnd, int n) {
    double u = rnd.nextDouble();
    double acc = 0;
    for (int c = 0; c < Math.min(taste.length, clusterTracks.size()); c++) {
      acc += taste[c];
      if (u < acc && clusterTracks.get(c).length > 0) {
        int[] ts = clusterTracks.get(c);
        return ts[rnd.nextInt(ts.length)];
      }
    }
    return rnd.nextInt(n);
  }

  private int choose(double[] w, double[] logTaste, double strength, int m, double u) {
    int p = w.length;
    double[] x = buf.features();
    int[] cand = buf.candidates();
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      double v = 0;
      for (int f = 0; f < p; f++) {
        v += w[f] * x[i * p + f];
      }
      int c = clusters[cand[i]];
      if (strength > 0 && c >= 0 && c < logTaste.length) {
        v += strength * logTaste[c];
      }
      utility[i] = v;
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < m; i++) {
      utility[i] = Math.exp(utility[i] - max);
      sum += utility[i];
    }
    double acc = 0;
    double target = u * sum;
    for (int i = 0; i < m; i++) {
      acc += utility[i];
      if (target < acc) {
        return i;
      }
    }
    return m - 1;
  }
}

package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;

/**
 * What a {@link WalkFeature} may read about the step being scored: the current track, the listening history, the
 * precomputed {@link TrackAttributes}, the similarity of each candidate to the current track, and the most recent
 * plays as an array.
 *
 * <p>A context belongs to one thread's {@link StepBuffers} and is overwritten at every step; features must not keep
 * it. Its tables are sized by the catalogue (two int arrays), so each thread pays {@code 8 * catalogue size} bytes
 * once.
 */
public final class WalkContext {
  private final TrackAttributes attributes;
  private final int[] stampOf;
  private final float[] similarityOf;
  private final int[] recent;
  final int[] recentArtist;
  final int[] recentCluster;
  final float[] slotSimilarity;
  private int stamp;
  int current;
  ListeningHistory history;
  int recentCount;

  WalkContext(TrackAttributes attributes, int recentCapacity, int candidateCapacity) {
    this.attributes = attributes;
    this.recentArtist = new int[recentCapacity];
    this.recentCluster = new int[recentCapacity];
    this.slotSimilarity = new float[candidateCapacity];
    this.stampOf = new int[attributes.size()];
    this.similarityOf = new float[attributes.size()];
    this.recent = new int[recentCapacity];
  }

  /** Starts a new step: forgets which tracks were marked. */
  void beginStep(int current, ListeningHistory history) {
    this.current = current;
    this.history = history;
    if (++stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(stampOf, 0);
      stamp = 1;
    }
    int n = Math.min(recent.length, history.recentCount());
    for (int i = 0; i < n; i++) {
      int t = history.recent(i);
      recent[i] = t;
      recentArtist[i] = attributes.artist(t);
      recentCluster[i] = attributes.cluster(t);
    }
    recentCount = n;
  }

  /** Marks {@code track} as a candidate with its similarity to the current track; false if already marked. */
  boolean mark(int track, float similarity) {
    if (stampOf[track] == stamp) {
      return false;
    }
    stampOf[track] = stamp;
    similarityOf[track] = similarity;
    return true;
  }

  /** The track the next one follows. */
  public int current() {
    return current;
  }

  /** The session's listening history (read it, never modify it from a feature). */
  public ListeningHistory history() {
    return history;
  }

  /** The per-track attributes. */
  public TrackAttributes attributes() {
    return attributes;
  }

  /**
   * The graph weight (cosine) of the edge from the current track to {@code candidate}, or 0 when the candidate is
   * not a neighbour of the current track (it came from a recent track's neighbours or from a fallback).
   */
  public double similarity(int candidate) {
    return stampOf[candidate] == stamp ? similarityOf[candidate] : 0.0;
  }

  /** Number of recent plays available through {@link #recentTrack} (at most the configured history window). */
  public int recentCount() {
    return recentCount;
  }

  /** The {@code i}-th most recent play (0 = the last one, normally the current track). */
  public int recentTrack(int i) {
    if (i >= recentCount) {
      throw new IndexOutOfBoundsException("recent index must be in [0, " + (recentCount - 1) + "]; i=" + i);
    }
    return recent[i];
  }
}

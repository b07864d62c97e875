package dev.recsys.core.spi;

import java.util.Arrays;

/**
 * The recent plays of a session, by catalogue index, with the step at which each track was last played.
 * Used by {@link NextTrackSampler}s for recency, repeat and diversity features.
 *
 * <p>Mutable and not thread-safe: one instance per session. Memory is {@code O(catalogue size)} for the
 * last-played table plus a ring of the last {@code window} plays; {@link #play} is O(1) and allocation-free.
 */
public final class ListeningHistory {
  private final int[] lastPlayedStep;
  private final int[] recent;
  private int step;
  private int count;
  private long version;

  /**
   * A history for a catalogue of {@code catalogSize} tracks that remembers the order of the last {@code window} plays.
   *
   * @param catalogSize the catalog size
   * @param window the window
   */
  public ListeningHistory(int catalogSize, int window) {
    if (catalogSize < 0) {
      throw new IllegalArgumentException("catalogSize must be >= 0; catalogSize=" + catalogSize);
    }
    if (window < 1 || window > 100_000) {
      throw new IllegalArgumentException("window must be in [1, 100000]; window=" + window);
    }
    this.lastPlayedStep = new int[catalogSize];
    Arrays.fill(lastPlayedStep, -1);
    this.recent = new int[window];
  }

  /**
   * Records a play of {@code track}.
   *
   * @param track the track
   */
  public void play(int track) {
    if (track < 0 || track >= lastPlayedStep.length) {
      throw new IllegalArgumentException("track must be in [0, " + (lastPlayedStep.length - 1) + "]; track=" + track);
    }
    lastPlayedStep[track] = step;
    recent[step % recent.length] = track;
    step++;
    if (count < recent.length) {
      count++;
    }
    version++;
  }

  /**
   * Forgets every play, so the history can serve a new session without a new catalogue-sized table
   * (O(catalogue size), allocation-free).
   */
  public void clear() {
    Arrays.fill(lastPlayedStep, -1);
    step = 0;
    count = 0;
    version++;
  }

  /**
   * Number of plays recorded so far.
   *
   * @return the number of plays since construction or the last {@link #clear()}, repeats included
   */
  public int steps() {
    return step;
  }

  /**
   * A count of the changes to this history: one more after every {@link #play} and every {@link #clear}. A reader
   * that keeps its own copy of the last plays can tell from it whether the history changed since it looked: when the
   * version and {@link #steps()} both grew by the same {@code k} (at most {@link #recentCount()}), the history took
   * exactly {@code k} plays, {@code recent(k - 1)} to {@code recent(0)}, and was not cleared in between.
   *
   * @return the number of plays and clears since construction
   */
  public long version() {
    return version;
  }

  /**
   * Catalogue size this history covers.
   *
   * @return the catalogue size this history covers
   */
  public int catalogSize() {
    return lastPlayedStep.length;
  }

  /**
   * How many plays ago {@code track} was last played (1 = the previous play), or -1 if never played.
   *
   * @param track the track
   * @return how many plays ago {@code track} was last played (1 = the previous play), or -1 if never played
   */
  public int playsSince(int track) {
    int s = lastPlayedStep[track];
    return s < 0 ? -1 : step - s;
  }

  /**
   * Number of recent plays remembered in order (at most the window).
   *
   * @return the number of recent plays remembered in order (at most the window)
   */
  public int recentCount() {
    return count;
  }

  /**
   * The {@code i}-th most recent play (0 = the last one).
   *
   * @return the {@code i}-th most recent play (0 = the last one)
   * @param i how many plays back, 0 for the last one
   */
  public int recent(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("recent index must be in [0, " + (count - 1) + "]; i=" + i);
    }
    return recent[Math.floorMod(step - 1 - i, recent.length)];
  }

  /**
   * Copies the {@code n} most recent plays into {@code dest}, the last one first: {@code dest[i] = recent(i)}, without
   * a division per play (the hot path of samplers that read the whole window every step).
   *
   * @param dest receives the plays
   * @param n how many plays, at most {@link #recentCount()}
   * @throws IndexOutOfBoundsException if {@code n} is negative, above {@link #recentCount()} or {@code dest.length}
   */
  public void recentInto(int[] dest, int n) {
    if (n < 0 || n > count || n > dest.length) {
      throw new IndexOutOfBoundsException("n must be in [0, " + Math.min(count, dest.length) + "]; n=" + n);
    }
    int slot = Math.floorMod(step - 1, recent.length);
    for (int i = 0; i < n; i++) {
      dest[i] = recent[slot];
      slot = slot == 0 ? recent.length - 1 : slot - 1;
    }
  }

  /**
   * The last play, or -1 when nothing was played.
   *
   * @return the last play, or -1 when nothing was played
   */
  public int current() {
    return count == 0 ? -1 : recent(0);
  }
}

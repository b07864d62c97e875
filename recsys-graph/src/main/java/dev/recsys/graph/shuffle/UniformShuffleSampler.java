package dev.recsys.graph.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.core.spi.NextTrackSampler;
import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The plain shuffle baseline: uniform over the library without replacement until it is exhausted.
 *
 * <p>Plays are counted in passes of {@code size} plays: after {@code s} plays the current pass holds the last
 * {@code s mod size} plays, and the candidates are every track not played in the current pass (and never the
 * current track, unless the library has one track). So a walk of {@code size} steps plays every track once, then
 * starts a new pass. The distribution is a pure function of the history; the randomness (the seed) comes from the
 * generator passed to {@link #sample}. It has no features, so its explanations are empty.
 *
 * <p>Immutable and thread-safe. {@link #sample} scans the catalogue once (O(size)) and allocates nothing.
 */
public final class UniformShuffleSampler implements NextTrackSampler {
  /** The plugin name. */
  public static final String NAME = "uniform-shuffle";

  private final int size;

  /**
   * A shuffle over a catalogue of {@code size} tracks.
   *
   * @param size the size
   */
  public UniformShuffleSampler(int size) {
    this.size = Checks.atLeast("size", size, 0);
  }

  /**
   * Catalogue size.
   *
   * @return the catalogue size
   */
  public int size() {
    return size;
  }

  private boolean eligible(int t, int current, ListeningHistory h, int inPass) {
    if (t == current && size > 1) {
      return false;
    }
    int ago = h.playsSince(t);
    return ago < 0 || ago > inPass;
  }

  private int inPass(ListeningHistory h) {
    int r = h.steps() % size;
    return r;
  }

  private int count(int current, ListeningHistory h) {
    int inPass = inPass(h);
    int c = 0;
    for (int t = 0; t < size; t++) {
      if (eligible(t, current, h, inPass)) {
        c++;
      }
    }
    return c;
  }

  @Override
  public NextTrackDistribution distribution(int current, ListeningHistory history) {
    if (size == 0) {
      return new NextTrackDistribution(new int[0], new double[0], List.of(), new double[0], new double[0], 1.0);
    }
    checkArgs(current, history);
    int inPass = inPass(history);
    int c = count(current, history);
    if (c == 0) {
      // a pass is exactly complete but the current track is the only unplayed one; start a new pass
      inPass = 0;
      c = countFresh(current);
    }
    int[] cand = new int[c];
    int j = 0;
    for (int t = 0; t < size; t++) {
      if (inPass == 0 ? (t != current || size == 1) : eligible(t, current, history, inPass)) {
        cand[j++] = t;
      }
    }
    double[] p = new double[c];
    java.util.Arrays.fill(p, 1.0 / c);
    return new NextTrackDistribution(cand, p, List.of(), new double[0], new double[0], 1.0);
  }

  private int countFresh(int current) {
    return size == 1 ? 1 : size - 1;
  }

  private void checkArgs(int current, ListeningHistory history) {
    if (current < 0 || current >= size) {
      throw new IllegalArgumentException("current must be in [0, " + (size - 1) + "]; current=" + current);
    }
    if (history.catalogSize() != size) {
      throw new IllegalArgumentException("history covers " + history.catalogSize() + " tracks but the catalogue has " + size);
    }
  }

  @Override
  public int sample(int current, ListeningHistory history, RandomGenerator random) {
    if (size == 0) {
      return -1;
    }
    checkArgs(current, history);
    int inPass = inPass(history);
    int c = count(current, history);
    boolean fresh = c == 0;
    if (fresh) {
      c = countFresh(current);
    }
    int pick = random.nextInt(c);
    for (int t = 0; t < size; t++) {
      boolean ok = fresh ? (t != current || size == 1) : eligible(t, current, history, inPass);
      if (ok && pick-- == 0) {
        return t;
      }
    }
    throw new IllegalStateException("unreachable: no eligible track among " + c);
  }

  @Override
  public String toString() {
    return "UniformShuffleSampler[size=" + size + "]";
  }
}

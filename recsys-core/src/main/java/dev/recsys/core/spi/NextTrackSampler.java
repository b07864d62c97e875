package dev.recsys.core.spi;

import java.util.random.RandomGenerator;

/**
 * Chooses the next track of a playlist or session from the current track and the listening history.
 *
 * <p>Contract: {@link #distribution} is a pure function of its arguments (the same inputs give the same
 * distribution); randomness enters only through the generator passed to {@link #sample}. Never throws inside
 * a walk for lack of candidates: when nothing qualifies it falls back to a documented rule (and returns -1 only
 * for an empty catalogue). A sampler is thread-safe; a {@link ListeningHistory} is not and belongs to one session.
 */
public interface NextTrackSampler {
  /**
   * The full distribution over candidates for the next track after {@code current}.
   *
   * @param current the current track
   * @param history the listening history
   * @return the full distribution over candidates for the next track after {@code current}
   */
  NextTrackDistribution distribution(int current, ListeningHistory history);

  /**
   * Draws the next track index, or -1 for an empty catalogue.
   *
   * @param current the current track
   * @param history the listening history
   * @param random the source of randomness
   * @return the next track index, or -1 for an empty catalogue
   */
  default int sample(int current, ListeningHistory history, RandomGenerator random) {
    NextTrackDistribution d = distribution(current, history);
    return d.size() == 0 ? -1 : d.candidates()[d.draw(random.nextDouble())];
  }

  /**
   * Generates a playlist of {@code length} tracks starting at {@code start} (included), recording each play in
   * {@code history}.
   *
   * @param start the first track index
   * @param length the length
   * @param history the listening history
   * @param random the source of randomness
   * @return the track indices of the playlist, {@code start} first
   */
  default int[] walk(int start, int length, ListeningHistory history, RandomGenerator random) {
    if (length < 1 || length > 1_000_000) {
      throw new IllegalArgumentException("length must be in [1, 1000000]; length=" + length);
    }
    int[] out = new int[length];
    int cur = start;
    history.play(cur);
    out[0] = cur;
    for (int i = 1; i < length; i++) {
      int next = sample(cur, history, random);
      if (next < 0) {
        return java.util.Arrays.copyOf(out, i);
      }
      history.play(next);
      out[i] = next;
      cur = next;
    }
    return out;
  }
}

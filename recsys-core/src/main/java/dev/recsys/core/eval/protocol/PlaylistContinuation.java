package dev.recsys.core.eval.protocol;

import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.internal.Rows;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import java.util.SplittableRandom;

/**
 * Playlist continuation: the "users" of the table are playlists. A seeded random {@code testFraction} of the
 * playlists with at least {@code minLength} tracks is chosen; of each, the first part (the first
 * {@code max(1, round(n * seedFraction))} tracks, at most {@code n - 1}) stays in training and is given as the
 * query's seed items, and the rest is held out. Other playlists stay whole in training. A playlist's order is
 * by timestamp when every row has one (seeded tie-break), else the row order of the table.
 *
 * @param testFraction share of eligible playlists that are tested, in (0, 1]
 * @param seedFraction share of a tested playlist given as seed, in (0, 1)
 * @param minLength playlists shorter than this are never tested, at least 2
 * @param seed drives the choice of playlists and tie-breaks
 */
public record PlaylistContinuation(double testFraction, double seedFraction, int minLength, long seed)
    implements Protocol {
  /** Validates the parameters. */
  public PlaylistContinuation {
    Checks.inRange("testFraction", testFraction, Math.ulp(0.0), 1.0);
    Checks.inRange("seedFraction", seedFraction, Math.ulp(0.0), 1 - Math.ulp(1.0));
    Checks.inRange("minLength", minLength, 2, Integer.MAX_VALUE);
  }

  /**
   * 20% of playlists with at least 5 tracks tested, the first half of each given as seed.
   *
   * @param seed the random seed
   * @return the 20% of playlists with at least 5 tracks tested, the first half of each given as seed
   */
  public static PlaylistContinuation defaults(long seed) {
    return new PlaylistContinuation(0.2, 0.5, 5, seed);
  }

  @Override
  public String name() {
    return "playlist";
  }

  @Override
  public Split split(Interactions data) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean timed = true;
    for (int r = 0; r < data.size() && timed; r++) {
      timed = data.timestamp(r) != Interaction.NO_TIME;
    }
    int[][] byUser = data.rowsByUser();
    int[][] seeds = new int[byUser.length][];
    Rows.IntBuffer train = new Rows.IntBuffer();
    Rows.IntBuffer test = new Rows.IntBuffer();
    for (int u = 0; u < byUser.length; u++) {
      int[] rows = byUser[u];
      double draw = random.nextDouble(); // drawn for every playlist, so the choice does not depend on lengths
      if (rows.length < minLength || draw >= testFraction) {
        train.addAll(rows, 0, rows.length);
        continue;
      }
      int[] ordered = timed ? Rows.byTime(data, rows, random) : rows;
      int n = ordered.length;
      int nSeed = Math.max(1, Math.min(n - 1, (int) Math.round(n * seedFraction)));
      train.addAll(ordered, 0, nSeed);
      test.addAll(ordered, nSeed, n);
      int[] s = new int[nSeed];
      for (int i = 0; i < nSeed; i++) {
        s[i] = data.item(ordered[i]);
      }
      seeds[u] = s;
    }
    return Split.of(toString(), seed, data, train.sorted(), test.sorted(), seeds);
  }
}

package dev.recsys.core.eval.protocol;

import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.internal.Rows;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;

/**
 * Per-user temporal split: each user's rows are ordered by timestamp and the latest ones are held out, either
 * the last {@code testFraction} of them ({@code round(n * testFraction)}) or the last {@code lastN}. At least
 * one row of each user stays in training, so a user with a single row is not tested. Every row needs a
 * timestamp.
 *
 * <p><b>Ties.</b> Rows with equal timestamps are ordered by item id (string order), then by row index, so the
 * split is a pure function of the data: the same whatever the seed, and the same held-out rows another tool gets
 * from the same rule (the split can also be exported, see {@link dev.recsys.core.eval.SplitFile}).
 *
 * @param testFraction the share of each user's rows held out, in (0, 1), or 0 when {@code lastN} is used
 * @param lastN how many of each user's latest rows are held out, at least 1, or 0 when {@code testFraction} is
 *     used
 * @param seed recorded with the split (the split itself does not depend on it)
 */
public record TemporalSplit(double testFraction, int lastN, long seed) implements Protocol {
  /** Validates that exactly one of {@code testFraction} and {@code lastN} is set. */
  public TemporalSplit {
    if ((testFraction == 0) == (lastN == 0)) {
      throw new IllegalArgumentException("exactly one of testFraction and lastN must be set; testFraction="
          + testFraction + ", lastN=" + lastN);
    }
    if (lastN == 0) {
      Checks.inRange("testFraction", testFraction, Math.ulp(0.0), 1 - Math.ulp(1.0));
    } else {
      Checks.inRange("lastN", lastN, 1, Integer.MAX_VALUE);
    }
  }

  /**
   * Holds out the last {@code fraction} of each user's rows.
   *
   * @param fraction the fraction
   * @param seed the random seed
   * @return the {@code TemporalSplit}
   */
  public static TemporalSplit lastFraction(double fraction, long seed) {
    return new TemporalSplit(fraction, 0, seed);
  }

  /**
   * Holds out each user's last {@code n} rows.
   *
   * @param seed the random seed
   * @return the {@code TemporalSplit}
   * @param n how many rows to hold out per user
   */
  public static TemporalSplit lastN(int n, long seed) {
    return new TemporalSplit(0, n, seed);
  }

  @Override
  public String name() {
    return "temporal";
  }

  @Override
  public Split split(Interactions data) {
    Rows.IntBuffer train = new Rows.IntBuffer();
    Rows.IntBuffer test = new Rows.IntBuffer();
    for (int[] rows : data.rowsByUser()) {
      if (rows.length == 0) {
        continue;
      }
      int[] ordered = Rows.byTimeThenItem(data, rows);
      int n = ordered.length;
      int nTest = lastN > 0 ? lastN : (int) Math.round(n * testFraction);
      nTest = Math.max(0, Math.min(nTest, n - 1));
      train.addAll(ordered, 0, n - nTest);
      test.addAll(ordered, n - nTest, n);
    }
    return Split.of(toString(), seed, data, train.sorted(), test.sorted(), null);
  }
}

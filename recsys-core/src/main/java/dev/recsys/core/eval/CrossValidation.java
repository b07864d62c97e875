package dev.recsys.core.eval;

import dev.recsys.core.eval.internal.Rows;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * K-fold cross-validation: {@code folds} train/test splits of one interaction table, each a {@link Split} that the
 * {@link Evaluator} runs like any other, and the mean and spread of a metric across them ({@link #summarize}).
 *
 * <ul>
 *   <li>{@link Kind#LISTENER}: the listeners are shuffled with the seed and dealt into {@code folds} groups of
 *       (nearly) equal size. Fold {@code f} tests the listeners of group {@code f}: each of them has the last
 *       {@code testFraction} of their rows held out ({@code round(n * testFraction)}, at least one row kept), the
 *       latest by timestamp (ties by item id, then row) when every row has a timestamp, a seeded random choice
 *       otherwise. Every other listener's rows are all in training. Each listener is tested in exactly one
 *       fold.</li>
 *   <li>{@link Kind#TIME} (forward chaining, for temporal data): the rows are ordered by timestamp (ties by item
 *       id, then row) and cut into {@code folds + 1} blocks of equal row count. Fold {@code f} (1-based) trains on
 *       blocks {@code 0 .. f-1} and tests on block {@code f}; rows after block {@code f} are left out of that fold,
 *       and so are block {@code f}'s rows of listeners with no earlier row (nothing to recommend from). Every
 *       training row is older than (or as old as) every test row. The seed is recorded, not used.</li>
 * </ul>
 *
 * <p>The folds are a pure function of the table, the settings and the seed. Immutable and thread-safe.
 *
 * @param kind by listener or by time
 * @param folds number of folds, in [2, 100]
 * @param testFraction share of a tested listener's rows held out ({@link Kind#LISTENER}), in (0, 1); ignored by
 *     {@link Kind#TIME}
 * @param seed of the listener shuffle and of the random hold-out of rows without timestamps
 */
public record CrossValidation(Kind kind, int folds, double testFraction, long seed) {
  /** How rows are dealt into folds. */
  public enum Kind {
    /** Listeners dealt into folds; a fold's listeners have their latest rows held out. */
    LISTENER,
    /** Forward chaining over time: train on the past blocks, test on the next one. */
    TIME;

    /**
     * The kind named {@code listener} or {@code time} (case-insensitive).
     *
     * @param name the name
     * @return the kind
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static Kind parse(String name) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(name.trim())) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown cross-validation kind '" + name + "'; available: listener, time");
    }
  }

  /** Validates. */
  public CrossValidation {
    Objects.requireNonNull(kind, "kind");
    Checks.inRange("folds", folds, 2, 100);
    Checks.inRange("testFraction", testFraction, Math.ulp(0.0), 1 - Math.ulp(1.0));
  }

  /**
   * The folds of {@code data}, in order.
   *
   * @param data the table
   * @return {@code folds} splits
   * @throws IllegalArgumentException for {@link Kind#TIME} when a row has no timestamp (naming it), or when the
   *     table has fewer rows than blocks
   */
  public List<Split> splits(Interactions data) {
    return kind == Kind.LISTENER ? byListener(data) : byTime(data);
  }

  private List<Split> byListener(Interactions data) {
    int[][] byUser = data.rowsByUser();
    int[] users = new int[byUser.length];
    int nonEmpty = 0;
    for (int u = 0; u < byUser.length; u++) {
      if (byUser[u].length > 0) {
        users[nonEmpty++] = u;
      }
    }
    int[] order = Rows.shuffled(Arrays.copyOf(users, nonEmpty), new SplittableRandom(Seeds.mix(seed, 101)));
    int[] foldOf = new int[byUser.length];
    for (int p = 0; p < order.length; p++) {
      foldOf[order[p]] = p % folds;
    }
    boolean timed = true;
    for (int r = 0; r < data.size() && timed; r++) {
      timed = data.timestamp(r) != Interaction.NO_TIME;
    }
    // the rows each listener would have held out when tested, fixed once so that folds agree
    int[][] heldOut = new int[byUser.length][];
    for (int u : order) {
      int[] rows = byUser[u];
      int[] ordered = timed ? Rows.byTimeThenItem(data, rows)
          : Rows.shuffled(rows, new SplittableRandom(Seeds.mix(seed, 103L * 1_000_003L + u)));
      int n = ordered.length;
      int nTest = Math.max(0, Math.min((int) Math.round(n * testFraction), n - 1));
      heldOut[u] = Arrays.copyOfRange(ordered, n - nTest, n);
    }
    List<Split> out = new ArrayList<>(folds);
    for (int f = 0; f < folds; f++) {
      Rows.IntBuffer train = new Rows.IntBuffer();
      Rows.IntBuffer test = new Rows.IntBuffer();
      boolean[] isTest = new boolean[data.size()];
      for (int u : order) {
        if (foldOf[u] == f) {
          for (int r : heldOut[u]) {
            isTest[r] = true;
          }
        }
      }
      for (int r = 0; r < data.size(); r++) {
        (isTest[r] ? test : train).add(r);
      }
      String protocol = String.format(java.util.Locale.ROOT,
          "listener fold %d/%d (last %.2f of each tested listener's rows%s)", f + 1, folds, testFraction,
          timed ? " by time" : ", drawn at random: no timestamps");
      out.add(Split.of(protocol, seed, data, train.sorted(), test.sorted(), null));
    }
    return out;
  }

  private List<Split> byTime(Interactions data) {
    int n = data.size();
    if (n < folds + 1) {
      throw new IllegalArgumentException("time folds need at least folds + 1 = " + (folds + 1) + " rows; the table has "
          + n);
    }
    int[] all = new int[n];
    for (int r = 0; r < n; r++) {
      all[r] = r;
    }
    int[] ordered = Rows.byTimeThenItem(data, all);
    int[] position = new int[n];
    for (int p = 0; p < n; p++) {
      position[ordered[p]] = p;
    }
    int blocks = folds + 1;
    List<Split> out = new ArrayList<>(folds);
    for (int f = 1; f <= folds; f++) {
      int trainEnd = (int) ((long) n * f / blocks);
      int testEnd = (int) ((long) n * (f + 1) / blocks);
      boolean[] known = new boolean[data.users().size()];
      for (int p = 0; p < trainEnd; p++) {
        known[data.user(ordered[p])] = true;
      }
      Rows.IntBuffer kept = new Rows.IntBuffer();
      for (int p = 0; p < testEnd; p++) {
        if (p < trainEnd || known[data.user(ordered[p])]) {
          kept.add(ordered[p]);
        }
      }
      int[] keptRows = kept.sorted();
      Interactions sub = data.subset(keptRows);
      Rows.IntBuffer train = new Rows.IntBuffer();
      Rows.IntBuffer test = new Rows.IntBuffer();
      long cut = data.timestamp(ordered[trainEnd]);
      for (int s = 0; s < keptRows.length; s++) {
        int r = keptRows[s];
        (position[r] < trainEnd ? train : test).add(s);
      }
      String protocol = "time fold " + f + "/" + folds + " (train on the oldest " + f + "/" + blocks
          + " of the rows, test on the next 1/" + blocks + " from t=" + cut + ")";
      out.add(Split.of(protocol, seed, sub, train.sorted(), test.sorted(), null));
    }
    return out;
  }

  /**
   * The mean and spread of one value per fold.
   *
   * @param perFold the fold values, in fold order
   * @return mean, sample standard deviation (0 for one fold), minimum, maximum and the values
   */
  public static FoldSummary summarize(double[] perFold) {
    if (perFold.length == 0) {
      throw new IllegalArgumentException("no fold value to summarise");
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : perFold) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / perFold.length;
    double ss = 0;
    for (double v : perFold) {
      ss += (v - mean) * (v - mean);
    }
    double sd = perFold.length > 1 ? Math.sqrt(ss / (perFold.length - 1)) : 0;
    return new FoldSummary(mean, sd, min, max, perFold.clone());
  }

  /**
   * A metric across folds.
   *
   * @param mean mean of the fold values
   * @param sd sample standard deviation of the fold values
   * @param min smallest fold value
   * @param max largest fold value
   * @param folds the fold values, in fold order
   */
  public record FoldSummary(double mean, double sd, double min, double max, double[] folds) {
    /** Copies the values. */
    public FoldSummary {
      folds = folds.clone();
    }

    /**
     * The fold values (a copy).
     *
     * @return a copy of the per-fold values, in fold order
     */
    @Override
    public double[] folds() {
      return folds.clone();
    }

    /**
     * {@code 0.1234 ± 0.0056 [0.1170, 0.1301]}: mean ± standard deviation [min, max].
     *
     * @return the summary as text with four decimals, {@link java.util.Locale#ROOT} formatting
     */
    public String format() {
      return String.format(java.util.Locale.ROOT, "%.4f ± %.4f [%.4f, %.4f]", mean, sd, min, max);
    }
  }
}

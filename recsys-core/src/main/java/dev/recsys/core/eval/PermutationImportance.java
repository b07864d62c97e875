package dev.recsys.core.eval;

import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Permutation importance of the named input groups of a fitted model (Breiman 2001; Fisher, Rudin and Dominici
 * 2019): the drop of a per-unit metric when the values of one group are shuffled across the rows that carry them,
 * which breaks the group's link to the outcome while keeping its distribution. A group the model ignores has an
 * importance of exactly 0; a group the model cannot do without has a large one. Measure it on validation data
 * carved from the training data, never on the test split.
 *
 * <p>For each group, {@code repeats} independent permutations are drawn, each from a seed derived from the
 * configured seed, the group's position and the repeat ({@link Seeds#mix}); the {@link Target} applies the
 * permutation and returns one metric value per unit (listener, choice set, ...). A unit's drop is its intact value
 * minus the mean of its permuted values; the group's importance is the mean drop with a seeded percentile bootstrap
 * interval over units (as {@link Estimate#bootstrap}), and the standard deviation of the mean drop across repeats
 * says how much one permutation moves it. The result is a pure function of the target and the configuration.
 */
public final class PermutationImportance {
  private PermutationImportance() {}

  /**
   * A fitted model whose named input groups can be shuffled. Implementations must be deterministic: the same
   * group and permutation give the same values.
   */
  public interface Target {
    /**
     * The input groups, in report order; names unique.
     *
     * @return the input groups
     */
    List<String> groups();

    /**
     * The number of rows whose values of {@code group} are shuffled (listeners for a listener input, tracks for a
     * track input, candidate rows for a choice feature).
     *
     * @param group one of {@link #groups()}
     * @return the number of rows, at least 1
     */
    int rows(String group);

    /**
     * Where a group's shuffle is confined: block starts in ascending order, the first 0, each block running to the
     * next start (the last to {@link #rows}); values move only within their block (for example the candidates of
     * one choice set). {@code null}, the default, shuffles across all rows.
     *
     * @param group one of {@link #groups()}
     * @return the block starts, or {@code null}
     */
    default int[] blocks(String group) {
      return null;
    }

    /**
     * The metric of every unit with {@code group}'s values permuted: row {@code r} takes the values of row
     * {@code permutation[r]}. With {@code group == null} (and {@code permutation == null}) the intact model. Higher
     * must be better. Units are the same, in the same order, in every call; {@code NaN} leaves a unit out.
     *
     * @param group the group to permute, or {@code null}
     * @param permutation a permutation of {@code 0 .. rows(group) - 1}, or {@code null}
     * @return one value per unit
     */
    double[] evaluate(String group, int[] permutation);
  }

  /**
   * Settings.
   *
   * @param repeats permutations per group, in [1, 1000]
   * @param bootstrapSamples resamples of the interval over units, in [0, 10,000,000]
   * @param confidence the interval's confidence, in [0.5, 0.9999]
   * @param seed seed of the permutations and of the bootstrap
   */
  public record Config(int repeats, int bootstrapSamples, double confidence, long seed) {
    /** Validates the ranges. */
    public Config {
      Checks.inRange("repeats", repeats, 1, 1000);
      Checks.inRange("bootstrapSamples", bootstrapSamples, 0, 10_000_000);
      Checks.inRange("confidence", confidence, 0.5, 0.9999);
    }

    /**
     * Five permutations per group, 1,000 resamples, 95% intervals.
     *
     * @param seed the seed
     * @return the settings
     */
    public static Config defaults(long seed) {
      return new Config(5, 1000, 0.95, seed);
    }
  }

  /**
   * The importance of one group.
   *
   * @param group the group's name
   * @param rows the rows its values were shuffled across
   * @param permuted the mean metric with the group shuffled (over repeats and units)
   * @param drop intact minus permuted, the mean over units with its bootstrap interval
   * @param repeatSd standard deviation of the mean drop across repeats (0 with one repeat)
   */
  public record GroupImportance(String group, int rows, double permuted, Estimate drop, double repeatSd) {}

  /**
   * The importance of every group.
   *
   * @param metric the metric's name
   * @param units the units averaged
   * @param intact the intact model's mean metric
   * @param groups one entry per group, in the target's order
   * @param config the settings
   */
  public record Result(String metric, int units, double intact, List<GroupImportance> groups, Config config) {
    /** Copies the list. */
    public Result {
      groups = List.copyOf(groups);
    }

    /**
     * The importance of a group.
     *
     * @param group the group's name
     * @return its importance
     * @throws IllegalArgumentException listing the groups when absent
     */
    public GroupImportance get(String group) {
      return groups.stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow(
          () -> new IllegalArgumentException("unknown group '" + group + "'; known: "
              + groups.stream().map(GroupImportance::group).toList()));
    }

    /**
     * A table: one line per group with the permuted metric, the drop and its interval, the spread across repeats.
     *
     * @return the table
     */
    public String table() {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s intact: %.4f over %d units; %d permutations "
          + "per group, %.0f%% bootstrap intervals%n", metric, intact, units, config.repeats(), 100 * config.confidence()));
      b.append(String.format(Locale.ROOT, "%-26s %9s %10s  %-30s %9s%n", "group", "rows", "permuted", "drop", "sd"));
      for (GroupImportance g : groups) {
        b.append(String.format(Locale.ROOT, "%-26s %9d %10.4f  %-30s %9.4f%n", g.group(), g.rows(), g.permuted(),
            g.drop().format(), g.repeatSd()));
      }
      return b.toString();
    }
  }

  /**
   * Measures every group of {@code target}.
   *
   * @param target the fitted model
   * @param metric the metric's name, for the report
   * @param config the settings
   * @return the importance of every group
   * @throws IllegalArgumentException if the target returns a different number of units for a permutation, or a
   *     group has no row or malformed blocks
   */
  public static Result measure(Target target, String metric, Config config) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(config, "config");
    double[] intact = target.evaluate(null, null);
    int n = intact.length;
    List<GroupImportance> out = new ArrayList<>();
    List<String> groups = target.groups();
    for (int gi = 0; gi < groups.size(); gi++) {
      String g = groups.get(gi);
      int rows = Checks.atLeast("rows(" + g + ")", target.rows(g), 1);
      int[] blocks = target.blocks(g);
      double[] dropSum = new double[n];
      double[] repeatMeans = new double[config.repeats()];
      double permutedSum = 0;
      int permutedCount = 0;
      for (int r = 0; r < config.repeats(); r++) {
        long seed = Seeds.mix(Seeds.mix(config.seed(), gi), r);
        int[] permutation = blocks == null ? Seeds.permutation(rows, seed) : withinBlocks(rows, blocks, seed, g);
        double[] v = target.evaluate(g, permutation);
        if (v.length != n) {
          throw new IllegalArgumentException("group '" + g + "' gave " + v.length + " unit values; the intact model "
              + n);
        }
        double drop = 0;
        int c = 0;
        for (int u = 0; u < n; u++) {
          dropSum[u] += intact[u] - v[u];
          if (!Double.isNaN(intact[u]) && !Double.isNaN(v[u])) {
            drop += intact[u] - v[u];
            permutedSum += v[u];
            c++;
          }
        }
        permutedCount += c;
        repeatMeans[r] = c == 0 ? Double.NaN : drop / c;
      }
      double[] drops = new double[n];
      for (int u = 0; u < n; u++) {
        drops[u] = dropSum[u] / config.repeats();
      }
      Estimate e = Estimate.bootstrap(drops, config.bootstrapSamples(), config.confidence(),
          Seeds.mix(config.seed(), 1_000_003L + gi));
      out.add(new GroupImportance(g, rows, permutedCount == 0 ? Double.NaN : permutedSum / permutedCount, e,
          sd(repeatMeans)));
    }
    double s = 0;
    int c = 0;
    for (double v : intact) {
      if (!Double.isNaN(v)) {
        s += v;
        c++;
      }
    }
    return new Result(metric, c, c == 0 ? Double.NaN : s / c, out, config);
  }

  private static int[] withinBlocks(int rows, int[] blocks, long seed, String group) {
    if (blocks.length == 0 || blocks[0] != 0) {
      throw new IllegalArgumentException("blocks of '" + group + "' must start at 0");
    }
    int[] p = new int[rows];
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int b = 0; b < blocks.length; b++) {
      int from = blocks[b];
      int to = b + 1 < blocks.length ? blocks[b + 1] : rows;
      if (to < from || to > rows) {
        throw new IllegalArgumentException("blocks of '" + group + "' must ascend within [0, " + rows + "]; block " + b
            + " is [" + from + ", " + to + ")");
      }
      for (int i = from; i < to; i++) {
        p[i] = i;
      }
      for (int i = to - 1; i > from; i--) {
        int j = from + random.nextInt(i - from + 1);
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
      }
    }
    return p;
  }

  private static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}

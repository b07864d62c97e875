package dev.recsys.core.eval;

import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import dev.recsys.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where a model loses to its baseline: the per-listener difference of a metric (model minus baseline, the same
 * test listeners of one split), broken down by listener cohorts (activity, how mainstream their history is, their
 * dominant genre, attributes, ...) and by cohorts of the held-out tracks (popularity, genre, ...), the listeners who
 * lose most with examples by name, and the held-out tracks the baseline finds and the model misses most often.
 *
 * <p>Listener cohorts compare the metric itself; a track cohort compares the hit rate on the held-out tracks of that
 * cohort ({@code hits in the top k / held-out tracks of the cohort}, per listener with at least one). Differences
 * come with seeded percentile bootstrap intervals over listeners ({@link Estimate#bootstrap}), the overall one with a
 * {@link PairedComparison}. Both results must come from the same split and keep their ranked lists
 * ({@link EvaluatorConfig.Builder#keepRecommendations}). The report is a pure function of its inputs.
 */
public final class ErrorAnalysis {
  private ErrorAnalysis() {}

  /**
   * Settings.
   *
   * @param metric the per-listener metric compared, e.g. {@code "ndcg@10"}
   * @param k the cut-off of the hit counts behind the track rows and track cohorts, in [1, 10,000]
   * @param worst how many listeners and tracks to list, in [0, 100,000]
   * @param examples how many tracks to name per listener (history, missed, recommended), in [0, 1,000]
   * @param bootstrapSamples resamples of the intervals, in [1, 10,000,000]
   * @param confidence the intervals' confidence, in [0.5, 0.9999]
   * @param seed seed of the bootstrap
   */
  public record Config(String metric, int k, int worst, int examples, int bootstrapSamples, double confidence,
      long seed) {
    /** Validates the ranges. */
    public Config {
      Checks.notBlank("metric", metric);
      Checks.inRange("k", k, 1, 10_000);
      Checks.inRange("worst", worst, 0, 100_000);
      Checks.inRange("examples", examples, 0, 1000);
      Checks.inRange("bootstrapSamples", bootstrapSamples, 1, 10_000_000);
      Checks.inRange("confidence", confidence, 0.5, 0.9999);
    }

    /**
     * NDCG at {@code k}, the 10 worst, 5 examples each, 1,000 resamples, 95% intervals.
     *
     * @param k the cut-off
     * @param seed the seed
     * @return the settings
     */
    public static Config defaults(int k, long seed) {
      return new Config("ndcg@" + k, k, 10, 5, 1000, 0.95, seed);
    }
  }

  /**
   * One group of a cohort.
   *
   * @param cohort the cohort's name
   * @param group the group's name
   * @param listeners the listeners of the group (with a held-out track of the group, for a track cohort)
   * @param modelMean the model's mean
   * @param baselineMean the baseline's mean
   * @param difference model minus baseline, with its interval
   * @param losses the share of the group's listeners for whom the model is worse
   * @param wins the share for whom it is better
   */
  public record CohortRow(String cohort, String group, int listeners, double modelMean, double baselineMean,
      Estimate difference, double losses, double wins) {}

  /**
   * A listener for whom the model loses.
   *
   * @param listener the listener's id
   * @param model the model's metric
   * @param baseline the baseline's metric
   * @param trainItems the listener's training items
   * @param groups the listener's group in every listener cohort (cohort name to group, by cohort name)
   * @param recentHistory the latest training tracks, by name, newest first
   * @param missed held-out tracks the baseline ranks in its top k and the model does not, by name
   * @param recommended the model's top tracks, by name
   */
  public record ListenerRow(String listener, double model, double baseline, int trainItems, Map<String, String> groups,
      List<String> recentHistory, List<String> missed, List<String> recommended) {
    /** Copies the collections. */
    public ListenerRow {
      groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
      recentHistory = List.copyOf(recentHistory);
      missed = List.copyOf(missed);
      recommended = List.copyOf(recommended);
    }

    /**
     * Model minus baseline.
     *
     * @return the difference
     */
    public double difference() {
      return model - baseline;
    }
  }

  /**
   * A held-out track by how often each model finds it.
   *
   * @param track the track's id
   * @param name the track's name
   * @param trainListeners training listeners who had it
   * @param heldOut test listeners who have it held out
   * @param baselineHits of those, how many the baseline ranks in its top k
   * @param modelHits how many the model ranks in its top k
   */
  public record TrackRow(String track, String name, int trainListeners, int heldOut, int baselineHits, int modelHits) {
    /**
     * Baseline hits minus model hits: how many more listeners the baseline serves this track to.
     *
     * @return the net loss
     */
    public int netLoss() {
      return baselineHits - modelHits;
    }
  }

  /**
   * The analysis.
   *
   * @param model the model's name
   * @param baseline the baseline's name
   * @param protocol the split's protocol
   * @param config the settings
   * @param overall the paired comparison over all listeners
   * @param losses the share of listeners for whom the model is worse
   * @param wins the share for whom it is better
   * @param cohorts every group of every cohort: listener cohorts, then track cohorts, each by cohort name, then group
   *     name
   * @param worstListeners the listeners with the largest loss, largest first (ties by id)
   * @param worstTracks the held-out tracks with the largest net loss (above 0), largest first (ties by id)
   */
  public record Report(String model, String baseline, String protocol, Config config, PairedComparison overall,
      double losses, double wins, List<CohortRow> cohorts, List<ListenerRow> worstListeners,
      List<TrackRow> worstTracks) {
    /** Copies the lists. */
    public Report {
      cohorts = List.copyOf(cohorts);
      worstListeners = List.copyOf(worstListeners);
      worstTracks = List.copyOf(worstTracks);
    }

    /**
     * The cohort row of a group, if any.
     *
     * @param cohort the cohort's name
     * @param group the group's name
     * @return the row
     * @throws IllegalArgumentException when absent
     */
    public CohortRow cohort(String cohort, String group) {
      return cohorts.stream().filter(c -> c.cohort().equals(cohort) && c.group().equals(group)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no group '" + group + "' in cohort '" + cohort + "'"));
    }

    /**
     * The cohort group where the model loses most (the lowest mean difference among groups of at least
     * {@code minListeners} listeners), if any.
     *
     * @param minListeners the smallest group considered
     * @return the row, or {@code null}
     */
    public CohortRow weakest(int minListeners) {
      return cohorts.stream().filter(c -> c.listeners() >= minListeners)
          .min(Comparator.comparingDouble((CohortRow c) -> c.difference().mean()).thenComparing(CohortRow::cohort)
              .thenComparing(CohortRow::group)).orElse(null);
    }
  }

  /**
   * Compares {@code model} with {@code baseline} on {@code split}.
   *
   * @param split the split both were evaluated on
   * @param model the model's result, with ranked lists kept
   * @param baseline the baseline's result, with ranked lists kept
   * @param listenerCohorts listener groupings by cohort name (e.g. {@link Cohorts#activity})
   * @param trackCohorts held-out track groupings by cohort name (e.g. {@link Cohorts#coldWarm})
   * @param trackName the display name of a track id (e.g. "title - artist"); the id when unknown
   * @param config the settings
   * @return the analysis
   * @throws IllegalArgumentException if the results do not cover the split's test listeners in order
   * @throws IllegalStateException if a result did not keep its ranked lists
   */
  public static Report analyse(Split split, EvaluationResult model, EvaluationResult baseline,
      Map<String, UserGrouping> listenerCohorts, Map<String, ItemGrouping> trackCohorts,
      Function<String, String> trackName, Config config) {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(trackName, "trackName");
    Objects.requireNonNull(config, "config");
    int n = split.numTestUsers();
    for (EvaluationResult r : List.of(model, baseline)) {
      if (r.users().size() != n) {
        throw new IllegalArgumentException("result of '" + r.model() + "' has " + r.users().size()
            + " listeners; the split tests " + n);
      }
      for (int p = 0; p < n; p++) {
        if (!r.users().get(p).equals(split.data().users().id(split.testUser(p)))) {
          throw new IllegalArgumentException("result of '" + r.model() + "' lists listener '" + r.users().get(p)
              + "' at position " + p + "; the split tests '" + split.data().users().id(split.testUser(p)) + "'");
        }
      }
      if (!r.hasRecommendations()) {
        throw new IllegalStateException("result of '" + r.model() + "' did not keep its ranked lists; set "
            + "keepRecommendations(true)");
      }
    }
    double[] a = model.values(config.metric());
    double[] b = baseline.values(config.metric());
    PairedComparison overall = PairedComparison.of(config.metric(), model.model(), model.users(), a, baseline.model(),
        baseline.users(), b, config.bootstrapSamples(), config.confidence(), config.seed());
    int k = config.k();
    int[][] topA = new int[n][];
    int[][] topB = new int[n][];
    for (int p = 0; p < n; p++) {
      topA[p] = top(model.ranked(p), k);
      topB[p] = top(baseline.ranked(p), k);
    }

    List<CohortRow> cohorts = new ArrayList<>();
    Map<String, String[]> groupOf = new LinkedHashMap<>();
    int salt = 0;
    for (Map.Entry<String, UserGrouping> c : new TreeMap<>(listenerCohorts).entrySet()) {
      String[] g = new String[n];
      Map<String, List<Integer>> members = new TreeMap<>();
      for (int p = 0; p < n; p++) {
        g[p] = c.getValue().groupOf(split, split.testUser(p));
        if (g[p] != null && !Double.isNaN(a[p]) && !Double.isNaN(b[p])) {
          members.computeIfAbsent(g[p], x -> new ArrayList<>()).add(p);
        }
      }
      groupOf.put(c.getKey(), g);
      for (Map.Entry<String, List<Integer>> m : members.entrySet()) {
        double[] ma = new double[m.getValue().size()];
        double[] mb = new double[ma.length];
        for (int i = 0; i < ma.length; i++) {
          ma[i] = a[m.getValue().get(i)];
          mb[i] = b[m.getValue().get(i)];
        }
        cohorts.add(row(c.getKey(), m.getKey(), ma, mb, config, salt++));
      }
    }
    for (Map.Entry<String, ItemGrouping> c : new TreeMap<>(trackCohorts).entrySet()) {
      Map<String, double[][]> perGroup = new TreeMap<>();
      for (int p = 0; p < n; p++) {
        Map<String, int[]> counts = new TreeMap<>();
        for (int it : split.heldOut(p)) {
          String g = c.getValue().groupOf(split, it);
          if (g != null) {
            int[] cnt = counts.computeIfAbsent(g, x -> new int[3]);
            cnt[0]++;
            cnt[1] += contains(topA[p], it) ? 1 : 0;
            cnt[2] += contains(topB[p], it) ? 1 : 0;
          }
        }
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
          double[][] v = perGroup.computeIfAbsent(e.getKey(), x -> nans(2, n));
          int[] cnt = e.getValue();
          v[0][p] = (double) cnt[1] / cnt[0];
          v[1][p] = (double) cnt[2] / cnt[0];
        }
      }
      for (Map.Entry<String, double[][]> e : perGroup.entrySet()) {
        cohorts.add(row(c.getKey(), e.getKey(), e.getValue()[0], e.getValue()[1], config, salt++));
      }
    }

    List<String> userIds = model.users();
    Integer[] order = new Integer[n];
    for (int p = 0; p < n; p++) {
      order[p] = p;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer p) -> Double.isNaN(a[p] - b[p]) ? 0 : a[p] - b[p])
        .thenComparing(userIds::get));
    int[][] recent = recentHistory(split, config.examples());
    List<ListenerRow> worst = new ArrayList<>();
    for (int i = 0; i < n && worst.size() < config.worst(); i++) {
      int p = order[i];
      if (!(a[p] - b[p] < 0)) {
        break;
      }
      Map<String, String> groups = new LinkedHashMap<>();
      groupOf.forEach((name, g) -> groups.put(name, g[p]));
      List<String> missed = new ArrayList<>();
      for (int it : split.heldOut(p)) {
        if (missed.size() < config.examples() && contains(topB[p], it) && !contains(topA[p], it)) {
          missed.add(name(split, trackName, it));
        }
      }
      List<String> history = new ArrayList<>();
      for (int it : recent[p]) {
        history.add(name(split, trackName, it));
      }
      List<String> recommended = new ArrayList<>();
      for (int j = 0; j < Math.min(config.examples(), topA[p].length); j++) {
        recommended.add(topA[p][j] < 0 ? "(unknown id)" : name(split, trackName, topA[p][j]));
      }
      worst.add(new ListenerRow(userIds.get(p), a[p], b[p], split.trainCountOfUser(split.testUser(p)), groups, history,
          missed, recommended));
    }

    Map<Integer, int[]> byTrack = new TreeMap<>();
    for (int p = 0; p < n; p++) {
      for (int it : split.heldOut(p)) {
        int[] t = byTrack.computeIfAbsent(it, x -> new int[3]);
        t[0]++;
        t[1] += contains(topB[p], it) ? 1 : 0;
        t[2] += contains(topA[p], it) ? 1 : 0;
      }
    }
    List<TrackRow> tracks = new ArrayList<>();
    byTrack.forEach((it, t) -> {
      if (t[1] > t[2]) {
        String id = split.data().items().id(it);
        tracks.add(new TrackRow(id, name(split, trackName, it), split.trainCountOfItem(it), t[0], t[1], t[2]));
      }
    });
    tracks.sort(Comparator.comparingInt(TrackRow::netLoss).reversed().thenComparing(TrackRow::track));
    int lose = 0;
    int win = 0;
    int both = 0;
    for (int p = 0; p < n; p++) {
      if (!Double.isNaN(a[p]) && !Double.isNaN(b[p])) {
        both++;
        lose += a[p] < b[p] ? 1 : 0;
        win += a[p] > b[p] ? 1 : 0;
      }
    }
    return new Report(model.model(), baseline.model(), split.protocol(), config, overall,
        both == 0 ? Double.NaN : (double) lose / both, both == 0 ? Double.NaN : (double) win / both, cohorts, worst,
        tracks.subList(0, Math.min(config.worst(), tracks.size())));
  }

  private static CohortRow row(String cohort, String group, double[] a, double[] b, Config config, int salt) {
    double[] d = new double[a.length];
    double sa = 0;
    double sb = 0;
    int n = 0;
    int lose = 0;
    int win = 0;
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
      if (!Double.isNaN(d[i])) {
        sa += a[i];
        sb += b[i];
        n++;
        lose += d[i] < 0 ? 1 : 0;
        win += d[i] > 0 ? 1 : 0;
      }
    }
    double[] defined = Arrays.stream(d).filter(x -> !Double.isNaN(x)).toArray();
    Estimate e = Estimate.bootstrap(defined, config.bootstrapSamples(), config.confidence(),
        Seeds.mix(config.seed(), salt));
    return new CohortRow(cohort, group, n, sa / n, sb / n, e, (double) lose / n, (double) win / n);
  }

  private static double[][] nans(int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] r : out) {
      Arrays.fill(r, Double.NaN);
    }
    return out;
  }

  private static int[] top(int[] ranked, int k) {
    return Arrays.copyOf(ranked, Math.min(k, ranked.length));
  }

  private static boolean contains(int[] list, int item) {
    for (int x : list) {
      if (x == item) {
        return true;
      }
    }
    return false;
  }

  private static String name(Split split, Function<String, String> trackName, int item) {
    String id = split.data().items().id(item);
    String s = trackName.apply(id);
    return s == null || s.isBlank() ? id : s;
  }

  /** Per test position, the last {@code m} distinct training items by time (newest first; ties by row). */
  private static int[][] recentHistory(Split split, int m) {
    Interactions train = split.train();
    int nu = split.data().users().size();
    int[] position = new int[nu];
    Arrays.fill(position, -1);
    for (int p = 0; p < split.numTestUsers(); p++) {
      position[split.testUser(p)] = p;
    }
    List<List<long[]>> rows = new ArrayList<>();
    for (int p = 0; p < split.numTestUsers(); p++) {
      rows.add(new ArrayList<>());
    }
    for (int r = 0; r < train.size(); r++) {
      int p = position[train.user(r)];
      if (p >= 0) {
        rows.get(p).add(new long[] {train.timestamp(r), r, train.item(r)});
      }
    }
    int[][] out = new int[split.numTestUsers()][];
    for (int p = 0; p < out.length; p++) {
      List<long[]> l = rows.get(p);
      l.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]).reversed());
      java.util.LinkedHashSet<Integer> seen = new java.util.LinkedHashSet<>();
      for (long[] x : l) {
        if (seen.size() >= m) {
          break;
        }
        seen.add((int) x[2]);
      }
      out[p] = seen.stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }
}

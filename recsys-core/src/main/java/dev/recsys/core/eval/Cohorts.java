package dev.recsys.core.eval;

import dev.recsys.core.util.Checks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Ready-made {@link UserGrouping}s and {@link ItemGrouping}s for cohort analysis. */
public final class Cohorts {
  private Cohorts() {}

  /**
   * Listener activity buckets by the number of distinct training items, with the given inclusive upper bounds:
   * {@code activity(10, 50, 200)} gives groups {@code "0-10"}, {@code "11-50"}, {@code "51-200"},
   * {@code ">200"}.
   *
   * @param upperBounds strictly increasing, at least one
   * @return the listener activity buckets by the number of distinct training items, with the given inclusive upper
   *     bounds
   */
  public static UserGrouping activity(int... upperBounds) {
    if (upperBounds.length == 0) {
      throw new IllegalArgumentException("activity needs at least one bound");
    }
    int[] b = upperBounds.clone();
    for (int i = 0; i < b.length; i++) {
      Checks.atLeast("upperBounds[" + i + "]", b[i], i == 0 ? 0 : b[i - 1] + 1);
    }
    String[] names = new String[b.length + 1];
    for (int i = 0; i < b.length; i++) {
      names[i] = (i == 0 ? 0 : b[i - 1] + 1) + "-" + b[i];
    }
    names[b.length] = ">" + b[b.length - 1];
    return (split, user) -> {
      int c = split.trainCountOfUser(user);
      for (int i = 0; i < b.length; i++) {
        if (c <= b[i]) {
          return names[i];
        }
      }
      return names[b.length];
    };
  }

  /**
   * Groups users by a function of their id (e.g. a country or subscription tier looked up elsewhere).
   *
   * @param groupOfUserId the group of user id
   * @return the {@code UserGrouping}
   */
  public static UserGrouping byUserId(Function<String, String> groupOfUserId) {
    Objects.requireNonNull(groupOfUserId, "groupOfUserId");
    return (split, user) -> groupOfUserId.apply(split.data().users().id(user));
  }

  /**
   * Groups users by the most frequent genre among their training items (ties broken by genre name); users
   * whose training items have no genre are left out.
   *
   * @param genresOfItem the genres of an item id (empty or {@code null} when unknown)
   * @return the {@code UserGrouping}
   */
  public static UserGrouping dominantGenre(Function<String, ? extends Collection<String>> genresOfItem) {
    Objects.requireNonNull(genresOfItem, "genresOfItem");
    Map<Split, int[][]> cache = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    return (split, user) -> {
      int[][] itemsByUser = cache.computeIfAbsent(split, Cohorts::trainItemsByUser);
      Map<String, Integer> counts = new TreeMap<>();
      for (int it : itemsByUser[user]) {
        Collection<String> g = genresOfItem.apply(split.data().items().id(it));
        if (g != null) {
          for (String s : g) {
            counts.merge(s, 1, Integer::sum);
          }
        }
      }
      String best = null;
      int bestCount = 0;
      for (Map.Entry<String, Integer> e : counts.entrySet()) {
        if (e.getValue() > bestCount) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      return best;
    };
  }

  /**
   * Listeners by how mainstream their training items are: the mean share of training listeners who had each of the
   * listener's training items, cut at the terciles over all listeners with training items into {@code "niche"},
   * {@code "middle"} and {@code "mainstream"}; listeners without training items are left out.
   *
   * @return the {@code UserGrouping}
   */
  public static UserGrouping historyPopularity() {
    Map<Split, String[]> cache = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    return (split, user) -> cache.computeIfAbsent(split, Cohorts::popularityTerciles)[user];
  }

  private static String[] popularityTerciles(Split split) {
    double[] mean = meanHistoryPopularity(split);
    double[] sorted = java.util.Arrays.stream(mean).filter(v -> !Double.isNaN(v)).sorted().toArray();
    String[] out = new String[mean.length];
    if (sorted.length == 0) {
      return out;
    }
    double low = dev.recsys.core.eval.internal.Bootstrap.quantile(sorted, 1.0 / 3);
    double high = dev.recsys.core.eval.internal.Bootstrap.quantile(sorted, 2.0 / 3);
    for (int u = 0; u < mean.length; u++) {
      double m = mean[u];
      out[u] = Double.isNaN(m) ? null : m <= low ? "niche" : m <= high ? "middle" : "mainstream";
    }
    return out;
  }

  private static double[] meanHistoryPopularity(Split split) {
    int[][] itemsByUser = trainItemsByUser(split);
    double trainUsers = Math.max(1, split.numTrainUsers());
    double[] out = new double[itemsByUser.length];
    for (int u = 0; u < out.length; u++) {
      if (itemsByUser[u].length == 0) {
        out[u] = Double.NaN;
        continue;
      }
      double s = 0;
      for (int it : itemsByUser[u]) {
        s += split.trainCountOfItem(it) / trainUsers;
      }
      out[u] = s / itemsByUser[u].length;
    }
    return out;
  }

  /**
   * Cold versus warm held-out items: {@code "cold"} when the item has fewer than {@code warmThreshold}
   * training users (with 1: never seen in training), else {@code "warm"}.
   *
   * @param warmThreshold the warm threshold
   * @return the cold versus warm held-out items
   */
  public static ItemGrouping coldWarm(int warmThreshold) {
    Checks.atLeast("warmThreshold", warmThreshold, 1);
    return (split, item) -> split.trainCountOfItem(item) < warmThreshold ? "cold" : "warm";
  }

  /**
   * Groups items by a function of their id (e.g. their genre or release decade).
   *
   * @param groupOfItemId the group of item id
   * @return the {@code ItemGrouping}
   */
  public static ItemGrouping byItemId(Function<String, String> groupOfItemId) {
    Objects.requireNonNull(groupOfItemId, "groupOfItemId");
    return (split, item) -> groupOfItemId.apply(split.data().items().id(item));
  }

  private static int[][] trainItemsByUser(Split split) {
    var train = split.train();
    int nu = split.data().users().size();
    Map<Integer, java.util.BitSet> m = new HashMap<>();
    for (int r = 0; r < train.size(); r++) {
      m.computeIfAbsent(train.user(r), k -> new java.util.BitSet()).set(train.item(r));
    }
    int[][] out = new int[nu][];
    for (int u = 0; u < nu; u++) {
      java.util.BitSet b = m.get(u);
      out[u] = b == null ? new int[0] : b.stream().toArray();
    }
    return out;
  }
}

package dev.recsys.benchmarks.matching;

import dev.recsys.core.model.Interactions;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** Generated listener-item plays with hidden tastes, for the matching benchmarks. */
final class MatchingFixtures {
  private MatchingFixtures() {}

  /**
   * {@code listeners} listeners with {@code perListener} distinct items each out of {@code items}, drawn 80%
   * from one of 50 taste groups (Zipf-like within the group) and 20% uniformly, plays 1 to 8.
   */
  static Interactions plays(int listeners, int items, int perListener, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int groups = 50;
    int size = items / groups;
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < listeners; u++) {
      int g = r.nextInt(groups);
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < perListener) {
        int item = r.nextDouble() < 0.8 ? g * size + (int) (size * Math.pow(r.nextDouble(), 2)) : r.nextInt(items);
        if (seen.add(item)) {
          b.add("l" + u, "t" + item, 1 + r.nextInt(8), 0, false);
        }
      }
    }
    return b.build();
  }
}

package dev.recsys.core.matching;

import dev.recsys.core.model.Interactions;
import java.util.SplittableRandom;

/**
 * Generated listening data with hidden taste: items fall in {@code clusters} groups; each listener draws most of
 * their items from one group (their taste) and the rest uniformly, with play counts of 1 to 5.
 */
public final class TasteClusters {
  private TasteClusters() {}

  /** The interactions: users {@code u0..}, items {@code i0..}. */
  public static Interactions generate(int listeners, int items, int clusters, int perListener, double focus, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    int size = items / clusters;
    for (int u = 0; u < listeners; u++) {
      int c = taste(u, clusters);
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      while (seen.size() < perListener) {
        int item = r.nextDouble() < focus ? c * size + r.nextInt(size) : r.nextInt(items);
        if (seen.add(item)) {
          b.add("u" + u, "i" + item, 1 + r.nextInt(5), 0, false);
        }
      }
    }
    return b.build();
  }

  /** The hidden taste of listener {@code u}. */
  public static int taste(int u, int clusters) {
    return u % clusters;
  }
}

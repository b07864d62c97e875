package dev.recsys.spark.eval;

import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.protocol.RandomSplit;
import dev.recsys.core.model.Interactions;
import java.util.SplittableRandom;

/** A small generated listening data set with taste clusters and a popularity skew, and its seeded random split. */
final class EvalData {
  private EvalData() {}

  static Interactions interactions(int users, int items, int perUser, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    int clusters = 6;
    for (int u = 0; u < users; u++) {
      int c = u % clusters;
      for (int e = 0; e < perUser; e++) {
        int item;
        if (rnd.nextDouble() < 0.7) {
          // an item of the listener's cluster, skewed to the cluster's first items
          int inCluster = items / clusters;
          item = c * inCluster + (int) (inCluster * Math.pow(rnd.nextDouble(), 2));
        } else {
          item = (int) (items * Math.pow(rnd.nextDouble(), 3));
        }
        b.add("u" + u, "i" + item, 1 + rnd.nextInt(3), 1_000_000L + e, false);
      }
    }
    return b.build();
  }

  static Split split(long seed) {
    return new RandomSplit(0.2, seed).split(interactions(300, 240, 25, seed));
  }
}

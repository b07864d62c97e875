package dev.recsys.core.eval.protocol;

import dev.recsys.core.eval.Protocol;
import dev.recsys.core.eval.Split;
import dev.recsys.core.eval.internal.Rows;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random per-interaction split: a uniformly random {@code testFraction} of all rows (rounded down) is held out,
 * regardless of user or time. The classic protocol of rating prediction; it leaks the future into training, so
 * prefer {@link TemporalSplit} for recommendation quality.
 *
 * @param testFraction the share of rows held out, in (0, 1)
 * @param seed drives the shuffle
 */
public record RandomSplit(double testFraction, long seed) implements Protocol {
  /** Validates the parameters. */
  public RandomSplit {
    Checks.inRange("testFraction", testFraction, Math.ulp(0.0), 1 - Math.ulp(1.0));
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public Split split(Interactions data) {
    int n = data.size();
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    int[] shuffled = Rows.shuffled(all, new SplittableRandom(seed));
    int nTest = (int) Math.floor(n * testFraction);
    int[] test = Arrays.copyOfRange(shuffled, 0, nTest);
    int[] train = Arrays.copyOfRange(shuffled, nTest, n);
    Arrays.sort(test);
    Arrays.sort(train);
    return Split.of(toString(), seed, data, train, test, null);
  }
}

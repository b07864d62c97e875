package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.core.spi.NextTrackDistribution;
import dev.recsys.graph.simulation.Worlds;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WalkProperties {
  @Property(tries = 60)
  void distributionIsNormalisedForAnyWeightsAndHistory(
      @ForAll @Size(8) java.util.List<@DoubleRange(min = -20, max = 20) Double> weights,
      @ForAll @IntRange(min = 0, max = 1999) int start, @ForAll @IntRange(min = 1, max = 300) int plays,
      @ForAll long seed) {
    Worlds.Fixture fx = Worlds.of(2000);
    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    SoftmaxWalkSampler s = fx.walk().withWeights(w);
    ListeningHistory h = new ListeningHistory(2000, 50);
    int[] walk = s.walk(start, plays, h, new SplittableRandom(seed));
    NextTrackDistribution d = s.distribution(walk[walk.length - 1], h);
    double sum = 0;
    Set<Integer> distinct = new HashSet<>();
    for (int i = 0; i < d.size(); i++) {
      assertTrue(d.probabilities()[i] >= 0 && Double.isFinite(d.probabilities()[i]));
      assertTrue(distinct.add(d.candidates()[i]), "duplicate candidate");
      assertTrue(d.candidates()[i] != walk[walk.length - 1], "the current track is not its own candidate");
      sum += d.probabilities()[i];
    }
    assertEquals(1.0, sum, 1e-9);
  }

  @Property(tries = 20)
  void uniformShufflePlaysEveryTrackOncePerPass(@ForAll @IntRange(min = 1, max = 60) int size, @ForAll long seed) {
    UniformShuffleSampler u = new UniformShuffleSampler(size);
    int[] walk = u.walk(0, 2 * size, new ListeningHistory(size, 10), new SplittableRandom(seed));
    for (int pass = 0; pass < 2; pass++) {
      Set<Integer> seen = new HashSet<>();
      for (int i = pass * size; i < (pass + 1) * size; i++) {
        seen.add(walk[i]);
      }
      assertEquals(size, seen.size(), "pass " + pass);
    }
  }
}

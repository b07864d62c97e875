package dev.recsys.graph.shuffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.internal.WalkKernel;
import dev.recsys.graph.simulation.Worlds;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact output of seeded walks (picks, every candidate, every feature value and every probability, bit
 * for bit) and checks that the scalar and Vector API kernels both give it. The values were derived with the
 * table-free exponential and the fixed-order sum of the softmax (the same with the scalar kernel and with 256-bit
 * and 512-bit vectors); a change of the walk's arithmetic changes them deliberately, and the changelog says so.
 */
class WalkGoldenTest {
  private static final int TRACKS = 2000;

  /** The default walk: eight features, the hard constraints on. */
  private static SoftmaxWalkSampler defaults() {
    return Worlds.of(TRACKS).walk();
  }

  /** Every built-in feature (drift too), a low temperature, candidates beyond the graph's k and a short half-life. */
  private static SoftmaxWalkSampler wide() {
    Worlds.Fixture fx = Worlds.of(TRACKS);
    Map<String, Double> w = SoftmaxWalkConfig.defaultWeights();
    w.put(WalkFeatures.DRIFT, 1.2);
    SoftmaxWalkConfig c = SoftmaxWalkConfig.builder().weights(w).temperature(0.5).maxCandidates(61)
        .recentNeighbourTracks(2).historyWindow(20).recencyHalfLife(3).build();
    return SoftmaxWalkSampler.create(fx.graph(), fx.attributes(), c);
  }

  /** Walks {@code steps} picks from track 0 and hashes every candidate, feature value, probability and pick. */
  static long digest(SoftmaxWalkSampler s, long seed, int steps) {
    StepBuffers buf = s.newBuffers();
    ListeningHistory h = new ListeningHistory(TRACKS, 64);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] w = s.weights();
    int cur = 0;
    h.play(cur);
    long d = 17;
    for (int i = 0; i < steps; i++) {
      int n = s.step(cur, h, w, buf);
      double[] x = buf.features();
      for (int r = 0; r < n; r++) {
        d = 31 * d + buf.candidates()[r];
        d = 31 * d + Double.doubleToLongBits(buf.probabilities()[r]);
        for (int f = 0; f < buf.featureCount(); f++) {
          d = 31 * d + Double.doubleToLongBits(x[r * buf.featureCount() + f]);
        }
      }
      cur = SoftmaxWalkSampler.draw(buf, n, rnd.nextDouble());
      d = 31 * d + cur;
      h.play(cur);
    }
    return d;
  }

  /** Digests of seeded walks (seeds 1, 2, 3). */
  private static final long[] DEFAULTS = {-5350760230883336106L, -8724906977180721356L, 8887161783037000156L};
  private static final long[] UNCONSTRAINED = {3958231975076992576L, 3179808816670544967L, 216203575982225970L};
  private static final long[] WIDE = {-6549215240118584027L, -2858518248873224687L, -7451802342120409825L};

  private static List<WalkKernel> kernels() {
    WalkKernel simd = WalkKernel.simdOrNull();
    return simd == null ? List.of(WalkKernel.scalar()) : List.of(WalkKernel.scalar(), simd);
  }

  private static void check(String name, Supplier<SoftmaxWalkSampler> walk, long[] expected, int steps) {
    for (WalkKernel k : kernels()) {
      SoftmaxWalkSampler s = walk.get().withKernel(k);
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], digest(s, i + 1, steps), name + " walk, seed " + (i + 1) + ", kernel " + k.name());
      }
    }
  }

  @Test
  void firstPicksOfASeededDefaultWalk() {
    for (WalkKernel k : kernels()) {
      SoftmaxWalkSampler s = defaults().withKernel(k);
      var steps = s.explainedWalk(0, 7, new ListeningHistory(TRACKS, 64), new SplittableRandom(1));
      int[] picks = new int[steps.size()];
      String[] probabilities = new String[steps.size()];
      for (int i = 0; i < picks.length; i++) {
        picks[i] = steps.get(i).track();
        probabilities[i] = Double.toHexString(steps.get(i).probability());
      }
      assertArrayEquals(new int[] {1185, 93, 856, 588, 575, 1384}, picks, k.name());
      assertArrayEquals(new String[] {"0x1.69ef796177f29p-5", "0x1.16f850d79a9a1p-4", "0x1.f3bc75e03539ep-6",
          "0x1.32c61885af0a7p-4", "0x1.5feaeaddf288fp-4", "0x1.3d73437e675c7p-5"}, probabilities, k.name());
    }
  }

  @Test
  void defaultWalksKeepTheirBits() {
    check("default", WalkGoldenTest::defaults, DEFAULTS, 300);
  }

  @Test
  void unconstrainedWalksKeepTheirBits() {
    check("unconstrained", () -> Worlds.of(TRACKS).unconstrained(), UNCONSTRAINED, 300);
  }

  @Test
  void walksWithEveryFeatureKeepTheirBits() {
    check("wide", WalkGoldenTest::wide, WIDE, 600);
  }

  @Test
  void theVectorKernelIsTheDefaultWhenTheModuleIsResolved() {
    assumeTrue(WalkKernel.simdOrNull() != null, "jdk.incubator.vector is not resolved");
    assertEquals(WalkKernel.simdOrNull(), WalkKernel.get());
  }
}

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
 * for bit) and checks that the scalar and Vector API kernels both give it, with and without the table of edge scores.
 * The values were derived with the edge-only features scored first, the table-free exponential and the fixed-order
 * sum of the softmax (the same with the scalar kernel and with 256-bit and 512-bit vectors); a change of the walk's
 * arithmetic changes them deliberately, and the changelog says so.
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
  private static final long[] DEFAULTS = {2408080592845854849L, 4535828225130403791L, 6362253201734249031L};
  private static final long[] UNCONSTRAINED = {6184190524733070520L, 5029561287000818045L, 4926362090667197598L};
  private static final long[] WIDE = {-8317292663207993892L, 6002804881222100766L, 768423678068991083L};

  private static List<WalkKernel> kernels() {
    WalkKernel simd = WalkKernel.simdOrNull();
    return simd == null ? List.of(WalkKernel.scalar()) : List.of(WalkKernel.scalar(), simd);
  }

  /**
   * Checks the digests with each kernel, both without and with the walk's table of edge scores (which a short walk
   * never builds by itself), so the step that takes the edge-only part of the scores from the table gives the same
   * bits as the one that computes every column.
   */
  private static void check(String name, Supplier<SoftmaxWalkSampler> walk, long[] expected, int steps) {
    for (WalkKernel k : kernels()) {
      for (boolean table : new boolean[] {false, true}) {
        for (int i = 0; i < expected.length; i++) {
          SoftmaxWalkSampler s = walk.get().withKernel(k);
          if (table) {
            s.buildEdgeScores();
          }
          assertEquals(expected[i], digest(s, i + 1, steps),
              name + " walk, seed " + (i + 1) + ", kernel " + k.name() + (table ? ", edge scores" : ""));
        }
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
      assertArrayEquals(new String[] {"0x1.69ef796177f2ap-5", "0x1.16f850d79a9a1p-4", "0x1.f3bc75e0353ap-6",
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

  /** Picks of a walk through {@link SoftmaxWalkSampler#sample} (this thread's buffers), hashed. */
  private static long picks(SoftmaxWalkSampler s, long seed, int steps) {
    ListeningHistory h = new ListeningHistory(TRACKS, 64);
    SplittableRandom rnd = new SplittableRandom(seed);
    int cur = 0;
    h.play(cur);
    long d = 17;
    for (int i = 0; i < steps; i++) {
      cur = s.sample(cur, h, rnd);
      d = 31 * d + cur;
      h.play(cur);
    }
    return d;
  }

  /**
   * The same seeds give the same walks whatever the number of threads sharing one sampler: eight seeded walks one
   * after another and the same walks on four threads at once agree pick for pick. The walks are long enough that
   * the shared sampler builds its table of edge scores part-way through, on whichever thread gets there first.
   */
  @Test
  void seededWalksAreTheSameWhateverTheThreadCount() throws Exception {
    int walks = 8;
    int steps = 700;
    SoftmaxWalkSampler sequential = Worlds.of(TRACKS).unconstrained();
    long[] expected = new long[walks];
    for (int i = 0; i < walks; i++) {
      expected[i] = picks(sequential, i, steps);
    }
    SoftmaxWalkSampler shared = Worlds.of(TRACKS).unconstrained();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Long>> got = new java.util.ArrayList<>();
      for (int i = 0; i < walks; i++) {
        long seed = i;
        got.add(pool.submit(() -> picks(shared, seed, steps)));
      }
      for (int i = 0; i < walks; i++) {
        assertEquals(expected[i], got.get(i).get(), "walk " + i);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theVectorKernelIsTheDefaultWhenTheModuleIsResolved() {
    assumeTrue(WalkKernel.simdOrNull() != null, "jdk.incubator.vector is not resolved");
    assertEquals(WalkKernel.simdOrNull(), WalkKernel.get());
  }
}

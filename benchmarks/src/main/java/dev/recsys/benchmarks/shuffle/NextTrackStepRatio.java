package dev.recsys.benchmarks.shuffle;

import dev.recsys.benchmarks.runner.HarnessArgs;
import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ratio of {@link NextTrackStepBenchmark}'s {@code impl=NAIVE} to {@code impl=BUFFERED} steps
 * ({@code constraints=off}, the same world, walks and seeds) in thread CPU time, the two walks taking turns in
 * rounds of one thread: a machine shared with other work slows both walks of a round alike and takes no CPU time
 * from either, so the ratio holds where the wall-clock times of two JMH runs minutes apart do not.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * dev.recsys.benchmarks.shuffle.NextTrackStepRatio [tracks=20000] [rounds=30] [warmup=8]}: per round,
 * {@code 200,000} buffered and {@code 5,000} naive steps; prints the median nanoseconds per step of each, the ratio
 * of the medians and the median of the rounds' ratios.
 */
public final class NextTrackStepRatio {
  private NextTrackStepRatio() {}

  /**
   * Runs the rounds and prints the result.
   *
   * @param args {@code tracks=}, {@code rounds=}, {@code warmup=} (rounds not counted)
   */
  public static void main(String[] args) {
    HarnessArgs a = HarnessArgs.parse(args);
    int tracks = a.getInt("tracks", 20_000);
    int rounds = a.getInt("rounds", 30);
    int warmup = a.getInt("warmup", 8);
    a.done();
    SyntheticWorld w = SyntheticWorld.generate(tracks, 50, 8, 32, 1);
    SimilarityGraph g =
        SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults().withK(50)).graph();
    TrackAttributes at = TrackAttributes.of(w.catalog(), w.clusters());
    Map<String, Double> eight = SoftmaxWalkConfig.defaultWeights();
    SoftmaxWalkConfig cfg = SoftmaxWalkConfig.builder().weights(eight).unconstrained().build();
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(g, at, cfg);
    NaiveSoftmaxWalk naive =
        new NaiveSoftmaxWalk(g, at, eight, cfg.recencyHalfLife(), cfg.tempoScale(), cfg.historyWindow());
    Walker buffered = new Walker(tracks) {
      final StepBuffers buf = walk.newBuffers();
      final double[] weights = walk.weights();

      @Override
      int next() {
        return walk.sample(current, history, weights, buf, random);
      }
    };
    Walker plain = new Walker(tracks) {
      @Override
      int next() {
        return naive.sample(current, history, random);
      }
    };
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double[] fast = new double[rounds];
    double[] slow = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = -warmup; r < rounds; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      buffered.steps(200_000);
      long t1 = mx.getCurrentThreadCpuTime();
      plain.steps(5_000);
      long t2 = mx.getCurrentThreadCpuTime();
      if (r >= 0) {
        fast[r] = (t1 - t0) / 200_000.0;
        slow[r] = (t2 - t1) / 5_000.0;
        ratio[r] = slow[r] / fast[r];
      }
    }
    System.out.printf("tracks=%d rounds=%d: BUFFERED %.1f ns, NAIVE %.0f ns per step (medians of thread CPU time); "
        + "ratio of the medians %.1fx, median of the rounds' ratios %.1fx%n", tracks, rounds, median(fast),
        median(slow), median(slow) / median(fast), median(ratio));
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A walk as the benchmark takes it: from track 0, each pick played into its own history. */
  private abstract static class Walker {
    final ListeningHistory history;
    final SplittableRandom random = new SplittableRandom(7);
    int current;

    Walker(int tracks) {
      history = new ListeningHistory(tracks, 50);
      history.play(0);
    }

    abstract int next();

    void steps(int count) {
      for (int i = 0; i < count; i++) {
        current = next();
        history.play(current);
      }
    }
  }
}

package dev.recsys.benchmarks.shuffle;

import dev.recsys.core.spi.ListeningHistory;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.StepBuffers;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One next-track step of the smart shuffle at k = 50 with the eight features of the default weights (similarity,
 * recency, never-played, same-artist, artist-recent, key, tempo, diversity): gather candidates, compute features,
 * score, softmax, draw, record the play. {@code BUFFERED}
 * is {@link SoftmaxWalkSampler#sample(int, ListeningHistory, double[], StepBuffers, java.util.random.RandomGenerator)}
 * with caller buffers; {@code THREAD_LOCAL} is the {@code NextTrackSampler.sample} path; {@code NAIVE} is
 * {@link NaiveSoftmaxWalk}. {@code constraints=off} is the walk without hard constraints (the same work as
 * {@code NAIVE}); {@code constraints=default} adds the default "no repeat within 50 plays, no artist twice within 3"
 * filters (the naive walk ignores the parameter). Run with {@code -prof gc} to see the allocation per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class NextTrackStepBenchmark {
  /** The competing implementations. */
  public enum Impl { BUFFERED, THREAD_LOCAL, NAIVE }

  @Param({"BUFFERED", "THREAD_LOCAL", "NAIVE"})
  public Impl impl;

  @Param({"20000"})
  public int tracks;

  @Param({"off", "default"})
  public String constraints;

  private SoftmaxWalkSampler walk;
  private NaiveSoftmaxWalk naive;
  private StepBuffers buf;
  private double[] weights;
  private ListeningHistory history;
  private SplittableRandom random;
  private int current;

  /** Builds a world, its k = 50 graph and the walk. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticWorld w = SyntheticWorld.generate(tracks, 50, 8, 32, 1);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults().withK(50)).graph();
    TrackAttributes at = TrackAttributes.of(w.catalog(), w.clusters());
    Map<String, Double> eight = SoftmaxWalkConfig.defaultWeights();
    SoftmaxWalkConfig.Builder b = SoftmaxWalkConfig.builder().weights(eight);
    if (constraints.equals("off")) {
      b.unconstrained();
    }
    SoftmaxWalkConfig cfg = b.build();
    walk = SoftmaxWalkSampler.create(g, at, cfg);
    naive = new NaiveSoftmaxWalk(g, at, eight, cfg.recencyHalfLife(), cfg.tempoScale(), cfg.historyWindow());
    buf = walk.newBuffers();
    weights = walk.weights();
    history = new ListeningHistory(tracks, 50);
    random = new SplittableRandom(7);
    current = 0;
    history.play(current);
  }

  /** One step of the walk. */
  @Benchmark
  public int step() {
    int next = switch (impl) {
      case BUFFERED -> walk.sample(current, history, weights, buf, random);
      case THREAD_LOCAL -> walk.sample(current, history, random);
      case NAIVE -> naive.sample(current, history, random);
    };
    history.play(next);
    current = next;
    return next;
  }
}

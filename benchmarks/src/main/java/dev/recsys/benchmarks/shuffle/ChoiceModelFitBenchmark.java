package dev.recsys.benchmarks.shuffle;

import dev.recsys.graph.choice.ChoiceData;
import dev.recsys.graph.choice.ChoiceModel;
import dev.recsys.graph.choice.ChoiceModelFitter;
import dev.recsys.graph.choice.ChoiceModelConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkConfig;
import dev.recsys.graph.shuffle.SoftmaxWalkSampler;
import dev.recsys.graph.shuffle.TrackAttributes;
import dev.recsys.graph.similarity.SimilarityGraph;
import dev.recsys.graph.similarity.SimilarityGraphBuilder;
import dev.recsys.graph.similarity.SimilarityGraphConfig;
import dev.recsys.graph.simulation.ListenerSimulator;
import dev.recsys.graph.simulation.ShuffleExperiment;
import dev.recsys.graph.simulation.SimulatedListener;
import dev.recsys.graph.simulation.SyntheticWorld;
import java.util.ArrayList;
import java.util.List;
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
 * Fits the conditional-logit choice model to 100,000 simulated choices (sets of 50 candidates, 8 features), by
 * Newton and by L-BFGS.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class ChoiceModelFitBenchmark {
  @Param({"NEWTON", "LBFGS"})
  public ChoiceModelConfig.Method method;

  @Param({"100000"})
  public int choices;

  private ChoiceData data;

  /** Simulates the choices. */
  @Setup(Level.Trial)
  public void setup() {
    SyntheticWorld w = SyntheticWorld.generate(5000, 20, 8, 16, 3);
    SimilarityGraph g = SimilarityGraphBuilder.exact(w.vectors(), w.catalog(), SimilarityGraphConfig.defaults().withK(50)).graph();
    SoftmaxWalkSampler walk = SoftmaxWalkSampler.create(g, TrackAttributes.of(w.catalog(), w.clusters()), SoftmaxWalkConfig.defaults());
    SplittableRandom rnd = new SplittableRandom(4);
    List<SimulatedListener> ls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ls.add(SimulatedListener.withRandomTaste(ShuffleExperiment.DEFAULT_TRUE_WEIGHTS, 20, 0, rnd));
    }
    data = new ListenerSimulator(walk, w.clusters()).simulate(ls, choices / 40, 41, 5).choices();
  }

  /** One fit. */
  @Benchmark
  public ChoiceModel fit() {
    return new ChoiceModelFitter(ChoiceModelConfig.defaults().withMethod(method)).fit(data);
  }
}

package dev.recsys.benchmarks.twotower;

import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.embedding.twotower.TrainingPairs;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerModel;
import dev.recsys.embedding.twotower.TwoTowerTrainer;
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
 * Training throughput: one epoch of 8 batches through the shared training loop (gradient, Adam over all
 * parameters, model copy at the end), by kernel and batch size. Examples per second = 8 x batch / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TwoTowerTrainingBenchmark {
  /** Batches per measured epoch. */
  public static final int BATCHES = 8;

  @Param({"256", "1024"})
  public int batch;

  @Param({"JAVA", "ND4J", "FUSED"})
  public TwoTowerConfig.Kernel kernel;

  private TrainingPairs pairs;
  private TwoTowerConfig model;
  private TrainingConfig training;

  @Setup(Level.Trial)
  public void setUp() {
    pairs = TwoTowerFixtures.pairs(BATCHES * batch, 1);
    model = TwoTowerConfig.builder().outputDimension(64).hiddenLayers(128).kernel(kernel).seed(1).build();
    training = TrainingConfig.builder().epochs(1).batchSize(batch).seed(1).optimizer(OptimizerConfig.adam(1e-3))
        .earlyStopping(EarlyStopping.none()).build();
  }

  @Benchmark
  public TwoTowerModel trainEpoch() {
    return new TwoTowerTrainer(model, training).fit(TwoTowerFixtures.QUERY, TwoTowerFixtures.ITEM, pairs, null,
        TrainingListener.NONE);
  }
}

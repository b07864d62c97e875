package dev.recsys.benchmarks.embedding;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.internal.Act;
import dev.recsys.embedding.internal.AutoencoderTrainable;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.Mlp;
import java.util.Arrays;
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
 * One autoencoder training epoch on 100k tracks (90k trained, 10k validated) of 12 PCA components through the
 * shared {@link TrainingLoop}, default network ({@link AutoencoderConfig#DEFAULT}: 12 -> 128 -> 64 -> 16 -> 64 -> 128 ->
 * 12, tanh, Adam), with the matrix products on
 * plain Java or ND4J's native BLAS, at two batch sizes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class AutoencoderTrainingBenchmark {
  @Param({"JAVA", "ND4J"})
  public Gemm.Kind kernel;

  @Param({"256", "1024"})
  public int batch;

  private float[] train;
  private float[] validation;
  private Mlp mlp;
  private float[] init;
  private AutoencoderTrainable trainable;

  @Setup
  public void setup() {
    FeatureMatrix x = EmbeddingData.features(100_000, 12, 4);
    train = Arrays.copyOfRange(x.data(), 0, 90_000 * 12);
    validation = Arrays.copyOfRange(x.data(), 90_000 * 12, 100_000 * 12);
    AutoencoderConfig c = AutoencoderConfig.DEFAULT;
    mlp = Mlp.autoencoder(12, c.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(), c.bottleneck(),
        Act.valueOf(c.activation().name()));
    init = new float[mlp.parameterCount()];
    mlp.initialise(init, 1);
  }

  @Setup(Level.Invocation)
  public void fresh() {
    trainable = new AutoencoderTrainable(mlp, init.clone(), train, validation, batch, kernel.create());
  }

  @Benchmark
  public TrainingResult epoch() {
    TrainingConfig c = TrainingConfig.builder().epochs(1).batchSize(batch).optimizer(OptimizerConfig.adam(1e-3))
        .earlyStopping(EarlyStopping.none()).build();
    return new TrainingLoop(c).fit(trainable, TrainingListener.NONE);
  }
}

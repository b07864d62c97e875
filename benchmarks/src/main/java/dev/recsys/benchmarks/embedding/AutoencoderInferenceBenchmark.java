package dev.recsys.benchmarks.embedding;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.AutoencoderConfig;
import dev.recsys.embedding.PcaAutoencoderEmbedder;
import dev.recsys.embedding.PcaAutoencoderModel;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.embedding.internal.Act;
import dev.recsys.embedding.internal.Mlp;
import dev.recsys.embedding.internal.Nd4jEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PCA + autoencoder inference throughput in tracks per second on 15 features, all 15 PCA components kept (so the
 * work per track is fixed: {@link #FLOPS_PER_TRACK}), default network ({@link AutoencoderConfig#DEFAULT}: hidden 128
 * and 64, bottleneck 16). The target is a share of the FMA peak measured by
 * {@link dev.recsys.benchmarks.machine.PeakFlopsBenchmark} in the same run. {@code JAVA_ROW} is {@link PcaAutoencoderModel#embedAll} as shipped
 * (plain-Java row kernel on all cores; bit-identical to single-track {@code embed}); {@code ND4J_BATCH} is one native
 * GEMM per layer over the whole batch ({@link Nd4jEncoder}). {@code single} measures one-track latency.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class AutoencoderInferenceBenchmark {
  static final int ROWS = 100_000;
  /** Features per track, all kept as PCA components. */
  static final int FEATURES = 15;
  /**
   * Floating-point operations per embedded track (a multiply and an add per weight): the PCA projection
   * (15 x 15) and the encoder layers 15 x 128, 128 x 64 and 64 x 16.
   */
  public static final int FLOPS_PER_TRACK = 2 * (FEATURES * FEATURES + FEATURES * 128 + 128 * 64 + 64 * 16);

  /** The competing implementations. */
  public enum Impl { JAVA_ROW, ND4J_BATCH }

  @Param({"JAVA_ROW", "ND4J_BATCH"})
  public Impl impl;

  private FeatureMatrix data;
  private PcaAutoencoderModel model;
  private Nd4jEncoder nd4j;
  private float[] one;

  @Setup
  public void setup() {
    data = EmbeddingData.features(ROWS, FEATURES, 2);
    model = new PcaAutoencoderEmbedder(AutoencoderConfig.builder().pca(PcaConfig.ofComponents(FEATURES)).epochs(2).seed(1)
        .build()).fit(EmbeddingData.features(20_000, FEATURES, 3), TrainingListener.NONE);
    AutoencoderConfig c = model.config();
    Mlp mlp = Mlp.autoencoder(model.pca().dimension(), c.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(),
        c.bottleneck(), Act.valueOf(c.activation().name()));
    nd4j = new Nd4jEncoder(model.pca().mean(), model.pca().components(), mlp, model.parameters(), c.hiddenSizes().size() + 1,
        model.codeCentre());
    one = data.row(7);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Object batch() {
    return switch (impl) {
      case JAVA_ROW -> model.embedAll(data);
      case ND4J_BATCH -> nd4j.embedAll(data.data(), ROWS);
    };
  }

  @Benchmark
  public float[] single() {
    return impl == Impl.JAVA_ROW ? model.embed(one) : nd4j.embedAll(one, 1);
  }
}

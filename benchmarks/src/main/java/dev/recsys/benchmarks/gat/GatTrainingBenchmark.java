package dev.recsys.benchmarks.gat;

import dev.recsys.core.spi.TrainingListener;
import dev.recsys.graph.gat.GatConfig;
import dev.recsys.graph.gat.GatModel;
import dev.recsys.graph.gat.GatTrainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training epoch of the content graph attention network ({@code oneEpochV2}) against the version 1 network
 * ({@code oneEpoch}, the baseline of the same run), each a whole one-epoch fit: graph construction, the epoch, its
 * validation, the session-kNN blend choice (v2) and the serving model. Data: the TidyTuesday playlists (default) or
 * a 100k-track synthetic world ({@code -p data=SYNTHETIC_100K}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class GatTrainingBenchmark {
  @Param({"TIDYTUESDAY"})
  public GatData.Source data;

  /**
   * Networks of the content GAT's ensemble: {@code default} for {@link dev.recsys.graph.gat.GatV2Config#defaults()}
   * (three), or a number ({@code -p ensemble=1}: one network, one epoch).
   */
  @Param({"default"})
  public String ensemble;

  private GatData loaded;

  @Setup
  public void setup() {
    loaded = GatData.load(data);
  }

  /**
   * One epoch of the content GAT (v2, default configuration: 64 dimensions, two layers of 10 sampled co-occurring
   * tracks, 512 shared negatives, batch 256; each network of the ensemble one epoch), graph construction and
   * validation included.
   *
   * @return the model
   */
  @Benchmark
  public dev.recsys.graph.gat.GatV2Model oneEpochV2() {
    dev.recsys.graph.gat.GatV2Config config = dev.recsys.graph.gat.GatV2Config.defaults().withEpochs(1);
    if (!ensemble.equals("default")) {
      config = config.withEnsemble(Integer.parseInt(ensemble));
    }
    return new dev.recsys.graph.gat.GatV2Trainer(config).fit(loaded.catalog, loaded.interactions,
        TrainingListener.NONE);
  }

  /**
   * One epoch of the version 1 network (32 dimensions, 4 heads, 16 sampled neighbours per edge type, 8 negatives,
   * batch 256), graph construction and validation included: the baseline.
   *
   * @return the model
   */
  @Benchmark
  public GatModel oneEpoch() {
    return new GatTrainer(GatConfig.defaults().withEpochs(1)).fit(loaded.catalog, loaded.interactions,
        TrainingListener.NONE);
  }
}

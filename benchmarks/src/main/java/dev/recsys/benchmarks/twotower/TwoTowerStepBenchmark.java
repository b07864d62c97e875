package dev.recsys.benchmarks.twotower;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.embedding.twotower.HistoryTwoTowerConfig;
import dev.recsys.embedding.twotower.HistoryTwoTowerRecommender;
import dev.recsys.embedding.twotower.TrainingPairs;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerTrainer;
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
 * Training steps of the two-tower paths at batch 256, in one run so that their ratios share the machine's state:
 * one measured call trains {@code batches} batches of {@value #BATCH} examples, so examples per second =
 * {@code batches} x 256 / time.
 *
 * <ul>
 *   <li>{@code FUSED}, {@code ND4J} and {@code JAVA}: the feature two-tower ({@link TwoTowerTrainer}) on the shapes
 *       of {@link TwoTowerFixtures} (10,000 listeners and tracks, one 128-wide hidden layer, 64-wide outputs,
 *       in-batch softmax, Adam) with that kernel ({@code FUSED}: Vector API products, fused softmax, parallel
 *       towers, row-sparse Adam); each call also initialises the network and copies the model out.</li>
 *   <li>{@code HISTORY}: the history two-tower ({@link HistoryTwoTowerRecommender}, 64 wide, the last 200 plays
 *       pooled, full softmax over a 10,000-track catalogue, content off, all processors) for one epoch of
 *       {@code batches} x 256 / 8 listeners x 8 cuts; each call also orders the histories and computes the final
 *       track vectors.</li>
 * </ul>
 *
 * The two models differ in shape and loss, so the ratio says how fast each path turns examples into updates on this
 * machine, not that they do the same work per example.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class TwoTowerStepBenchmark {
  /** Examples per batch. */
  public static final int BATCH = 256;

  /** The training path. */
  public enum Path {
    /** Feature two-tower, fused kernel (the default). */
    FUSED,
    /** Feature two-tower, ND4J kernel. */
    ND4J,
    /** Feature two-tower, plain-Java kernel. */
    JAVA,
    /** History two-tower. */
    HISTORY
  }

  @Param({"JAVA", "ND4J", "FUSED", "HISTORY"})
  public Path path;

  /** Batches per measured call. */
  @Param({"64"})
  public int batches;

  private TrainingPairs pairs;
  private TwoTowerConfig model;
  private TrainingConfig training;
  private Interactions histories;
  private HistoryTwoTowerConfig history;

  @Setup(Level.Trial)
  public void setUp() {
    if (path == Path.HISTORY) {
      int listeners = batches * BATCH / 8;
      SplittableRandom r = new SplittableRandom(1);
      Interactions.Builder b = Interactions.builder();
      for (int u = 0; u < listeners; u++) {
        int plays = 100 + r.nextInt(200);
        for (int p = 0; p < plays; p++) {
          b.add("u" + u, "t" + r.nextInt(TwoTowerFixtures.ITEMS), 1, 1_000_000L + p, false);
        }
      }
      // every track of the catalogue appears once, so the softmax runs over all 10,000
      for (int i = 0; i < TwoTowerFixtures.ITEMS; i++) {
        b.add("u" + (i % listeners), "t" + i, 1, 500_000L + i, false);
      }
      histories = b.build();
      HistoryTwoTowerConfig d = HistoryTwoTowerConfig.defaults();
      history = new HistoryTwoTowerConfig(64, 200, 1, 8, d.targetFraction(), BATCH, d.learningRate(),
          d.weightDecay(), d.historyDropout(), false, false, d.fullSoftmaxLimit(), d.sampledNegatives(), 0,
          d.outputInitScale(), false, false, d.genreSmoothing(), 0, d.itemItemLambda(), 0, 0, 1, 0, 1); // the two-tower alone: no item-item blend
    } else {
      pairs = TwoTowerFixtures.pairs(batches * BATCH, 1);
      model = TwoTowerConfig.builder().outputDimension(64).hiddenLayers(128)
          .kernel(TwoTowerConfig.Kernel.valueOf(path.name())).seed(1).build();
      training = TrainingConfig.builder().epochs(1).batchSize(BATCH).seed(1).optimizer(OptimizerConfig.adam(1e-3))
          .earlyStopping(EarlyStopping.none()).build();
    }
  }

  @Benchmark
  public Object train() {
    if (path == Path.HISTORY) {
      return HistoryTwoTowerRecommender.fit(histories, Catalog.of(List.of()), history);
    }
    return new TwoTowerTrainer(model, training).fit(TwoTowerFixtures.QUERY, TwoTowerFixtures.ITEM, pairs, null,
        TrainingListener.NONE);
  }
}

package dev.recsys.benchmarks.twotower;

import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.embedding.twotower.TowerRow;
import dev.recsys.embedding.twotower.TwoTowerConfig;
import dev.recsys.embedding.twotower.TwoTowerModel;
import dev.recsys.embedding.twotower.TwoTowerTrainer;
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

/** Tower inference: embedding a batch of rows (rows per second = rows / time) and one row. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TowerInferenceBenchmark {
  @Param({"1", "1024"})
  public int rows;

  private TwoTowerModel model;
  private List<TowerRow> queries;
  private List<TowerRow> items;

  @Setup(Level.Trial)
  public void setUp() {
    model = new TwoTowerTrainer(TwoTowerConfig.builder().outputDimension(64).hiddenLayers(128).seed(1).build(),
        TrainingConfig.builder().epochs(1).batchSize(256).earlyStopping(EarlyStopping.none()).build())
        .fit(TwoTowerFixtures.QUERY, TwoTowerFixtures.ITEM, TwoTowerFixtures.pairs(512, 1), null, TrainingListener.NONE);
    SplittableRandom r = new SplittableRandom(2);
    queries = new ArrayList<>();
    items = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      queries.add(TwoTowerFixtures.queryRow(r));
      items.add(TwoTowerFixtures.itemRow(r.nextInt(TwoTowerFixtures.ITEMS), r));
    }
  }

  @Benchmark
  public float[][] listenerTower() {
    return model.embedQueries(queries);
  }

  @Benchmark
  public float[][] trackTower() {
    return model.embedItems(items);
  }
}

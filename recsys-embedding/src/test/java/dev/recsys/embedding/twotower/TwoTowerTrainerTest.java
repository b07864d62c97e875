package dev.recsys.embedding.twotower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.Payload;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.CheckpointPolicy;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Training through the shared loop: determinism, resume, one-versus-batch embedding, persistence, validation. */
class TwoTowerTrainerTest {
  static final FeatureSchema Q = FeatureSchema.of(new FeatureInput.Id("user", 30, 4, 6),
      new FeatureInput.MultiHot("recent", 40, 6), new FeatureInput.Dense("profile", 3));
  static final FeatureSchema I = FeatureSchema.of(new FeatureInput.Id("item", 40, 4, 6),
      new FeatureInput.Dense("content", 2));

  /** Users of 4 groups like the items of their group. */
  static TrainingPairs pairs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] users = new int[n];
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      users[i] = r.nextInt(30);
      items[i] = (users[i] % 4) * 10 + r.nextInt(10);
    }
    return new TrainingPairs() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public TowerRow query(int e) {
        int g = users[e] % 4;
        return new TowerRow(new int[] {users[e]}, new int[][] {{g * 10, g * 10 + 1}}, new float[] {g, 1, -g});
      }

      @Override
      public TowerRow item(int e) {
        return new TowerRow(new int[] {items[e]}, new int[0][], new float[] {items[e] / 10, 0.5f});
      }

      @Override
      public int itemKey(int e) {
        return items[e];
      }
    };
  }

  static TrainingConfig training(int epochs) {
    return TrainingConfig.builder().epochs(epochs).batchSize(32).seed(9).optimizer(OptimizerConfig.adam(1e-2))
        .earlyStopping(EarlyStopping.none()).build();
  }

  static TwoTowerConfig model(TwoTowerLoss loss, TwoTowerConfig.Kernel kernel) {
    return TwoTowerConfig.builder().outputDimension(8).hiddenLayers(16).loss(loss).kernel(kernel).seed(4).build();
  }

  static float[] allWeights(TwoTowerModel m) {
    Payload.Writer w = Payload.writer();
    m.write(w);
    byte[] b = w.toByteArray();
    float[] f = new float[b.length];
    for (int i = 0; i < b.length; i++) {
      f[i] = b[i];
    }
    return f;
  }

  @ParameterizedTest
  @CsvSource({"SAMPLED_SOFTMAX, JAVA", "TRIPLET, JAVA", "SAMPLED_SOFTMAX, FUSED", "TRIPLET, FUSED"})
  void learnsTheGroupsAndIsDeterministic(TwoTowerLoss loss, TwoTowerConfig.Kernel kernel) {
    TrainingPairs p = pairs(600, 1);
    TwoTowerModel a = new TwoTowerTrainer(model(loss, kernel), training(6)).fit(Q, I, p, null, TrainingListener.NONE);
    TwoTowerModel b = new TwoTowerTrainer(model(loss, kernel), training(6)).fit(Q, I, p, null, TrainingListener.NONE);
    assertArrayEquals(allWeights(a), allWeights(b));
    // a user of group g scores items of group g above the others
    int correct = 0;
    for (int u = 0; u < 30; u++) {
      float[] q = a.embedQuery(p.query(indexOfUser(p, u)));
      int g = u % 4;
      double in = 0;
      double out = 0;
      for (int it = 0; it < 40; it++) {
        float[] v = a.embedItem(new TowerRow(new int[] {it}, new int[0][], new float[] {it / 10, 0.5f}));
        double s = HybridRecommenderTrainer.dot(q, v);
        if (it / 10 == g) {
          in += s / 10;
        } else {
          out += s / 30;
        }
      }
      if (in > out) {
        correct++;
      }
    }
    assertTrue(correct >= 27, correct + " of 30 users prefer their group");
  }

  static int indexOfUser(TrainingPairs p, int user) {
    for (int e = 0; e < p.size(); e++) {
      if (p.query(e).ids()[0] == user) {
        return e;
      }
    }
    throw new AssertionError("user " + user + " not in the pairs");
  }

  @ParameterizedTest
  @EnumSource(TwoTowerConfig.Kernel.class)
  void resumedRunContinuesBitForBit(TwoTowerConfig.Kernel kernel, @TempDir Path tmp) throws Exception {
    TrainingPairs p = pairs(300, 2); // 10 steps per epoch
    Path ckpt = tmp.resolve("ckpt.rsm");
    TwoTowerModel full = new TwoTowerTrainer(model(TwoTowerLoss.SAMPLED_SOFTMAX, kernel), training(3),
        new CheckpointPolicy(ckpt, 7, 0)).fit(Q, I, p, null, TrainingListener.NONE);
    assertTrue(Files.exists(ckpt)); // last written after step 28 of 30
    TwoTowerModel resumed = new TwoTowerTrainer(model(TwoTowerLoss.SAMPLED_SOFTMAX, kernel), training(3))
        .resume(ckpt, Q, I, p, null, TrainingListener.NONE);
    assertArrayEquals(allWeights(full), allWeights(resumed));
  }

  @Property(tries = 20)
  void oneRowEmbedsLikeItsBatchRow(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 0, max = 39) int pick) {
    TwoTowerModel m = trained();
    TrainingPairs p = pairs(n, n);
    List<TowerRow> qs = new ArrayList<>();
    List<TowerRow> is = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      qs.add(p.query(i));
      is.add(p.item(i));
    }
    int i = pick % n;
    assertArrayEquals(m.embedQueries(qs)[i], m.embedQuery(qs.get(i)));
    assertArrayEquals(m.embedItems(is)[i], m.embedItem(is.get(i)));
    float[] v = m.embedQuery(qs.get(i));
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertEquals(1.0, norm, 1e-5);
  }

  private static TwoTowerModel cached;

  static synchronized TwoTowerModel trained() {
    if (cached == null) {
      cached = new TwoTowerTrainer(model(TwoTowerLoss.SAMPLED_SOFTMAX, TwoTowerConfig.Kernel.JAVA), training(2))
          .fit(Q, I, pairs(200, 3), null, TrainingListener.NONE);
    }
    return cached;
  }

  @Test
  void persistsAndRefusesBadRows() throws Exception {
    TwoTowerModel m = trained();
    Payload.Writer w = Payload.writer();
    m.write(w);
    TwoTowerModel back = TwoTowerModel.read(Payload.reader(w.toByteArray()));
    TowerRow q = pairs(5, 5).query(0);
    assertArrayEquals(m.embedQuery(q), back.embedQuery(q));
    assertEquals(m.config(), back.config());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.embedQuery(new TowerRow(new int[] {34}, new int[][] {{}}, new float[3])));
    assertTrue(e.getMessage().contains("id input 'user' must be in [0, 33]; value=34"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> m.embedQuery(new TowerRow(new int[] {1}, new int[][] {{}}, new float[] {1, Float.NaN, 0})));
    assertTrue(e.getMessage().contains("dense[1]=NaN"), e.getMessage());
  }

  @Test
  void validationMetricDrivesEarlyStopping() {
    List<Double> seen = new ArrayList<>();
    TwoTowerTrainer t = new TwoTowerTrainer(model(TwoTowerLoss.SAMPLED_SOFTMAX, TwoTowerConfig.Kernel.JAVA),
        TrainingConfig.builder().epochs(30).batchSize(32).seed(9).optimizer(OptimizerConfig.adam(1e-2))
            .earlyStopping(new EarlyStopping(true, 1, 0, true, EarlyStopping.Mode.MAXIMIZE)).build());
    int[] calls = {0};
    t.fit(Q, I, pairs(100, 1), m -> {
      calls[0]++;
      double v = calls[0] <= 2 ? calls[0] : 0; // improves twice, then drops
      seen.add(v);
      return v;
    }, TrainingListener.NONE);
    assertEquals(3, t.result().epochsRun());
    assertEquals(2, t.result().bestEpoch());
    assertTrue(t.result().restoredBest());
  }

  @Test
  void configValidationNamesTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TwoTowerConfig.builder().temperature(0).build());
    assertEquals("temperature must be in [0.001, 10.0]; temperature=0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TwoTowerConfig.builder().hiddenLayers(8, 0).build());
    assertEquals("hiddenLayers[1] must be in [1, 8192]; hiddenLayers[1]=0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureSchema.of(new FeatureInput.Dense("a", 2),
        new FeatureInput.Dense("a", 1)));
    assertTrue(e.getMessage().startsWith("duplicate input name 'a'"), e.getMessage());
    assertTrue(TwoTowerConfig.defaults().toString().contains("logQCorrection=true"));
  }
}

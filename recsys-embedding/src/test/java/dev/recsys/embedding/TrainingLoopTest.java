package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.CheckpointPolicy;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.Trainable;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.internal.Act;
import dev.recsys.embedding.internal.AutoencoderTrainable;
import dev.recsys.embedding.internal.JavaGemm;
import dev.recsys.embedding.internal.Mlp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
  @TempDir
  Path dir;

  private static final Mlp MLP = new Mlp(new int[] {6, 10, 3, 10, 6}, new Act[] {Act.TANH, Act.IDENTITY, Act.TANH, Act.IDENTITY});

  private static float[] data(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * 6];
    for (int i = 0; i < rows; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < 6; j++) {
        x[i * 6 + j] = (float) (a * Math.sin(j + 1) + b * Math.cos(j) + 0.1 * r.nextGaussian());
      }
    }
    return x;
  }

  /** The autoencoder trainable, optionally failing on the n-th gradient call (a simulated crash). */
  private static Trainable autoencoder(long initSeed, int crashAt) {
    float[] params = new float[MLP.parameterCount()];
    MLP.initialise(params, initSeed);
    AutoencoderTrainable t = new AutoencoderTrainable(MLP, params, data(300, 1), data(60, 2), 32, new JavaGemm());
    if (crashAt < 0) {
      return t;
    }
    return new Trainable() {
      int calls;

      @Override
      public float[] parameters() {
        return t.parameters();
      }

      @Override
      public int trainingExamples() {
        return t.trainingExamples();
      }

      @Override
      public double gradient(int[] batch, float[] gradient, long batchSeed) {
        if (++calls == crashAt) {
          throw new IllegalStateException("simulated crash");
        }
        return t.gradient(batch, gradient, batchSeed);
      }

      @Override
      public double validate() {
        return t.validate();
      }
    };
  }

  private static TrainingConfig config() {
    return TrainingConfig.builder().epochs(7).batchSize(32).seed(11)
        .optimizer(OptimizerConfig.adam(1e-2).withClipNorm(5))
        .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 1, 1e-3, 1e-4))
        .earlyStopping(new EarlyStopping(true, 3, 1e-4, true, EarlyStopping.Mode.MINIMIZE)).build();
  }

  @Test
  void resumeFromMidEpochCheckpointContinuesBitForBit() throws Exception {
    Trainable straight = autoencoder(5, -1);
    TrainingResult a = new TrainingLoop(config()).fit(straight, TrainingListener.NONE);

    Path file = dir.resolve("ckpt.rsm");
    Trainable crashing = autoencoder(5, 45);
    assertThrows(IllegalStateException.class,
        () -> new TrainingLoop(config(), new CheckpointPolicy(file, 7, 0)).fit(crashing, TrainingListener.NONE));
    assertTrue(Files.exists(file));

    Trainable resumed = autoencoder(999, -1); // different initial weights: the checkpoint must overwrite them
    TrainingResult b = new TrainingLoop(config(), new CheckpointPolicy(file, 7, 0)).resume(file, resumed, TrainingListener.NONE);
    assertArrayEquals(straight.parameters(), resumed.parameters());
    assertEquals(a, b);
  }

  @Test
  void resumeFromEpochCheckpointContinuesBitForBit() throws Exception {
    Trainable straight = autoencoder(6, -1);
    new TrainingLoop(config()).fit(straight, TrainingListener.NONE);
    Path file = dir.resolve("epoch.rsm");
    assertThrows(IllegalStateException.class, () -> new TrainingLoop(config(), CheckpointPolicy.everyEpoch(file))
        .fit(autoencoder(6, 25), TrainingListener.NONE));
    Trainable resumed = autoencoder(1, -1);
    new TrainingLoop(config()).resume(file, resumed, TrainingListener.NONE);
    assertArrayEquals(straight.parameters(), resumed.parameters());
  }

  @Test
  void checkpointsCarryTheModelsOwnState() throws Exception {
    Path file = dir.resolve("state.rsm");
    byte[][] restored = new byte[1][];
    class Stateful extends Scripted {
      Stateful() {
        super(1, 1, 1, 1);
      }

      @Override
      public byte[] saveState() {
        return new byte[] {7, -1, (byte) epoch};
      }

      @Override
      public void restoreState(byte[] state) {
        restored[0] = state;
      }
    }
    TrainingConfig c = TrainingConfig.builder().epochs(4).batchSize(5).optimizer(OptimizerConfig.sgd(0.1, 0))
        .earlyStopping(EarlyStopping.none()).build();
    new TrainingLoop(c, new CheckpointPolicy(file, 0, 2)).fit(new Stateful(), TrainingListener.NONE);
    new TrainingLoop(c).resume(file, new Stateful(), TrainingListener.NONE);
    assertArrayEquals(new byte[] {7, -1, 4}, restored[0]);
  }

  @Test
  void corruptedCheckpointsGiveOnlyModelFormatExceptions() throws Exception {
    Path file = dir.resolve("fuzz.rsm");
    TrainingConfig c = config().toBuilder().epochs(2).build();
    new TrainingLoop(c, CheckpointPolicy.everyEpoch(file)).fit(autoencoder(1, -1), TrainingListener.NONE);
    // a checkpoint that still decodes resumes and finishes the (already complete) run
    var r = dev.recsys.core.reliability.ContainerFuzzer.fuzz(file, dir.resolve("fuzz"),
        f -> new TrainingLoop(c).resume(f, autoencoder(1, -1), TrainingListener.NONE),
        dev.recsys.core.reliability.Stress.cases(60, 1200), 17);
    System.out.println("training checkpoint fuzzing: " + r);
  }

  @Test
  void resumeRejectsAnotherConfiguration() throws Exception {
    Path file = dir.resolve("c.rsm");
    new TrainingLoop(config(), CheckpointPolicy.everyEpoch(file)).fit(autoencoder(1, -1), TrainingListener.NONE);
    TrainingConfig other = config().toBuilder().batchSize(16).build();
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> new TrainingLoop(other).resume(file, autoencoder(1, -1), TrainingListener.NONE));
    assertTrue(e.getMessage().contains("training configuration"), e.getMessage());
  }

  @Test
  void trainingReducesTheLossAndIsDeterministic() {
    Trainable t1 = autoencoder(3, -1);
    TrainingResult r = new TrainingLoop(config().toBuilder().earlyStopping(EarlyStopping.none()).build()).fit(t1, TrainingListener.NONE);
    assertTrue(r.trainLoss().get(r.epochsRun() - 1) < 0.5 * r.trainLoss().get(0), r.trainLoss().toString());
    Trainable t2 = autoencoder(3, -1);
    new TrainingLoop(config().toBuilder().earlyStopping(EarlyStopping.none()).build()).fit(t2, TrainingListener.NONE);
    assertArrayEquals(t1.parameters(), t2.parameters());
  }

  /** A one-parameter model with a scripted validation curve. */
  private static class Scripted implements Trainable {
    final float[] p = {0f};
    final double[] curve;
    final List<float[]> snapshots = new ArrayList<>();
    int epoch;

    Scripted(double... curve) {
      this.curve = curve;
    }

    @Override
    public float[] parameters() {
      return p;
    }

    @Override
    public int trainingExamples() {
      return 10;
    }

    @Override
    public double gradient(int[] batch, float[] gradient, long batchSeed) {
      gradient[0] = 1f;
      return 1.0;
    }

    @Override
    public double validate() {
      snapshots.add(p.clone());
      return curve[epoch++];
    }
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
    Scripted s = new Scripted(5, 4, 3, 3.5, 4, 5, 6, 7, 8, 9);
    List<String> messages = new ArrayList<>();
    TrainingResult r = new TrainingLoop(TrainingConfig.builder().epochs(10).batchSize(5)
        .optimizer(OptimizerConfig.sgd(0.1, 0)).earlyStopping(EarlyStopping.onLoss(2, 0)).build())
        .fit(s, new TrainingListener() {
          @Override
          public void message(String text) {
            messages.add(text);
          }
        });
    assertEquals(5, r.epochsRun());
    assertTrue(r.stoppedEarly());
    assertEquals(3, r.bestEpoch());
    assertEquals(3.0, r.bestMetric());
    assertTrue(r.restoredBest());
    assertArrayEquals(s.snapshots.get(2), s.p);
    assertTrue(messages.stream().anyMatch(m -> m.startsWith("early stop after epoch 5")), messages.toString());
  }

  @Test
  void maximiseModeWatchesRisingMetrics() {
    Scripted s = new Scripted(0.1, 0.2, 0.3, 0.25, 0.2, 0.1);
    TrainingResult r = new TrainingLoop(TrainingConfig.builder().epochs(6).batchSize(10).optimizer(OptimizerConfig.sgd(0.1, 0))
        .earlyStopping(new EarlyStopping(true, 2, 0, false, EarlyStopping.Mode.MAXIMIZE)).build())
        .fit(s, TrainingListener.NONE);
    assertEquals(3, r.bestEpoch());
    assertEquals(5, r.epochsRun());
    assertFalse(r.restoredBest());
  }

  @Test
  void schedulesProduceTheirRates() {
    TrainingConfig base = TrainingConfig.builder().epochs(5).batchSize(10).optimizer(OptimizerConfig.sgd(0.1, 0.9))
        .earlyStopping(EarlyStopping.none()).build();
    TrainingResult step = new TrainingLoop(base.toBuilder().schedule(LearningRateSchedule.step(2, 0.5)).build())
        .fit(new Scripted(1, 1, 1, 1, 1), TrainingListener.NONE);
    assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.025), step.learningRates());
    TrainingResult cos = new TrainingLoop(base.toBuilder().schedule(LearningRateSchedule.cosine(0.01)).build())
        .fit(new Scripted(1, 1, 1, 1, 1), TrainingListener.NONE);
    assertEquals(0.1, cos.learningRates().get(0), 1e-12);
    assertEquals(0.055, cos.learningRates().get(2), 1e-12);
    assertEquals(0.01, cos.learningRates().get(4), 1e-12);
    TrainingResult plateau = new TrainingLoop(base.toBuilder().schedule(LearningRateSchedule.reduceOnPlateau(0.5, 2, 0, 0.03)).build())
        .fit(new Scripted(3, 2, 2, 2, 2), TrainingListener.NONE);
    // best at epoch 2; epochs 3 and 4 do not improve; the reduction applies from epoch 5
    assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.05), plateau.learningRates());
    TrainingResult constant = new TrainingLoop(base).fit(new Scripted(1, 1, 1, 1, 1), TrainingListener.NONE);
    assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.1), constant.learningRates());
  }

  @Test
  void sgdAndAdamMinimiseAQuadratic() {
    for (OptimizerConfig opt : List.of(OptimizerConfig.sgd(0.05, 0.9), OptimizerConfig.adam(0.05))) {
      float[] target = {3f, -2f, 0.5f};
      Trainable q = new Trainable() {
        final float[] p = new float[3];

        @Override
        public float[] parameters() {
          return p;
        }

        @Override
        public int trainingExamples() {
          return 4;
        }

        @Override
        public double gradient(int[] batch, float[] g, long seed) {
          double l = 0;
          for (int i = 0; i < 3; i++) {
            g[i] = p[i] - target[i];
            l += 0.5 * g[i] * g[i];
          }
          return l;
        }

        @Override
        public double validate() {
          return Double.NaN;
        }
      };
      new TrainingLoop(TrainingConfig.builder().epochs(150).batchSize(4).optimizer(opt).earlyStopping(EarlyStopping.none()).build())
          .fit(q, TrainingListener.NONE);
      for (int i = 0; i < 3; i++) {
        assertEquals(target[i], q.parameters()[i], 0.05, opt.kind() + " " + Arrays.toString(q.parameters()));
      }
    }
  }

  @Test
  void trainerIsSingleUseAndDivergenceIsReported() {
    TrainingLoop t = new TrainingLoop(TrainingConfig.builder().epochs(1).build());
    t.fit(new Scripted(1), TrainingListener.NONE);
    assertThrows(IllegalStateException.class, () -> t.fit(new Scripted(1), TrainingListener.NONE));
    Trainable nan = new Scripted(1) {
      @Override
      public double gradient(int[] batch, float[] gradient, long batchSeed) {
        return Double.NaN;
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new TrainingLoop(TrainingConfig.builder().epochs(1).build()).fit(nan, TrainingListener.NONE));
    assertTrue(e.getMessage().contains("epoch 1, step 1"), e.getMessage());
  }

  @Test
  void configsValidate() {
    assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().epochs(0).build());
    assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(0));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new CheckpointPolicy(Path.of("x"), 0, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().batchSize(0).build());
    assertEquals("batchSize must be in [1, 1048576]; batchSize=0", e.getMessage());
  }
}

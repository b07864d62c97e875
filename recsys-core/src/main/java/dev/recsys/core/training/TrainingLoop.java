package dev.recsys.core.training;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.util.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shared mini-batch training loop. Single use: {@link #fit} or {@link #resume} may be called once.
 *
 * <p>Each epoch shuffles the example indices with a permutation derived from the seed and the epoch number, cuts
 * them into batches of {@link TrainingConfig#batchSize()}, asks the {@link Trainable} for the gradient of each batch
 * (passing a per-step seed derived from the seed and the global step number), and applies the optimizer with the
 * learning rate of the schedule. After each epoch it calls {@link Trainable#validate()}, reports to the {@link
 * TrainingListener}, updates early stopping and the plateau schedule, and writes a checkpoint when the {@link
 * CheckpointPolicy} says so. Because every random choice is a function of (seed, epoch, step), a run resumed from a
 * checkpoint produces bit for bit the parameters of an uninterrupted run. A model that reports a {@linkplain
 * Trainable#gradientSupport() row support} gets row-sparse updates: only the rows of its gradient are updated.
 *
 * <p>A non-finite batch loss stops training with an {@link IllegalStateException} naming the epoch and step.
 */
public final class TrainingLoop {
  /** Provider name of checkpoint containers. */
  public static final String CHECKPOINT_PROVIDER = "training-checkpoint";

  private static final int FORMAT_VERSION = 1;

  private final TrainingConfig config;
  private final CheckpointPolicy checkpoints;
  private final AtomicBoolean used = new AtomicBoolean();

  /**
   * A trainer without checkpoints.
   *
   * @param config the configuration
   */
  public TrainingLoop(TrainingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.checkpoints = null;
  }

  /**
   * A trainer that writes checkpoints as {@code checkpoints} says.
   *
   * @param config the configuration
   * @param checkpoints the checkpoints
   */
  public TrainingLoop(TrainingConfig config, CheckpointPolicy checkpoints) {
    this.config = Objects.requireNonNull(config, "config");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public TrainingConfig config() {
    return config;
  }

  /**
   * Trains {@code model} from its current parameters.
   *
   * @throws IllegalStateException if this trainer was used before or the loss diverges
   * @throws java.io.UncheckedIOException if a checkpoint cannot be written
   * @param model the model
   * @param listener receives progress events
   * @return the {@code TrainingResult}
   */
  public TrainingResult fit(Trainable model, TrainingListener listener) {
    claim();
    Objects.requireNonNull(listener, "listener");
    checkModel(model);
    return run(model, listener, new LoopState(config, model.parameters().length));
  }

  /**
   * Continues the run saved in {@code checkpoint}: restores parameters, optimizer, schedule, early stopping, the
   * position inside the epoch and the model's state, then trains to the end.
   *
   * @throws ModelFormatException if the file is not a checkpoint, was written with another configuration or for a
   *     model with another parameter count
   * @param checkpoint the checkpoint
   * @param model the model
   * @param listener receives progress events
   * @return the {@code TrainingResult}
   */
  public TrainingResult resume(Path checkpoint, Trainable model, TrainingListener listener) throws IOException {
    claim();
    Objects.requireNonNull(listener, "listener");
    checkModel(model);
    ModelContainer c = ModelContainer.readFrom(checkpoint);
    c.require(CHECKPOINT_PROVIDER, FORMAT_VERSION);
    String expected = ConfigJson.write(config);
    if (!expected.equals(c.configJson())) {
      throw new ModelFormatException(checkpoint + ": checkpoint was written with training configuration "
          + c.configJson() + ", not " + expected);
    }
    LoopState s = ModelContainer.decode(checkpoint.toString(),
        () -> LoopState.read(Payload.reader(c.payload()), config, model, checkpoint));
    listener.message("resumed from " + checkpoint + " at epoch " + (s.epoch + 1) + ", step " + s.globalStep);
    return run(model, listener, s);
  }

  private void claim() {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("a TrainingLoop is single use; create a new one for another run");
    }
  }

  private static void checkModel(Trainable model) {
    Objects.requireNonNull(model, "model");
    if (model.trainingExamples() < 1) {
      throw new IllegalArgumentException("model must have >= 1 training example; trainingExamples=" + model.trainingExamples());
    }
    if (model.parameters() != model.parameters()) {
      throw new IllegalArgumentException("Trainable.parameters() must return the same live array on every call");
    }
  }

  private TrainingResult run(Trainable model, TrainingListener listener, LoopState s) {
    float[] params = model.parameters();
    float[] grad = new float[params.length];
    int n = model.trainingExamples();
    int bs = Math.min(config.batchSize(), n);
    int batches = (n + bs - 1) / bs;
    int[] full = new int[bs];
    EarlyStopping es = config.earlyStopping();
    LearningRateSchedule sched = config.schedule();
    boolean stopped = false;
    for (; s.epoch < config.epochs(); ) {
      int epoch = s.epoch;
      int[] order = permutation(n, Seeds.mix(config.seed(), epoch));
      double lr = learningRate(epoch, s);
      for (int b = s.stepInEpoch; b < batches; b++) {
        int from = b * bs;
        int to = Math.min(n, from + bs);
        int[] batch = to - from == bs ? full : new int[to - from];
        System.arraycopy(order, from, batch, 0, to - from);
        double loss = model.gradient(batch, grad, Seeds.mix(~config.seed(), s.globalStep));
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("training diverged: loss " + loss + " at epoch " + (epoch + 1) + ", step "
              + (b + 1) + " of " + batches + " (learning rate " + lr + "); lower the learning rate or enable clipping");
        }
        int[] rows = model.gradientSupport();
        if (rows == null) {
          s.optimizer.apply(params, grad, lr);
          model.parametersChanged();
        } else {
          s.optimizer.apply(params, grad, lr, rows);
          model.parametersChanged(rows);
        }
        s.lossSum += loss * batch.length;
        s.lossCount += batch.length;
        s.globalStep++;
        s.stepInEpoch = b + 1;
        if (checkpoints != null && checkpoints.everySteps() > 0 && s.globalStep % checkpoints.everySteps() == 0) {
          save(model, s);
        }
      }
      double trainLoss = s.lossSum / s.lossCount;
      double val = model.validate();
      double monitored = Double.isNaN(val) ? trainLoss : val;
      s.trainLoss.add(trainLoss);
      s.validation.add(val);
      s.rates.add(lr);
      if (es.improves(monitored, s.best, es.minDelta())) {
        s.best = monitored;
        s.bestEpoch = epoch + 1;
        s.badEpochs = 0;
        if (es.restoreBest()) {
          s.bestParams = params.clone();
        }
      } else {
        s.badEpochs++;
      }
      if (sched.kind() == LearningRateSchedule.Kind.REDUCE_ON_PLATEAU) {
        if (es.improves(monitored, s.plateauBest, sched.minDelta())) {
          s.plateauBest = monitored;
          s.plateauBad = 0;
        } else if (++s.plateauBad >= sched.patience()) {
          double floor = sched.minLearningRate() / config.optimizer().learningRate();
          double next = Math.max(s.rateScale * sched.factor(), floor);
          if (next < s.rateScale) {
            listener.message("epoch " + (epoch + 1) + ": learning rate reduced to " + next * config.optimizer().learningRate());
          }
          s.rateScale = next;
          s.plateauBad = 0;
        }
      }
      listener.epochEnd(epoch + 1, config.epochs(), trainLoss, val);
      s.epoch = epoch + 1;
      s.stepInEpoch = 0;
      s.lossSum = 0;
      s.lossCount = 0;
      stopped = es.enabled() && s.badEpochs >= es.patience() && s.epoch < config.epochs();
      if (checkpoints != null && checkpoints.everyEpochs() > 0 && s.epoch % checkpoints.everyEpochs() == 0) {
        save(model, s);
      }
      if (stopped) {
        listener.message("early stop after epoch " + s.epoch + ": no improvement for " + s.badEpochs
            + " epochs; best epoch " + s.bestEpoch + " (" + s.best + ")");
        break;
      }
    }
    boolean restored = false;
    if (es.restoreBest() && s.bestParams != null && s.bestEpoch != s.epoch) {
      System.arraycopy(s.bestParams, 0, params, 0, params.length);
      model.parametersChanged();
      restored = true;
      listener.message("restored the parameters of epoch " + s.bestEpoch);
    }
    return new TrainingResult(s.epoch, s.globalStep, s.trainLoss, s.validation, s.rates, s.bestEpoch, s.best, stopped,
        restored);
  }

  private double learningRate(int epoch, LoopState s) {
    double base = config.optimizer().learningRate();
    LearningRateSchedule sched = config.schedule();
    return switch (sched.kind()) {
      case CONSTANT -> base;
      case STEP -> base * Math.pow(sched.factor(), epoch / sched.stepEpochs());
      case COSINE -> {
        int last = config.epochs() - 1;
        double t = last == 0 ? 0 : (double) epoch / last;
        double min = Math.min(sched.minLearningRate(), base);
        yield min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * t));
      }
      case REDUCE_ON_PLATEAU -> base * s.rateScale;
    };
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  static int[] permutation(int n, long seed) {
    return dev.recsys.core.util.Seeds.permutation(n, seed);
  }

  private void save(Trainable model, LoopState s) {
    Payload.Writer w = Payload.writer();
    s.write(w, model);
    ModelContainer c = new ModelContainer(CHECKPOINT_PROVIDER, FORMAT_VERSION, ConfigJson.write(config),
        Provenance.now(config.seed(), "parameters:" + model.parameters().length), w.toByteArray());
    try {
      c.writeTo(checkpoints.file());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write checkpoint " + checkpoints.file(), e);
    }
  }

  /** Everything a checkpoint holds. */
  private static final class LoopState {
    int epoch;
    int stepInEpoch;
    long globalStep;
    double lossSum;
    long lossCount;
    double rateScale = 1.0;
    double plateauBest = Double.NaN;
    int plateauBad;
    double best = Double.NaN;
    int bestEpoch;
    int badEpochs;
    float[] bestParams;
    final List<Double> trainLoss = new ArrayList<>();
    final List<Double> validation = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();
    final OptimizerState optimizer;

    LoopState(TrainingConfig config, int size) {
      optimizer = new OptimizerState(config.optimizer(), size);
    }

    void write(Payload.Writer w, Trainable model) {
      w.putInt(epoch).putInt(stepInEpoch).putLong(globalStep).putDouble(lossSum).putLong(lossCount)
          .putDouble(rateScale).putDouble(plateauBest).putInt(plateauBad).putDouble(best).putInt(bestEpoch)
          .putInt(badEpochs);
      w.putInt(bestParams == null ? 0 : 1);
      if (bestParams != null) {
        w.putFloats(bestParams);
      }
      w.putDoubles(trainLoss.stream().mapToDouble(Double::doubleValue).toArray());
      w.putDoubles(validation.stream().mapToDouble(Double::doubleValue).toArray());
      w.putDoubles(rates.stream().mapToDouble(Double::doubleValue).toArray());
      w.putLong(optimizer.step).putFloats(optimizer.first).putFloats(optimizer.second);
      w.putFloats(model.parameters());
      w.putString(java.util.Base64.getEncoder().encodeToString(model.saveState()));
    }

    static LoopState read(Payload.Reader r, TrainingConfig config, Trainable model, Path file) throws IOException {
      float[] params = model.parameters();
      LoopState s = new LoopState(config, params.length);
      s.epoch = r.getInt();
      s.stepInEpoch = r.getInt();
      s.globalStep = r.getLong();
      s.lossSum = r.getDouble();
      s.lossCount = r.getLong();
      s.rateScale = r.getDouble();
      s.plateauBest = r.getDouble();
      s.plateauBad = r.getInt();
      s.best = r.getDouble();
      s.bestEpoch = r.getInt();
      s.badEpochs = r.getInt();
      if (r.getInt() == 1) {
        s.bestParams = expect(r.getFloats(), params.length, "best parameters", file);
      }
      for (double v : r.getDoubles()) {
        s.trainLoss.add(v);
      }
      for (double v : r.getDoubles()) {
        s.validation.add(v);
      }
      for (double v : r.getDoubles()) {
        s.rates.add(v);
      }
      s.optimizer.step = r.getLong();
      float[] m = expect(r.getFloats(), s.optimizer.first.length, "optimizer first moments", file);
      float[] v = expect(r.getFloats(), s.optimizer.second.length, "optimizer second moments", file);
      float[] p = expect(r.getFloats(), params.length, "parameters", file);
      byte[] extra;
      try {
        extra = java.util.Base64.getDecoder().decode(r.getString());
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file + ": bad model state: " + e.getMessage(), e);
      }
      r.requireEnd();
      if (s.epoch < 0 || s.epoch > config.epochs() || s.stepInEpoch < 0) {
        throw new ModelFormatException(file + ": bad position epoch=" + s.epoch + ", step=" + s.stepInEpoch);
      }
      System.arraycopy(m, 0, s.optimizer.first, 0, m.length);
      System.arraycopy(v, 0, s.optimizer.second, 0, v.length);
      System.arraycopy(p, 0, params, 0, p.length);
      model.restoreState(extra);
      model.parametersChanged();
      return s;
    }

    private static float[] expect(float[] a, int length, String what, Path file) throws ModelFormatException {
      if (a.length != length) {
        throw new ModelFormatException(file + ": checkpoint holds " + a.length + " " + what + "; the model has "
            + length + " (was it written for another model?)");
      }
      return a;
    }

    @Override
    public String toString() {
      return "LoopState[epoch=" + epoch + ", step=" + stepInEpoch + ", global=" + globalStep + ", best=" + best
          + ", bestParams=" + (bestParams == null ? "none" : Arrays.hashCode(bestParams)) + "]";
    }
  }
}

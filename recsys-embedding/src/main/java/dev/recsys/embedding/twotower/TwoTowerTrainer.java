package dev.recsys.embedding.twotower;

import dev.recsys.core.spi.TrainingListener;
import dev.recsys.core.training.CheckpointPolicy;
import dev.recsys.core.training.Trainable;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingResult;
import dev.recsys.embedding.twotower.internal.Batch;
import dev.recsys.embedding.twotower.internal.TwoTowerNetwork;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Fits a {@link TwoTowerModel} on {@link TrainingPairs} with the shared training loop ({@link TrainingLoop}: optimizer,
 * learning-rate schedule, early stopping, checkpoints). Single use: one {@link #fit} or {@link #resume}.
 *
 * <p>Deterministic: the same configurations, schemas and pairs give bit for bit the same model; a run resumed from
 * a checkpoint continues bit for bit (every random choice of a step derives from the training seed and the step
 * number, and the checkpoint holds the batch-norm statistics).
 */
public final class TwoTowerTrainer {
  private final TwoTowerConfig config;
  private final TrainingLoop trainer;
  private TrainingResult result;

  /**
   * A trainer without checkpoints.
   *
   * @param config the configuration
   * @param training the training
   */
  public TwoTowerTrainer(TwoTowerConfig config, TrainingConfig training) {
    this.config = Objects.requireNonNull(config, "config");
    this.trainer = new TrainingLoop(training);
  }

  /**
   * A trainer that writes checkpoints as {@code checkpoints} says.
   *
   * @param config the configuration
   * @param training the training
   * @param checkpoints the checkpoints
   */
  public TwoTowerTrainer(TwoTowerConfig config, TrainingConfig training, CheckpointPolicy checkpoints) {
    this.config = Objects.requireNonNull(config, "config");
    this.trainer = new TrainingLoop(training, checkpoints);
  }

  /**
   * The model configuration.
   *
   * @return the model configuration
   */
  public TwoTowerConfig config() {
    return config;
  }

  /**
   * The training configuration.
   *
   * @return the training configuration
   */
  public TrainingConfig trainingConfig() {
    return trainer.config();
  }

  /**
   * What the last run did (epochs, losses, validation metric), or null before a run.
   *
   * @return what the last run did (epochs, losses, validation metric), or null before a run
   */
  public TrainingResult result() {
    return result;
  }

  /**
   * Trains a model with two towers.
   *
   * @param validation the metric watched by early stopping and the plateau schedule (higher or lower is better
   *     as the training configuration's {@code EarlyStopping.mode} says), computed on a snapshot of the model after
   *     each epoch; null to watch the training loss
   * @param querySchema the query schema
   * @param itemSchema the item schema
   * @param pairs the pairs
   * @param listener receives progress events
   * @return the {@code TwoTowerModel}
   */
  public TwoTowerModel fit(FeatureSchema querySchema, FeatureSchema itemSchema, TrainingPairs pairs,
      ToDoubleFunction<TwoTowerModel> validation, TrainingListener listener) {
    Objects.requireNonNull(itemSchema, "itemSchema");
    return run(network(querySchema, itemSchema), querySchema, itemSchema, pairs,
        validation, listener, null);
  }

  /**
   * Trains a siamese model: one tower embeds both sides of each pair.
   *
   * @param schema the schema
   * @param pairs the pairs
   * @param validation the validation
   * @param listener receives progress events
   * @return the {@code TwoTowerModel}
   */
  public TwoTowerModel fitSiamese(FeatureSchema schema, TrainingPairs pairs, ToDoubleFunction<TwoTowerModel> validation,
      TrainingListener listener) {
    return run(network(schema, null), schema, null, pairs, validation, listener, null);
  }

  /**
   * Continues a run from a checkpoint written by a trainer of the same configurations; {@code itemSchema} null for
   * a siamese model.
   *
   * @param checkpoint the checkpoint
   * @param querySchema the query schema
   * @param itemSchema the item schema
   * @param pairs the pairs
   * @param validation the validation
   * @param listener receives progress events
   * @return the {@code TwoTowerModel}
   * @throws IOException if an I/O error occurs
   */
  public TwoTowerModel resume(Path checkpoint, FeatureSchema querySchema, FeatureSchema itemSchema, TrainingPairs pairs,
      ToDoubleFunction<TwoTowerModel> validation, TrainingListener listener) throws IOException {
    TwoTowerNetwork net = network(querySchema, itemSchema);
    return run(net, querySchema, itemSchema, pairs, validation, listener, Objects.requireNonNull(checkpoint));
  }

  private TwoTowerModel run(TwoTowerNetwork net, FeatureSchema q, FeatureSchema it, TrainingPairs pairs,
      ToDoubleFunction<TwoTowerModel> validation, TrainingListener listener, Path checkpoint) {
    Objects.requireNonNull(pairs, "pairs");
    Objects.requireNonNull(listener, "listener");
    Adapter adapter = new Adapter(net, q, it == null ? q : it, pairs, validation);
    try {
      result = checkpoint == null ? trainer.fit(adapter, listener) : trainer.resume(checkpoint, adapter, listener);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return TwoTowerModel.copyOf(net, q, it);
  }

  /** The network to train; {@code itemSchema} null for a siamese one. */
  private TwoTowerNetwork network(FeatureSchema querySchema, FeatureSchema itemSchema) {
    return new TwoTowerNetwork(config, querySchema, itemSchema, config.kernel(),
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** The network seen by the shared training loop. */
  private static final class Adapter implements Trainable {
    private final TwoTowerNetwork net;
    private final FeatureSchema querySchema;
    private final FeatureSchema itemSchema;
    private final TrainingPairs pairs;
    private final ToDoubleFunction<TwoTowerModel> validation;
    private final float[] logQ;

    Adapter(TwoTowerNetwork net, FeatureSchema q, FeatureSchema it, TrainingPairs pairs,
        ToDoubleFunction<TwoTowerModel> validation) {
      this.net = net;
      this.querySchema = q;
      this.itemSchema = it;
      this.pairs = pairs;
      this.validation = validation;
      int n = pairs.size();
      Map<Integer, Integer> counts = new HashMap<>();
      for (int i = 0; i < n; i++) {
        int k = pairs.itemKey(i);
        if (k < 0) {
          throw new IllegalArgumentException("itemKey must be >= 0; itemKey(" + i + ")=" + k);
        }
        counts.merge(k, 1, Integer::sum);
      }
      logQ = new float[n];
      for (int i = 0; i < n; i++) {
        logQ[i] = (float) Math.log(counts.get(pairs.itemKey(i)) / (double) n);
      }
    }

    @Override
    public float[] parameters() {
      return net.flat();
    }

    @Override
    public int trainingExamples() {
      return pairs.size();
    }

    @Override
    public double gradient(int[] batch, float[] gradient, long batchSeed) {
      List<TowerRow> qs = new ArrayList<>(batch.length);
      List<TowerRow> is = new ArrayList<>(batch.length);
      int[] keys = new int[batch.length];
      float[] lq = new float[batch.length];
      for (int i = 0; i < batch.length; i++) {
        int e = batch[i];
        qs.add(pairs.query(e));
        is.add(pairs.item(e));
        keys[i] = pairs.itemKey(e);
        lq[i] = logQ[e];
      }
      return net.lossAndGradient(Batch.of(querySchema, qs), Batch.of(itemSchema, is), keys, lq, batchSeed, gradient);
    }

    @Override
    public double validate() {
      if (validation == null) {
        return Double.NaN;
      }
      return validation.applyAsDouble(TwoTowerModel.copyOf(net, querySchema, net.isSiamese() ? null : itemSchema));
    }

    @Override
    public void parametersChanged() {
      net.scatter();
    }

    @Override
    public int[] gradientSupport() {
      return net.isRowSparse() ? net.support() : null;
    }

    @Override
    public void parametersChanged(int[] rows) {
      net.scatter(rows);
    }

    @Override
    public byte[] saveState() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        for (float[] s : net.runningStatistics()) {
          out.writeInt(s.length);
          for (float v : s) {
            out.writeFloat(v);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    @Override
    public void restoreState(byte[] state) throws IOException {
      try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(state))) {
        for (float[] s : net.runningStatistics()) {
          int n = in.readInt();
          if (n != s.length) {
            throw new IOException("batch-norm statistic of " + n + " values in the checkpoint; the model has " + s.length);
          }
          for (int i = 0; i < n; i++) {
            s[i] = in.readFloat();
          }
        }
        if (in.available() > 0) {
          throw new IOException("checkpoint state has " + in.available() + " bytes more than the model's statistics");
        }
      }
    }
  }
}

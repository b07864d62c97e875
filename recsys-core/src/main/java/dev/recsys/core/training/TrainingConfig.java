package dev.recsys.core.training;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * The hyper-parameters of a training run. Immutable; validated on construction; see {@link #builder()}.
 *
 * @param epochs the maximum number of passes over the training examples, in [1, 100000]
 * @param batchSize examples per optimizer step, in [1, 1048576]
 * @param seed the seed of the example order and of every batch's random choices
 * @param optimizer the optimizer
 * @param schedule the learning-rate schedule
 * @param earlyStopping when to stop before {@code epochs}
 */
public record TrainingConfig(int epochs, int batchSize, long seed, OptimizerConfig optimizer, LearningRateSchedule schedule,
    EarlyStopping earlyStopping) {

  /** Validates every field. */
  public TrainingConfig {
    Checks.inRange("epochs", epochs, 1, 100_000);
    Checks.inRange("batchSize", batchSize, 1, 1 << 20);
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(earlyStopping, "earlyStopping");
  }

  /**
   * A builder starting from 50 epochs, batch 256, seed 42, Adam 1e-3, constant rate, early stopping on loss (patience 5).
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    return new Builder().epochs(epochs).batchSize(batchSize).seed(seed).optimizer(optimizer).schedule(schedule)
        .earlyStopping(earlyStopping);
  }

  /** Builder of {@link TrainingConfig}; not thread-safe. */
  public static final class Builder {
    private int epochs = 50;
    private int batchSize = 256;
    private long seed = 42;
    private OptimizerConfig optimizer = OptimizerConfig.adam(1e-3);
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private EarlyStopping earlyStopping = EarlyStopping.onLoss(5, 1e-5);

    private Builder() {}

    /**
     * Maximum epochs.
     *
     * @param v the maximum epochs
     * @return this builder
     */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /**
     * Examples per step.
     *
     * @return this builder
     * @param v the number of examples per step
     */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /**
     * The seed.
     *
     * @param v the seed
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * The optimizer.
     *
     * @param v the optimizer
     * @return this builder
     */
    public Builder optimizer(OptimizerConfig v) {
      optimizer = v;
      return this;
    }

    /**
     * The learning-rate schedule.
     *
     * @param v the learning-rate schedule
     * @return this builder
     */
    public Builder schedule(LearningRateSchedule v) {
      schedule = v;
      return this;
    }

    /**
     * Early stopping.
     *
     * @param v the early stopping
     * @return this builder
     */
    public Builder earlyStopping(EarlyStopping v) {
      earlyStopping = v;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the validated configuration
     */
    public TrainingConfig build() {
      return new TrainingConfig(epochs, batchSize, seed, optimizer, schedule, earlyStopping);
    }
  }
}

package dev.recsys.core.training;

/**
 * The training setters a model configuration's builder shares: epochs, batch size, optimizer, learning-rate schedule
 * and early stopping, kept in a {@link TrainingConfig.Builder} that the model's {@code build()} reads. Each setter
 * returns the model's builder, for chaining.
 *
 * @param <B> the model configuration's builder
 */
public abstract class TrainingSetters<B extends TrainingSetters<B>> {
  /** The training settings being built, starting from the model's defaults. */
  protected TrainingConfig.Builder training;

  /**
   * Starts from the model's default training settings.
   *
   * @param defaults the model's default training settings
   */
  protected TrainingSetters(TrainingConfig.Builder defaults) {
    this.training = defaults;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Every training setting at once.
   *
   * @param v the training settings
   * @return this builder
   */
  public B training(TrainingConfig v) {
    training = v.toBuilder();
    return self();
  }

  /**
   * Maximum epochs.
   *
   * @param v the maximum number of passes over the training examples, in [1, 100000]
   * @return this builder
   */
  public B epochs(int v) {
    training.epochs(v);
    return self();
  }

  /**
   * Batch size.
   *
   * @param v examples per optimizer step, in [1, 1048576]
   * @return this builder
   */
  public B batchSize(int v) {
    training.batchSize(v);
    return self();
  }

  /**
   * Optimizer.
   *
   * @param v the optimizer and its learning rate
   * @return this builder
   */
  public B optimizer(OptimizerConfig v) {
    training.optimizer(v);
    return self();
  }

  /**
   * Learning-rate schedule.
   *
   * @param v the learning-rate schedule
   * @return this builder
   */
  public B schedule(LearningRateSchedule v) {
    training.schedule(v);
    return self();
  }

  /**
   * Early stopping.
   *
   * @param v when to stop before the maximum epochs
   * @return this builder
   */
  public B earlyStopping(EarlyStopping v) {
    training.earlyStopping(v);
    return self();
  }
}

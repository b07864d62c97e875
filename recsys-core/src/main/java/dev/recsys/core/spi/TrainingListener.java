package dev.recsys.core.spi;

/**
 * Receives training progress, for progress bars and loss curves. Called on the training thread; implementations
 * should return quickly.
 */
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /**
   * Called after each epoch.
   *
   * @param epoch 1-based epoch number
   * @param totalEpochs the configured maximum
   * @param trainLoss mean training loss of the epoch
   * @param validationLoss validation loss (or metric), {@code NaN} when there is none
   */
  default void epochEnd(int epoch, int totalEpochs, double trainLoss, double validationLoss) {}

  /**
   * Called with a free-form progress message (e.g. "early stop at epoch 12").
   *
   * @param text the text
   */
  default void message(String text) {}
}

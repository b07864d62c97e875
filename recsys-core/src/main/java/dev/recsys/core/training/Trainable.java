package dev.recsys.core.training;

import java.io.IOException;

/**
 * A model the {@link TrainingLoop} can fit: its parameters as one flat vector, the loss gradient of a mini-batch and a
 * validation metric. Implemented by the autoencoder, the two-tower models and the graph attention network.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #parameters()} returns the same live array on every call; the trainer updates it in place after
 *       each step and may overwrite it (restoring the best epoch or a checkpoint). The model reads its weights from
 *       that array (or refreshes derived copies in {@link #parametersChanged()}).</li>
 *   <li>{@link #gradient} is deterministic for a given parameter vector, batch and {@code batchSeed}: all
 *       randomness of a step (dropout, sampled negatives) must come from {@code batchSeed}. This is what makes a
 *       resumed run continue bit for bit.</li>
 *   <li>Called from one thread at a time; an implementation may use several threads inside a call as long as the
 *       result does not depend on the thread count or scheduling.</li>
 * </ul>
 */
public interface Trainable {
  /**
   * The live flat parameter vector (same array on every call).
   *
   * @return the live flat parameter vector (same array on every call)
   */
  float[] parameters();

  /**
   * Number of training examples; the trainer shuffles and batches {@code 0..trainingExamples()-1}.
   *
   * @return the number of training examples
   */
  int trainingExamples();

  /**
   * Computes the mean loss of a mini-batch and its gradient with respect to {@link #parameters()}.
   *
   * @param batch indices of the examples in the batch (length is the batch size; the last batch may be shorter)
   * @param gradient receives the gradient, same length as the parameters; overwritten, not accumulated
   * @param batchSeed the seed of every random choice made for this step
   * @return the mean loss over the batch
   */
  double gradient(int[] batch, float[] gradient, long batchSeed);

  /**
   * The validation metric after an epoch (a loss, or a ranking metric such as recall@k, see {@link
   * EarlyStopping#mode()}), or {@code NaN} when the model has no validation data; the trainer then watches the
   * training loss.
   *
   * @return the validation metric after an epoch (a loss, or a ranking metric such as recall@k, see {@link
   *     EarlyStopping#mode()}), or {@code NaN} when the model has no validation data
   */
  double validate();

  /** Called after the trainer changed {@link #parameters()} (each step, restores); default does nothing. */
  default void parametersChanged() {}

  /**
   * State besides the parameters that a checkpoint must keep (e.g. batch-norm running statistics); empty by
   * default.
   *
   * @return the state besides the parameters that a checkpoint must keep (e.g. batch-norm running statistics)
   */
  default byte[] saveState() {
    return new byte[0];
  }

  /**
   * Restores what {@link #saveState()} returned.
   *
   * @throws IOException if the bytes are not a state of this model
   * @param state the state
   */
  default void restoreState(byte[] state) throws IOException {
    if (state.length != 0) {
      throw new IOException("this model keeps no state besides its parameters; got " + state.length + " bytes");
    }
  }
}

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
 *
 * <p><b>Row-sparse updates.</b> A model whose gradient is zero outside a few rows of the parameter vector (embedding
 * tables of which a batch reads a few rows) may say so with {@link #gradientSupport()}. The trainer then updates
 * only those rows ("lazy" Adam or momentum, see {@link OptimizerConfig}) and reports them to
 * {@link #parametersChanged(int[])}, so a step costs time in proportion to the rows a batch touches rather than to
 * the size of the tables.
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
   * The rows of the parameter vector on which the gradient of the last {@link #gradient} call may be non-zero, or
   * null when it is dense (the default). Rows are half-open ranges of the flat vector, given as
   * {@code {start0, end0, start1, end1, ...}}, sorted and disjoint. When a model returns rows, {@link #gradient}
   * needs to write only those rows of its output array (the trainer reads nothing else), and the trainer updates
   * only those parameters and their optimizer state. The rows must be a function of the batch and the batch seed,
   * like the gradient itself, so that a resumed run updates the same rows.
   *
   * @return the rows of the last gradient as {@code start, end} pairs, or null for a dense gradient
   */
  default int[] gradientSupport() {
    return null;
  }

  /**
   * Called after a step that updated only {@code rows} of {@link #parameters()} (the value of the step's {@link
   * #gradientSupport()}); restores and resumes call {@link #parametersChanged()}. The default calls
   * {@link #parametersChanged()}.
   *
   * @param rows the changed ranges as {@code start, end} pairs
   */
  default void parametersChanged(int[] rows) {
    parametersChanged();
  }

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

package dev.recsys.embedding.internal;

import dev.recsys.core.training.Trainable;

/**
 * The autoencoder as a {@link Trainable}: reconstructs its input rows with mean squared error; validation is the
 * same loss on held-out rows. Gathers each batch into a contiguous buffer and runs the batched passes of {@link Mlp}
 * on the configured {@link Gemm}.
 */
public final class AutoencoderTrainable implements Trainable {
  private final Mlp mlp;
  private final float[] params;
  private final float[] train;
  private final int trainRows;
  private final float[] validation;
  private final int validationRows;
  private final int width;
  private final Gemm gemm;
  private final Mlp.Workspace ws;
  private final float[] batchBuffer;
  private final int capacity;

  /**
   * @param mlp the network (input width = output width = {@code width})
   * @param params its initialised parameters (trained in place)
   * @param train training rows, row-major
   * @param validation validation rows, row-major (may be empty)
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   */
  public AutoencoderTrainable(Mlp mlp, float[] params, float[] train, float[] validation, int batchSize, Gemm gemm) {
    this.mlp = mlp;
    this.params = params;
    this.width = mlp.width(0);
    this.train = train;
    this.trainRows = train.length / width;
    this.validation = validation;
    this.validationRows = validation.length / width;
    this.gemm = gemm;
    this.capacity = Math.max(1, Math.min(batchSize, Math.max(trainRows, 1)));
    int evalCapacity = Math.max(capacity, Math.min(4096, Math.max(validationRows, 1)));
    this.ws = mlp.new Workspace(evalCapacity);
    this.batchBuffer = new float[evalCapacity * width];
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public int trainingExamples() {
    return trainRows;
  }

  @Override
  public double gradient(int[] batch, float[] gradient, long batchSeed) {
    int rows = batch.length;
    for (int i = 0; i < rows; i++) {
      System.arraycopy(train, batch[i] * width, batchBuffer, i * width, width);
    }
    return mlp.mseLossAndGradient(params, batchBuffer, batchBuffer, rows, gradient, gemm, ws);
  }

  @Override
  public double validate() {
    return validationRows == 0 ? Double.NaN : meanLoss(validation, validationRows);
  }

  /** Mean squared reconstruction error over {@code rows} rows of {@code data}. */
  public double meanLoss(float[] data, int rows) {
    int block = ws.capacity;
    double sum = 0;
    for (int from = 0; from < rows; from += block) {
      int n = Math.min(block, rows - from);
      System.arraycopy(data, from * width, batchBuffer, 0, n * width);
      sum += mlp.mseLossAndGradient(params, batchBuffer, batchBuffer, n, null, gemm, ws) * n;
    }
    return sum / rows;
  }
}

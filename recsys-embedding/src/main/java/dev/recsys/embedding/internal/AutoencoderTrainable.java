package dev.recsys.embedding.internal;

import dev.recsys.core.training.Trainable;
import java.util.SplittableRandom;

/**
 * The autoencoder as a {@link Trainable}: reconstructs its input rows with mean squared error; validation is the
 * same loss on held-out rows. As a denoising autoencoder, training inputs are corrupted with Gaussian noise of
 * {@code noise} times each column's standard deviation (drawn from the batch seed) while the targets stay clean;
 * validation is always on clean inputs. Gathers each batch into a contiguous buffer and runs the batched passes of {@link Mlp}
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
  private final float[] noisyBuffer;
  private final float[] noiseScale;
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
    this(mlp, params, train, validation, batchSize, gemm, 0);
  }

  /**
   * @param mlp the network (input width = output width = {@code width})
   * @param params its initialised parameters (trained in place)
   * @param train training rows, row-major
   * @param validation validation rows, row-major (may be empty)
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   * @param noise input noise of training batches, in standard deviations of each column ({@code 0}: none)
   */
  public AutoencoderTrainable(Mlp mlp, float[] params, float[] train, float[] validation, int batchSize, Gemm gemm,
      double noise) {
    if (!(noise >= 0 && noise <= 10)) {
      throw new IllegalArgumentException("noise must be in [0, 10]; noise=" + noise);
    }
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
    this.noisyBuffer = noise > 0 ? new float[capacity * width] : null;
    this.noiseScale = noise > 0 ? columnScales(train, trainRows, width, noise) : null;
  }

  private static float[] columnScales(float[] data, int rows, int width, double noise) {
    float[] out = new float[width];
    for (int j = 0; j < width; j++) {
      double mean = 0;
      for (int i = 0; i < rows; i++) {
        mean += data[i * width + j];
      }
      mean /= Math.max(rows, 1);
      double v = 0;
      for (int i = 0; i < rows; i++) {
        double d = data[i * width + j] - mean;
        v += d * d;
      }
      out[j] = (float) (noise * Math.sqrt(v / Math.max(rows, 1)));
    }
    return out;
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
    if (noiseScale == null) {
      return mlp.mseLossAndGradient(params, batchBuffer, batchBuffer, rows, gradient, gemm, ws);
    }
    SplittableRandom r = new SplittableRandom(batchSeed);
    for (int i = 0; i < rows * width; i++) {
      noisyBuffer[i] = batchBuffer[i] + (float) (r.nextGaussian() * noiseScale[i % width]);
    }
    return mlp.mseLossAndGradient(params, noisyBuffer, batchBuffer, rows, gradient, gemm, ws);
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

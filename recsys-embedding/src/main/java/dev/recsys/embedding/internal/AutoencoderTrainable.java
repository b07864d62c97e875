package dev.recsys.embedding.internal;

import dev.recsys.core.training.Trainable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The autoencoder as a {@link Trainable}: reconstructs its input rows with mean squared error; validation is the
 * same loss on held-out rows. As a denoising autoencoder, training inputs are corrupted with Gaussian noise of
 * {@code noise} times each column's standard deviation (drawn from the batch seed) while the targets stay clean;
 * validation is always on clean inputs.
 *
 * <p>With a {@link SelfSupervision}, the loss adds {@code weight} times an in-batch contrastive loss on the encoder
 * ({@link InfoNce}): each training row's positive is a corrupted copy of itself, in which a random share of the
 * feature columns takes the value of another random row (the column's marginal distribution), projected by the
 * same linear PCA map. Neighbourhoods become robust to any few columns being off, so they rest on the structure that
 * many columns share rather than on idiosyncratic columns. Validation adds the same term with a fixed seed. Gathers each batch into a contiguous buffer and runs the batched passes of {@link Mlp}
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
  private final SelfSupervision ss;
  private final Mlp encoder;
  private final Mlp.Workspace encoderWs;
  private final float[] views;
  private final float[] encoderGrad;
  private final SwapNoise swap;
  private final GroupContrast gc;
  /** Per training row, its group's rows (null: in no group of two or more). */
  private final int[][] trainGroup;
  /** Per validation row, its group's rows (null: in no group of two or more). */
  private final int[][] validationGroup;

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
    this(mlp, params, train, validation, batchSize, gemm, noise, null);
  }

  /**
   * The self-supervised term: features of the training and validation rows (in the row order of the PCA inputs), the
   * linear PCA map as a {@code columns x width} matrix ({@code projection = (x - mean) * map}), the share of columns
   * corrupted, the weight of the term and its softmax temperature.
   */
  public record SelfSupervision(float[] trainFeatures, float[] validationFeatures, int columns, float[] map,
      double corruption, double weight, double temperature, int encoderLayers) {
    /** Checks the ranges. */
    public SelfSupervision {
      if (!(corruption > 0 && corruption < 1) || !(weight > 0) || !(temperature > 0)) {
        throw new IllegalArgumentException("need corruption in (0, 1), weight > 0, temperature > 0; got "
            + corruption + ", " + weight + ", " + temperature);
      }
    }
  }

  /**
   * Swap noise of a denoising autoencoder (after the tabular denoising autoencoders of Jahrer, 2018): in each training
   * input, every feature column is, with probability {@code share}, replaced by the value of another random training
   * row (so the corrupted value follows the column's marginal distribution); the corrupted row is projected by the
   * same linear PCA map ({@code columns x width}, {@code projection = (x - mean) * map}); the target stays clean.
   *
   * @param trainFeatures the training rows' feature values, row-major, in the row order of the PCA inputs
   * @param columns feature columns
   * @param map the linear PCA map
   * @param share probability that a column is replaced, in (0, 1)
   */
  public record SwapNoise(float[] trainFeatures, int columns, float[] map, double share) {
    /** Checks the range. */
    public SwapNoise {
      if (!(share > 0 && share < 1)) {
        throw new IllegalArgumentException("swap noise share must be in (0, 1); got " + share);
      }
    }
  }

  /**
   * @param mlp the network (input width = output width = {@code width})
   * @param params its initialised parameters (trained in place)
   * @param train training rows, row-major
   * @param validation validation rows, row-major (may be empty)
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   * @param noise input noise of training batches, in standard deviations of each column ({@code 0}: none)
   * @param ss the self-supervised contrastive term, or null
   */
  public AutoencoderTrainable(Mlp mlp, float[] params, float[] train, float[] validation, int batchSize, Gemm gemm,
      double noise, SelfSupervision ss) {
    this(mlp, params, train, validation, batchSize, gemm, noise, ss, null);
  }

  /**
   * The group-contrastive term: rows known to belong together (for tracks, those of one artist) are pulled together
   * on the encoder's output. Each training row of a group with at least two training rows is an anchor whose
   * positive is another row of its group, drawn per step; the other anchors' positives of the batch are negatives
   * (rows of the same group masked); the batch loss adds {@code weight} times the mean loss over the batch's anchors.
   * Validation adds the same term over the validation rows' groups with a fixed seed.
   *
   * @param trainGroups per group, its training rows (groups of fewer than two rows are ignored)
   * @param validationGroups per group, its validation rows (may be empty)
   * @param weight weight of the term, positive
   * @param temperature softmax temperature, positive
   * @param encoderLayers layers of the encoder (the bottleneck is the output of the last)
   */
  public record GroupContrast(int[][] trainGroups, int[][] validationGroups, double weight, double temperature,
      int encoderLayers) {
    /** Checks the ranges. */
    public GroupContrast {
      if (!(weight > 0) || !(temperature > 0)) {
        throw new IllegalArgumentException("need weight > 0 and temperature > 0; got " + weight + ", " + temperature);
      }
    }
  }

  /**
   * @param mlp the network (input width = output width = {@code width})
   * @param params its initialised parameters (trained in place)
   * @param train training rows, row-major
   * @param validation validation rows, row-major (may be empty)
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   * @param noise input noise of training batches, in standard deviations of each column ({@code 0}: none)
   * @param ss the self-supervised contrastive term, or null
   * @param swap swap noise of training inputs (applied before the Gaussian noise), or null
   */
  public AutoencoderTrainable(Mlp mlp, float[] params, float[] train, float[] validation, int batchSize, Gemm gemm,
      double noise, SelfSupervision ss, SwapNoise swap) {
    this(mlp, params, train, validation, batchSize, gemm, noise, ss, swap, null);
  }

  /**
   * @param mlp the network (input width = output width = {@code width})
   * @param params its initialised parameters (trained in place)
   * @param train training rows, row-major
   * @param validation validation rows, row-major (may be empty)
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   * @param noise input noise of training batches, in standard deviations of each column ({@code 0}: none)
   * @param ss the self-supervised contrastive term, or null
   * @param swap swap noise of training inputs (applied before the Gaussian noise), or null
   * @param gc the group-contrastive term, or null
   */
  public AutoencoderTrainable(Mlp mlp, float[] params, float[] train, float[] validation, int batchSize, Gemm gemm,
      double noise, SelfSupervision ss, SwapNoise swap, GroupContrast gc) {
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
    this.swap = swap;
    this.noisyBuffer = noise > 0 || swap != null ? new float[capacity * width] : null;
    this.noiseScale = noise > 0 ? columnScales(train, trainRows, width, noise) : null;
    this.ss = ss;
    this.gc = gc;
    if (gc != null) {
      trainGroup = groupOf(gc.trainGroups(), trainRows);
      validationGroup = groupOf(gc.validationGroups(), validationRows);
    } else {
      trainGroup = null;
      validationGroup = null;
    }
    if (ss != null || gc != null) {
      encoder = mlp.prefix(ss != null ? ss.encoderLayers() : gc.encoderLayers());
      encoderWs = encoder.new Workspace(2 * evalCapacity);
      views = new float[2 * evalCapacity * width];
      encoderGrad = new float[encoder.parameterCount()];
    } else {
      encoder = null;
      encoderWs = null;
      views = null;
      encoderGrad = null;
    }
  }

  /**
   * Fills {@link #views} with the anchors (rows {@code rows[from..from+n)} of {@code inputs}) and their corrupted
   * copies, and returns the contrastive loss (adding {@code weight} times its gradient to {@code gradient} when not
   * null).
   */
  private double contrastive(float[] inputs, float[] features, int rowCount, int[] rows, int from, int n,
      SplittableRandom r, float[] gradient) {
    int d = ss.columns();
    float[] map = ss.map();
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      int row = rows == null ? from + i : rows[from + i];
      keys[i] = row;
      System.arraycopy(inputs, row * width, views, i * width, width);
      int pos = (n + i) * width;
      System.arraycopy(inputs, row * width, views, pos, width);
      for (int j = 0; j < d; j++) {
        if (r.nextDouble() < ss.corruption()) {
          int other = r.nextInt(rowCount);
          float delta = features[other * d + j] - features[row * d + j];
          if (delta != 0) {
            int m = j * width;
            for (int c = 0; c < width; c++) {
              views[pos + c] += delta * map[m + c];
            }
          }
        }
      }
    }
    double loss = InfoNce.lossAndGradient(encoder, params, views, n, keys, (float) ss.temperature(), gemm, encoderWs,
        gradient == null ? null : encoderGrad);
    if (gradient != null) {
      float w = (float) ss.weight();
      for (int p = 0; p < encoderGrad.length; p++) {
        gradient[p] += w * encoderGrad[p];
      }
    }
    return loss;
  }

  /** Applies the swap noise to the batch's inputs in {@link #noisyBuffer}. */
  private void swapColumns(int[] batch, SplittableRandom r) {
    int d = swap.columns();
    float[] features = swap.trainFeatures();
    float[] map = swap.map();
    for (int i = 0; i < batch.length; i++) {
      int row = batch[i];
      int pos = i * width;
      for (int j = 0; j < d; j++) {
        if (r.nextDouble() < swap.share()) {
          float delta = features[r.nextInt(trainRows) * d + j] - features[row * d + j];
          if (delta != 0) {
            int m = j * width;
            for (int c = 0; c < width; c++) {
              noisyBuffer[pos + c] += delta * map[m + c];
            }
          }
        }
      }
    }
  }

  /** Per row, the rows of its group (groups of fewer than two rows, and rows in no group, give null). */
  private static int[][] groupOf(int[][] groups, int rows) {
    int[][] out = new int[rows][];
    for (int g = 0; g < groups.length; g++) {
      int[] members = groups[g];
      for (int r : members) {
        if (r < 0 || r >= rows) {
          throw new IllegalArgumentException("group " + g + " holds row " + r + "; rows must be in [0, " + rows + ")");
        }
      }
      if (members.length >= 2) {
        for (int r : members) {
          out[r] = members;
        }
      }
    }
    return out;
  }

  /**
   * The group-contrastive loss over the anchors among {@code rows[from..from+n)} (rows of a group of two or more),
   * adding {@code weight} times its gradient to {@code gradient} when not null; 0 with fewer than two anchors.
   */
  private double groupContrastive(float[] inputs, int[][] groupOf, int[] rows, int from, int n, SplittableRandom r,
      float[] gradient) {
    int[] keys = new int[n];
    int m = 0;
    int[] anchors = new int[n];
    for (int i = 0; i < n; i++) {
      int row = rows == null ? from + i : rows[from + i];
      if (groupOf[row] != null) {
        anchors[m++] = row;
      }
    }
    if (m < 2) {
      return 0;
    }
    for (int i = 0; i < m; i++) {
      int row = anchors[i];
      int[] members = groupOf[row];
      int partner = members[r.nextInt(members.length - 1)];
      if (partner == row) {
        partner = members[members.length - 1];
      }
      keys[i] = members[0];
      System.arraycopy(inputs, row * width, views, i * width, width);
      System.arraycopy(inputs, partner * width, views, (m + i) * width, width);
    }
    double loss = InfoNce.lossAndGradient(encoder, params, views, m, Arrays.copyOf(keys, m),
        (float) gc.temperature(), gemm, encoderWs, gradient == null ? null : encoderGrad);
    if (gradient != null) {
      float w = (float) (gc.weight() * m / n);
      for (int p = 0; p < encoderGrad.length; p++) {
        gradient[p] += w * encoderGrad[p];
      }
    }
    return loss * m / n;
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
    SplittableRandom r = new SplittableRandom(batchSeed);
    double loss;
    if (noisyBuffer == null) {
      loss = mlp.mseLossAndGradient(params, batchBuffer, batchBuffer, rows, gradient, gemm, ws);
    } else {
      System.arraycopy(batchBuffer, 0, noisyBuffer, 0, rows * width);
      if (swap != null) {
        swapColumns(batch, r);
      }
      if (noiseScale != null) {
        for (int i = 0; i < rows * width; i++) {
          noisyBuffer[i] += (float) (r.nextGaussian() * noiseScale[i % width]);
        }
      }
      loss = mlp.mseLossAndGradient(params, noisyBuffer, batchBuffer, rows, gradient, gemm, ws);
    }
    if (ss != null && rows >= 2) {
      loss += ss.weight() * contrastive(train, ss.trainFeatures(), trainRows, batch, 0, rows, r, gradient);
    }
    if (gc != null && rows >= 2) {
      loss += gc.weight() * groupContrastive(train, trainGroup, batch, 0, rows, r, gradient);
    }
    return loss;
  }

  @Override
  public double validate() {
    if (validationRows == 0) {
      return Double.NaN;
    }
    double loss = meanLoss(validation, validationRows);
    if (ss != null && validationRows >= 2) {
      SplittableRandom r = new SplittableRandom(0x5EEDL);
      double sum = 0;
      int count = 0;
      for (int from = 0; from + 1 < validationRows; from += capacity) {
        int n = Math.min(capacity, validationRows - from);
        if (n < 2) {
          break;
        }
        sum += contrastive(validation, ss.validationFeatures(), validationRows, null, from, n, r, null) * n;
        count += n;
      }
      loss += ss.weight() * sum / count;
    }
    if (gc != null && validationRows >= 2) {
      SplittableRandom r = new SplittableRandom(0x6EEDL);
      double sum = 0;
      for (int from = 0; from < validationRows; from += capacity) {
        int n = Math.min(capacity, validationRows - from);
        sum += groupContrastive(validation, validationGroup, null, from, n, r, null) * n;
      }
      loss += gc.weight() * sum / validationRows;
    }
    return loss;
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

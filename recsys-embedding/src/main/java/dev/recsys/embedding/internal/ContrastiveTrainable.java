package dev.recsys.embedding.internal;

import dev.recsys.core.training.Trainable;
import java.util.SplittableRandom;

/**
 * Contrastive fine-tuning of an encoder on co-occurrence groups (playlists, sessions) as a {@link Trainable}. A
 * training example is one membership (a row in a group); its positive is another member of the same group, drawn
 * from the batch seed; the other positives of the batch are its negatives (in-batch softmax over cosine similarities
 * divided by the temperature, rows of the same group masked). Anchors and positives run through the encoder as one
 * stacked batch; the outputs are L2-normalised, and the gradient flows back through the normalisation and the
 * encoder. Validation is the same loss on held-out groups with positives drawn from a fixed seed, so it is
 * comparable across epochs.
 */
public final class ContrastiveTrainable implements Trainable {
  private static final long VALIDATION_SEED = 0x5EEDL;

  private final Mlp encoder;
  private final float[] params;
  private final float[] inputs;
  private final int width;
  private final int[][] groups;
  private final long[] memberships;
  private final int[][] validationGroups;
  private final long[] validationMemberships;
  private final float temperature;
  private final Gemm gemm;
  private final Mlp.Workspace ws;
  private final int capacity;
  private final float[] x;

  /**
   * @param encoder the encoder network (input = PCA components, output = embedding before normalisation)
   * @param params its parameters (trained in place)
   * @param inputs encoder inputs of every row, row-major
   * @param groups training groups as row indices (groups of fewer than 2 distinct rows give no examples)
   * @param validationGroups held-out groups (may be empty)
   * @param temperature softmax temperature, in (0, 10]
   * @param batchSize the largest batch that will be requested
   * @param gemm the matrix product kernel
   */
  public ContrastiveTrainable(Mlp encoder, float[] params, float[] inputs, int[][] groups, int[][] validationGroups,
      double temperature, int batchSize, Gemm gemm) {
    if (!(temperature > 0 && temperature <= 10)) {
      throw new IllegalArgumentException("temperature must be in (0, 10]; temperature=" + temperature);
    }
    this.encoder = encoder;
    this.params = params;
    this.inputs = inputs;
    this.width = encoder.width(0);
    this.groups = groups;
    this.memberships = memberships(groups);
    this.validationGroups = validationGroups;
    this.validationMemberships = memberships(validationGroups);
    this.temperature = (float) temperature;
    this.gemm = gemm;
    this.capacity = Math.max(2, Math.min(batchSize, Math.max(memberships.length, 1)));
    this.ws = encoder.new Workspace(2 * capacity);
    this.x = new float[2 * capacity * width];
  }

  /** (group, position) of every member of a group with at least two members, packed in a long. */
  private static long[] memberships(int[][] groups) {
    int count = 0;
    for (int[] g : groups) {
      if (g.length >= 2) {
        count += g.length;
      }
    }
    long[] out = new long[count];
    int k = 0;
    for (int gi = 0; gi < groups.length; gi++) {
      if (groups[gi].length >= 2) {
        for (int p = 0; p < groups[gi].length; p++) {
          out[k++] = ((long) gi << 32) | p;
        }
      }
    }
    return out;
  }

  @Override
  public float[] parameters() {
    return params;
  }

  @Override
  public int trainingExamples() {
    return memberships.length;
  }

  @Override
  public double gradient(int[] batch, float[] gradient, long batchSeed) {
    long[] picked = new long[batch.length];
    for (int i = 0; i < batch.length; i++) {
      picked[i] = memberships[batch[i]];
    }
    return loss(groups, picked, 0, batch.length, new SplittableRandom(batchSeed), gradient);
  }

  @Override
  public double validate() {
    if (validationMemberships.length < 2) {
      return Double.NaN;
    }
    SplittableRandom r = new SplittableRandom(VALIDATION_SEED);
    double sum = 0;
    int n = 0;
    for (int from = 0; from + 1 < validationMemberships.length; from += capacity) {
      int len = Math.min(capacity, validationMemberships.length - from);
      if (len < 2) {
        break;
      }
      sum += loss(validationGroups, validationMemberships, from, len, r, null) * len;
      n += len;
    }
    return sum / n;
  }

  private double loss(int[][] gs, long[] members, int from, int n, SplittableRandom r, float[] gradient) {
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      long m = members[from + i];
      int gi = (int) (m >>> 32);
      int p = (int) m;
      int[] g = gs[gi];
      int q = r.nextInt(g.length - 1);
      if (q >= p) {
        q++;
      }
      keys[i] = gi;
      System.arraycopy(inputs, g[p] * width, x, i * width, width);
      System.arraycopy(inputs, g[q] * width, x, (n + i) * width, width);
    }
    return InfoNce.lossAndGradient(encoder, params, x, n, keys, temperature, gemm, ws, gradient);
  }
}

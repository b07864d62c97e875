package dev.recsys.embedding.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch inference of PCA + encoder with ND4J: one native matrix product per layer over the whole batch. Kept as the
 * measured alternative to the plain-Java row kernel (see the benchmarks); models do not use it, because a batched
 * product sums in another order than the row kernel and would break the guarantee that single and batch embedding
 * give the same bits. Not thread-safe.
 */
public final class Nd4jEncoder {
  private final INDArray mean;
  private final INDArray projection;
  private final INDArray[] weights;
  private final INDArray[] biases;
  private final Act[] acts;
  private final INDArray centre;

  /**
   * @param mean feature means ({@code d})
   * @param components kept principal axes as rows ({@code k x d}), already divided by their whitening scale
   * @param mlp the autoencoder network
   * @param params its parameters
   * @param encoderLayers layers up to and including the bottleneck
   */
  public Nd4jEncoder(double[] mean, double[][] components, Mlp mlp, float[] params, int encoderLayers) {
    this(mean, components, mlp, params, encoderLayers, new float[mlp.width(encoderLayers)]);
  }

  /**
   * @param mean feature means ({@code d})
   * @param components kept principal axes as rows ({@code k x d}), already divided by their whitening scale
   * @param mlp the autoencoder network
   * @param params its parameters
   * @param encoderLayers layers up to and including the bottleneck
   * @param codeCentre the code centre subtracted before normalising (the model's {@code codeCentre()})
   */
  public Nd4jEncoder(double[] mean, double[][] components, Mlp mlp, float[] params, int encoderLayers,
      float[] codeCentre) {
    this.centre = Nd4j.create(codeCentre.clone(), new long[] {1, codeCentre.length}, 'c');
    int d = mean.length;
    int k = components.length;
    float[] m = new float[d];
    for (int j = 0; j < d; j++) {
      m[j] = (float) mean[j];
    }
    this.mean = Nd4j.create(m, new long[] {1, d}, 'c');
    float[] p = new float[d * k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        p[j * k + c] = (float) components[c][j];
      }
    }
    this.projection = Nd4j.create(p, new long[] {d, k}, 'c');
    weights = new INDArray[encoderLayers];
    biases = new INDArray[encoderLayers];
    acts = new Act[encoderLayers];
    for (int l = 0; l < encoderLayers; l++) {
      int in = mlp.width(l);
      int out = mlp.width(l + 1);
      float[] w = java.util.Arrays.copyOfRange(params, mlp.weightOffset(l), mlp.weightOffset(l) + in * out);
      float[] b = java.util.Arrays.copyOfRange(params, mlp.biasOffset(l), mlp.biasOffset(l) + out);
      weights[l] = Nd4j.create(w, new long[] {in, out}, 'c');
      biases[l] = Nd4j.create(b, new long[] {1, out}, 'c');
      acts[l] = mlp.activation(l);
    }
  }

  /** Embeds {@code rows x d} features into centred, L2-normalised {@code rows x bottleneck} vectors. */
  public float[] embedAll(float[] features, int rows) {
    int d = (int) mean.length();
    INDArray x = Nd4j.create(features, new long[] {rows, d}, 'c');
    x.subiRowVector(mean);
    INDArray h = x.mmul(projection);
    for (int l = 0; l < weights.length; l++) {
      h = h.mmul(weights[l]).addiRowVector(biases[l]);
      h = switch (acts[l]) {
        case IDENTITY -> h;
        case RELU -> Transforms.relu(h, false);
        case LEAKY_RELU -> Transforms.leakyRelu(h, 0.01, false);
        case ELU -> Transforms.elu(h, false);
        case TANH -> Transforms.tanh(h, false);
      };
    }
    h.subiRowVector(centre);
    INDArray norms = h.norm2(true, 1);
    h.diviColumnVector(norms);
    return h.castTo(DataType.FLOAT).data().asFloat();
  }
}

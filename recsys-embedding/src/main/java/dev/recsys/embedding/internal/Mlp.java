package dev.recsys.embedding.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected feed-forward network over a flat parameter vector: for layer {@code l} the weights
 * ({@code in x out}, row-major) followed by the biases ({@code out}). Training uses batched matrix products through
 * a {@link Gemm} with an explicit backward pass; inference of single rows uses {@link #forwardRow}, the one
 * kernel behind both single and batch embedding, so both give the same bits.
 *
 * <p>Immutable description; the parameters and all buffers are passed in.
 */
public final class Mlp {
  private final int[] sizes;
  private final Act[] acts;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int parameterCount;

  /**
   * A network with layer widths {@code sizes} ({@code sizes[0]} is the input) and one activation per layer.
   */
  public Mlp(int[] sizes, Act[] acts) {
    if (sizes.length < 2 || acts.length != sizes.length - 1) {
      throw new IllegalArgumentException("need >= 2 sizes and one activation per layer; sizes=" + Arrays.toString(sizes)
          + ", activations=" + Arrays.toString(acts));
    }
    this.sizes = sizes.clone();
    this.acts = acts.clone();
    int layers = acts.length;
    weightOffset = new int[layers];
    biasOffset = new int[layers];
    long off = 0;
    for (int l = 0; l < layers; l++) {
      if (sizes[l] < 1 || sizes[l + 1] < 1) {
        throw new IllegalArgumentException("layer widths must be >= 1; sizes=" + Arrays.toString(sizes));
      }
      weightOffset[l] = (int) off;
      off += (long) sizes[l] * sizes[l + 1];
      biasOffset[l] = (int) off;
      off += sizes[l + 1];
    }
    if (off > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("network too large: " + off + " parameters");
    }
    parameterCount = (int) off;
  }

  /**
   * A symmetric autoencoder {@code inputs -> hidden... -> bottleneck -> reversed(hidden)... -> inputs} with
   * {@code act} after hidden layers and linear bottleneck and output.
   */
  public static Mlp autoencoder(int inputs, int[] hidden, int bottleneck, Act act) {
    int h = hidden.length;
    int[] sizes = new int[2 * h + 3];
    Act[] acts = new Act[2 * h + 2];
    sizes[0] = inputs;
    for (int i = 0; i < h; i++) {
      sizes[i + 1] = hidden[i];
      acts[i] = act;
    }
    sizes[h + 1] = bottleneck;
    acts[h] = Act.IDENTITY;
    for (int i = 0; i < h; i++) {
      sizes[h + 2 + i] = hidden[h - 1 - i];
      acts[h + 1 + i] = act;
    }
    sizes[2 * h + 2] = inputs;
    acts[2 * h + 1] = Act.IDENTITY;
    return new Mlp(sizes, acts);
  }

  /**
   * The network of the first {@code layers} layers. Its parameters are the first {@link #parameterCount()} values
   * of this network's parameter vector (the layout is layer by layer), so an encoder shares its prefix with the
   * autoencoder it was cut from.
   */
  public Mlp prefix(int layers) {
    if (layers < 1 || layers > acts.length) {
      throw new IllegalArgumentException("layers must be in [1, " + acts.length + "]; layers=" + layers);
    }
    return new Mlp(Arrays.copyOf(sizes, layers + 1), Arrays.copyOf(acts, layers));
  }

  /** Offset of layer {@code l}'s weights in the parameter vector. */
  public int weightOffset(int l) {
    return weightOffset[l];
  }

  /** Offset of layer {@code l}'s biases in the parameter vector. */
  public int biasOffset(int l) {
    return biasOffset[l];
  }

  /** Activation of layer {@code l}. */
  public Act activation(int l) {
    return acts[l];
  }

  /** Number of layers (weight matrices). */
  public int layers() {
    return acts.length;
  }

  /** Width of layer output {@code l} ({@code width(0)} is the input width). */
  public int width(int l) {
    return sizes[l];
  }

  /** The widest layer. */
  public int maxWidth() {
    return Arrays.stream(sizes).max().orElseThrow();
  }

  /** Total number of parameters. */
  public int parameterCount() {
    return parameterCount;
  }

  /**
   * Initialises weights uniformly with the Glorot limit {@code sqrt(6 / (in + out))} (He limit
   * {@code sqrt(6 / in)} before rectifier activations), biases to zero, from {@code seed}.
   */
  public void initialise(float[] params, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int l = 0; l < acts.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      boolean rect = acts[l] == Act.RELU || acts[l] == Act.LEAKY_RELU || acts[l] == Act.ELU;
      double limit = rect ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
      for (int i = 0; i < in * out; i++) {
        params[weightOffset[l] + i] = (float) ((2 * r.nextDouble() - 1) * limit);
      }
      Arrays.fill(params, biasOffset[l], biasOffset[l] + out, 0f);
    }
  }

  /**
   * Runs layers {@code 0..upTo-1} on one row: reads {@code width(0)} values of {@code x} at {@code xOff} and writes
   * {@code width(upTo)} values to {@code out} at {@code outOff}. {@code s1} and {@code s2} are scratch arrays of at
   * least {@link #maxWidth()} floats. The same bits as the row inside any block of {@link #forwardRows}.
   */
  public void forwardRow(float[] params, int upTo, float[] x, int xOff, float[] out, int outOff, float[] s1, float[] s2) {
    forwardRows(DenseKernel.get(), params, upTo, x, xOff, 0, 1, out, outOff, 0, s1, s2);
  }

  /**
   * Runs layers {@code 0..upTo-1} on {@code rows} rows with {@code kernel}: row {@code r} of the input at
   * {@code xOff + r * xStride}, of the output at {@code outOff + r * outStride}. {@code s1} and {@code s2} are
   * scratch arrays of at least {@code rows * maxWidth()} floats. Each row's output has the same bits whatever
   * {@code rows} and the kernel (see {@link DenseKernel}).
   */
  public void forwardRows(DenseKernel kernel, float[] params, int upTo, float[] x, int xOff, int xStride, int rows,
      float[] out, int outOff, int outStride, float[] s1, float[] s2) {
    float[] in = x;
    int inOff = xOff;
    int inStride = xStride;
    for (int l = 0; l < upTo; l++) {
      int n = sizes[l + 1];
      boolean last = l == upTo - 1;
      float[] dst = last ? out : (l % 2 == 0 ? s1 : s2);
      int dOff = last ? outOff : 0;
      int dStride = last ? outStride : n;
      kernel.layer(params, weightOffset[l], biasOffset[l], sizes[l], n, in, inOff, inStride, rows, dst, dOff, dStride);
      for (int r = 0; r < rows; r++) {
        if (acts[l] == Act.TANH) {
          kernel.tanh(dst, dOff + r * dStride, n);
        } else {
          acts[l].apply(dst, dOff + r * dStride, n);
        }
      }
      in = dst;
      inOff = dOff;
      inStride = dStride;
    }
  }

  /** Buffers of batched forward and backward passes for batches of up to {@code capacity} rows. */
  public final class Workspace {
    final int capacity;
    final float[][] pre;
    final float[][] post;
    final float[] delta;
    final float[] deltaPrev;

    /** Buffers for up to {@code capacity} rows. */
    public Workspace(int capacity) {
      this.capacity = capacity;
      int layers = acts.length;
      pre = new float[layers][];
      post = new float[layers + 1][];
      for (int l = 0; l < layers; l++) {
        pre[l] = new float[capacity * sizes[l + 1]];
        post[l + 1] = new float[capacity * sizes[l + 1]];
      }
      delta = new float[capacity * maxWidth()];
      deltaPrev = new float[capacity * maxWidth()];
    }
  }

  /**
   * Batched forward pass of all layers; returns the output array (valid for {@code rows x width(layers())}).
   * {@code x} holds {@code rows x width(0)} values from offset 0.
   */
  public float[] forwardBatch(float[] params, float[] x, int rows, Gemm gemm, Workspace ws) {
    checkRows(rows, ws);
    ws.post[0] = x;
    for (int l = 0; l < acts.length; l++) {
      int n = sizes[l + 1];
      float[] z = ws.pre[l];
      gemm.multiply(false, false, rows, n, sizes[l], ws.post[l], 0, params, weightOffset[l], z, 0, false);
      int b = biasOffset[l];
      for (int i = 0; i < rows; i++) {
        int o = i * n;
        for (int j = 0; j < n; j++) {
          z[o + j] += params[b + j];
        }
      }
      float[] a = ws.post[l + 1];
      System.arraycopy(z, 0, a, 0, rows * n);
      acts[l].apply(a, 0, rows * n);
    }
    return ws.post[acts.length];
  }

  /**
   * Mean squared reconstruction error of {@code target} ({@code rows x width(layers())}) and, when {@code grad} is
   * not null, its gradient with respect to the parameters (overwritten). The loss is the mean over rows and output
   * columns.
   */
  public double mseLossAndGradient(float[] params, float[] x, float[] target, int rows, float[] grad, Gemm gemm,
      Workspace ws) {
    float[] out = forwardBatch(params, x, rows, gemm, ws);
    int layers = acts.length;
    int nOut = sizes[layers];
    int len = rows * nOut;
    double loss = 0;
    float scale = 2f / len;
    float[] delta = ws.delta;
    for (int i = 0; i < len; i++) {
      float d = out[i] - target[i];
      loss += (double) d * d;
      delta[i] = scale * d;
    }
    loss /= len;
    if (grad != null) {
      backward(params, rows, grad, gemm, ws);
    }
    return loss;
  }

  /**
   * The output-side delta buffer of {@code ws}: after {@link #forwardBatch}, write the gradient of the loss with
   * respect to the {@code rows x width(layers())} outputs here, then call {@link #backward}.
   */
  public float[] outputDelta(Workspace ws) {
    return ws.delta;
  }

  /**
   * Back-propagates the gradient held in {@link #outputDelta} through the pass last run by {@link #forwardBatch} on
   * {@code ws}, overwriting {@code grad} with the gradient with respect to the parameters.
   */
  public void backward(float[] params, int rows, float[] grad, Gemm gemm, Workspace ws) {
    checkRows(rows, ws);
    int layers = acts.length;
    float[] cur = ws.delta;
    float[] prev = ws.deltaPrev;
    for (int l = layers - 1; l >= 0; l--) {
      int n = sizes[l + 1];
      int k = sizes[l];
      acts[l].backward(ws.pre[l], ws.post[l + 1], cur, rows * n);
      gemm.multiply(true, false, k, n, rows, ws.post[l], 0, cur, 0, grad, weightOffset[l], false);
      int b = biasOffset[l];
      Arrays.fill(grad, b, b + n, 0f);
      for (int i = 0; i < rows; i++) {
        int o = i * n;
        for (int j = 0; j < n; j++) {
          grad[b + j] += cur[o + j];
        }
      }
      if (l > 0) {
        gemm.multiply(false, true, rows, k, n, cur, 0, params, weightOffset[l], prev, 0, false);
        float[] t = cur;
        cur = prev;
        prev = t;
      }
    }
  }

  private static void checkRows(int rows, Workspace ws) {
    if (rows < 1 || rows > ws.capacity) {
      throw new IllegalArgumentException("rows must be in [1, " + ws.capacity + "]; rows=" + rows);
    }
  }
}

package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.kernels.Activations;
import dev.recsys.embedding.Activation;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One tower: embedding tables for the id and multi-hot inputs, then dense layers (linear, optional batch norm,
 * activation, dropout) and a final linear layer whose output is L2-normalised. Forward and backward passes are
 * explicit; matrix products go through the {@link Gemm} passed to each call. Parameters are plain float arrays listed by
 * {@link #parameters()} (the trainable ones) and {@link #state()} (everything a checkpoint or a saved model needs,
 * including batch-norm running statistics).
 *
 * <p>Not thread-safe while training; inference ({@code training == false}) only reads parameters and may run
 * concurrently.
 */
public final class Tower {
  static final float BN_EPS = 1e-5f;
  static final float BN_MOMENTUM = 0.1f;
  static final float NORM_EPS = 1e-8f;

  private final FeatureSchema schema;
  private final Activation activation;
  private final boolean batchNorm;
  private final float dropout;
  private final int[] widths;
  private final int hidden;
  private final List<FeatureInput.Id> idInputs;
  private final List<FeatureInput.MultiHot> bagInputs;
  private final int denseWidth;
  /** Column offset of each input in the first layer's input: ids, then bags, then dense. */
  private final int[] idOffset;
  private final int[] bagOffset;
  private final int denseOffset;

  final float[][] idTables;
  final float[][] bagTables;
  final float[][] w;
  final float[][] b;
  final float[][] gamma;
  final float[][] beta;
  final float[][] runMean;
  final float[][] runVar;

  /** A tower with freshly initialised weights (He or Glorot normal; embeddings N(0, 0.1)). */
  public Tower(FeatureSchema schema, List<Integer> hiddenLayers, int outputDimension, Activation activation,
      boolean batchNorm, double dropout, long seed) {
    this(schema, hiddenLayers, outputDimension, activation, batchNorm, dropout, seed, true);
  }

  /**
   * A tower whose weights are drawn from {@code seed} when {@code initialise}, or left zero (for a tower whose
   * weights are about to be overwritten: a copy or a loaded model).
   */
  Tower(FeatureSchema schema, List<Integer> hiddenLayers, int outputDimension, Activation activation,
      boolean batchNorm, double dropout, long seed, boolean initialise) {
    this.schema = schema;
    this.activation = activation;
    this.batchNorm = batchNorm;
    this.dropout = (float) dropout;
    this.idInputs = schema.ids();
    this.bagInputs = schema.bags();
    this.denseWidth = schema.denseWidth();
    this.hidden = hiddenLayers.size();
    widths = new int[hidden + 2];
    widths[0] = schema.inputWidth();
    for (int l = 0; l < hidden; l++) {
      widths[l + 1] = hiddenLayers.get(l);
    }
    widths[hidden + 1] = outputDimension;
    idOffset = new int[idInputs.size()];
    bagOffset = new int[bagInputs.size()];
    int off = 0;
    for (int i = 0; i < idInputs.size(); i++) {
      idOffset[i] = off;
      off += idInputs.get(i).dimension();
    }
    for (int i = 0; i < bagInputs.size(); i++) {
      bagOffset[i] = off;
      off += bagInputs.get(i).dimension();
    }
    denseOffset = off;

    SplittableRandom rnd = initialise ? new SplittableRandom(seed) : null;
    idTables = new float[idInputs.size()][];
    for (int i = 0; i < idTables.length; i++) {
      idTables[i] = gaussian(rnd, idInputs.get(i).rows() * idInputs.get(i).dimension(), 0.1);
    }
    bagTables = new float[bagInputs.size()][];
    for (int i = 0; i < bagTables.length; i++) {
      bagTables[i] = gaussian(rnd, bagInputs.get(i).vocabularySize() * bagInputs.get(i).dimension(), 0.1);
    }
    w = new float[hidden + 1][];
    b = new float[hidden + 1][];
    for (int l = 0; l <= hidden; l++) {
      boolean rectified = l < hidden && (activation == Activation.RELU || activation == Activation.LEAKY_RELU);
      double std = Math.sqrt((rectified ? 2.0 : 1.0) / widths[l]);
      w[l] = gaussian(rnd, widths[l] * widths[l + 1], std);
      b[l] = new float[widths[l + 1]];
    }
    gamma = new float[batchNorm ? hidden : 0][];
    beta = new float[gamma.length][];
    runMean = new float[gamma.length][];
    runVar = new float[gamma.length][];
    for (int l = 0; l < gamma.length; l++) {
      gamma[l] = new float[widths[l + 1]];
      java.util.Arrays.fill(gamma[l], 1f);
      beta[l] = new float[widths[l + 1]];
      runMean[l] = new float[widths[l + 1]];
      runVar[l] = new float[widths[l + 1]];
      java.util.Arrays.fill(runVar[l], 1f);
    }
  }

  /** {@code n} draws of N(0, std^2), or zeros when {@code rnd} is null. */
  private static float[] gaussian(SplittableRandom rnd, int n, double std) {
    float[] v = new float[n];
    if (rnd == null) {
      return v;
    }
    for (int i = 0; i < n; i++) {
      // Box-Muller on the seeded generator, so that initialisation does not depend on java.util.Random
      double u1 = rnd.nextDouble();
      double u2 = rnd.nextDouble();
      v[i] = (float) (std * Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }

  /** The input schema. */
  public FeatureSchema schema() {
    return schema;
  }

  /** Output width. */
  public int outputDimension() {
    return widths[hidden + 1];
  }

  /** The trainable parameters, in a fixed order (tables, then per layer W and b, then gamma and beta). */
  public List<float[]> parameters() {
    List<float[]> p = new ArrayList<>();
    p.addAll(List.of(idTables));
    p.addAll(List.of(bagTables));
    for (int l = 0; l <= hidden; l++) {
      p.add(w[l]);
      p.add(b[l]);
    }
    for (int l = 0; l < gamma.length; l++) {
      p.add(gamma[l]);
      p.add(beta[l]);
    }
    return p;
  }

  /** Names of {@link #parameters()}, in the same order. */
  public List<String> parameterNames() {
    List<String> p = new ArrayList<>();
    idInputs.forEach(in -> p.add("table." + in.name()));
    bagInputs.forEach(in -> p.add("table." + in.name()));
    for (int l = 0; l <= hidden; l++) {
      p.add("layer" + l + ".W");
      p.add("layer" + l + ".b");
    }
    for (int l = 0; l < gamma.length; l++) {
      p.add("layer" + l + ".gamma");
      p.add("layer" + l + ".beta");
    }
    return p;
  }

  /** Every array a saved model needs: the parameters, then the batch-norm running statistics. */
  public List<float[]> state() {
    List<float[]> s = new ArrayList<>(parameters());
    s.addAll(List.of(runMean));
    s.addAll(List.of(runVar));
    return s;
  }

  /** Activations kept by a forward pass for its backward pass. */
  public static final class Pass {
    final int n;
    final boolean training;
    final int[][] ids;
    final Batch batch;
    final float[][] in; // in[l]: input of linear layer l (n x widths[l])
    final float[][] y; // post-BN pre-activation of hidden layer l
    final float[][] xhat;
    final float[][] invStd;
    final float[][] mask;
    float[] out;
    float[] norm;
    /** The L2-normalised outputs, n x outputDimension. */
    public float[] embedding;

    Pass(int n, boolean training, int layers, Batch batch) {
      this.n = n;
      this.training = training;
      this.batch = batch;
      this.ids = new int[batch.ids.length][];
      in = new float[layers + 1][];
      y = new float[layers][];
      xhat = new float[layers][];
      invStd = new float[layers][];
      mask = new float[layers][];
    }
  }

  /**
   * Runs the tower.
   *
   * @param training batch statistics and dropout when true; running statistics and no dropout otherwise
   * @param rnd dropout and bucket substitution randomness (used only when training)
   * @param unknownIdRate probability of replacing a known id by its hash bucket (training only)
   */
  public Pass forward(Batch batch, boolean training, SplittableRandom rnd, double unknownIdRate, Gemm gemm) {
    int n = batch.size;
    Pass p = new Pass(n, training, hidden, batch);
    int w0 = widths[0];
    float[] x = new float[n * w0];
    for (int i = 0; i < idInputs.size(); i++) {
      FeatureInput.Id in = idInputs.get(i);
      int d = in.dimension();
      int[] ids = batch.ids[i];
      if (training && unknownIdRate > 0) {
        ids = ids.clone();
        for (int r = 0; r < n; r++) {
          if (ids[r] < in.vocabularySize() && rnd.nextDouble() < unknownIdRate) {
            ids[r] = in.bucketOf(ids[r]);
          }
        }
      }
      p.ids[i] = ids;
      float[] t = idTables[i];
      for (int r = 0; r < n; r++) {
        System.arraycopy(t, ids[r] * d, x, r * w0 + idOffset[i], d);
      }
    }
    for (int i = 0; i < bagInputs.size(); i++) {
      int d = bagInputs.get(i).dimension();
      float[] t = bagTables[i];
      int[] start = batch.bagStart[i];
      int[] idx = batch.bagIdx[i];
      for (int r = 0; r < n; r++) {
        int s = start[r];
        int e = start[r + 1];
        if (e == s) {
          continue;
        }
        int base = r * w0 + bagOffset[i];
        for (int j = s; j < e; j++) {
          int row = idx[j] * d;
          for (int c = 0; c < d; c++) {
            x[base + c] += t[row + c];
          }
        }
        float inv = 1f / (e - s);
        for (int c = 0; c < d; c++) {
          x[base + c] *= inv;
        }
      }
    }
    for (int r = 0; r < n; r++) {
      System.arraycopy(batch.dense, r * denseWidth, x, r * w0 + denseOffset, denseWidth);
    }
    p.in[0] = x;
    for (int l = 0; l <= hidden; l++) {
      int wi = widths[l];
      int wo = widths[l + 1];
      float[] z = new float[n * wo];
      gemm.multiply(false, false, n, wo, wi, p.in[l], 0, w[l], 0, z, 0, false);
      float[] bl = b[l];
      for (int r = 0; r < n; r++) {
        int o = r * wo;
        for (int c = 0; c < wo; c++) {
          z[o + c] += bl[c];
        }
      }
      if (l == hidden) {
        p.out = z;
        break;
      }
      if (batchNorm) {
        batchNorm(p, l, z, wo, training);
      }
      p.y[l] = z;
      float[] a = new float[n * wo];
      for (int i = 0; i < a.length; i++) {
        a[i] = activate(z[i]);
      }
      if (training && dropout > 0) {
        float keep = 1f - dropout;
        float[] m = new float[a.length];
        for (int i = 0; i < a.length; i++) {
          m[i] = rnd.nextDouble() < dropout ? 0f : 1f / keep;
          a[i] *= m[i];
        }
        p.mask[l] = m;
      }
      p.in[l + 1] = a;
    }
    int d = widths[hidden + 1];
    p.norm = new float[n];
    p.embedding = new float[n * d];
    for (int r = 0; r < n; r++) {
      double s = 0;
      for (int c = 0; c < d; c++) {
        float v = p.out[r * d + c];
        s += v * v;
      }
      float nrm = (float) Math.max(Math.sqrt(s), NORM_EPS);
      p.norm[r] = nrm;
      for (int c = 0; c < d; c++) {
        p.embedding[r * d + c] = p.out[r * d + c] / nrm;
      }
    }
    return p;
  }

  private void batchNorm(Pass p, int l, float[] z, int wo, boolean training) {
    int n = p.n;
    float[] g = gamma[l];
    float[] be = beta[l];
    float[] mean = new float[wo];
    float[] inv = new float[wo];
    if (training) {
      double[] s = new double[wo];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < wo; c++) {
          s[c] += z[r * wo + c];
        }
      }
      for (int c = 0; c < wo; c++) {
        mean[c] = (float) (s[c] / n);
      }
      double[] v = new double[wo];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < wo; c++) {
          double dlt = z[r * wo + c] - mean[c];
          v[c] += dlt * dlt;
        }
      }
      for (int c = 0; c < wo; c++) {
        float var = (float) (v[c] / n);
        inv[c] = (float) (1.0 / Math.sqrt(var + BN_EPS));
        runMean[l][c] = (1 - BN_MOMENTUM) * runMean[l][c] + BN_MOMENTUM * mean[c];
        float unbiased = n > 1 ? (float) (v[c] / (n - 1)) : var;
        runVar[l][c] = (1 - BN_MOMENTUM) * runVar[l][c] + BN_MOMENTUM * unbiased;
      }
    } else {
      for (int c = 0; c < wo; c++) {
        mean[c] = runMean[l][c];
        inv[c] = (float) (1.0 / Math.sqrt(runVar[l][c] + BN_EPS));
      }
    }
    float[] xh = new float[n * wo];
    for (int r = 0; r < n; r++) {
      int o = r * wo;
      for (int c = 0; c < wo; c++) {
        float h = (z[o + c] - mean[c]) * inv[c];
        xh[o + c] = h;
        z[o + c] = g[c] * h + be[c];
      }
    }
    p.xhat[l] = xh;
    p.invStd[l] = inv;
  }

  private float activate(float v) {
    return switch (activation) {
      case RELU -> Activations.relu(v);
      case LEAKY_RELU -> Activations.leakyRelu(v, Activations.LEAKY_SLOPE);
      case ELU -> Activations.elu(v);
      case TANH -> Activations.tanh(v);
    };
  }

  private float derivative(float pre) {
    return switch (activation) {
      case RELU -> Activations.reluDerivative(pre);
      case LEAKY_RELU -> Activations.leakyReluDerivative(pre, Activations.LEAKY_SLOPE);
      case TANH -> Activations.tanhDerivativeFromOutput(Activations.tanh(pre));
      case ELU -> Activations.eluDerivative(pre);
    };
  }

  /** The transpose of a row-major {@code rows x cols} matrix. */
  static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  /**
   * Back-propagates the gradient of the loss with respect to the normalised outputs, adding parameter gradients
   * into {@code grads} (parallel to {@link #parameters()}).
   */
  public void backward(Pass p, float[] dEmbedding, List<float[]> grads, Gemm gemm) {
    int n = p.n;
    int d = widths[hidden + 1];
    float[] dz = new float[n * d];
    for (int r = 0; r < n; r++) {
      int o = r * d;
      double dot = 0;
      for (int c = 0; c < d; c++) {
        dot += p.embedding[o + c] * dEmbedding[o + c];
      }
      float inv = 1f / p.norm[r];
      for (int c = 0; c < d; c++) {
        dz[o + c] = (float) ((dEmbedding[o + c] - p.embedding[o + c] * dot) * inv);
      }
    }
    int tables = idTables.length + bagTables.length;
    for (int l = hidden; l >= 0; l--) {
      int wi = widths[l];
      int wo = widths[l + 1];
      if (l < hidden) {
        // dz currently holds d(loss)/d(activation output of layer l)
        float[] m = p.mask[l];
        float[] y = p.y[l];
        for (int i = 0; i < dz.length; i++) {
          float g = m == null ? dz[i] : dz[i] * m[i];
          dz[i] = g * derivative(y[i]);
        }
        if (batchNorm) {
          float[] gGamma = grads.get(tables + 2 * (hidden + 1) + 2 * l);
          float[] gBeta = grads.get(tables + 2 * (hidden + 1) + 2 * l + 1);
          float[] xh = p.xhat[l];
          float[] g = gamma[l];
          double[] sumDx = new double[wo];
          double[] sumDxX = new double[wo];
          for (int r = 0; r < n; r++) {
            int o = r * wo;
            for (int c = 0; c < wo; c++) {
              float dy = dz[o + c];
              gGamma[c] += dy * xh[o + c];
              gBeta[c] += dy;
              float dxh = dy * g[c];
              sumDx[c] += dxh;
              sumDxX[c] += dxh * xh[o + c];
            }
          }
          float[] inv = p.invStd[l];
          for (int r = 0; r < n; r++) {
            int o = r * wo;
            for (int c = 0; c < wo; c++) {
              float dxh = dz[o + c] * g[c];
              dz[o + c] = (float) (inv[c] / n * (n * (double) dxh - sumDx[c] - xh[o + c] * sumDxX[c]));
            }
          }
        }
      }
      float[] gW = grads.get(tables + 2 * l);
      float[] gB = grads.get(tables + 2 * l + 1);
      gemm.multiply(true, false, wi, wo, n, p.in[l], 0, dz, 0, gW, 0, true);
      for (int r = 0; r < n; r++) {
        int o = r * wo;
        for (int c = 0; c < wo; c++) {
          gB[c] += dz[o + c];
        }
      }
      float[] dIn = new float[n * wi];
      // dIn = dz W^T: multiply by an explicit transpose, so the kernel runs its vectorisable row-times-matrix loop
      gemm.multiply(false, false, n, wi, wo, dz, 0, transpose(w[l], wi, wo), 0, dIn, 0, false);
      dz = dIn;
    }
    int w0 = widths[0];
    for (int i = 0; i < idInputs.size(); i++) {
      int d0 = idInputs.get(i).dimension();
      float[] g = grads.get(i);
      int[] ids = p.ids[i];
      for (int r = 0; r < n; r++) {
        int src = r * w0 + idOffset[i];
        int dst = ids[r] * d0;
        for (int c = 0; c < d0; c++) {
          g[dst + c] += dz[src + c];
        }
      }
    }
    for (int i = 0; i < bagInputs.size(); i++) {
      int d0 = bagInputs.get(i).dimension();
      float[] g = grads.get(idTables.length + i);
      int[] start = p.batch.bagStart[i];
      int[] idx = p.batch.bagIdx[i];
      for (int r = 0; r < n; r++) {
        int s = start[r];
        int e = start[r + 1];
        if (e == s) {
          continue;
        }
        float inv = 1f / (e - s);
        int src = r * w0 + bagOffset[i];
        for (int j = s; j < e; j++) {
          int dst = idx[j] * d0;
          for (int c = 0; c < d0; c++) {
            g[dst + c] += dz[src + c] * inv;
          }
        }
      }
    }
  }
}

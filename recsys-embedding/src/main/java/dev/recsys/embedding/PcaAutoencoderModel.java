package dev.recsys.embedding;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.embedding.internal.Act;
import dev.recsys.embedding.internal.DenseKernel;
import dev.recsys.embedding.internal.Mlp;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A fitted PCA + autoencoder: features are projected by the {@link PcaModel}, encoded by the trained encoder, the
 * bottleneck is centred on the training rows' mean code and L2-normalised (cosine similarity becomes a dot product;
 * without the centring, cosine would measure angles around an arbitrary offset of the codes). Immutable and
 * thread-safe.
 *
 * <p>One plain-Java row kernel serves {@link #embed} and {@link #embedAll} (which runs it on all cores over blocks
 * of rows), so a track embeds to the same bits alone and in a batch, on any thread count.
 */
public final class PcaAutoencoderModel implements EmbeddingModel {
  /**
   * Payload format version written: 2 stores the code centre after the parameters; version 1 payloads (no centre)
   * load with a zero centre and embed as they did.
   */
  public static final int FORMAT_VERSION = 2;

  private static final int ROWS_PER_TASK = 2048;

  private final AutoencoderConfig config;
  private final PcaModel pca;
  private final Mlp mlp;
  private final float[] params;
  private final int encoderLayers;
  private final float[] codeCentre;
  private final Provenance provenance;

  PcaAutoencoderModel(AutoencoderConfig config, PcaModel pca, float[] params, float[] codeCentre,
      Provenance provenance) {
    this.config = config;
    this.pca = pca;
    this.mlp = network(config, pca.dimension());
    if (params.length != mlp.parameterCount()) {
      throw new IllegalArgumentException("need " + mlp.parameterCount() + " parameters; got " + params.length);
    }
    this.params = params;
    this.encoderLayers = config.hiddenSizes().size() + 1;
    if (codeCentre.length != config.bottleneck()) {
      throw new IllegalArgumentException("need a code centre of " + config.bottleneck() + " values; got "
          + codeCentre.length);
    }
    this.codeCentre = codeCentre.clone();
    this.provenance = provenance;
  }

  /** A copy with the code centre set to the mean bottleneck code of {@code features}' rows. */
  PcaAutoencoderModel centredOn(FeatureMatrix features) {
    float[] codes = run(features, dimension(), Mode.CODE);
    int b = dimension();
    double[] sum = new double[b];
    for (int i = 0; i < features.rows(); i++) {
      for (int j = 0; j < b; j++) {
        sum[j] += codes[i * b + j];
      }
    }
    float[] centre = new float[b];
    for (int j = 0; j < b; j++) {
      centre[j] = features.rows() == 0 ? 0f : (float) (sum[j] / features.rows());
    }
    return new PcaAutoencoderModel(config, pca, params, centre, provenance);
  }

  /**
   * The mean bottleneck code of the training rows, subtracted before normalising.
   *
   * @return a copy of the mean code, one value per bottleneck unit
   */
  public float[] codeCentre() {
    return codeCentre.clone();
  }

  /** The network of {@code config} on {@code inputs} PCA components. */
  static Mlp network(AutoencoderConfig config, int inputs) {
    return Mlp.autoencoder(inputs, config.hiddenSizes().stream().mapToInt(Integer::intValue).toArray(),
        config.bottleneck(), Act.valueOf(config.activation().name()));
  }

  @Override
  public String providerName() {
    return PcaAutoencoderPlugin.NAME;
  }

  /**
   * The configuration of the fit.
   *
   * @return the configuration of the fit
   */
  public AutoencoderConfig config() {
    return config;
  }

  /**
   * The PCA stage.
   *
   * @return the PCA stage
   */
  public PcaModel pca() {
    return pca;
  }

  /**
   * Provenance of the fit.
   *
   * @return the provenance of the fit
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Number of trained parameters.
   *
   * @return the number of trained parameters
   */
  public int parameterCount() {
    return params.length;
  }

  /**
   * A copy of the trained parameters (flat, layer by layer: weights row-major, then biases).
   *
   * @return a copy of the trained parameters (flat, layer by layer: weights row-major, then biases)
   */
  public float[] parameters() {
    return params.clone();
  }

  @Override
  public int inputDimension() {
    return pca.inputDimension();
  }

  @Override
  public int dimension() {
    return config.bottleneck();
  }

  @Override
  public float[] embed(float[] features) {
    Objects.requireNonNull(features, "features");
    if (features.length != inputDimension()) {
      throw new IllegalArgumentException("features must have inputDimension()=" + inputDimension() + " values; has "
          + features.length);
    }
    float[] out = new float[dimension()];
    new RowKernel().embed(features, 0, features.length, 1, out, 0);
    return out;
  }

  @Override
  public FeatureMatrix embedAll(FeatureMatrix features) {
    float[] out = run(features, dimension(), Mode.EMBED);
    return new FeatureMatrix(features.rows(), dimension(), out, PcaModel.columnNames(dimension()).stream()
        .map(s -> "e" + s.substring(2)).toList());
  }

  /**
   * Reconstructs every row through PCA, the whole autoencoder and the inverse PCA: the autoencoder's
   * reconstruction in the feature space.
   *
   * @param features the feature matrix
   * @return the {@code FeatureMatrix}
   */
  public FeatureMatrix reconstructAll(FeatureMatrix features) {
    float[] out = run(features, inputDimension(), Mode.RECONSTRUCT);
    return new FeatureMatrix(features.rows(), inputDimension(), out, features.columns());
  }

  private enum Mode { EMBED, CODE, RECONSTRUCT }

  private float[] run(FeatureMatrix features, int width, Mode mode) {
    Objects.requireNonNull(features, "features");
    if (features.cols() != inputDimension()) {
      throw new IllegalArgumentException("features must have inputDimension()=" + inputDimension() + " columns; has "
          + features.cols());
    }
    int rows = features.rows();
    int d = features.cols();
    float[] x = features.data();
    float[] out = new float[rows * width];
    int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    IntStream.range(0, tasks).parallel().forEach(t -> {
      RowKernel k = new RowKernel();
      int end = Math.min(rows, (t + 1) * ROWS_PER_TASK);
      for (int i = t * ROWS_PER_TASK; i < end; i += DenseKernel.BLOCK_ROWS) {
        int m = Math.min(DenseKernel.BLOCK_ROWS, end - i);
        switch (mode) {
          case EMBED -> k.embed(x, i * d, d, m, out, i * width);
          case CODE -> k.code(x, i * d, d, m, out, i * width);
          case RECONSTRUCT -> {
            for (int r = 0; r < m; r++) {
              k.reconstruct(x, (i + r) * d, out, (i + r) * width);
            }
          }
        }
      }
    });
    return out;
  }

  /** Per-thread scratch buffers around the shared block kernel (up to {@link DenseKernel#BLOCK_ROWS} rows). */
  private final class RowKernel {
    final float[] projected = new float[DenseKernel.BLOCK_ROWS * pca.dimension()];
    final float[] s1 = new float[DenseKernel.BLOCK_ROWS * mlp.maxWidth()];
    final float[] s2 = new float[DenseKernel.BLOCK_ROWS * mlp.maxWidth()];
    final float[] all = new float[pca.dimension()];
    final double[] centred = new double[pca.inputDimension()];

    /** Embeds {@code rows} rows of {@code d} features from {@code off}, written {@link #dimension()} apart. */
    void embed(float[] x, int off, int d, int rows, float[] out, int outOff) {
      code(x, off, d, rows, out, outOff);
      int dim = dimension();
      for (int r = 0; r < rows; r++) {
        int o = outOff + r * dim;
        for (int j = 0; j < codeCentre.length; j++) {
          out[o + j] -= codeCentre[j];
        }
        normalise(out, o, dim);
      }
    }

    /** The bottleneck codes of {@code rows} rows, written {@link #dimension()} apart. */
    void code(float[] x, int off, int d, int rows, float[] out, int outOff) {
      int p = pca.dimension();
      for (int r = 0; r < rows; r++) {
        pca.project(x, off + r * d, projected, r * p, centred);
      }
      mlp.forwardRows(DenseKernel.get(), params, encoderLayers, projected, 0, p, rows, out, outOff, dimension(), s1, s2);
    }

    void reconstruct(float[] x, int off, float[] out, int outOff) {
      pca.project(x, off, projected, 0, centred);
      mlp.forwardRow(params, mlp.layers(), projected, 0, all, 0, s1, s2);
      float[] back = pca.inverseTransform(all);
      System.arraycopy(back, 0, out, outOff, back.length);
    }
  }

  /** Scales {@code len} values at {@code off} to unit L2 norm (all-zero vectors stay zero). */
  static void normalise(float[] v, int off, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += (double) v[off + i] * v[off + i];
    }
    if (s > 0) {
      float inv = (float) (1 / Math.sqrt(s));
      for (int i = 0; i < len; i++) {
        v[off + i] *= inv;
      }
    }
  }

  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer().putString(dev.recsys.core.io.ConfigJson.write(pca.config()));
    pca.writeTo(w);
    w.putFloats(params);
    w.putFloats(codeCentre);
    return new ModelContainer(PcaAutoencoderPlugin.NAME, FORMAT_VERSION, dev.recsys.core.io.ConfigJson.write(config),
        provenance, w.toByteArray());
  }

  static PcaAutoencoderModel read(ModelContainer c, AutoencoderConfig config) throws IOException {
    Payload.Reader r = Payload.reader(c.payload());
    PcaConfig pcaConfig = dev.recsys.core.io.ConfigJson.readModelConfig(r.getString(), PcaConfig.class, "'pca-autoencoder' payload");
    PcaModel pca = PcaModel.read(r, pcaConfig, c.provenance());
    float[] params = r.getFloats();
    float[] centre = c.payloadVersion() >= 2 ? r.getFloats() : new float[config.bottleneck()];
    r.requireEnd();
    try {
      return new PcaAutoencoderModel(config, pca, params, centre, c.provenance());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("bad 'pca-autoencoder' payload: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PcaAutoencoderModel[inputDimension=" + inputDimension() + ", pcaComponents=" + pca.dimension()
        + ", dimension=" + dimension() + ", parameters=" + params.length + ", config=" + config + ", provenance="
        + provenance + "]";
  }
}

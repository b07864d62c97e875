package dev.recsys.embedding;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.util.Checks;
import dev.recsys.core.io.ConfigJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A fitted principal component analysis: centring on the training means, projection on the leading eigenvectors
 * of the training covariance, optionally whitened. Immutable and thread-safe.
 *
 * <p>{@link #embed} and {@link #embedAll} share one double-precision kernel per row, so a row embeds to the same
 * bits alone and in a batch. {@link #explainedVarianceRatio()} covers every component (not only the kept ones), so
 * a report can show the whole spectrum.
 */
public final class PcaModel implements EmbeddingModel {
  /** Payload format version written. */
  public static final int FORMAT_VERSION = 1;

  private static final int ROWS_PER_TASK = 4096;

  private final PcaConfig config;
  private final List<String> inputColumns;
  private final double[] mean;
  private final double[] eigenvalues;
  private final double[][] allComponents;
  private final int kept;
  private final double[] scale;
  private final Provenance provenance;

  PcaModel(PcaConfig config, List<String> inputColumns, double[] mean, double[] eigenvalues, double[][] allComponents,
      int kept, Provenance provenance) {
    this.config = config;
    this.inputColumns = List.copyOf(inputColumns);
    this.mean = mean;
    this.eigenvalues = eigenvalues;
    this.allComponents = allComponents;
    this.kept = kept;
    this.provenance = provenance;
    this.scale = new double[kept];
    double floor = Math.max(eigenvalues.length == 0 ? 0 : eigenvalues[0], 0) * 1e-12 + Double.MIN_NORMAL;
    for (int c = 0; c < kept; c++) {
      scale[c] = config.whiten() ? 1 / Math.sqrt(Math.max(eigenvalues[c], floor)) : 1;
    }
  }

  @Override
  public String providerName() {
    return PcaPlugin.NAME;
  }

  /**
   * The configuration of the fit.
   *
   * @return the configuration of the fit
   */
  public PcaConfig config() {
    return config;
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
   * Names of the input columns.
   *
   * @return the names of the input columns
   */
  public List<String> inputColumns() {
    return inputColumns;
  }

  @Override
  public int inputDimension() {
    return mean.length;
  }

  @Override
  public int dimension() {
    return kept;
  }

  /**
   * The training means (copy).
   *
   * @return the training means (copy)
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Variance along every principal axis (eigenvalues of the covariance), descending; length {@link #inputDimension()}.
   *
   * @return the variance along every principal axis (eigenvalues of the covariance), descending
   */
  public double[] explainedVariance() {
    return eigenvalues.clone();
  }

  /**
   * Share of the total variance along every principal axis, descending; length {@link #inputDimension()}.
   *
   * @return the share of the total variance along every principal axis, descending
   */
  public double[] explainedVarianceRatio() {
    double total = 0;
    for (double v : eigenvalues) {
      total += Math.max(v, 0);
    }
    double[] r = new double[eigenvalues.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = total == 0 ? 0 : Math.max(eigenvalues[i], 0) / total;
    }
    return r;
  }

  /**
   * Running sums of {@link #explainedVarianceRatio()}.
   *
   * @return the running sums of {@link #explainedVarianceRatio()}
   */
  public double[] cumulativeExplainedVarianceRatio() {
    double[] r = explainedVarianceRatio();
    for (int i = 1; i < r.length; i++) {
      r[i] += r[i - 1];
    }
    return r;
  }

  /**
   * The kept principal axes as rows ({@code dimension() x inputDimension()}), unit length (copy).
   *
   * @return the kept principal axes as rows ({@code dimension() x inputDimension()}), unit length (copy)
   */
  public double[][] components() {
    double[][] c = new double[kept][];
    for (int i = 0; i < kept; i++) {
      c[i] = allComponents[i].clone();
    }
    return c;
  }

  /**
   * A model with the same fit keeping only the first {@code count} components.
   *
   * @param count the count
   * @return a model with the same fit keeping only the first {@code count} components
   */
  public PcaModel truncate(int count) {
    Checks.inRange("count", count, 1, mean.length);
    return new PcaModel(new PcaConfig(config.varianceTarget(), count, config.whiten()), inputColumns, mean, eigenvalues,
        allComponents, count, provenance);
  }

  @Override
  public float[] embed(float[] features) {
    checkInput(features);
    float[] out = new float[kept];
    project(features, 0, out, 0, new double[mean.length]);
    return out;
  }

  /**
   * Same as {@link #embed}: the projection of one row.
   *
   * @param features the feature matrix
   * @return the same as {@link #embed}
   */
  public float[] transform(float[] features) {
    return embed(features);
  }

  /**
   * Maps a projection back to the feature space: the best reconstruction from the kept components.
   *
   * @param projection the projection
   * @return the reconstruction in the feature space
   */
  public float[] inverseTransform(float[] projection) {
    Objects.requireNonNull(projection, "projection");
    if (projection.length != kept) {
      throw new IllegalArgumentException("projection must have dimension()=" + kept + " values; has " + projection.length);
    }
    float[] out = new float[mean.length];
    reconstruct(projection, 0, out, 0);
    return out;
  }

  @Override
  public FeatureMatrix embedAll(FeatureMatrix features) {
    Objects.requireNonNull(features, "features");
    if (features.cols() != mean.length) {
      throw new IllegalArgumentException("features must have inputDimension()=" + mean.length + " columns; has "
          + features.cols());
    }
    int rows = features.rows();
    float[] out = new float[rows * kept];
    float[] x = features.data();
    int d = mean.length;
    int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    IntStream.range(0, tasks).parallel().forEach(t -> {
      double[] scratch = new double[d];
      int end = Math.min(rows, (t + 1) * ROWS_PER_TASK);
      for (int i = t * ROWS_PER_TASK; i < end; i++) {
        project(x, i * d, out, i * kept, scratch);
      }
    });
    return new FeatureMatrix(rows, kept, out, columnNames(kept));
  }

  /**
   * Projects every row and maps it back: the rank-{@link #dimension()} reconstruction of {@code features}.
   *
   * @param features the feature matrix
   * @return the {@code FeatureMatrix}
   */
  public FeatureMatrix reconstructAll(FeatureMatrix features) {
    FeatureMatrix p = embedAll(features);
    int rows = p.rows();
    int d = mean.length;
    float[] out = new float[rows * d];
    IntStream.range(0, rows).parallel().forEach(i -> reconstruct(p.data(), i * kept, out, i * d));
    return new FeatureMatrix(rows, d, out, features.columns());
  }

  static List<String> columnNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add("pc" + i);
    }
    return names;
  }

  /** Projects the row at {@code off} into {@code out}; {@code centred} is scratch of inputDimension() doubles. */
  void project(float[] x, int off, float[] out, int outOff, double[] centred) {
    int d = mean.length;
    for (int j = 0; j < d; j++) {
      centred[j] = x[off + j] - mean[j];
    }
    for (int c = 0; c < kept; c++) {
      double[] w = allComponents[c];
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += centred[j] * w[j];
      }
      out[outOff + c] = (float) (s * scale[c]);
    }
  }

  private void reconstruct(float[] y, int off, float[] out, int outOff) {
    int d = mean.length;
    for (int j = 0; j < d; j++) {
      double s = mean[j];
      for (int c = 0; c < kept; c++) {
        s += y[off + c] / scale[c] * allComponents[c][j];
      }
      out[outOff + j] = (float) s;
    }
  }

  private void checkInput(float[] features) {
    Objects.requireNonNull(features, "features");
    if (features.length != mean.length) {
      throw new IllegalArgumentException("features must have inputDimension()=" + mean.length + " values; has "
          + features.length);
    }
  }

  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer();
    writeTo(w);
    return new ModelContainer(PcaPlugin.NAME, FORMAT_VERSION, ConfigJson.write(config), provenance, w.toByteArray());
  }

  void writeTo(Payload.Writer w) {
    int d = mean.length;
    w.putInt(d).putInt(kept);
    for (String c : inputColumns) {
      w.putString(c);
    }
    w.putDoubles(mean).putDoubles(eigenvalues);
    double[] flat = new double[d * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(allComponents[i], 0, flat, i * d, d);
    }
    w.putDoubles(flat);
  }

  static PcaModel read(Payload.Reader r, PcaConfig config, Provenance provenance) throws IOException {
    int d = r.getInt();
    int kept = r.getInt();
    if (d < 1 || d > 100_000 || kept < 1 || kept > d) {
      throw new ModelFormatException("bad PCA shape: inputDimension=" + d + ", dimension=" + kept);
    }
    List<String> cols = new ArrayList<>(d);
    for (int i = 0; i < d; i++) {
      cols.add(r.getString());
    }
    double[] mean = r.getDoubles();
    double[] eig = r.getDoubles();
    double[] flat = r.getDoubles();
    if (mean.length != d || eig.length != d || flat.length != d * d) {
      throw new ModelFormatException("bad PCA arrays: mean " + mean.length + ", eigenvalues " + eig.length
          + ", components " + flat.length + " for inputDimension " + d);
    }
    double[][] comps = new double[d][];
    for (int i = 0; i < d; i++) {
      comps[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
    }
    return new PcaModel(config, cols, mean, eig, comps, kept, provenance);
  }

  @Override
  public String toString() {
    return "PcaModel[inputDimension=" + mean.length + ", dimension=" + kept + ", config=" + config + ", provenance="
        + provenance + "]";
  }
}

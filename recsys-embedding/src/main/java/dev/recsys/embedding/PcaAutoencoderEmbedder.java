package dev.recsys.embedding;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.internal.AutoencoderTrainable;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.Mlp;
import dev.recsys.core.util.Seeds;
import dev.recsys.core.training.TrainingLoop;
import dev.recsys.core.training.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fits PCA and then an autoencoder that reconstructs the PCA projection; the embedding is the L2-normalised
 * bottleneck, centred on the training rows' mean code. Single use; deterministic for a given configuration (seed included) and input.
 *
 * <p>Procedure: a seeded split holds out {@link AutoencoderConfig#validationFraction()} of the rows; PCA is fitted
 * on the training rows only; the autoencoder is trained through the shared {@link TrainingLoop} with early stopping on
 * the held-out reconstruction loss; the report compares held-out reconstruction errors of the autoencoder and of
 * PCA truncated to the same dimension.
 */
public final class PcaAutoencoderEmbedder implements CooccurrenceEmbedder {
  private static final long SPLIT_STREAM = 1;
  private static final long INIT_STREAM = 2;

  private final AutoencoderConfig config;
  private final AtomicBoolean used = new AtomicBoolean();

  /**
   * An embedder with {@code config}.
   *
   * @param config the configuration
   */
  public PcaAutoencoderEmbedder(AutoencoderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public PcaAutoencoderModel fit(FeatureMatrix features, TrainingListener listener) {
    return fitWithReport(features, listener).model();
  }

  @Override
  public PcaAutoencoderModel fit(FeatureMatrix features, int[][] groups, TrainingListener listener) {
    return fitWithReport(features, groups, listener).model();
  }

  /**
   * Fits and returns the model with its quality report (without neighbourhood scores, which need labels).
   *
   * @param features the feature matrix
   * @param listener receives progress events
   * @return the {@code AutoencoderFit}
   */
  public AutoencoderFit fitWithReport(FeatureMatrix features, TrainingListener listener) {
    return fitWithReport(features, new int[0][], listener);
  }

  /**
   * Fits on {@code features} and the groups of rows known to belong together (for tracks, those of one artist,
   * {@link TrackGroups#byArtist}), which the {@link AutoencoderConfig#groupContrast() group-contrastive term} pulls
   * together; without groups (or with the term off) this is {@link #fitWithReport(FeatureMatrix, TrainingListener)}.
   * The model still embeds from features alone.
   *
   * @param features the feature matrix
   * @param groups per group, its rows (each in {@code [0, features.rows())}; repeats count once)
   * @param listener receives progress events
   * @return the {@code AutoencoderFit}
   * @throws IllegalArgumentException if a row index is out of range
   */
  public AutoencoderFit fitWithReport(FeatureMatrix features, int[][] groups, TrainingListener listener) {
    Objects.requireNonNull(groups, "groups");
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("an Embedder is single use; create a new one to fit again");
    }
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(listener, "listener");
    int n = features.rows();
    int d = features.cols();
    if (n < 4 || d < 1) {
      throw new IllegalArgumentException("the autoencoder needs >= 4 rows and >= 1 column; got " + n + " x " + d);
    }
    PcaEmbedder.requireFinite(features);
    long seed = config.training().seed();
    String fingerprint = Fingerprint.of(features);

    int[] order = permutation(n, Seeds.mix(seed, SPLIT_STREAM));
    int held = (int) Math.min(Math.round(n * config.validationFraction()), n - 2L);
    int[] valRows = Arrays.copyOfRange(order, 0, held);
    int[] trainRows = Arrays.copyOfRange(order, held, n);
    Arrays.sort(valRows);
    Arrays.sort(trainRows);
    FeatureMatrix train = rows(features, trainRows);
    FeatureMatrix val = rows(features, valRows);

    PcaModel pca = PcaEmbedder.fit(config.pca(), train, fingerprint, seed);
    int k = pca.dimension();
    listener.message("PCA: " + k + " of " + d + " components explain "
        + String.format(java.util.Locale.ROOT, "%.4f", pca.cumulativeExplainedVarianceRatio()[k - 1]) + " of the variance");
    FeatureMatrix trainP = pca.embedAll(train);
    FeatureMatrix valP = pca.embedAll(val);

    Mlp mlp = PcaAutoencoderModel.network(config, k);
    float[] params = new float[mlp.parameterCount()];
    mlp.initialise(params, Seeds.mix(seed, INIT_STREAM));
    Gemm gemm = config.kernel() == AutoencoderConfig.Kernel.ND4J ? Gemm.Kind.ND4J.create() : Gemm.Kind.JAVA.create();
    AutoencoderTrainable.SelfSupervision ss = null;
    AutoencoderConfig.SelfSupervision sc = config.selfSupervision();
    if (sc.enabled()) {
      ss = new AutoencoderTrainable.SelfSupervision(train.data(), val.data(), d, linearMap(pca), sc.corruption(),
          sc.weight(), sc.temperature(), config.hiddenSizes().size() + 1);
    }
    AutoencoderTrainable.SwapNoise swap = config.swapNoise() > 0
        ? new AutoencoderTrainable.SwapNoise(train.data(), d, linearMap(pca), config.swapNoise()) : null;
    AutoencoderTrainable.GroupContrast gc = null;
    if (config.groupContrast().enabled() && groups.length > 0) {
      int[][] clean = PlaylistContrastiveEmbedder.distinctGroups(groups, n);
      gc = new AutoencoderTrainable.GroupContrast(restrict(clean, trainRows, n), restrict(clean, valRows, n),
          config.groupContrast().weight(), config.groupContrast().temperature(), config.hiddenSizes().size() + 1);
      long members = Arrays.stream(gc.trainGroups()).filter(g -> g.length >= 2).mapToLong(g -> g.length).sum();
      listener.message("group-contrastive term: " + members + " training rows in groups of two or more");
    }
    AutoencoderTrainable trainable = new AutoencoderTrainable(mlp, params, trainP.data(), valP.data(),
        config.training().batchSize(), gemm, config.noise(), ss, swap, gc);
    TrainingResult result = new TrainingLoop(config.training()).fit(trainable, listener);

    PcaAutoencoderModel model = new PcaAutoencoderModel(config, pca, params, new float[config.bottleneck()],
        Provenance.now(seed, fingerprint)).centredOn(train);
    FeatureMatrix measured = held > 0 ? val : train;
    double aeMse = mse(model.reconstructAll(measured), measured);
    double pcaSame = mse(pca.truncate(Math.min(config.bottleneck(), d)).reconstructAll(measured), measured);
    double pcaMse = mse(pca.reconstructAll(measured), measured);
    double totalVar = variance(measured);
    List<Double> ratio = new ArrayList<>();
    for (double v : pca.explainedVarianceRatio()) {
      ratio.add(v);
    }
    List<Double> cum = new ArrayList<>();
    for (double v : pca.cumulativeExplainedVarianceRatio()) {
      cum.add(v);
    }
    EmbeddingQualityReport report = new EmbeddingQualityReport(n, d, k, config.bottleneck(), ratio, cum,
        new EmbeddingQualityReport.Reconstruction(held, aeMse, pcaSame, pcaMse, totalVar), result, List.of());
    return new AutoencoderFit(model, report);
  }

  /** Each group restricted to {@code rows} (sorted), as positions in {@code rows}; groups of fewer than two dropped. */
  static int[][] restrict(int[][] groups, int[] rows, int n) {
    int[] pos = new int[n];
    Arrays.fill(pos, -1);
    for (int i = 0; i < rows.length; i++) {
      pos[rows[i]] = i;
    }
    List<int[]> out = new ArrayList<>();
    for (int[] g : groups) {
      int[] kept = Arrays.stream(g).map(r -> pos[r]).filter(r -> r >= 0).toArray();
      if (kept.length >= 2) {
        out.add(kept);
      }
    }
    return out.toArray(int[][]::new);
  }

  /** The PCA projection as a {@code d x k} matrix: row {@code j} is the projection's change per unit of column j. */
  static float[] linearMap(PcaModel pca) {
    int d = pca.inputDimension();
    int k = pca.dimension();
    double[] mean = pca.mean();
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) mean[j];
    }
    float[] origin = pca.embed(base);
    float[] map = new float[d * k];
    for (int j = 0; j < d; j++) {
      float[] x = base.clone();
      x[j] += 1f;
      float[] p = pca.embed(x);
      for (int c = 0; c < k; c++) {
        map[j * k + c] = p[c] - origin[c];
      }
    }
    return map;
  }

  static int[] permutation(int n, long seed) {
    return Seeds.permutation(n, seed);
  }

  static FeatureMatrix rows(FeatureMatrix m, int[] rows) {
    return m.selectRows(rows);
  }

  /** Mean squared difference per value. */
  static double mse(FeatureMatrix a, FeatureMatrix b) {
    float[] x = a.data();
    float[] y = b.data();
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = (double) x[i] - y[i];
      s += d * d;
    }
    return x.length == 0 ? Double.NaN : s / x.length;
  }

  /** Mean over columns of the column variance (population). */
  static double variance(FeatureMatrix m) {
    int r = m.rows();
    int c = m.cols();
    if (r == 0) {
      return Double.NaN;
    }
    double total = 0;
    for (int j = 0; j < c; j++) {
      double mean = 0;
      for (int i = 0; i < r; i++) {
        mean += m.data()[i * c + j];
      }
      mean /= r;
      double v = 0;
      for (int i = 0; i < r; i++) {
        double d = m.data()[i * c + j] - mean;
        v += d * d;
      }
      total += v / r;
    }
    return total / c;
  }

  @Override
  public String toString() {
    return "PcaAutoencoderEmbedder[" + config + "]";
  }
}

package dev.recsys.embedding;

import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.internal.Covariance;
import dev.recsys.embedding.internal.SymmetricEigen;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fits a {@link PcaModel}: centres the columns, accumulates the sample covariance in double precision over blocks of
 * rows on all cores (bit-identical on any thread count), decomposes it with the symmetric Jacobi method and keeps
 * components by variance target or count. Deterministic; single use.
 */
public final class PcaEmbedder implements Embedder {
  private final PcaConfig config;
  private final AtomicBoolean used = new AtomicBoolean();

  /**
   * An embedder with {@code config}.
   *
   * @param config the configuration
   */
  public PcaEmbedder(PcaConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public PcaModel fit(FeatureMatrix features, TrainingListener listener) {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("an Embedder is single use; create a new one to fit again");
    }
    Objects.requireNonNull(listener, "listener");
    return fit(config, features, Fingerprint.of(features), 0L);
  }

  static PcaModel fit(PcaConfig config, FeatureMatrix features, String fingerprint, long seed) {
    Objects.requireNonNull(features, "features");
    int n = features.rows();
    int d = features.cols();
    if (n < 2 || d < 1) {
      throw new IllegalArgumentException("PCA needs >= 2 rows and >= 1 column; got " + n + " x " + d);
    }
    requireFinite(features);
    if (config.components() > d) {
      throw new IllegalArgumentException("components must be in [0, " + d + "] (the number of columns); components="
          + config.components());
    }
    double[] mean = Covariance.means(features.data(), n, d);
    double[] cov = Covariance.covariance(features.data(), n, d, mean);
    SymmetricEigen eig = SymmetricEigen.of(cov, d);
    int kept = config.components() > 0 ? config.components() : byVariance(eig.values(), config.varianceTarget());
    return new PcaModel(config, features.columns(), mean, eig.values(), eig.vectors(), kept, Provenance.now(seed, fingerprint));
  }

  /** The fewest leading components whose variance ratios sum to at least {@code target}. */
  static int byVariance(double[] values, double target) {
    double total = 0;
    for (double v : values) {
      total += Math.max(v, 0);
    }
    if (total == 0) {
      return 1;
    }
    double cum = 0;
    for (int i = 0; i < values.length; i++) {
      cum += Math.max(values[i], 0);
      if (cum / total >= target - 1e-12) {
        return i + 1;
      }
    }
    return values.length;
  }

  static void requireFinite(FeatureMatrix m) {
    float[] x = m.data();
    for (int i = 0; i < x.length; i++) {
      if (!Float.isFinite(x[i])) {
        int row = i / m.cols();
        int col = i % m.cols();
        throw new IllegalArgumentException("features must be finite (impute missing values first); row " + row
            + ", column '" + m.columns().get(col) + "' is " + x[i]);
      }
    }
  }

  @Override
  public String toString() {
    return "PcaEmbedder[" + config + "]";
  }
}

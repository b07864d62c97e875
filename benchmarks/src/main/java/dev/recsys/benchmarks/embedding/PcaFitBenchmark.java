package dev.recsys.benchmarks.embedding;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.TrainingListener;
import dev.recsys.embedding.PcaConfig;
import dev.recsys.embedding.PcaEmbedder;
import dev.recsys.embedding.internal.Gemm;
import dev.recsys.embedding.internal.SymmetricEigen;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PCA fit on 1,000,000 x 15 (target: under 1 s). {@code RECSYS} is {@link PcaEmbedder#fit} as shipped (parallel
 * double-precision covariance over fixed row blocks, Jacobi eigen-decomposition, SHA-256 data fingerprint for the
 * provenance); {@code NAIVE} is a single-threaded two-pass covariance over the full matrix; {@code ND4J_GEMM}
 * centres in ND4J and forms {@code X^T X} with one native float GEMM (less precise: float accumulation).
 *
 * <p>Peer, as its documentation has users call it, on the same matrix (converted to its input type in the setup,
 * which is not timed): {@code COMMONS_MATH} is Apache Commons Math 3.6.1 ({@code Covariance} then
 * {@code EigenDecomposition}, double precision). ND4J's own {@code PCA} class is not a usable peer at this size: its
 * {@code covarianceMatrix} loops over rows (121 s for 100,000 x 15 on this machine) and its constructor failed in
 * {@code matrix_inverse} at 1,000,000 rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class PcaFitBenchmark {
  /** The competing implementations. */
  public enum Impl { RECSYS, NAIVE, ND4J_GEMM, COMMONS_MATH }

  @Param({"RECSYS", "NAIVE", "ND4J_GEMM", "COMMONS_MATH"})
  public Impl impl;

  @Param({"1000000"})
  public int rows;

  private FeatureMatrix data;
  private double[][] rowsAsDoubles;

  @Setup
  public void setup() {
    data = EmbeddingData.features(rows, 15, 1);
    if (impl == Impl.COMMONS_MATH) {
      int d = data.cols();
      rowsAsDoubles = new double[data.rows()][d];
      float[] x = data.data();
      for (int i = 0; i < data.rows(); i++) {
        for (int j = 0; j < d; j++) {
          rowsAsDoubles[i][j] = x[i * d + j];
        }
      }
    }
  }

  @Benchmark
  public double[] fit() {
    return switch (impl) {
      case RECSYS -> new PcaEmbedder(PcaConfig.DEFAULT).fit(data, TrainingListener.NONE).explainedVariance();
      case NAIVE -> naive(data);
      case ND4J_GEMM -> nd4j(data);
      case COMMONS_MATH -> new EigenDecomposition(new Covariance(rowsAsDoubles).getCovarianceMatrix()).getRealEigenvalues();
    };
  }

  static double[] naive(FeatureMatrix m) {
    int n = m.rows();
    int d = m.cols();
    float[] x = m.data();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] cov = new double[d * d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double xa = x[i * d + a] - mean[a];
        for (int b = 0; b < d; b++) {
          cov[a * d + b] += xa * (x[i * d + b] - mean[b]);
        }
      }
    }
    for (int t = 0; t < cov.length; t++) {
      cov[t] /= n - 1;
    }
    return SymmetricEigen.of(cov, d).values();
  }

  static double[] nd4j(FeatureMatrix m) {
    int n = m.rows();
    int d = m.cols();
    float[] centred = m.data().clone();
    double[] mean = dev.recsys.embedding.internal.Covariance.means(centred, n, d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i * d + j] -= (float) mean[j];
      }
    }
    float[] c = new float[d * d];
    Gemm.Kind.ND4J.create().multiply(true, false, d, d, n, centred, 0, centred, 0, c, 0, false);
    double[] cov = new double[d * d];
    for (int t = 0; t < cov.length; t++) {
      cov[t] = c[t] / (n - 1.0);
    }
    return SymmetricEigen.of(cov, d).values();
  }
}

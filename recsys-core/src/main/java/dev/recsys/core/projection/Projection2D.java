package dev.recsys.core.projection;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.util.Checks;
import java.util.Arrays;

/**
 * A map of {@code n} points to the plane: point {@code i} (row {@code i} of the input) is at {@code (x(i), y(i))}.
 * Immutable. Made by {@link #pca} or {@link TSne#fit}.
 */
public final class Projection2D {
  private static final int POWER_ITERATIONS = 10_000;
  private static final double POWER_TOLERANCE = 1e-12;

  private final double[] x;
  private final double[] y;

  /**
   * A map from coordinate arrays of equal length (copied).
   *
   * @param x the first coordinates
   * @param y the second coordinates
   * @throws IllegalArgumentException if the lengths differ or a coordinate is not finite
   */
  public Projection2D(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y must have the same length; x has " + x.length + ", y has " + y.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
    this.x = x.clone();
    this.y = y.clone();
  }

  /** The number of points. */
  public int size() {
    return x.length;
  }

  /** The first coordinate of point {@code i}. */
  public double x(int i) {
    return x[i];
  }

  /** The second coordinate of point {@code i}. */
  public double y(int i) {
    return y[i];
  }

  /** A copy of the first coordinates. */
  public double[] xs() {
    return x.clone();
  }

  /** A copy of the second coordinates. */
  public double[] ys() {
    return y.clone();
  }

  /**
   * The rows projected on the two largest principal components of their covariance (centred; the first coordinate
   * has the larger variance, and each axis is signed so that its largest-magnitude loading is positive, which makes
   * the map deterministic). Eigenvectors by power iteration with deflation, in double precision; O(n d^2).
   *
   * @param rows at least one row; with fewer than two columns the missing axes are zero
   * @return the map
   */
  public static Projection2D pca(FeatureMatrix rows) {
    Checks.atLeast("rows", rows.rows(), 1);
    int n = rows.rows();
    int d = rows.cols();
    double[] mean = mean(rows);
    double[] cov = new double[d * d];
    double[] c = new double[d];
    float[] data = rows.data();
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        c[a] = data[i * d + a] - mean[a];
      }
      for (int a = 0; a < d; a++) {
        double ca = c[a];
        for (int b = a; b < d; b++) {
          cov[a * d + b] += ca * c[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a * d + b] /= Math.max(1, n - 1);
        cov[b * d + a] = cov[a * d + b];
      }
    }
    double[] first = leadingEigenvector(cov, d);
    double lambda = rayleigh(cov, d, first);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        cov[a * d + b] -= lambda * first[a] * first[b];
      }
    }
    double[] second = leadingEigenvector(cov, d);
    double[] px = new double[n];
    double[] py = new double[n];
    for (int i = 0; i < n; i++) {
      double sx = 0;
      double sy = 0;
      for (int a = 0; a < d; a++) {
        double v = data[i * d + a] - mean[a];
        sx += v * first[a];
        sy += v * second[a];
      }
      px[i] = sx;
      py[i] = sy;
    }
    return new Projection2D(px, py);
  }

  /**
   * Trustworthiness of a map (Venna and Kaski): 1 when each point's {@code k} nearest neighbours on the map are
   * among its {@code k} nearest in the original space, lower the more "intruders" the map brings close, weighted by
   * how far down the original ranking they are. Euclidean distances; O(n^2 log n).
   *
   * @param original the original rows
   * @param map their map, one point per row
   * @param k the neighbourhood size, {@code 1 <= k < n / 2}
   * @return the trustworthiness, in [0, 1]
   */
  public static double trustworthiness(FeatureMatrix original, Projection2D map, int k) {
    int n = original.rows();
    if (map.size() != n) {
      throw new IllegalArgumentException("map has " + map.size() + " points for " + n + " rows");
    }
    Checks.inRange("k", k, 1, Math.max(1, (n - 1) / 2));
    int d = original.cols();
    float[] data = original.data();
    double penalty = 0;
    Integer[] order = new Integer[n];
    double[] dist = new double[n];
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int a = 0; a < d; a++) {
          double v = data[i * d + a] - data[j * d + a];
          s += v * v;
        }
        dist[j] = j == i ? -1 : s;
        order[j] = j;
      }
      Arrays.sort(order, (p, q) -> p.intValue() == q.intValue() ? 0
          : dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
      for (int r = 0; r < n; r++) {
        rank[order[r]] = r;
      }
      for (int j = 0; j < n; j++) {
        double dx = map.x[i] - map.x[j];
        double dy = map.y[i] - map.y[j];
        dist[j] = j == i ? -1 : dx * dx + dy * dy;
        order[j] = j;
      }
      Arrays.sort(order, (p, q) -> p.intValue() == q.intValue() ? 0
          : dist[p] != dist[q] ? Double.compare(dist[p], dist[q]) : Integer.compare(p, q));
      for (int r = 1; r <= k; r++) {
        int originalRank = rank[order[r]];
        if (originalRank > k) {
          penalty += originalRank - k;
        }
      }
    }
    return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
  }

  static double[] mean(FeatureMatrix rows) {
    int n = rows.rows();
    int d = rows.cols();
    double[] mean = new double[d];
    float[] data = rows.data();
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        mean[a] += data[i * d + a];
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= n;
    }
    return mean;
  }

  /** The unit eigenvector of the largest eigenvalue of the symmetric positive semi-definite {@code m}, sign-fixed. */
  private static double[] leadingEigenvector(double[] m, int d) {
    double[] v = new double[d];
    if (d == 0) {
      return v;
    }
    for (int a = 0; a < d; a++) {
      v[a] = 1.0 / Math.sqrt(d) * (1 + 0.01 * a);
    }
    normalize(v);
    double[] w = new double[d];
    for (int it = 0; it < POWER_ITERATIONS; it++) {
      for (int a = 0; a < d; a++) {
        double s = 0;
        for (int b = 0; b < d; b++) {
          s += m[a * d + b] * v[b];
        }
        w[a] = s;
      }
      if (normalize(w) == 0) {
        return new double[d];
      }
      double change = 0;
      for (int a = 0; a < d; a++) {
        change = Math.max(change, Math.abs(w[a] - v[a]));
      }
      System.arraycopy(w, 0, v, 0, d);
      if (change < POWER_TOLERANCE) {
        break;
      }
    }
    int largest = 0;
    for (int a = 1; a < d; a++) {
      if (Math.abs(v[a]) > Math.abs(v[largest])) {
        largest = a;
      }
    }
    if (v[largest] < 0) {
      for (int a = 0; a < d; a++) {
        v[a] = -v[a];
      }
    }
    return v;
  }

  private static double rayleigh(double[] m, int d, double[] v) {
    double s = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        s += v[a] * m[a * d + b] * v[b];
      }
    }
    return s;
  }

  private static double normalize(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    double norm = Math.sqrt(s);
    if (norm > 0) {
      for (int a = 0; a < v.length; a++) {
        v[a] /= norm;
      }
    }
    return norm;
  }
}

package dev.recsys.graph.internal;

import dev.recsys.core.kernels.Vectorization;
import java.lang.invoke.MethodHandles;

/**
 * The per-candidate arithmetic of one softmax-walk step over feature columns (one {@code double} per candidate,
 * candidate {@code i} at {@code out[off + i]}): the built-in feature kernels, the weighted score with its maximum,
 * and the softmax.
 *
 * <p>Arrays read or written per candidate hold {@code n} rounded up to a whole vector (at most 64 entries more;
 * the walk pads its slot arrays and columns): the vector kernel reads and writes whole vectors and masks only what
 * reaches beyond {@code n} in a result, such as the maximum score. Indices in the padding must be valid too.
 *
 * <p>Two implementations: {@link #scalar()} (plain loops) and the Vector API one ({@code PanamaWalkKernel}), which
 * {@link #get()} picks when the {@code jdk.incubator.vector} module is resolved and
 * {@code -Drecsys.vector.scalar=true} is not set. The SIMD class is loaded reflectively, so a JVM without the module
 * never links against it.
 *
 * <p><b>Same bits from both.</b> Every value is computed by the same IEEE operations in the same order: products and
 * sums are separate lane-wise steps (no fused multiply-add), table look-ups read the same entries, the exponential
 * is {@link Exp#exp} step for step, and the one reduction whose order matters, the sum of the exponentials, has a
 * fixed order that does not depend on the vector width ({@link #sum}: eight interleaved partial sums, then a fixed
 * tree). So a walk gives the same tracks and probabilities with either kernel, on any vector width. Stateless and
 * thread-safe; nothing allocates.
 */
public abstract class WalkKernel {
  private static final WalkKernel SCALAR = new Scalar();
  private static final WalkKernel SIMD =
      Vectorization.simdOrNull(MethodHandles.lookup(), "dev.recsys.graph.internal.PanamaWalkKernel", WalkKernel.class);
  private static final WalkKernel DEFAULT = Vectorization.choose(SIMD, SCALAR);

  /** For the two implementations. */
  WalkKernel() {}

  /** The kernel this JVM should use: SIMD when available (unless {@code -Drecsys.vector.scalar=true}). */
  public static WalkKernel get() {
    return DEFAULT;
  }

  /** The plain-loop kernel. */
  public static WalkKernel scalar() {
    return SCALAR;
  }

  /** The Vector API kernel, or null when {@code jdk.incubator.vector} is not resolved in this JVM. */
  public static WalkKernel simdOrNull() {
    return SIMD;
  }

  /** A short name for reports ({@code "panama-512"}, {@code "scalar"}). */
  public abstract String name();

  /** {@code out[off + i] = src[i]} widened to double. */
  public abstract void widen(float[] src, int n, double[] out, int off);

  /** {@code out[off + i] = x[i] < 0 ? 1 : 0}. */
  public abstract void negative(int[] x, int n, double[] out, int off);

  /** {@code out[off + i] = x[i] == value ? 1 : 0}. */
  public abstract void equal(int[] x, int value, int n, double[] out, int off);

  /** {@code out[off + i] = x[i] < 0 || x[i] == value ? 0 : v}. */
  public abstract void differ(int[] x, int value, double v, int n, double[] out, int off);

  /**
   * {@code out[off + i] = table[min(max(idx[i], 0), table.length - 1)]}: a look-up with the index clamped to the
   * table, without a branch. A plain loop in both kernels: with indices that need clamping a gather is slower than
   * scalar loads.
   */
  public final void clampedLookup(double[] table, int[] idx, int n, double[] out, int off) {
    int last = table.length - 1;
    for (int i = 0; i < n; i++) {
      out[off + i] = table[Math.min(Math.max(idx[i], 0), last)];
    }
  }

  /**
   * {@code out[off + i] = table[base + idx[i]]}. A plain loop in both kernels (faster than a vector gather, which
   * takes its indices from memory).
   */
  public final void gather(double[] table, int base, int[] idx, int n, double[] out, int off) {
    for (int i = 0; i < n; i++) {
      out[off + i] = table[base + idx[i]];
    }
  }

  /** {@code out[off + i] = x[i] > 0 ? 1 : 0}. */
  public abstract void positive(int[] x, int n, double[] out, int off);

  /** {@code out[off + i] = x[i] < 0 ? 0 : 1 - x[i] * inv}. */
  public abstract void complementShare(int[] x, double inv, int n, double[] out, int off);

  /**
   * {@code out[off + i] = 1 / (1 + z * z)} with {@code z = (a - b[i]) * inverseScale} ({@code a - b[i]} in float),
   * 0 when {@code b[i]} is NaN; the caller handles a NaN {@code a}.
   */
  public abstract void cauchy(float a, float[] b, double inverseScale, int n, double[] out, int off);

  /**
   * Scores {@code n} candidates from the feature columns of {@code cols} (column {@code j} at {@code j * cap}) taken
   * in the order {@code order[from..f)}: {@code s[i] = (((a + w[j0] x[j0][i]) + w[j1] x[j1][i]) + ...) * invT} with
   * {@code a = 0} when {@code from == 0}, else {@code a = s[i]} as given (the partial score of the columns before
   * {@code from}, summed the same way).
   *
   * @return the largest score (negative infinity for {@code n = 0})
   */
  public abstract double score(double[] cols, int cap, int[] order, int from, int f, double[] w, double invT, int n,
      double[] s);

  /** Kind of {@link #scoreHistory} term: the recency value, given per candidate. */
  public static final int RECENCY = 0;
  /** Kind of {@link #scoreHistory} term: 1 when the candidate was never played ({@code playsAgo < 0}), else 0. */
  public static final int NEVER_PLAYED = 1;
  /** Kind of {@link #scoreHistory} term: 1 when the candidate's artist is among the recent plays, else 0. */
  public static final int ARTIST_RECENT = 2;
  /** Kind of {@link #scoreHistory} term: 1 minus the share of recent plays in the candidate's cluster (0 without). */
  public static final int DIVERSITY = 3;
  /** Kind of {@link #scoreHistory} term: the drift value when the candidate's cluster is another known one, else 0. */
  public static final int DRIFT = 4;

  /**
   * Adds history-dependent terms to partial scores and scales them: for each candidate,
   * {@code acc = s[i]; acc = acc + w[k] * x_k[i]} for every term {@code k} in order, then {@code s[i] = acc * invT}.
   * The term's kind {@code kinds[k]} gives {@code x_k[i]} with the arithmetic of the column kernels:
   * {@link #RECENCY} {@code recency[i]}; {@link #NEVER_PLAYED} as {@link #negative} of {@code playsAgo};
   * {@link #ARTIST_RECENT} as {@link #positive} of {@code artistRecent}; {@link #DIVERSITY} as
   * {@link #complementShare} of {@code clusterRecent} and {@code share}; {@link #DRIFT} as {@link #differ} of
   * {@code cluster}, {@code currentCluster} and {@code drift}. So the scores have the bits of those columns scored by
   * {@link #score}, without writing the columns.
   *
   * @return the largest score (negative infinity for {@code n = 0})
   */
  public abstract double scoreHistory(int[] kinds, double[] w, double[] recency, int[] playsAgo, int[] artistRecent,
      int[] clusterRecent, double share, int[] cluster, int currentCluster, double drift, double invT, int n,
      double[] s);

  /**
   * {@link #scoreHistory(int[], double[], double[], int[], int[], int[], double, int[], int, double, double, int,
   * double[])} for the edges {@code from..from + n} of {@code edges} in one pass, its inputs read on the way: edge
   * {@code from + i} is candidate {@code i}, its track {@code t} is written to {@code candidates[i]}, its partial
   * score is {@code edges.scores()[from + i]}, its plays-ago {@code step - lastPlay[t]} (written to
   * {@code playsAgo[i]}), its recency value {@code table[min(max(playsAgo, 0), table.length - 1)]}, and its artist
   * and cluster counts {@code artistCount[a]} and {@code clusterCount[c]} (-1 for a negative, unknown, artist
   * {@code a} or cluster {@code c} of the edge). The same operations in the same order, so the same bits. {@code index}
   * is scratch; {@code candidates} is written up to {@code n} only.
   *
   * @return the largest score (negative infinity for {@code n = 0})
   */
  public abstract double scoreHistory(EdgeLists edges, int from, int n, int[] lastPlay, int step, double[] table,
      int[] artistCount, int[] clusterCount, int[] kinds, double[] w, double share, int currentCluster, double drift,
      double invT, int[] index, int[] candidates, int[] playsAgo, double[] s);

  /**
   * The softmax of {@code s} given its maximum: {@code p[i] = e^(s[i] - max) / sum}, the exponentials from
   * {@link Exp#exp} and the sum in the order of {@link #sum}.
   */
  public abstract void softmax(double[] s, double max, int n, double[] p);

  /**
   * The sum of {@code p[0..n)} in a fixed order: eight partial sums, partial sum {@code l} adding
   * {@code p[l], p[l + 8], p[l + 16], ...} left to right, combined as
   * {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. The vector kernel computes the partial sums as the
   * lanes of one 8-lane vector (two of 4 lanes with 256-bit vectors), so both kernels give the same bits. The
   * entries must be non-negative (a missing lane then adds nothing, not even the sign of a zero).
   */
  public static double sum(double[] p, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      s0 += p[i];
      s1 += p[i + 1];
      s2 += p[i + 2];
      s3 += p[i + 3];
      s4 += p[i + 4];
      s5 += p[i + 5];
      s6 += p[i + 6];
      s7 += p[i + 7];
    }
    int left = n - i;
    s0 += left > 0 ? p[i] : 0.0;
    s1 += left > 1 ? p[i + 1] : 0.0;
    s2 += left > 2 ? p[i + 2] : 0.0;
    s3 += left > 3 ? p[i + 3] : 0.0;
    s4 += left > 4 ? p[i + 4] : 0.0;
    s5 += left > 5 ? p[i + 5] : 0.0;
    s6 += left > 6 ? p[i + 6] : 0.0;
    return combine(s0, s1, s2, s3, s4, s5, s6, s7);
  }

  /** The fixed tree that combines the eight partial sums of {@link #sum}. */
  static double combine(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7) {
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** The plain-loop kernel. */
  static final class Scalar extends WalkKernel {
    @Override
    public String name() {
      return "scalar";
    }

    @Override
    public void widen(float[] src, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        out[off + i] = src[i];
      }
    }

    @Override
    public void negative(int[] x, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        out[off + i] = x[i] < 0 ? 1.0 : 0.0;
      }
    }

    @Override
    public void equal(int[] x, int value, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        out[off + i] = x[i] == value ? 1.0 : 0.0;
      }
    }

    @Override
    public void differ(int[] x, int value, double v, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        int c = x[i];
        out[off + i] = c < 0 || c == value ? 0.0 : v;
      }
    }

    @Override
    public void positive(int[] x, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        out[off + i] = x[i] > 0 ? 1.0 : 0.0;
      }
    }

    @Override
    public void complementShare(int[] x, double inv, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        int c = x[i];
        out[off + i] = c < 0 ? 0.0 : 1.0 - c * inv;
      }
    }

    @Override
    public void cauchy(float a, float[] b, double inverseScale, int n, double[] out, int off) {
      for (int i = 0; i < n; i++) {
        float bi = b[i];
        double v = 0.0;
        if (!Float.isNaN(bi)) {
          double z = (a - bi) * inverseScale;
          v = 1.0 / (1.0 + z * z);
        }
        out[off + i] = v;
      }
    }

    @Override
    public double score(double[] cols, int cap, int[] order, int from, int f, double[] w, double invT, int n,
        double[] s) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double acc = from == 0 ? 0.0 : s[i];
        for (int k = from; k < f; k++) {
          int j = order[k];
          acc = acc + w[j] * cols[j * cap + i];
        }
        acc = acc * invT;
        s[i] = acc;
        if (acc > max) {
          max = acc;
        }
      }
      return max;
    }

    @Override
    public double scoreHistory(int[] kinds, double[] w, double[] recency, int[] playsAgo, int[] artistRecent,
        int[] clusterRecent, double share, int[] cluster, int currentCluster, double drift, double invT, int n,
        double[] s) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double acc = s[i];
        int c = cluster[i];
        for (int k = 0; k < kinds.length; k++) {
          acc = acc + w[k] * term(kinds[k], recency[i], playsAgo[i], artistRecent[i], clusterRecent[i], c, share,
              currentCluster, drift);
        }
        acc = acc * invT;
        s[i] = acc;
        if (acc > max) {
          max = acc;
        }
      }
      return max;
    }

    /** The value of a {@link #scoreHistory} term of kind {@code kind} for one candidate. */
    private static double term(int kind, double recency, int playsAgo, int artistRecent, int clusterRecent,
        int cluster, double share, int currentCluster, double drift) {
      return switch (kind) {
        case RECENCY -> recency;
        case NEVER_PLAYED -> playsAgo < 0 ? 1.0 : 0.0;
        case ARTIST_RECENT -> artistRecent > 0 ? 1.0 : 0.0;
        case DIVERSITY -> clusterRecent < 0 ? 0.0 : 1.0 - clusterRecent * share;
        default -> cluster < 0 || cluster == currentCluster ? 0.0 : drift;
      };
    }

    @Override
    public double scoreHistory(EdgeLists edges, int from, int n, int[] lastPlay, int step, double[] table,
        int[] artistCount, int[] clusterCount, int[] kinds, double[] w, double share, int currentCluster, double drift,
        double invT, int[] index, int[] candidates, int[] playsAgo, double[] s) {
      int[] tracks = edges.tracks();
      double[] scores = edges.scores();
      int[] artists = edges.artists();
      int[] clusters = edges.clusters();
      int last = table.length - 1;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0, e = from; i < n; i++, e++) {
        int t = tracks[e];
        candidates[i] = t;
        int ago = step - lastPlay[t];
        playsAgo[i] = ago;
        double recency = table[Math.min(Math.max(ago, 0), last)];
        int a = artists[e];
        int c = clusters[e];
        int artistRecent = artistCount[Math.max(a, 0)] | (a >> 31);
        int clusterRecent = clusterCount[Math.max(c, 0)] | (c >> 31);
        double acc = scores[e];
        for (int k = 0; k < kinds.length; k++) {
          acc = acc + w[k] * term(kinds[k], recency, ago, artistRecent, clusterRecent, c, share, currentCluster,
              drift);
        }
        acc = acc * invT;
        s[i] = acc;
        if (acc > max) {
          max = acc;
        }
      }
      return max;
    }

    @Override
    public void softmax(double[] s, double max, int n, double[] p) {
      for (int i = 0; i < n; i++) {
        p[i] = Exp.exp(s[i] - max);
      }
      double inv = 1.0 / sum(p, n);
      for (int i = 0; i < n; i++) {
        p[i] *= inv;
      }
    }
  }
}

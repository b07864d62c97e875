package dev.recsys.embedding.twotower.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * The within-genre form of the popularity-affinity term of the history two-tower recommender: the log-probability
 * of a track among the tracks of its genre for the listener's own popularity exponent.
 *
 * <p>The model: a listener with exponent {@code alpha} picks a track {@code i} of genre {@code g} with probability
 * {@code exp(alpha t_i) / Z_g(alpha)}, {@code Z_g(alpha)} the sum of {@code exp(alpha t_j)} over the tracks of the
 * genre and {@code t} the standardised log popularity ({@link PopularityAffinity#trackFeature}). A track with
 * several genres takes the mean of its genres' {@code log Z_g}; the tracks without genres form one group of their
 * own (so without any genres the term is {@code alpha t_i} up to a constant per listener). The listener's
 * {@code alpha} is the most probable exponent of the pooled plays under a normal prior with mean 0 and standard
 * deviation {@value #PRIOR_SD} (the log-likelihood minus {@code alpha^2 / (2 * PRIOR_SD^2)}), on the grid
 * {@value #MIN_EXPONENT}, {@value #MIN_EXPONENT} + {@value #EXPONENT_STEP}, ..., {@value #MAX_EXPONENT} (ties to the
 * smaller): a listener who plays the hits of their genres gets a steep positive exponent, one who plays the obscure
 * corners a negative one, and a listener with one or two plays a moderate one.
 * The term is {@code alpha t_i - mean_g log Z_g(alpha)}; with the genre-affinity term (the log of the listener's
 * genre share) at the same weight, the two add up to the log-likelihood of the track under a genre-mixture model
 * with a popularity exponent per listener. Unlike the mean-popularity slope, the normalisation per genre keeps a
 * genre with a few very popular tracks from drawing every listener with a positive exponent.
 *
 * <p>Immutable; the log-partition table ({@code exponents x groups}) is computed once.
 */
public final class PopularityExponent {
  /** The smallest exponent of the grid. */
  public static final double MIN_EXPONENT = -4;
  /** The largest exponent of the grid. */
  public static final double MAX_EXPONENT = 4;
  /** The grid step. */
  public static final double EXPONENT_STEP = 0.1;
  /** Standard deviation of the normal prior on the exponent. */
  public static final double PRIOR_SD = 2;
  private static final int EXPONENTS = (int) Math.round((MAX_EXPONENT - MIN_EXPONENT) / EXPONENT_STEP) + 1;

  private final float[] t;
  private final int[] offsets;
  private final int[] ids;
  /** Groups: the genres, then the tracks without genres. */
  private final int groups;
  /** {@code log Z_g(alpha)} per exponent and group, {@code EXPONENTS x groups} row-major. */
  private final double[] logPartition;

  /**
   * The term for these tracks.
   *
   * @param t the standardised log popularity per track index
   * @param genres the tracks' genres (none: one group)
   * @throws IllegalArgumentException if {@code t} and {@code genres} describe different numbers of tracks
   */
  public PopularityExponent(float[] t, GenreAffinity genres) {
    this.t = Objects.requireNonNull(t, "t");
    this.offsets = genres.rowOffsets();
    this.ids = genres.rowIds();
    if (offsets.length != t.length + 1) {
      throw new IllegalArgumentException("popularity of " + t.length + " tracks, genres of " + (offsets.length - 1));
    }
    this.groups = genres.numGenres() + 1;
    this.logPartition = new double[EXPONENTS * groups];
    double[] max = new double[groups];
    double[] sum = new double[groups];
    for (int a = 0; a < EXPONENTS; a++) {
      double alpha = exponent(a);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      Arrays.fill(sum, 0);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < t.length; i++) {
          double x = alpha * t[i];
          int from = offsets[i];
          int to = offsets[i + 1];
          if (from == to) {
            accumulate(pass, groups - 1, x, max, sum);
          }
          for (int j = from; j < to; j++) {
            accumulate(pass, ids[j], x, max, sum);
          }
        }
      }
      for (int g = 0; g < groups; g++) {
        logPartition[a * groups + g] = sum[g] == 0 ? 0 : max[g] + Math.log(sum[g]);
      }
    }
  }

  /** First pass: the group maxima; second pass: the sums of {@code exp(x - max)}. */
  private static void accumulate(int pass, int g, double x, double[] max, double[] sum) {
    if (pass == 0) {
      max[g] = Math.max(max[g], x);
    } else {
      sum[g] += Math.exp(x - max[g]);
    }
  }

  /** The exponent at grid position {@code a}. */
  private static double exponent(int a) {
    return MIN_EXPONENT + a * EXPONENT_STEP;
  }

  /**
   * The most probable exponent of the latest {@code limit} plays of a time-ordered history (latest last).
   *
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @return the exponent; 0 for an empty history
   */
  public double exponent(int[] history, int limit) {
    return exponent(gridPosition(history, limit));
  }

  private int gridPosition(int[] history, int limit) {
    int m = Math.min(history.length, limit);
    double popularitySum = 0;
    double[] weight = new double[groups];
    for (int p = 0; p < m; p++) {
      int h = history[history.length - 1 - p];
      popularitySum += t[h];
      int from = offsets[h];
      int to = offsets[h + 1];
      if (from == to) {
        weight[groups - 1] += 1;
      }
      for (int j = from; j < to; j++) {
        weight[ids[j]] += 1.0 / (to - from);
      }
    }
    int best = 0;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < EXPONENTS; a++) {
      double alpha = exponent(a);
      double likelihood = alpha * popularitySum - alpha * alpha / (2 * PRIOR_SD * PRIOR_SD);
      int row = a * groups;
      for (int g = 0; g < groups; g++) {
        if (weight[g] != 0) {
          likelihood -= weight[g] * logPartition[row + g];
        }
      }
      if (likelihood > bestLikelihood) {
        bestLikelihood = likelihood;
        best = a;
      }
    }
    return best;
  }

  /**
   * The term's value {@code alpha t_i - mean_g log Z_g(alpha)} for every track (before the weight), with the
   * listener's most probable {@code alpha}.
   *
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @return the within-genre log-probability per track index
   */
  public float[] logProbabilities(int[] history, int limit) {
    int a = gridPosition(history, limit);
    double alpha = exponent(a);
    int row = a * groups;
    float[] out = new float[t.length];
    for (int i = 0; i < t.length; i++) {
      int from = offsets[i];
      int to = offsets[i + 1];
      double z;
      if (from == to) {
        z = logPartition[row + groups - 1];
      } else {
        double s = 0;
        for (int j = from; j < to; j++) {
          s += logPartition[row + ids[j]];
        }
        z = s / (to - from);
      }
      out[i] = (float) (alpha * t[i] - z);
    }
    return out;
  }
}

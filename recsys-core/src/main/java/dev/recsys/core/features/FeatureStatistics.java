package dev.recsys.core.features;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The statistics a {@link FeaturePipeline} fit reads from its tracks, from which
 * {@link FeaturePipeline#fromStatistics} builds the {@link FittedFeatures}: what a distributed fit (one aggregation
 * per statistic) computes to give the single-machine fit's transformation.
 *
 * <p>Numeric arrays are indexed like {@link FeaturePipeline#numericColumns()}. The genre vocabulary and its IDF
 * weights come from {@code genreDocumentFrequency} by {@link FeaturePipeline#genreVocabulary}; the time-signature
 * vocabulary is {@code meters}.
 *
 * @param rows tracks seen, at least 1
 * @param referenceYear one past the latest release year, 0 when no track has a release date
 * @param fill each numeric column's fill value (median or mean of the present values, 0 when none is present)
 * @param mean each numeric column's mean after filling
 * @param sd each numeric column's population standard deviation after filling (1 when not above 1e-12)
 * @param missing each numeric column's missing values
 * @param meters the distinct time signatures present, ascending
 * @param genreDocumentFrequency per genre, the tracks that have it
 * @param keyMissing tracks without a key
 * @param modeMissing tracks without a mode
 * @param timeSignatureMissing tracks without a time signature
 * @param moodMissing tracks without energy or valence
 * @param tracksWithoutKeptGenre tracks with no genre of the vocabulary (0 when genres are off)
 * @param dataFingerprint the fingerprint of the fit data ({@link FittedFeatures#dataFingerprint()})
 */
public record FeatureStatistics(long rows, int referenceYear, double[] fill, double[] mean, double[] sd, long[] missing,
    int[] meters, Map<String, Long> genreDocumentFrequency, long keyMissing, long modeMissing, long timeSignatureMissing,
    long moodMissing, long tracksWithoutKeptGenre, String dataFingerprint) {
  /** Validates and copies. */
  public FeatureStatistics {
    if (rows < 1 || rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("rows must be in [1, " + Integer.MAX_VALUE + "]; rows=" + rows);
    }
    int n = Objects.requireNonNull(fill, "fill").length;
    if (Objects.requireNonNull(mean, "mean").length != n || Objects.requireNonNull(sd, "sd").length != n
        || Objects.requireNonNull(missing, "missing").length != n) {
      throw new IllegalArgumentException("fill, mean, sd and missing must have one value per numeric column; lengths "
          + n + ", " + mean.length + ", " + sd.length + ", " + missing.length);
    }
    fill = fill.clone();
    mean = mean.clone();
    sd = sd.clone();
    missing = missing.clone();
    meters = Objects.requireNonNull(meters, "meters").clone();
    Arrays.sort(meters);
    genreDocumentFrequency = new TreeMap<>(Objects.requireNonNull(genreDocumentFrequency, "genreDocumentFrequency"));
    Objects.requireNonNull(dataFingerprint, "dataFingerprint");
  }

  /**
   * Each numeric column's fill value, in column order.
   *
   * @return a copy of the fill values
   */
  @Override
  public double[] fill() {
    return fill.clone();
  }

  /**
   * Each numeric column's mean after filling, in column order.
   *
   * @return a copy of the means
   */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /**
   * Each numeric column's population standard deviation after filling, in column order.
   *
   * @return a copy of the standard deviations, each above 1e-12 or exactly 1
   */
  @Override
  public double[] sd() {
    return sd.clone();
  }

  /**
   * Each numeric column's number of missing values, in column order.
   *
   * @return a copy of the missing counts
   */
  @Override
  public long[] missing() {
    return missing.clone();
  }

  /**
   * The distinct time signatures present.
   *
   * @return a copy of the time signatures, ascending
   */
  @Override
  public int[] meters() {
    return meters.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureStatistics s && rows == s.rows && referenceYear == s.referenceYear
        && Arrays.equals(fill, s.fill) && Arrays.equals(mean, s.mean) && Arrays.equals(sd, s.sd)
        && Arrays.equals(missing, s.missing) && Arrays.equals(meters, s.meters)
        && genreDocumentFrequency.equals(s.genreDocumentFrequency) && keyMissing == s.keyMissing
        && modeMissing == s.modeMissing && timeSignatureMissing == s.timeSignatureMissing && moodMissing == s.moodMissing
        && tracksWithoutKeptGenre == s.tracksWithoutKeptGenre && dataFingerprint.equals(s.dataFingerprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, referenceYear, Arrays.hashCode(fill), Arrays.hashCode(mean), Arrays.hashCode(sd),
        Arrays.hashCode(missing), Arrays.hashCode(meters), genreDocumentFrequency, dataFingerprint);
  }

  @Override
  public String toString() {
    return "FeatureStatistics[rows=" + rows + ", referenceYear=" + referenceYear + ", fill=" + Arrays.toString(fill)
        + ", mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + ", missing=" + Arrays.toString(missing)
        + ", meters=" + Arrays.toString(meters) + ", genres=" + genreDocumentFrequency.size() + "]";
  }
}

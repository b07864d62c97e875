package dev.recsys.core.model;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The audio descriptors of one track. Immutable and thread-safe.
 *
 * <p>A missing value is explicit: {@link #isPresent} is false, {@link #get} is empty and
 * {@link #value} returns {@code NaN}. It is never read as 0. Every present value lies in
 * the range its {@link AudioFeature} names; the constructor checks it.
 */
public final class AudioFeatures {
  private static final AudioFeature[] FEATURES = AudioFeature.values();
  private static final int N = FEATURES.length;
  /** Per feature (by ordinal), its range and whether it takes whole numbers only. */
  private static final double[] MIN = new double[N];
  private static final double[] MAX = new double[N];
  private static final boolean[] WHOLE = new boolean[N];

  static {
    for (AudioFeature f : FEATURES) {
      MIN[f.ordinal()] = f.min();
      MAX[f.ordinal()] = f.max();
      WHOLE[f.ordinal()] = f.isCategorical();
    }
  }

  /** A track with no audio features at all. */
  public static final AudioFeatures MISSING = new AudioFeatures(nanArray());

  private final double[] values;

  private AudioFeatures(double[] values) {
    this.values = values;
  }

  private static double[] nanArray() {
    double[] v = new double[N];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  /**
   * Creates features from values in {@link AudioFeature} order, {@code NaN} meaning missing.
   *
   * @throws IllegalArgumentException if the array has the wrong length, a value is infinite or out of range,
   *     or a categorical value is not an integer
   * @param values the values
   * @return the {@code AudioFeatures}
   */
  public static AudioFeatures of(double... values) {
    if (values.length != N) {
      throw new IllegalArgumentException("audio features need " + N + " values in AudioFeature order; got " + values.length);
    }
    double[] copy = values.clone();
    for (int k = 0; k < N; k++) {
      double v = copy[k];
      // NaN (missing) passes: both comparisons are false, and it is no whole number to check
      if (v < MIN[k] || v > MAX[k]) {
        AudioFeature f = FEATURES[k];
        throw new IllegalArgumentException(f.column() + " must be in [" + f.min() + ", " + f.max() + "]; " + f.column() + "=" + v);
      }
      if (WHOLE[k] && v != Math.rint(v) && !Double.isNaN(v)) {
        throw new IllegalArgumentException(FEATURES[k].column() + " must be a whole number; " + FEATURES[k].column() + "=" + v);
      }
    }
    return new AudioFeatures(copy);
  }

  /**
   * A builder starting with every feature missing.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * True if the feature has a value.
   *
   * @param f the audio feature
   * @return true if the feature has a value
   */
  public boolean isPresent(AudioFeature f) {
    return !Double.isNaN(values[f.ordinal()]);
  }

  /**
   * The value, or empty when missing.
   *
   * @param f the audio feature
   * @return the value, or empty when missing
   */
  public OptionalDouble get(AudioFeature f) {
    double v = values[f.ordinal()];
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /**
   * The value, or {@code NaN} when missing (for numeric kernels that test with {@link Double#isNaN}).
   *
   * @param f the audio feature
   * @return the value, or {@code NaN} when missing (for numeric kernels that test with {@link Double#isNaN})
   */
  public double value(AudioFeature f) {
    return values[f.ordinal()];
  }

  /**
   * Number of missing features.
   *
   * @return the number of missing features
   */
  public int missingCount() {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /**
   * True if every feature is missing.
   *
   * @return true if every feature is missing
   */
  public boolean isEmpty() {
    return missingCount() == N;
  }

  /**
   * A copy of the values in {@link AudioFeature} order, {@code NaN} for missing.
   *
   * @return a copy of the values in {@link AudioFeature} order, {@code NaN} for missing
   */
  public double[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AudioFeatures other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("AudioFeatures[");
    for (AudioFeature f : AudioFeature.values()) {
      if (f.ordinal() > 0) {
        sb.append(", ");
      }
      sb.append(f.column()).append('=');
      double v = values[f.ordinal()];
      sb.append(Double.isNaN(v) ? "missing" : Double.toString(v));
    }
    return sb.append(']').toString();
  }

  /** Mutable builder of {@link AudioFeatures}; not thread-safe. */
  public static final class Builder {
    private final double[] values = nanArray();

    private Builder() {}

    /**
     * Sets one feature; {@code NaN} marks it missing. Range checks happen in {@link #build}.
     *
     * @param f the audio feature
     * @param value the value
     * @return this builder
     */
    public Builder set(AudioFeature f, double value) {
      values[f.ordinal()] = value;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code AudioFeatures}
     */
    public AudioFeatures build() {
      return AudioFeatures.of(values);
    }
  }
}

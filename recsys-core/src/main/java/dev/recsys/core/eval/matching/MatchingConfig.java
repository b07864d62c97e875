package dev.recsys.core.eval.matching;

import dev.recsys.core.util.Checks;

/**
 * Settings of a {@link MatchingEvaluator}.
 *
 * @param k the cut-off of the ranked matches, in [1, 1000]
 * @param bootstrapSamples resamples of the percentile bootstrap intervals and paired comparisons, in [0, 1000000]
 *     (0: no intervals)
 * @param confidence the intervals' confidence, in [0.5, 0.9999]
 * @param seed seed of the bootstrap
 */
public record MatchingConfig(int k, int bootstrapSamples, double confidence, long seed) {
  /** Validates. */
  public MatchingConfig {
    Checks.inRange("k", k, 1, 1000);
    Checks.inRange("bootstrapSamples", bootstrapSamples, 0, 1_000_000);
    Checks.inRange("confidence", confidence, 0.5, 0.9999);
  }

  /**
   * k = 10, 1000 resamples, 95% intervals, seed 42.
   *
   * @return the default configuration described above
   */
  public static MatchingConfig defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder holding the default values
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int k = 10;
    private int bootstrapSamples = 1000;
    private double confidence = 0.95;
    private long seed = 42;

    private Builder() {}

    /**
     * See {@link MatchingConfig#k()}.
     *
     * @param v the cut-off of the ranked matches, in [1, 1000]; default {@code 10}
     * @return this builder
     */
    public Builder k(int v) {
      k = v;
      return this;
    }

    /**
     * See {@link MatchingConfig#bootstrapSamples()}.
     *
     * @param v resamples of the percentile bootstrap intervals and paired comparisons, in [0, 1000000] (0: no
     *     intervals); default {@code 1000}
     * @return this builder
     */
    public Builder bootstrapSamples(int v) {
      bootstrapSamples = v;
      return this;
    }

    /**
     * See {@link MatchingConfig#confidence()}.
     *
     * @param v the intervals' confidence, in [0.5, 0.9999]; default {@code 0.95}
     * @return this builder
     */
    public Builder confidence(double v) {
      confidence = v;
      return this;
    }

    /**
     * See {@link MatchingConfig#seed()}.
     *
     * @param v seed of the bootstrap; default {@code 42}
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the configuration holding the current values
     */
    public MatchingConfig build() {
      return new MatchingConfig(k, bootstrapSamples, confidence, seed);
    }
  }
}

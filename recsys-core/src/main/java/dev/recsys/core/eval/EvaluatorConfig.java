package dev.recsys.core.eval;

import dev.recsys.core.util.Checks;
import java.util.List;

/**
 * Settings of an {@link Evaluator}.
 *
 * @param ks the cut-offs at which ranking metrics are reported, each in [1, 10000], distinct, ascending order
 *     not required
 * @param depth how many results are requested per user, at least {@code max(ks)}, at most 10000; R-precision,
 *     AUC and the metric-versus-cut-off curves use the whole list
 * @param bootstrapSamples resamples of the confidence intervals, in [0, 1000000] (0: no intervals)
 * @param confidence level of the intervals, in [0.5, 0.9999]
 * @param seed seed of the bootstrap and the randomisation tests
 * @param threads threads that query the recommender, in [1, 256]; results do not depend on it
 * @param keepRecommendations whether the result keeps every user's ranked list (for export)
 */
public record EvaluatorConfig(List<Integer> ks, int depth, int bootstrapSamples, double confidence, long seed,
    int threads, boolean keepRecommendations) {

  /** Validates. */
  public EvaluatorConfig {
    ks = List.copyOf(Checks.noNulls("ks", ks));
    if (ks.isEmpty()) {
      throw new IllegalArgumentException("ks must not be empty");
    }
    int max = 0;
    for (int i = 0; i < ks.size(); i++) {
      Checks.inRange("ks[" + i + "]", ks.get(i), 1, 10_000);
      max = Math.max(max, ks.get(i));
    }
    if (ks.stream().distinct().count() != ks.size()) {
      throw new IllegalArgumentException("ks must be distinct; ks=" + ks);
    }
    Checks.inRange("depth", depth, max, 10_000);
    Checks.inRange("bootstrapSamples", bootstrapSamples, 0, 1_000_000);
    Checks.inRange("confidence", confidence, 0.5, 0.9999);
    Checks.inRange("threads", threads, 1, 256);
  }

  /**
   * A builder with the defaults: k = 10, depth 50, 1000 resamples, 95%, seed 42, 1 thread.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The largest cut-off.
   *
   * @return the largest cut-off
   */
  public int maxK() {
    return ks.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** Builder of {@link EvaluatorConfig}; not thread-safe. */
  public static final class Builder {
    private List<Integer> ks = List.of(10);
    private Integer depth;
    private int bootstrapSamples = 1000;
    private double confidence = 0.95;
    private long seed = 42;
    private int threads = 1;
    private boolean keepRecommendations;

    private Builder() {}

    /**
     * The cut-offs.
     *
     * @param ks the cut-offs
     * @return this builder
     */
    public Builder ks(int... ks) {
      this.ks = java.util.Arrays.stream(ks).boxed().toList();
      return this;
    }

    /**
     * Results requested per user (default {@code max(50, max(ks))}).
     *
     * @param depth the results requested per user (default {@code max(50, max(ks))})
     * @return this builder
     */
    public Builder depth(int depth) {
      this.depth = depth;
      return this;
    }

    /**
     * Bootstrap resamples.
     *
     * @param n the number of bootstrap resamples
     * @return this builder
     */
    public Builder bootstrapSamples(int n) {
      this.bootstrapSamples = n;
      return this;
    }

    /**
     * Confidence level.
     *
     * @param c the confidence level
     * @return this builder
     */
    public Builder confidence(double c) {
      this.confidence = c;
      return this;
    }

    /**
     * Seed.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Query threads.
     *
     * @param threads the query threads
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Keep ranked lists in the result.
     *
     * @param keep the keep ranked lists in the result
     * @return this builder
     */
    public Builder keepRecommendations(boolean keep) {
      this.keepRecommendations = keep;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the validated configuration
     */
    public EvaluatorConfig build() {
      int maxK = ks.stream().mapToInt(Integer::intValue).max().orElse(1);
      return new EvaluatorConfig(ks, depth == null ? Math.max(50, maxK) : depth, bootstrapSamples, confidence,
          seed, threads, keepRecommendations);
    }
  }
}

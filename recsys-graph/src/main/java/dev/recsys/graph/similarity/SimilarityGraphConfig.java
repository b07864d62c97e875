package dev.recsys.graph.similarity;

import dev.recsys.core.util.Checks;

/**
 * How a {@link SimilarityGraph} is built.
 *
 * @param k neighbours kept per track, in [1, 10000]
 * @param symmetric when true, an edge i-&gt;j also adds j-&gt;i (lists may then exceed {@code k})
 * @param threads worker threads for building, in [1, 256]
 * @param blockSize items per block of the exact kernel, in [16, 65536]
 */
public record SimilarityGraphConfig(int k, boolean symmetric, int threads, int blockSize) {
  /** Default neighbours per track. */
  public static final int DEFAULT_K = 50;

  /** Validates the fields. */
  public SimilarityGraphConfig {
    Checks.inRange("k", k, 1, 10_000);
    Checks.inRange("threads", threads, 1, 256);
    Checks.inRange("blockSize", blockSize, 16, 65_536);
  }

  /**
   * k = 50, not symmetric, one thread per available processor, blocks of 1024 items.
   *
   * @return the k = 50, not symmetric, one thread per available processor, blocks of 1024 items
   */
  public static SimilarityGraphConfig defaults() {
    return new SimilarityGraphConfig(DEFAULT_K, false, Runtime.getRuntime().availableProcessors(), 1024);
  }

  /**
   * A copy with another k.
   *
   * @param newK the new K
   * @return a copy with another k
   */
  public SimilarityGraphConfig withK(int newK) {
    return new SimilarityGraphConfig(newK, symmetric, threads, blockSize);
  }

  /**
   * A copy with symmetrisation on or off.
   *
   * @return a copy with symmetrisation on or off
   * @param on whether to symmetrise the graph
   */
  public SimilarityGraphConfig withSymmetric(boolean on) {
    return new SimilarityGraphConfig(k, on, threads, blockSize);
  }

  /**
   * A copy with another thread count.
   *
   * @return a copy with another thread count
   * @param n the number of threads
   */
  public SimilarityGraphConfig withThreads(int n) {
    return new SimilarityGraphConfig(k, symmetric, n, blockSize);
  }

  /**
   * The configuration as JSON, as stored in the model container.
   *
   * @return the configuration as JSON, as stored in the model container
   */
  public String toJson() {
    return dev.recsys.core.io.ConfigJson.write(this);
  }
}

package dev.recsys.embedding;

import dev.recsys.core.util.Checks;

/**
 * Configuration of {@link PcaEmbedder}. Immutable; validated on construction.
 *
 * @param varianceTarget keep the fewest leading components whose explained-variance ratios sum to at least this,
 *     in (0, 1]; used when {@code components} is 0
 * @param components a fixed number of components, in [0, 100000]; 0 selects by {@code varianceTarget}
 * @param whiten whether to scale each component to unit variance
 */
public record PcaConfig(double varianceTarget, int components, boolean whiten) {
  /** The default: 95% of the variance, not whitened. */
  public static final PcaConfig DEFAULT = new PcaConfig(0.95, 0, false);

  /** Validates every field. */
  public PcaConfig {
    Checks.inRange("varianceTarget", varianceTarget, Double.MIN_NORMAL, 1.0);
    Checks.inRange("components", components, 0, 100_000);
  }

  /**
   * Components by variance target.
   *
   * @param target the target
   * @return the components by variance target
   */
  public static PcaConfig ofVariance(double target) {
    return new PcaConfig(target, 0, false);
  }

  /**
   * A fixed number of components.
   *
   * @param count the count
   * @return a fixed number of components
   */
  public static PcaConfig ofComponents(int count) {
    Checks.atLeast("components", count, 1);
    return new PcaConfig(1.0, count, false);
  }

  /**
   * A copy with whitening switched on or off.
   *
   * @return a copy with whitening switched on or off
   * @param w whether to whiten
   */
  public PcaConfig withWhiten(boolean w) {
    return new PcaConfig(varianceTarget, components, w);
  }
}

package dev.recsys.core.training;

import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * The optimizer of a training run and its hyper-parameters. Immutable; validated on construction.
 *
 * <p>{@link Kind#ADAM} is Adam with bias correction (Kingma and Ba, 2015) and decoupled weight decay (AdamW) when
 * {@code weightDecay > 0}; {@link Kind#SGD} is stochastic gradient descent with classical momentum and L2 weight
 * decay. When {@code clipNorm > 0} the gradient is rescaled so its L2 norm is at most {@code clipNorm} before the
 * update.
 *
 * <p><b>Row-sparse (lazy) updates.</b> For a model that reports a {@linkplain Trainable#gradientSupport() row
 * support}, a step updates only the rows of the support: there the arithmetic is exactly that of a dense step
 * (same bits), while the rows the batch did not touch keep their parameters and moments unchanged. Unlike dense
 * Adam, the moments of an untouched row are not decayed and no weight decay is applied to it (the "lazy Adam" of
 * sparse embedding training); bias correction still uses the global step count, and the clipping norm is taken
 * over the support.
 *
 * @param kind the algorithm
 * @param learningRate the base learning rate (the schedule scales it), in (0, 10]
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's denominator guard, &gt; 0
 * @param momentum SGD momentum, in [0, 1)
 * @param weightDecay weight decay, in [0, 1]
 * @param clipNorm maximum gradient L2 norm, 0 for no clipping
 */
public record OptimizerConfig(Kind kind, double learningRate, double beta1, double beta2, double epsilon, double momentum,
    double weightDecay, double clipNorm) {

  /** The optimizer algorithms. */
  public enum Kind {
    /** Adam (AdamW when weight decay is set). */
    ADAM,
    /** Stochastic gradient descent with momentum. */
    SGD
  }

  /** Validates every field. */
  public OptimizerConfig {
    Objects.requireNonNull(kind, "kind");
    Checks.inRange("learningRate", learningRate, Double.MIN_NORMAL, 10.0);
    Checks.inRange("beta1", beta1, 0.0, Math.nextDown(1.0));
    Checks.inRange("beta2", beta2, 0.0, Math.nextDown(1.0));
    Checks.positive("epsilon", epsilon);
    Checks.inRange("momentum", momentum, 0.0, Math.nextDown(1.0));
    Checks.inRange("weightDecay", weightDecay, 0.0, 1.0);
    Checks.inRange("clipNorm", clipNorm, 0.0, Double.MAX_VALUE);
  }

  /**
   * Adam with the usual defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), no weight decay or clipping.
   *
   * @param learningRate the learning rate
   * @return Adam with the usual defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), no weight decay or clipping
   */
  public static OptimizerConfig adam(double learningRate) {
    return new OptimizerConfig(Kind.ADAM, learningRate, 0.9, 0.999, 1e-8, 0.0, 0.0, 0.0);
  }

  /**
   * SGD with the given momentum, no weight decay or clipping.
   *
   * @param learningRate the learning rate
   * @param momentum the momentum
   * @return SGD with the given momentum, no weight decay or clipping
   */
  public static OptimizerConfig sgd(double learningRate, double momentum) {
    return new OptimizerConfig(Kind.SGD, learningRate, 0.9, 0.999, 1e-8, momentum, 0.0, 0.0);
  }

  /**
   * A copy with another weight decay.
   *
   * @param decay the decay
   * @return a copy with another weight decay
   */
  public OptimizerConfig withWeightDecay(double decay) {
    return new OptimizerConfig(kind, learningRate, beta1, beta2, epsilon, momentum, decay, clipNorm);
  }

  /**
   * A copy with another gradient clipping norm.
   *
   * @param norm the norm
   * @return a copy with another gradient clipping norm
   */
  public OptimizerConfig withClipNorm(double norm) {
    return new OptimizerConfig(kind, learningRate, beta1, beta2, epsilon, momentum, weightDecay, norm);
  }
}

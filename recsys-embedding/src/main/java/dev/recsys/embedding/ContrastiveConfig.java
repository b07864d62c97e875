package dev.recsys.embedding;

import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingSetters;
import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of {@link PlaylistContrastiveEmbedder}. Immutable; validated on construction; see {@link #builder()}.
 *
 * @param autoencoder the unsupervised PCA + autoencoder whose encoder is fine-tuned (its seed seeds the whole fit)
 * @param temperature softmax temperature of the in-batch contrastive loss over cosine similarities, in (0, 10]
 * @param validationFraction share of the groups held out for early stopping, in [0, 0.5]
 * @param training epochs, batch size (memberships per step), optimizer, schedule and early stopping of the
 *     fine-tune; its seed is replaced by the autoencoder's
 */
public record ContrastiveConfig(AutoencoderConfig autoencoder, double temperature, double validationFraction,
    TrainingConfig training) {

  /** The default configuration. */
  public static final ContrastiveConfig DEFAULT = builder().build();

  /** Validates every field. */
  public ContrastiveConfig {
    Objects.requireNonNull(autoencoder, "autoencoder");
    Checks.inRange("temperature", temperature, Double.MIN_NORMAL, 10.0);
    Checks.inRange("validationFraction", validationFraction, 0.0, 0.5);
    Objects.requireNonNull(training, "training");
  }

  /**
   * A builder starting from the defaults: the default autoencoder, temperature 0.1, 10% of the groups for
   * validation, at most 40 epochs of batch 256, Adam 1e-3, early stopping on the validation loss (patience 4).
   *
   * @return a new builder holding the default values
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return a new builder holding this configuration's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.autoencoder = autoencoder;
    b.temperature = temperature;
    b.validationFraction = validationFraction;
    b.training(training);
    return b;
  }

  /** Builder of {@link ContrastiveConfig}; not thread-safe. */
  public static final class Builder extends TrainingSetters<Builder> {
    private AutoencoderConfig autoencoder = AutoencoderConfig.DEFAULT;
    private double temperature = 0.1;
    private double validationFraction = 0.1;

    private Builder() {
      super(TrainingConfig.builder()
          .epochs(40)
          .batchSize(256)
          .optimizer(OptimizerConfig.adam(1e-3))
          .schedule(LearningRateSchedule.constant())
          .earlyStopping(EarlyStopping.onLoss(4, 1e-5)));
    }

    /**
     * The unsupervised autoencoder fine-tuned.
     *
     * @param v the unsupervised PCA + autoencoder whose encoder is fine-tuned (its seed seeds the whole fit); default
     *     {@code AutoencoderConfig.DEFAULT}
     * @return this builder
     */
    public Builder autoencoder(AutoencoderConfig v) {
      autoencoder = v;
      return this;
    }

    /**
     * Softmax temperature.
     *
     * @param v softmax temperature of the in-batch contrastive loss over cosine similarities, in (0, 10]; default
     *     {@code 0.1}
     * @return this builder
     */
    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    /**
     * Held-out share of the groups.
     *
     * @param v share of the groups held out for early stopping, in [0, 0.5]; default {@code 0.1}
     * @return this builder
     */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the configuration holding the current values
     */
    public ContrastiveConfig build() {
      return new ContrastiveConfig(autoencoder, temperature, validationFraction,
          training.seed(autoencoder.training().seed()).build());
    }
  }
}

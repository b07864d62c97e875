package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.util.Objects;

/**
 * Configuration of the hybrid listener-to-track recommender ({@link HybridRecommenderTrainer}). Immutable;
 * validated on construction.
 *
 * @param model architecture and loss of the towers
 * @param training the shared training loop's settings (epochs, batch size, optimizer, schedule, early stopping)
 * @param historyLength number of most recent tracks pooled into the listener tower, in [1, 1000]
 * @param idDimension width of the listener, track and recent-track embeddings, in [1, 512]
 * @param hashBuckets hash buckets of each id input for unknown ids, in [1, 100,000]
 * @param validationListeners listeners whose last track is held out to compute recall@{@code validationK} for
 *     early stopping, in [0, 100,000] (0: watch the training loss)
 * @param validationK cut-off of the validation recall, in [1, 1000]
 * @param listenerFeatures listener attributes and engineered listener features of the listener tower (null:
 *     {@link ListenerFeaturesConfig#none()}, as in configurations saved before it existed)
 */
public record HybridConfig(TwoTowerConfig model, TrainingConfig training, int historyLength, int idDimension,
    int hashBuckets, int validationListeners, int validationK, ListenerFeaturesConfig listenerFeatures) {

  /** Validates the fields. */
  public HybridConfig {
    listenerFeatures = listenerFeatures == null ? ListenerFeaturesConfig.none() : listenerFeatures;
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(training, "training");
    Checks.inRange("historyLength", historyLength, 1, 1000);
    Checks.inRange("idDimension", idDimension, 1, 512);
    Checks.inRange("hashBuckets", hashBuckets, 1, 100_000);
    Checks.inRange("validationListeners", validationListeners, 0, 100_000);
    Checks.inRange("validationK", validationK, 1, 1000);
  }

  /**
   * Defaults: 64-wide towers with one 128-wide hidden layer, sampled softmax with log-Q correction at temperature
   * 0.1, Adam 3e-3 with a cosine schedule, batch 256, up to 20 epochs with early stopping on validation recall@10
   * (patience 3), the last 20 tracks pooled, 32-wide ids.
   *
   * @return the defaults: 64-wide towers with one 128-wide hidden layer, sampled softmax with log-Q correction at
   *     temperature 0.1, Adam 3e-3 with a cosine schedule, batch 256, up to 20 epochs with early stopping on
   *     validation recall@10 (patience 3), the last 20 tracks pooled, 32-wide ids
   */
  public static HybridConfig defaults() {
    return builder().build();
  }

  /**
   * A copy with other listener features.
   *
   * @param v the listener features
   * @return the copy
   */
  public HybridConfig withListenerFeatures(ListenerFeaturesConfig v) {
    return new HybridConfig(model, training, historyLength, idDimension, hashBuckets, validationListeners, validationK, v);
  }

  /**
   * A builder starting from the defaults.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private TwoTowerConfig model = TwoTowerConfig.defaults();
    private TrainingConfig training = TrainingConfig.builder().epochs(20).batchSize(256)
        .optimizer(OptimizerConfig.adam(3e-3)).schedule(LearningRateSchedule.cosine(1e-4))
        .earlyStopping(new EarlyStopping(true, 3, 1e-4, true, EarlyStopping.Mode.MAXIMIZE)).build();
    private int historyLength = 20;
    private int idDimension = 32;
    private int hashBuckets = 64;
    private int validationListeners = 500;
    private int validationK = 10;
    private ListenerFeaturesConfig listenerFeatures = ListenerFeaturesConfig.none();

    private Builder() {}

    /**
     * See {@link HybridConfig#model()}.
     *
     * @param v the value of {@link HybridConfig#model()}
     * @return this builder
     */
    public Builder model(TwoTowerConfig v) {
      model = v;
      return this;
    }

    /**
     * See {@link HybridConfig#training()}.
     *
     * @param v the value of {@link HybridConfig#training()}
     * @return this builder
     */
    public Builder training(TrainingConfig v) {
      training = v;
      return this;
    }

    /**
     * See {@link HybridConfig#historyLength()}.
     *
     * @param v the value of {@link HybridConfig#historyLength()}
     * @return this builder
     */
    public Builder historyLength(int v) {
      historyLength = v;
      return this;
    }

    /**
     * See {@link HybridConfig#idDimension()}.
     *
     * @param v the value of {@link HybridConfig#idDimension()}
     * @return this builder
     */
    public Builder idDimension(int v) {
      idDimension = v;
      return this;
    }

    /**
     * See {@link HybridConfig#hashBuckets()}.
     *
     * @param v the value of {@link HybridConfig#hashBuckets()}
     * @return this builder
     */
    public Builder hashBuckets(int v) {
      hashBuckets = v;
      return this;
    }

    /**
     * See {@link HybridConfig#validationListeners()}.
     *
     * @param v the value of {@link HybridConfig#validationListeners()}
     * @return this builder
     */
    public Builder validationListeners(int v) {
      validationListeners = v;
      return this;
    }

    /**
     * See {@link HybridConfig#validationK()}.
     *
     * @param v the value of {@link HybridConfig#validationK()}
     * @return this builder
     */
    public Builder validationK(int v) {
      validationK = v;
      return this;
    }

    /**
     * See {@link HybridConfig#listenerFeatures()}.
     *
     * @param v the value of {@link HybridConfig#listenerFeatures()}
     * @return this builder
     */
    public Builder listenerFeatures(ListenerFeaturesConfig v) {
      listenerFeatures = v;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code HybridConfig}
     */
    public HybridConfig build() {
      return new HybridConfig(model, training, historyLength, idDimension, hashBuckets, validationListeners, validationK,
          listenerFeatures);
    }
  }
}

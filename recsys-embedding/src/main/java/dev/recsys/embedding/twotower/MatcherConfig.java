package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import java.util.Objects;

/**
 * Configuration of similar-listener matching ({@link TwoTowerMatcherTrainer}). Immutable; validated on
 * construction.
 *
 * @param model architecture and loss of the shared (siamese) tower
 * @param training the shared training loop's settings
 * @param bagDimension width of the pooled artist and track embeddings, in [1, 512]
 * @param viewsPerListener training pairs per listener per epoch, each a different random split of their history
 *     into two disjoint halves, in [1, 100]
 * @param minTracks listeners with fewer distinct known tracks are matched and searchable but not trained on, in
 *     [2, 10,000]
 * @param trackBag whether the tower also pools learned embeddings of the listener's distinct tracks (besides
 *     artists); more capacity to tell listeners apart, which tends to fit identity rather than taste on small data
 */
public record MatcherConfig(TwoTowerConfig model, TrainingConfig training, int bagDimension, int viewsPerListener,
    int minTracks, boolean trackBag) {

  /** Validates the fields. */
  public MatcherConfig {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(training, "training");
    Checks.inRange("bagDimension", bagDimension, 1, 512);
    Checks.inRange("viewsPerListener", viewsPerListener, 1, 100);
    Checks.inRange("minTracks", minTracks, 2, 10_000);
  }

  /**
   * Defaults: 32-wide output with one 64-wide hidden layer, sampled softmax at temperature 0.3 without log-Q
   * correction (every listener is equally likely in a batch), Adam 3e-3 with a cosine schedule, batch 256, 10
   * epochs, 16 views per listener, 16-wide artist bag, no track bag, listeners of at least 4 tracks.
   *
   * @return the defaults: 32-wide output with one 64-wide hidden layer, sampled softmax at temperature 0.3 without
   *     log-Q correction (every listener is equally likely in a batch), Adam 3e-3 with a cosine schedule, batch 256,
   *     10 epochs, 16 views per listener, 16-wide artist bag, no track bag, listeners of at least 4 tracks
   */
  public static MatcherConfig defaults() {
    return builder().build();
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
    private TwoTowerConfig model = TwoTowerConfig.builder().outputDimension(32).hiddenLayers(64).temperature(0.3)
        .logQCorrection(false).build();
    private TrainingConfig training = TrainingConfig.builder().epochs(10).batchSize(256)
        .optimizer(OptimizerConfig.adam(3e-3)).schedule(LearningRateSchedule.cosine(1e-4))
        .earlyStopping(EarlyStopping.none()).build();
    private int bagDimension = 16;
    private int viewsPerListener = 16;
    private int minTracks = 4;
    private boolean trackBag = false;

    private Builder() {}

    /**
     * See {@link MatcherConfig#model()}.
     *
     * @param v the value of {@link MatcherConfig#model()}
     * @return this builder
     */
    public Builder model(TwoTowerConfig v) {
      model = v;
      return this;
    }

    /**
     * See {@link MatcherConfig#training()}.
     *
     * @param v the value of {@link MatcherConfig#training()}
     * @return this builder
     */
    public Builder training(TrainingConfig v) {
      training = v;
      return this;
    }

    /**
     * See {@link MatcherConfig#bagDimension()}.
     *
     * @param v the value of {@link MatcherConfig#bagDimension()}
     * @return this builder
     */
    public Builder bagDimension(int v) {
      bagDimension = v;
      return this;
    }

    /**
     * See {@link MatcherConfig#viewsPerListener()}.
     *
     * @param v the value of {@link MatcherConfig#viewsPerListener()}
     * @return this builder
     */
    public Builder viewsPerListener(int v) {
      viewsPerListener = v;
      return this;
    }

    /**
     * See {@link MatcherConfig#minTracks()}.
     *
     * @param v the value of {@link MatcherConfig#minTracks()}
     * @return this builder
     */
    public Builder minTracks(int v) {
      minTracks = v;
      return this;
    }

    /**
     * See {@link MatcherConfig#trackBag()}.
     *
     * @param v the value of {@link MatcherConfig#trackBag()}
     * @return this builder
     */
    public Builder trackBag(boolean v) {
      trackBag = v;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code MatcherConfig}
     */
    public MatcherConfig build() {
      return new MatcherConfig(model, training, bagDimension, viewsPerListener, minTracks, trackBag);
    }
  }
}

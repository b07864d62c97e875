package dev.recsys.embedding;

import dev.recsys.core.util.Checks;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
import dev.recsys.core.training.TrainingSetters;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of {@link PcaAutoencoderEmbedder}. Immutable; validated on construction; see {@link #builder()}.
 *
 * <p>The network is {@code pcaComponents -> hiddenSizes... -> bottleneck -> reversed(hiddenSizes)... ->
 * pcaComponents}, with {@code activation} after every hidden layer and linear bottleneck and output layers. The
 * embedding is the bottleneck, L2-normalised.
 *
 * @param pca the PCA stage the autoencoder reconstructs
 * @param hiddenSizes encoder hidden layer widths, input side first (the decoder mirrors them), each in [1, 4096]
 * @param bottleneck the embedding dimension, in [1, 1024]
 * @param activation activation of the hidden layers
 * @param noise denoising: training inputs get Gaussian noise of this many standard deviations of each PCA
 *     component (targets stay clean), in [0, 10]; 0 trains a plain autoencoder
 * @param selfSupervision the self-supervised contrastive term added to the reconstruction loss (weight 0: none)
 * @param validationFraction share of the rows held out for early stopping and the quality report, in [0, 0.5]
 * @param kernel the matrix-product kernel of training ({@link Kernel#JAVA} or {@link Kernel#ND4J})
 * @param training epochs, batch size, seed, optimizer, learning-rate schedule, early stopping
 * @param swapNoise denoising by swap noise: in each training input, every feature column is replaced with this
 *     probability by the value of another random training track, before the PCA projection (targets stay clean), in
 *     [0, 0.9]; 0 (the default, also for configurations written before the field existed) switches it off
 * @param groupContrast the group-contrastive term, used when the fit is given groups of rows that belong together
 *     (tracks of one artist); a configuration written before the field existed reads as {@link GroupContrast#NONE}
 */
public record AutoencoderConfig(PcaConfig pca, List<Integer> hiddenSizes, int bottleneck, Activation activation,
    double noise, SelfSupervision selfSupervision, double validationFraction, Kernel kernel, TrainingConfig training,
    double swapNoise, GroupContrast groupContrast) {

  /** Matrix-product kernels for training. Inference always uses the plain-Java row kernel. */
  public enum Kernel {
    /**
     * Plain Java loops: single-threaded, strict IEEE arithmetic, so the same seed gives the same weights on every
     * machine.
     */
    JAVA,
    /**
     * ND4J's native multi-threaded sgemm (the default: about 3x faster per epoch at batch 256 in the benchmarks).
     * Deterministic on a given machine; another CPU may pick another BLAS kernel and round differently.
     */
    ND4J
  }

  /**
   * A self-supervised contrastive term on the encoder (after SCARF, Bahri et al. 2022): each training track's
   * positive is a copy of itself in which a random share of the feature columns takes the value of another random
   * track; the other tracks of the batch are negatives. It makes the embedding's neighbourhoods rest on what many
   * columns agree on rather than on single columns, without labels.
   *
   * @param weight weight of the term against the reconstruction loss, in [0, 100]; 0 switches it off
   * @param corruption share of the feature columns replaced in the positive, in [0.01, 0.99]
   * @param temperature softmax temperature over cosine similarities, in [0.01, 10]
   */
  public record SelfSupervision(double weight, double corruption, double temperature) {
    /** No self-supervised term. */
    public static final SelfSupervision NONE = new SelfSupervision(0, 0.5, 0.1);

    /** Validates the ranges. */
    public SelfSupervision {
      Checks.inRange("selfSupervision.weight", weight, 0.0, 100.0);
      Checks.inRange("selfSupervision.corruption", corruption, 0.01, 0.99);
      Checks.inRange("selfSupervision.temperature", temperature, 0.01, 10.0);
    }

    /**
     * Whether the term is on.
     *
     * @return true when {@code weight > 0}
     */
    public boolean enabled() {
      return weight > 0;
    }
  }

  /**
   * A contrastive term on the encoder over groups of rows known to belong together, without labels: for tracks, the
   * tracks of one artist ({@link TrackGroups#byArtist}). Each training track of a group of two or more has another
   * track of its group as its positive, drawn per step, against the other positives of the batch; the term is added,
   * times {@code weight}, to the reconstruction loss of the same network, so one network both reconstructs and
   * places tracks of one artist close together. It applies only to fits given groups
   * ({@link PcaAutoencoderEmbedder#fitWithReport(dev.recsys.core.model.FeatureMatrix, int[][],
   * dev.recsys.core.spi.TrainingListener)}).
   *
   * @param weight weight of the term against the reconstruction loss, in [0, 100]; 0 switches it off
   * @param temperature softmax temperature over cosine similarities, in [0.01, 10]
   */
  public record GroupContrast(double weight, double temperature) {
    /** No group-contrastive term. */
    public static final GroupContrast NONE = new GroupContrast(0, 0.1);

    /** Validates the ranges. */
    public GroupContrast {
      Checks.inRange("groupContrast.weight", weight, 0.0, 100.0);
      Checks.inRange("groupContrast.temperature", temperature, 0.01, 10.0);
    }

    /**
     * Whether the term is on.
     *
     * @return true when {@code weight > 0}
     */
    public boolean enabled() {
      return weight > 0;
    }
  }

  /** Weight of the default group-contrastive term. */
  static final double DEFAULT_GROUP_WEIGHT = 0.01;

  /** The default configuration. */
  public static final AutoencoderConfig DEFAULT = builder().build();

  /** Validates every field. */
  public AutoencoderConfig {
    Objects.requireNonNull(pca, "pca");
    hiddenSizes = List.copyOf(Checks.noNulls("hiddenSizes", hiddenSizes));
    for (int i = 0; i < hiddenSizes.size(); i++) {
      Checks.inRange("hiddenSizes[" + i + "]", hiddenSizes.get(i), 1, 4096);
    }
    Checks.inRange("hiddenSizes.size", hiddenSizes.size(), 0, 8);
    Checks.inRange("bottleneck", bottleneck, 1, 1024);
    Objects.requireNonNull(activation, "activation");
    Checks.inRange("noise", noise, 0.0, 10.0);
    Checks.inRange("swapNoise", swapNoise, 0.0, 0.9);
    selfSupervision = selfSupervision == null ? SelfSupervision.NONE : selfSupervision;
    groupContrast = groupContrast == null ? GroupContrast.NONE : groupContrast;
    Checks.inRange("validationFraction", validationFraction, 0.0, 0.5);
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(training, "training");
  }

  /**
   * A builder starting from the defaults: PCA at 95% variance, hidden [128, 64], bottleneck 16, tanh, no denoising
   * noise, no swap noise, no self-supervised term, the group-contrastive term at weight 0.01 (temperature 0.1; used
   * only by fits given groups), 10% validation, ND4J training kernel, 60 epochs, batch 256, Adam 3e-3 with
   * reduce-on-plateau, early stopping (patience 6), seed 42.
   *
   * <p>The network was chosen on validation tracks carved from the training part of the synthetic world and of
   * TidyTuesday ({@code recsys evaluate-embeddings --tune}, see docs/embeddings.md): two hidden layers reconstruct
   * held-out tracks better than PCA of the same width on both, where one layer of 64 does not; denoising noise and
   * the self-supervised term did not improve neighbour agreement on either and stay off. No reconstruction-only
   * setting beat raw features on neighbour agreement; the group-contrastive term over artists does on both, and 0.01 is
   * the largest weight of the grid at which held-out reconstruction still beats PCA of the same width on both.
   *
   * @return a new builder holding the default values
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pca = pca;
    b.hiddenSizes = hiddenSizes;
    b.bottleneck = bottleneck;
    b.activation = activation;
    b.noise = noise;
    b.swapNoise = swapNoise;
    b.groupContrast = groupContrast;
    b.selfSupervision = selfSupervision;
    b.validationFraction = validationFraction;
    b.kernel = kernel;
    b.training(training);
    return b;
  }

  /** Builder of {@link AutoencoderConfig}; not thread-safe. */
  public static final class Builder extends TrainingSetters<Builder> {
    private PcaConfig pca = PcaConfig.DEFAULT;
    private List<Integer> hiddenSizes = List.of(128, 64);
    private int bottleneck = 16;
    private Activation activation = Activation.TANH;
    private double noise = 0;
    private double swapNoise = 0;
    private GroupContrast groupContrast = new GroupContrast(DEFAULT_GROUP_WEIGHT, 0.1);
    private SelfSupervision selfSupervision = SelfSupervision.NONE;
    private double validationFraction = 0.1;
    private Kernel kernel = Kernel.ND4J;

    private Builder() {
      super(TrainingConfig.builder()
          .epochs(60)
          .batchSize(256)
          .optimizer(OptimizerConfig.adam(3e-3))
          .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 3, 1e-5, 1e-5))
          .earlyStopping(EarlyStopping.onLoss(6, 1e-6)));
    }

    /**
     * The PCA stage.
     *
     * @param v the PCA stage
     * @return this builder
     */
    public Builder pca(PcaConfig v) {
      pca = v;
      return this;
    }

    /**
     * Encoder hidden widths.
     *
     * @param v the encoder hidden widths
     * @return this builder
     */
    public Builder hiddenSizes(List<Integer> v) {
      hiddenSizes = v;
      return this;
    }

    /**
     * Embedding dimension.
     *
     * @param v the embedding dimension
     * @return this builder
     */
    public Builder bottleneck(int v) {
      bottleneck = v;
      return this;
    }

    /**
     * Hidden activation.
     *
     * @param v the hidden activation
     * @return this builder
     */
    public Builder activation(Activation v) {
      activation = v;
      return this;
    }

    /**
     * Denoising input noise, in standard deviations per PCA component (0: none).
     *
     * @param v denoising: training inputs get Gaussian noise of this many standard deviations of each PCA component
     *     (targets stay clean), in [0, 10]; 0 trains a plain autoencoder; default {@code 0}
     * @return this builder
     */
    public Builder noise(double v) {
      noise = v;
      return this;
    }

    /**
     * Swap noise: the probability that a feature column of a training input takes another training track's value
     * (0: none).
     *
     * @param v the probability, in [0, 0.9]
     * @return this builder
     */
    public Builder swapNoise(double v) {
      swapNoise = v;
      return this;
    }

    /**
     * The group-contrastive term ({@link GroupContrast#NONE}: none).
     *
     * @param v the term
     * @return this builder
     */
    public Builder groupContrast(GroupContrast v) {
      groupContrast = v;
      return this;
    }

    /**
     * The self-supervised contrastive term ({@link SelfSupervision#NONE}: none).
     *
     * @param v the self-supervised contrastive term added to the reconstruction loss (weight 0: none); default {@code
     *     SelfSupervision.NONE}
     * @return this builder
     */
    public Builder selfSupervision(SelfSupervision v) {
      selfSupervision = v;
      return this;
    }

    /**
     * Held-out share.
     *
     * @param v share of the rows held out for early stopping and the quality report, in [0, 0.5]; default {@code 0.1}
     * @return this builder
     */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /**
     * Training kernel.
     *
     * @param v the training kernel
     * @return this builder
     */
    public Builder kernel(Kernel v) {
      kernel = v;
      return this;
    }

    /**
     * Seed of the split, initialisation and batching.
     *
     * @param v the seed of the split, initialisation and batching
     * @return this builder
     */
    public Builder seed(long v) {
      training.seed(v);
      return this;
    }

    /**
     * The validated configuration.
     *
     * @return the validated configuration
     */
    public AutoencoderConfig build() {
      return new AutoencoderConfig(pca, hiddenSizes, bottleneck, activation, noise, selfSupervision, validationFraction, kernel, training.build(),
          swapNoise, groupContrast);
    }
  }
}

package dev.recsys.embedding;

import dev.recsys.core.util.Checks;
import dev.recsys.core.training.EarlyStopping;
import dev.recsys.core.training.LearningRateSchedule;
import dev.recsys.core.training.OptimizerConfig;
import dev.recsys.core.training.TrainingConfig;
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
 * @param validationFraction share of the rows held out for early stopping and the quality report, in [0, 0.5]
 * @param kernel the matrix-product kernel of training ({@link Kernel#JAVA} or {@link Kernel#ND4J})
 * @param training epochs, batch size, seed, optimizer, learning-rate schedule, early stopping
 */
public record AutoencoderConfig(PcaConfig pca, List<Integer> hiddenSizes, int bottleneck, Activation activation,
    double noise, double validationFraction, Kernel kernel, TrainingConfig training) {

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
    Checks.inRange("validationFraction", validationFraction, 0.0, 0.5);
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(training, "training");
  }

  /**
   * A builder starting from the defaults: PCA at 95% variance, hidden [64], bottleneck 16, tanh, 10% validation,
   * ND4J training kernel, 60 epochs, batch 256, Adam 3e-3 with reduce-on-plateau, early stopping (patience 6), seed 42.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.pca = pca;
    b.hiddenSizes = hiddenSizes;
    b.bottleneck = bottleneck;
    b.activation = activation;
    b.noise = noise;
    b.validationFraction = validationFraction;
    b.kernel = kernel;
    b.training = training.toBuilder();
    return b;
  }

  /** Builder of {@link AutoencoderConfig}; not thread-safe. */
  public static final class Builder {
    private PcaConfig pca = PcaConfig.DEFAULT;
    private List<Integer> hiddenSizes = List.of(64);
    private int bottleneck = 16;
    private Activation activation = Activation.TANH;
    private double noise = 0;
    private double validationFraction = 0.1;
    private Kernel kernel = Kernel.ND4J;
    private TrainingConfig.Builder training = TrainingConfig.builder()
        .epochs(60)
        .batchSize(256)
        .optimizer(OptimizerConfig.adam(3e-3))
        .schedule(LearningRateSchedule.reduceOnPlateau(0.5, 3, 1e-5, 1e-5))
        .earlyStopping(EarlyStopping.onLoss(6, 1e-6));

    private Builder() {}

    /** The PCA stage. */
    public Builder pca(PcaConfig v) {
      pca = v;
      return this;
    }

    /** Encoder hidden widths. */
    public Builder hiddenSizes(List<Integer> v) {
      hiddenSizes = v;
      return this;
    }

    /** Embedding dimension. */
    public Builder bottleneck(int v) {
      bottleneck = v;
      return this;
    }

    /** Hidden activation. */
    public Builder activation(Activation v) {
      activation = v;
      return this;
    }

    /** Denoising input noise, in standard deviations per PCA component (0: none). */
    public Builder noise(double v) {
      noise = v;
      return this;
    }

    /** Held-out share. */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /** Training kernel. */
    public Builder kernel(Kernel v) {
      kernel = v;
      return this;
    }

    /** Seed of the split, initialisation and batching. */
    public Builder seed(long v) {
      training.seed(v);
      return this;
    }

    /** Maximum epochs. */
    public Builder epochs(int v) {
      training.epochs(v);
      return this;
    }

    /** Batch size. */
    public Builder batchSize(int v) {
      training.batchSize(v);
      return this;
    }

    /** Optimizer. */
    public Builder optimizer(OptimizerConfig v) {
      training.optimizer(v);
      return this;
    }

    /** Learning-rate schedule. */
    public Builder schedule(LearningRateSchedule v) {
      training.schedule(v);
      return this;
    }

    /** Early stopping. */
    public Builder earlyStopping(EarlyStopping v) {
      training.earlyStopping(v);
      return this;
    }

    /** The validated configuration. */
    public AutoencoderConfig build() {
      return new AutoencoderConfig(pca, hiddenSizes, bottleneck, activation, noise, validationFraction, kernel, training.build());
    }
  }
}

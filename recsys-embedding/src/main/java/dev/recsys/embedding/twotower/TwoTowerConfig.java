package dev.recsys.embedding.twotower;

import dev.recsys.core.util.Checks;
import dev.recsys.embedding.Activation;
import java.util.List;
import java.util.Objects;

/**
 * Architecture and objective of a two-tower model. Both towers share the layer layout (each has its own weights,
 * unless the model is siamese). Immutable; validated on construction.
 *
 * @param outputDimension width of the L2-normalised output of both towers, in [2, 1024]
 * @param hiddenLayers widths of the hidden layers, each in [1, 8192] (may be empty: one linear layer)
 * @param activation activation of the hidden layers
 * @param batchNorm whether hidden layers use batch normalisation (before the activation)
 * @param dropout dropout rate after each hidden activation, in [0, 0.9]
 * @param loss the training objective
 * @param temperature softmax temperature, in [0.001, 10]
 * @param logQCorrection whether the softmax subtracts the log sampling probability of each in-batch item
 * @param margin triplet margin, in [0, 2]
 * @param hardNegatives whether the triplet loss mines the hardest in-batch negative (otherwise a random one); the
 *     softmax uses all in-batch negatives either way, and with this flag also doubles the weight of the hardest
 * @param unknownIdRate probability that a known id is replaced by its hash bucket during training, so the buckets
 *     learn an embedding for unknown ids, in [0, 1]
 * @param seed seed of initialisation, dropout and bucket substitution
 * @param kernel the kernel of training ({@link Kernel#FUSED} by default); inference always uses the plain-Java row
 *     kernel, whose result for a row does not depend on the batch
 */
public record TwoTowerConfig(
    int outputDimension,
    List<Integer> hiddenLayers,
    Activation activation,
    boolean batchNorm,
    double dropout,
    TwoTowerLoss loss,
    double temperature,
    boolean logQCorrection,
    double margin,
    boolean hardNegatives,
    double unknownIdRate,
    long seed,
    Kernel kernel) {

  /** Matrix-product kernels for training. */
  public enum Kernel {
    /** Plain Java loops; the reference path. */
    JAVA,
    /** ND4J's native BLAS (operands copied off-heap). */
    ND4J,
    /**
     * The default: Vector API products (fused multiply-add chains, the same bits with or without SIMD), the
     * in-batch softmax fused with its gradient, both towers in parallel, and row-sparse updates: only the
     * embedding-table rows a batch reads are updated (lazy Adam, see {@code OptimizerConfig}). The result does not
     * depend on the number of threads.
     */
    FUSED
  }

  /** Validates and copies. */
  public TwoTowerConfig {
    Checks.inRange("outputDimension", outputDimension, 2, 1024);
    hiddenLayers = List.copyOf(hiddenLayers);
    for (int i = 0; i < hiddenLayers.size(); i++) {
      Checks.inRange("hiddenLayers[" + i + "]", hiddenLayers.get(i), 1, 8192);
    }
    Objects.requireNonNull(activation, "activation");
    Checks.inRange("dropout", dropout, 0, 0.9);
    Objects.requireNonNull(loss, "loss");
    Checks.inRange("temperature", temperature, 0.001, 10);
    Checks.inRange("margin", margin, 0, 2);
    Checks.inRange("unknownIdRate", unknownIdRate, 0, 1);
    Objects.requireNonNull(kernel, "kernel");
  }

  /**
   * The defaults: 64-wide output, one 128-wide hidden layer with batch norm, sampled softmax at temperature 0.1.
   *
   * @return the defaults
   */
  public static TwoTowerConfig defaults() {
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

  /**
   * A builder starting from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.outputDimension = outputDimension;
    b.hiddenLayers = hiddenLayers;
    b.activation = activation;
    b.batchNorm = batchNorm;
    b.dropout = dropout;
    b.loss = loss;
    b.temperature = temperature;
    b.logQCorrection = logQCorrection;
    b.margin = margin;
    b.hardNegatives = hardNegatives;
    b.unknownIdRate = unknownIdRate;
    b.seed = seed;
    b.kernel = kernel;
    return b;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int outputDimension = 64;
    private List<Integer> hiddenLayers = List.of(128);
    private Activation activation = Activation.RELU;
    private boolean batchNorm = true;
    private double dropout = 0.1;
    private TwoTowerLoss loss = TwoTowerLoss.SAMPLED_SOFTMAX;
    private double temperature = 0.1;
    private boolean logQCorrection = true;
    private double margin = 0.2;
    private boolean hardNegatives = false;
    private double unknownIdRate = 0.02;
    private long seed = 42;
    private Kernel kernel = Kernel.FUSED;

    private Builder() {}

    /**
     * See {@link TwoTowerConfig#outputDimension()}.
     *
     * @param v the value of {@link TwoTowerConfig#outputDimension()}
     * @return this builder
     */
    public Builder outputDimension(int v) {
      outputDimension = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#hiddenLayers()}.
     *
     * @param widths the value of {@link TwoTowerConfig#hiddenLayers()}
     * @return this builder
     */
    public Builder hiddenLayers(Integer... widths) {
      hiddenLayers = List.of(widths);
      return this;
    }

    /**
     * See {@link TwoTowerConfig#hiddenLayers()}.
     *
     * @param widths the value of {@link TwoTowerConfig#hiddenLayers()}
     * @return this builder
     */
    public Builder hiddenLayers(List<Integer> widths) {
      hiddenLayers = widths;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#activation()}.
     *
     * @param v the value of {@link TwoTowerConfig#activation()}
     * @return this builder
     */
    public Builder activation(Activation v) {
      activation = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#batchNorm()}.
     *
     * @param v the value of {@link TwoTowerConfig#batchNorm()}
     * @return this builder
     */
    public Builder batchNorm(boolean v) {
      batchNorm = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#dropout()}.
     *
     * @param v the value of {@link TwoTowerConfig#dropout()}
     * @return this builder
     */
    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#loss()}.
     *
     * @param v the value of {@link TwoTowerConfig#loss()}
     * @return this builder
     */
    public Builder loss(TwoTowerLoss v) {
      loss = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#temperature()}.
     *
     * @param v the value of {@link TwoTowerConfig#temperature()}
     * @return this builder
     */
    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#logQCorrection()}.
     *
     * @param v the value of {@link TwoTowerConfig#logQCorrection()}
     * @return this builder
     */
    public Builder logQCorrection(boolean v) {
      logQCorrection = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#margin()}.
     *
     * @param v the value of {@link TwoTowerConfig#margin()}
     * @return this builder
     */
    public Builder margin(double v) {
      margin = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#hardNegatives()}.
     *
     * @param v the value of {@link TwoTowerConfig#hardNegatives()}
     * @return this builder
     */
    public Builder hardNegatives(boolean v) {
      hardNegatives = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#unknownIdRate()}.
     *
     * @param v the value of {@link TwoTowerConfig#unknownIdRate()}
     * @return this builder
     */
    public Builder unknownIdRate(double v) {
      unknownIdRate = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#seed()}.
     *
     * @param v the value of {@link TwoTowerConfig#seed()}
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * See {@link TwoTowerConfig#kernel()}.
     *
     * @param v the value of {@link TwoTowerConfig#kernel()}
     * @return this builder
     */
    public Builder kernel(Kernel v) {
      kernel = v;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code TwoTowerConfig}
     */
    public TwoTowerConfig build() {
      return new TwoTowerConfig(outputDimension, hiddenLayers, activation, batchNorm, dropout, loss, temperature,
          logQCorrection, margin, hardNegatives, unknownIdRate, seed, kernel);
    }
  }
}

package dev.recsys.embedding;

import dev.recsys.core.training.TrainingResult;
import java.util.List;
import java.util.Objects;

/**
 * The quality report of a PCA + autoencoder fit: the variance spectrum, reconstruction errors on held-out rows,
 * the training history, and (when labels are available, see {@link NeighbourhoodQuality}) the label agreement of
 * nearest neighbours. Immutable.
 *
 * @param rows rows of the fit
 * @param inputDimension feature columns
 * @param pcaComponents components kept by PCA (the autoencoder's input width)
 * @param dimension embedding dimension (the bottleneck)
 * @param explainedVarianceRatio share of variance of every principal axis, descending
 * @param cumulativeExplainedVarianceRatio running sums of {@code explainedVarianceRatio}
 * @param reconstruction held-out reconstruction errors
 * @param training the training history of the autoencoder
 * @param neighbourhood label agreement of nearest neighbours per embedding and label (empty until added)
 */
public record EmbeddingQualityReport(int rows, int inputDimension, int pcaComponents, int dimension,
    List<Double> explainedVarianceRatio, List<Double> cumulativeExplainedVarianceRatio, Reconstruction reconstruction,
    TrainingResult training, List<NeighbourhoodQuality.Score> neighbourhood) {

  /** Copies the lists. */
  public EmbeddingQualityReport {
    explainedVarianceRatio = List.copyOf(explainedVarianceRatio);
    cumulativeExplainedVarianceRatio = List.copyOf(cumulativeExplainedVarianceRatio);
    Objects.requireNonNull(reconstruction, "reconstruction");
    Objects.requireNonNull(training, "training");
    neighbourhood = List.copyOf(neighbourhood);
  }

  /**
   * Mean squared reconstruction error per feature value, in the feature space, on rows the fit did not train on
   * (PCA and autoencoder were both fitted without them).
   *
   * @param heldOutRows rows measured ({@code 0}: no validation split; the errors are then on the training rows)
   * @param autoencoderMse PCA, then the whole autoencoder, then inverse PCA
   * @param pcaSameDimensionMse PCA truncated to {@code min(dimension, inputDimension)} components, the linear
   *     baseline of equal size
   * @param pcaMse PCA with the kept components (the autoencoder's input)
   * @param totalVariance mean variance per feature value of the held-out rows (the error of predicting the mean)
   */
  public record Reconstruction(int heldOutRows, double autoencoderMse, double pcaSameDimensionMse, double pcaMse,
      double totalVariance) {}

  /**
   * A copy with neighbourhood scores added.
   *
   * @param scores the scores
   * @return a copy with neighbourhood scores added
   */
  public EmbeddingQualityReport withNeighbourhood(List<NeighbourhoodQuality.Score> scores) {
    List<NeighbourhoodQuality.Score> all = new java.util.ArrayList<>(neighbourhood);
    all.addAll(scores);
    return new EmbeddingQualityReport(rows, inputDimension, pcaComponents, dimension, explainedVarianceRatio,
        cumulativeExplainedVarianceRatio, reconstruction, training, all);
  }
}

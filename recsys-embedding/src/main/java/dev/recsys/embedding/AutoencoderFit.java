package dev.recsys.embedding;

import java.util.Objects;

/**
 * The result of {@link PcaAutoencoderEmbedder#fitWithReport}: the model and its quality report.
 *
 * @param model the fitted model
 * @param report its quality report
 */
public record AutoencoderFit(PcaAutoencoderModel model, EmbeddingQualityReport report) {
  /** Checks the fields. */
  public AutoencoderFit {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(report, "report");
  }
}

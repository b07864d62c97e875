package dev.recsys.core.spi;

import dev.recsys.core.model.FeatureMatrix;

/**
 * A trainer of embedding models. Single use: {@link #fit} may be called once and returns an immutable model;
 * a second call throws {@link IllegalStateException}. Fitting is deterministic for a given seed in the
 * embedder's configuration and the same input.
 */
public interface Embedder {
  /**
   * Fits a model on the rows of {@code features}.
   *
   * @param features training rows (row {@code i} is item {@code i})
   * @param listener receives progress (may be {@link TrainingListener#NONE})
   * @return the {@code EmbeddingModel}
   */
  EmbeddingModel fit(FeatureMatrix features, TrainingListener listener);
}

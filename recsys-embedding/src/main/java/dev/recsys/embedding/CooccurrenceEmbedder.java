package dev.recsys.embedding;

import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.spi.Embedder;
import dev.recsys.core.spi.EmbeddingModel;
import dev.recsys.core.spi.TrainingListener;

/**
 * An {@link Embedder} that learns from co-occurrence groups (playlists, sessions) besides the feature rows. The fitted
 * model still embeds from features alone, so a track in no group embeds like any other.
 */
public interface CooccurrenceEmbedder extends Embedder {
  /**
   * Fits a model on the rows of {@code features} and the groups of rows that occur together.
   *
   * @param features training rows (row {@code i} is item {@code i})
   * @param groups per group, the rows it holds (each in {@code [0, features.rows())}; repeats count once)
   * @param listener receives progress (may be {@link TrainingListener#NONE})
   * @return the fitted model, embedding any row of the features' width
   * @throws IllegalArgumentException if a row index is out of range
   */
  EmbeddingModel fit(FeatureMatrix features, int[][] groups, TrainingListener listener);
}

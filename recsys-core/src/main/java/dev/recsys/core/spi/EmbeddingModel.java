package dev.recsys.core.spi;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.FeatureMatrix;

/**
 * A fitted embedding model: maps a feature row to a vector. Produced by {@link Embedder#fit}.
 *
 * <p>Contract: immutable and thread-safe; {@link #embed} of one row gives exactly the same vector as the
 * matching row of {@link #embedAll}; a model saved ({@link SaveableModel#save(java.nio.file.Path)}) and read back
 * through its plugin ({@code EmbedderPlugin.load}) embeds identically.
 * The input array is not modified or retained; the returned arrays are fresh.
 */
public interface EmbeddingModel extends SaveableModel {
  /**
   * The registered provider name that can read this model back (e.g. {@code "pca-autoencoder"}).
   *
   * @return the registered provider name that can read this model back (e.g. {@code "pca-autoencoder"})
   */
  String providerName();

  /**
   * Number of input features expected.
   *
   * @return the number of input features expected
   */
  int inputDimension();

  /**
   * Number of output components.
   *
   * @return the number of output components
   */
  int dimension();

  /**
   * Embeds one feature row.
   *
   * @param features the feature matrix
   * @return the embedding of the row
   */
  float[] embed(float[] features);

  /**
   * Embeds every row; row {@code i} of the result is the embedding of row {@code i} of the input.
   *
   * @param features the feature matrix
   * @return the {@code FeatureMatrix}
   */
  FeatureMatrix embedAll(FeatureMatrix features);

  /**
   * The model in the versioned container format, with provider {@link #providerName()}.
   *
   * @return the {@code ModelContainer}
   */
  @Override
  ModelContainer toContainer();
}

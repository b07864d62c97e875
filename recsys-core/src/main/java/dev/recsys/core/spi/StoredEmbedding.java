package dev.recsys.core.spi;

import java.util.Objects;

/**
 * An embedding as an {@link EmbeddingStore} holds it.
 *
 * @param key the primary key (e.g. listener id)
 * @param vector the vector (a copy)
 * @param metadata stored attributes
 * @param modelVersion version of the model that produced the vector
 */
public record StoredEmbedding(String key, float[] vector, Metadata metadata, String modelVersion) {
  /** Validates the fields. */
  public StoredEmbedding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(modelVersion, "modelVersion");
  }
}

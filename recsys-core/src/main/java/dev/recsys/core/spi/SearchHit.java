package dev.recsys.core.spi;

import java.util.Objects;

/**
 * One result of a vector search.
 *
 * @param key the stored key
 * @param score the similarity score (larger is closer), as the index's {@link Similarity} defines it
 * @param metadata stored metadata of the hit
 */
public record SearchHit(String key, float score, Metadata metadata) {
  /** Validates the fields. */
  public SearchHit {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(metadata, "metadata");
  }
}

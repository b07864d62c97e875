package dev.recsys.core.retrieval;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of an {@link ExactIndex}.
 *
 * @param path the file {@link ExactIndex#commit()} saves to and {@link ExactIndex#open} loads from when it exists,
 *     or null for an index that lives only in memory
 * @param dimension components per vector, in [1, {@value #MAX_DIMENSION}]
 * @param similarity the similarity searches rank by
 */
public record ExactIndexConfig(String path, int dimension, Similarity similarity) {
  /** Largest dimension accepted. */
  public static final int MAX_DIMENSION = 4096;

  /** Validates the fields. */
  public ExactIndexConfig {
    Checks.inRange("dimension", dimension, 1, MAX_DIMENSION);
    Objects.requireNonNull(similarity, "similarity");
    if (path != null && path.isBlank()) {
      path = null;
    }
  }

  /**
   * An in-memory index.
   *
   * @param dimension the vector dimension
   * @param similarity the similarity
   * @return an in-memory index
   */
  public static ExactIndexConfig inMemory(int dimension, Similarity similarity) {
    return new ExactIndexConfig(null, dimension, similarity);
  }
}

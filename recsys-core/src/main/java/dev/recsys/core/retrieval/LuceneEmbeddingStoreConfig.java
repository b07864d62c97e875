package dev.recsys.core.retrieval;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.util.Checks;
import java.util.Objects;

/**
 * Configuration of a {@link LuceneEmbeddingStore}.
 *
 * @param path the store directory (created when absent), or null for a store in memory
 * @param dimension components per embedding, in [1, {@value LuceneHnswConfig#MAX_DIMENSION}]
 * @param similarity the similarity searches rank by
 * @param maxConnections HNSW neighbours per node, in [2, 512]
 * @param beamWidth HNSW construction beam width, in [1, 3200]
 * @param searchCandidates search candidate list size, in [1, 10000]
 */
public record LuceneEmbeddingStoreConfig(String path, int dimension, Similarity similarity, int maxConnections,
    int beamWidth, int searchCandidates) {
  /** Validates the fields. */
  public LuceneEmbeddingStoreConfig {
    if (path != null && path.isBlank()) {
      path = null;
    }
    Checks.inRange("dimension", dimension, 1, LuceneHnswConfig.MAX_DIMENSION);
    Objects.requireNonNull(similarity, "similarity");
    Checks.inRange("maxConnections", maxConnections, 2, 512);
    Checks.inRange("beamWidth", beamWidth, 1, 3200);
    Checks.inRange("searchCandidates", searchCandidates, 1, 10_000);
  }

  /**
   * A store in memory with default graph parameters (M=16, beam 100, 100 candidates).
   *
   * @param dimension the vector dimension
   * @param similarity the similarity
   * @return a store in memory with default graph parameters (M=16, beam 100, 100 candidates)
   */
  public static LuceneEmbeddingStoreConfig inMemory(int dimension, Similarity similarity) {
    return new LuceneEmbeddingStoreConfig(null, dimension, similarity, 16, 100, 100);
  }

  /**
   * The same configuration at {@code path}.
   *
   * @param path the path
   * @return the same configuration at {@code path}
   */
  public LuceneEmbeddingStoreConfig withPath(java.nio.file.Path path) {
    return new LuceneEmbeddingStoreConfig(path.toString(), dimension, similarity, maxConnections, beamWidth, searchCandidates);
  }

  LuceneHnswConfig indexConfig() {
    return LuceneHnswConfig.builder().path(path).dimension(dimension).similarity(similarity)
        .maxConnections(maxConnections).beamWidth(beamWidth).searchCandidates(searchCandidates).build();
  }
}

package dev.recsys.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Keyed, versioned embeddings with metadata (the feature-store role): e.g. listener vectors for matching,
 * to which new listeners are added as they arrive.
 *
 * <p>Contract: every vector carries the version of the model that produced it; a search names the version it
 * queries with and never mixes versions or dimensions (a mismatch throws {@link IllegalArgumentException}).
 * Reads after {@link #commit()} see a point-in-time consistent state. Thread-safe: concurrent reads with one
 * writer.
 */
public interface EmbeddingStore extends Closeable {
  /** Stores or replaces an embedding. */
  void put(String key, float[] vector, Metadata metadata, String modelVersion) throws IOException;

  /** Deletes a key; true if it was present. */
  boolean delete(String key) throws IOException;

  /** Makes writes durable and visible. */
  void commit() throws IOException;

  /** The embedding stored under a key. */
  Optional<StoredEmbedding> get(String key) throws IOException;

  /** Number of stored embeddings. */
  int size();

  /**
   * Nearest stored embeddings of {@code modelVersion} to {@code query}.
   *
   * @throws IllegalArgumentException if the store holds no vectors of that version, or of another dimension
   */
  List<SearchHit> search(float[] query, String modelVersion, int k, SearchFilter filter) throws IOException;
}

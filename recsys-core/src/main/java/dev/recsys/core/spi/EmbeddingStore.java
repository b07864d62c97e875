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
  /**
   * Stores or replaces an embedding.
   *
   * @param key the key
   * @param vector the vector
   * @param metadata the metadata
   * @param modelVersion the model version
   * @throws IOException if an I/O error occurs
   */
  void put(String key, float[] vector, Metadata metadata, String modelVersion) throws IOException;

  /**
   * Deletes a key; true if it was present.
   *
   * @param key the key
   * @throws IOException if an I/O error occurs
   * @return true if the key was present
   */
  boolean delete(String key) throws IOException;

  /**
   * Makes writes durable and visible.
   *
   * @throws IOException if an I/O error occurs
   */
  void commit() throws IOException;

  /**
   * The embedding stored under a key.
   *
   * @param key the key
   * @return the embedding stored under a key
   * @throws IOException if an I/O error occurs
   */
  Optional<StoredEmbedding> get(String key) throws IOException;

  /**
   * Number of stored embeddings.
   *
   * @return the number of stored embeddings
   */
  int size();

  /**
   * Nearest stored embeddings of {@code modelVersion} to {@code query}.
   *
   * @throws IllegalArgumentException if the store holds no vectors of that version, or of another dimension
   * @param query the query
   * @param modelVersion the model version
   * @param k the number of results
   * @param filter the search filter
   * @return the nearest stored embeddings of {@code modelVersion} to {@code query}
   * @throws IOException if an I/O error occurs
   */
  List<SearchHit> search(float[] query, String modelVersion, int k, SearchFilter filter) throws IOException;
}

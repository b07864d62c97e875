package dev.recsys.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A keyed store of vectors with top-k similarity search.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Vectors</b> have exactly {@link #dimension()} finite components; under {@link Similarity#COSINE} a zero
 *       vector is rejected. Violations throw {@link IllegalArgumentException} naming the rule and value.</li>
 *   <li><b>Buffers</b>: the index copies vectors passed in; callers may reuse their arrays after a call returns.
 *       Arrays returned are fresh copies.</li>
 *   <li><b>Visibility</b>: {@link #upsert} and {@link #delete} are visible to searches after {@link #refresh()} or
 *       {@link #commit()}; {@link #commit()} also makes them durable for persistent indexes. An implementation
 *       may make them visible sooner.</li>
 *   <li><b>Filters</b>: a search returns the best {@code k} hits among those passing the filter, even when the filter
 *       is selective (fewer only if fewer vectors pass). Deleted keys never come back.</li>
 *   <li><b>Threads</b>: searches may run concurrently with each other and with one writer; a search sees a
 *       consistent point-in-time view. Writes are serialised by the caller or by the implementation (documented by
 *       each implementation).</li>
 * </ul>
 */
public interface VectorIndex extends Closeable {
  /** Largest {@code k} any search accepts. */
  int MAX_K = 10_000;

  /**
   * Number of components of every vector.
   *
   * @return the number of components of every vector
   */
  int dimension();

  /**
   * The similarity function searches rank by.
   *
   * @return the similarity function searches rank by
   */
  Similarity similarity();

  /**
   * Number of live (searchable after refresh) vectors.
   *
   * @return the number of live (searchable after refresh) vectors
   */
  int size();

  /**
   * Inserts or replaces the vector and metadata stored under {@code key}.
   *
   * @param key the key
   * @param vector the vector
   * @param metadata the metadata
   * @throws IOException if an I/O error occurs
   */
  void upsert(String key, float[] vector, Metadata metadata) throws IOException;

  /**
   * Deletes {@code key}; returns true if it was present.
   *
   * @param key the key
   * @throws IOException if an I/O error occurs
   * @return true if the key was present
   */
  boolean delete(String key) throws IOException;

  /**
   * Makes writes so far visible to new searches.
   *
   * @throws IOException if an I/O error occurs
   */
  void refresh() throws IOException;

  /**
   * Makes writes so far durable (for persistent indexes) and visible.
   *
   * @throws IOException if an I/O error occurs
   */
  void commit() throws IOException;

  /**
   * The stored vector of a key, if present.
   *
   * @param key the key
   * @return the stored vector of a key, if present
   * @throws IOException if an I/O error occurs
   */
  Optional<float[]> vector(String key) throws IOException;

  /**
   * The best {@code k} hits for {@code query} that pass {@code filter}, best first.
   *
   * @throws IllegalArgumentException if k is outside [1, {@link #MAX_K}] or the query is malformed
   * @param query the query
   * @param k the number of results
   * @param filter the search filter
   * @return the best {@code k} hits for {@code query} that pass {@code filter}, best first
   * @throws IOException if an I/O error occurs
   */
  List<SearchHit> search(float[] query, int k, SearchFilter filter) throws IOException;

  /**
   * Hits for the vector stored under {@code key}, excluding the key itself.
   *
   * @throws java.util.NoSuchElementException if the key is not stored
   * @param key the key
   * @param k the number of results
   * @param filter the search filter
   * @throws IOException if an I/O error occurs
   * @return the hits, best first
   */
  default List<SearchHit> searchByKey(String key, int k, SearchFilter filter) throws IOException {
    float[] v = vector(key).orElseThrow(() -> new java.util.NoSuchElementException("no vector stored under key '" + key + "'"));
    SearchFilter f = new SearchFilter(
        com.google.common.collect.Sets.union(filter.excludeKeys(), java.util.Set.of(key)), filter.anyOf());
    return search(v, k, f);
  }

  /**
   * Runs {@link #search} for each query; implementations may parallelise.
   *
   * @param queries the queries
   * @param k the number of results
   * @param filter the search filter
   * @throws IOException if an I/O error occurs
   * @return the hits of each query, in query order
   */
  default List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter) throws IOException {
    List<List<SearchHit>> out = new java.util.ArrayList<>(queries.size());
    for (float[] q : queries) {
      out.add(search(q, k, filter));
    }
    return out;
  }
}

package dev.recsys.core.retrieval;

import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.StoredEmbedding;
import dev.recsys.core.util.Checks;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code "lucene"} {@link EmbeddingStore}: keyed embeddings with metadata, each tagged with the version of the
 * model that produced it, in a {@link LuceneHnswIndex} (on disk or in memory).
 *
 * <p>A store holds one dimension and similarity (fixed at creation and recorded in the directory's manifest); it may
 * hold several model versions side by side (e.g. while listeners are re-embedded by a new model), and a search
 * names the version it queries with and only ever returns embeddings of that version. Writes become visible and
 * durable at {@link #commit()}; {@link #get} and {@link #search} read the last committed, point-in-time state.
 * Thread-safe: concurrent reads with concurrent writers (writes are serialised).
 */
public final class LuceneEmbeddingStore implements EmbeddingStore {
  static final String KIND = "embedding-store";

  private final LuceneEmbeddingStoreConfig config;
  private final LuceneHnswIndex index;

  private LuceneEmbeddingStore(LuceneEmbeddingStoreConfig config, LuceneHnswIndex index) {
    this.config = config;
    this.index = index;
  }

  /**
   * Opens (or creates) a store.
   *
   * @param config the configuration
   * @return the {@code LuceneEmbeddingStore}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static LuceneEmbeddingStore open(LuceneEmbeddingStoreConfig config) throws IOException {
    return new LuceneEmbeddingStore(config, LuceneHnswIndex.open(config.indexConfig(), KIND));
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LuceneEmbeddingStoreConfig config() {
    return config;
  }

  @Override
  public void put(String key, float[] vector, Metadata metadata, String modelVersion) throws IOException {
    Checks.notBlank("modelVersion", modelVersion);
    checkDimension(vector, "embedding of key '" + key + "'", modelVersion);
    index.put(key, vector, metadata, modelVersion);
  }

  /**
   * Bulk load: stores many embeddings of one model version, indexing on all cores. Keys must be distinct.
   *
   * @param data {@code keys.size() * dimension} values, row-major
   * @param keys the keys
   * @param metadata the metadata
   * @param modelVersion the model version
   * @throws IOException if an I/O error occurs
   */
  public void putAll(List<String> keys, float[] data, List<Metadata> metadata, String modelVersion) throws IOException {
    putAll(keys, data, metadata, modelVersion, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Bulk load on {@code threads} indexing threads (each builds the graph of its own segment; one thread builds one
   * graph in document order, the same graph a {@link LuceneHnswIndex} builds from the same rows). Keys must be
   * distinct.
   *
   * @param keys the keys
   * @param data {@code keys.size() * dimension} values, row-major
   * @param metadata the metadata
   * @param modelVersion the model version
   * @param threads indexing threads, in [1, 64]
   * @throws IOException if an I/O error occurs
   */
  public void putAll(List<String> keys, float[] data, List<Metadata> metadata, String modelVersion, int threads)
      throws IOException {
    Checks.notBlank("modelVersion", modelVersion);
    index.putAll(keys, data, metadata, modelVersion, threads);
  }

  private void checkDimension(float[] vector, String what, String modelVersion) {
    java.util.Objects.requireNonNull(vector, what);
    if (vector.length != config.dimension()) {
      throw new IllegalArgumentException(what + " (model version '" + modelVersion + "') must have dimension "
          + config.dimension() + "; has " + vector.length + ". A store holds one dimension: keep embeddings of a model"
          + " with another dimension in a separate store");
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    return index.delete(key);
  }

  @Override
  public void commit() throws IOException {
    index.commit();
  }

  /**
   * Commits and merges the store into one segment: searches visit one graph instead of one per segment. Takes as
   * long as rebuilding the graph; worth it after a bulk load.
   *
   * @throws IOException if an I/O error occurs
   */
  public void optimize() throws IOException {
    index.optimize();
  }

  @Override
  public Optional<StoredEmbedding> get(String key) throws IOException {
    return index.stored(key).map(s -> new StoredEmbedding(key, s.vector(), s.metadata(), s.version()));
  }

  /** Live embeddings, counting writes not yet committed. */
  @Override
  public int size() {
    return index.size();
  }

  /**
   * Number of committed embeddings of a model version.
   *
   * @param modelVersion the model version
   * @return the number of committed embeddings of a model version
   * @throws IOException if an I/O error occurs
   */
  public int size(String modelVersion) throws IOException {
    return index.count(modelVersion);
  }

  /**
   * The model versions with at least one committed embedding, sorted.
   *
   * @return the model versions with at least one committed embedding, sorted
   * @throws IOException if an I/O error occurs
   */
  public Set<String> versions() throws IOException {
    return index.versions();
  }

  /**
   * {@inheritDoc}
   *
   * <p>One point-in-time searcher serves the version check and the search. When every live embedding has
   * {@code modelVersion}, the search runs without a filter, exactly as {@link LuceneHnswIndex#search} does.
   */
  @Override
  public List<SearchHit> search(float[] query, String modelVersion, int k, SearchFilter filter) throws IOException {
    Checks.notBlank("modelVersion", modelVersion);
    checkDimension(query, "query", modelVersion);
    return index.search(query, k, filter, modelVersion);
  }

  /**
   * Nearest embeddings of the same model version to the one stored under {@code key}, excluding it.
   *
   * @param key the key
   * @param k the number of results
   * @param filter the search filter
   * @return the nearest embeddings of the same model version to the one stored under {@code key}, excluding it
   * @throws IOException if an I/O error occurs
   */
  public List<SearchHit> searchByKey(String key, int k, SearchFilter filter) throws IOException {
    StoredEmbedding e = get(key).orElseThrow(() -> new java.util.NoSuchElementException("no embedding stored under key '" + key + "'"));
    SearchFilter f = new SearchFilter(com.google.common.collect.Sets.union(filter.excludeKeys(), Set.of(key)), filter.anyOf());
    return index.search(e.vector(), k, f, e.modelVersion());
  }

  /** Closes without committing. */
  @Override
  public void close() throws IOException {
    index.close();
  }

  @Override
  public String toString() {
    return "LuceneEmbeddingStore[" + config + "]";
  }
}

package dev.recsys.core.retrieval;

import dev.recsys.core.retrieval.internal.HnswEngine;
import dev.recsys.core.retrieval.internal.IndexThreads;
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
import java.util.concurrent.ExecutorService;

/**
 * The {@code "lucene"} {@link EmbeddingStore}: keyed embeddings with metadata, each tagged with the version of the
 * model that produced it, on the engine of {@link LuceneHnswIndex} (on disk or in memory; the directory's manifest
 * records it as a store, so neither type opens the other's directory).
 *
 * <p>A store holds one dimension and similarity (fixed at creation and recorded in the directory's manifest); it may
 * hold several model versions side by side (e.g. while listeners are re-embedded by a new model), and a search
 * names the version it queries with and only ever returns embeddings of that version. Writes become visible and
 * durable at {@link #commit()}; {@link #get} and {@link #search} read the last committed, point-in-time state.
 * Thread-safe: concurrent reads with concurrent writers (writes are serialised).
 *
 * <p>Threads it uses: none of its own. The executor passed to
 * {@link #open(LuceneEmbeddingStoreConfig, ExecutorService)} runs the other workers of {@link #putAll} and, when
 * the index configuration's {@link LuceneHnswConfig#mergeWorkers() mergeWorkers} is above 1, the graph-building
 * tasks of merges; it belongs to the caller. Without one, the store uses the bounded pool shared by the JVM's
 * indexes (see {@link LuceneHnswIndex}).
 */
public final class LuceneEmbeddingStore implements EmbeddingStore {
  static final String KIND = "embedding-store";

  private final LuceneEmbeddingStoreConfig config;
  private final HnswEngine engine;

  private LuceneEmbeddingStore(LuceneEmbeddingStoreConfig config, HnswEngine engine) {
    this.config = config;
    this.engine = engine;
  }

  /**
   * Opens (or creates) a store that runs its workers on the JVM's shared index pool.
   *
   * @param config the configuration
   * @return the {@code LuceneEmbeddingStore}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static LuceneEmbeddingStore open(LuceneEmbeddingStoreConfig config) throws IOException {
    return open(config, IndexThreads.shared());
  }

  /**
   * Opens (or creates) a store that runs its workers on {@code executor}.
   *
   * @param config the configuration
   * @param executor runs the other workers of bulk loads and merges; owned by the caller (the store never shuts it
   *     down); null runs everything on the calling thread
   * @return the {@code LuceneEmbeddingStore}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static LuceneEmbeddingStore open(LuceneEmbeddingStoreConfig config, ExecutorService executor)
      throws IOException {
    return new LuceneEmbeddingStore(config, HnswEngine.open(config.indexConfig(), KIND, executor));
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
    engine.put(key, vector, metadata, modelVersion);
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
   * Bulk load with {@code threads} indexing workers, the calling thread's included (each builds the graph of its own
   * segment; one worker builds one
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
    engine.putAll(keys, data, metadata, modelVersion, threads);
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
    return engine.delete(key);
  }

  @Override
  public void commit() throws IOException {
    engine.commit();
  }

  /**
   * Commits and merges the store into one segment: searches visit one graph instead of one per segment. Takes as
   * long as rebuilding the graph; worth it after a bulk load.
   *
   * @throws IOException if an I/O error occurs
   */
  public void optimize() throws IOException {
    engine.optimize();
  }

  @Override
  public Optional<StoredEmbedding> get(String key) throws IOException {
    return engine.stored(key).map(s -> new StoredEmbedding(key, s.vector(), s.metadata(), s.version()));
  }

  /** Live embeddings, counting writes not yet committed. */
  @Override
  public int size() {
    return engine.size();
  }

  /**
   * Number of committed embeddings of a model version.
   *
   * @param modelVersion the model version
   * @return the number of committed embeddings of a model version
   * @throws IOException if an I/O error occurs
   */
  public int size(String modelVersion) throws IOException {
    return engine.count(modelVersion);
  }

  /**
   * The model versions with at least one committed embedding, sorted.
   *
   * @return the model versions with at least one committed embedding, sorted
   * @throws IOException if an I/O error occurs
   */
  public Set<String> versions() throws IOException {
    return engine.versions();
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
    return engine.search(query, k, filter, modelVersion);
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
    return engine.search(e.vector(), k, f, e.modelVersion());
  }

  /** Closes without committing. */
  @Override
  public void close() throws IOException {
    engine.close();
  }

  @Override
  public String toString() {
    return "LuceneEmbeddingStore[" + config + "]";
  }
}

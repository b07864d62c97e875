package dev.recsys.core.retrieval;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.retrieval.internal.HnswEngine;
import dev.recsys.core.retrieval.internal.IndexThreads;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.SearcherManager;

/**
 * A {@link VectorIndex} on Apache Lucene's HNSW graphs, in a directory on disk or in memory.
 *
 * <p>Each vector is one Lucene document: the key (indexed and stored), the vector, the metadata (stored as one
 * binary field, and each value indexed under {@code m.<field>} for filters). {@link #upsert} replaces the document
 * of a key; {@link #delete} deletes it. Searches run a {@link KnnFloatVectorQuery} with the filter as a Lucene
 * query: when few documents pass the filter Lucene switches to an exact scan of them, so a selective filter still
 * yields {@code k} hits. With {@link Quantization quantization}, the graph walk scores the quantized vectors with
 * the same candidate list as a float search, and the best {@code ceil(k * oversample)} candidates are re-scored with
 * the full-precision vectors (as Lucene's {@code RescoreTopNQuery} does).
 *
 * <p>Scores follow {@link Similarity}: the cosine, the inner product, or {@code 1 / (1 + squared distance)}
 * (Lucene's internal scores are converted back).
 *
 * <p>Threads and visibility: any number of threads may search while one or more write; writes are serialised by
 * the index. A search uses one near-real-time point-in-time searcher ({@link SearcherManager}) and sees the writes
 * made before the last {@link #refresh()} or {@link #commit()}. {@link #commit()} makes writes durable: after a
 * crash the directory reopens with the last commit. {@link #close()} does not commit; uncommitted writes are lost.
 *
 * <p>On disk, the directory holds a {@code recsys-index.json} manifest (layout version, kind, dimension,
 * similarity, quantization), validated and checked against what the committed segments record (vector dimension
 * and similarity, and the quantization and kind every segment carries as field attributes) before the index opens,
 * and by default every file's checksum is verified on open; an incompatible or corrupted directory fails with a
 * {@link ModelFormatException} saying so. A new index writes its manifest before its first commit, so a crash during
 * creation leaves a directory that the next open completes. Keys and metadata values are limited to
 * {@value #MAX_TERM_BYTES} UTF-8 bytes (Lucene's term limit), checked before they reach Lucene.
 *
 * <p>Threads it uses: the index creates none. The executor passed to {@link #open(LuceneHnswConfig, ExecutorService)}
 * runs the other workers of {@link #upsertAll}, {@link #bulkLoad} and {@link #searchBatch} (the calling thread works
 * as well) and, when {@link LuceneHnswConfig#mergeWorkers()} is above 1, the graph-building tasks of merges; it
 * belongs to the caller and is not shut down by {@link #close()}. Without one, the index uses a bounded pool shared
 * by the whole JVM (as many daemon threads as processors, never shut down).
 *
 * <p>The index is a thin facade over the engine it shares with {@link LuceneEmbeddingStore}.
 */
public final class LuceneHnswIndex implements VectorIndex {
  /** Field names, for tests that write documents the way earlier releases did. */
  static final String KEY = HnswEngine.KEY;
  static final String VECTOR = HnswEngine.VECTOR;
  static final String META = HnswEngine.META;
  /** The longest key or metadata value, in UTF-8 bytes (Lucene's term limit). */
  public static final int MAX_TERM_BYTES = HnswEngine.MAX_TERM_BYTES;

  private final HnswEngine engine;

  private LuceneHnswIndex(HnswEngine engine) {
    this.engine = engine;
  }

  /**
   * Opens (or creates) an index that runs its workers on the JVM's shared index pool.
   *
   * @param config the configuration
   * @return the {@code LuceneHnswIndex}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static LuceneHnswIndex open(LuceneHnswConfig config) throws IOException {
    return open(config, IndexThreads.shared());
  }

  /**
   * Opens (or creates) an index that runs its workers on {@code executor}.
   *
   * @param config the configuration
   * @param executor runs the other workers of bulk loads, batch searches and merges; owned by the caller (the
   *     index never shuts it down); null runs everything on the calling thread
   * @return the {@code LuceneHnswIndex}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static LuceneHnswIndex open(LuceneHnswConfig config, ExecutorService executor) throws IOException {
    return new LuceneHnswIndex(HnswEngine.open(config, HnswEngine.KIND, executor));
  }

  /**
   * Opens an existing index directory with the dimension, similarity, quantization and graph parameters recorded
   * in its manifest, and default search settings; its workers run on the JVM's shared index pool.
   *
   * @throws ModelFormatException if {@code dir} holds no index, an incompatible one or a corrupted one
   * @param dir the directory
   * @return the {@code LuceneHnswIndex}
   */
  public static LuceneHnswIndex openExisting(Path dir) throws IOException {
    return openExisting(dir, IndexThreads.shared());
  }

  /**
   * As {@link #openExisting(Path)}, running the workers on {@code executor}.
   *
   * @param dir the directory
   * @param executor as for {@link #open(LuceneHnswConfig, ExecutorService)}
   * @return the {@code LuceneHnswIndex}
   * @throws ModelFormatException if {@code dir} holds no index, an incompatible one or a corrupted one
   * @throws IOException if the directory cannot be read
   */
  public static LuceneHnswIndex openExisting(Path dir, ExecutorService executor) throws IOException {
    return new LuceneHnswIndex(HnswEngine.openExisting(dir, executor));
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LuceneHnswConfig config() {
    return engine.config();
  }

  @Override
  public int dimension() {
    return engine.config().dimension();
  }

  @Override
  public Similarity similarity() {
    return engine.config().similarity();
  }

  /** Live vectors, counting writes not yet refreshed. */
  @Override
  public int size() {
    return engine.size();
  }

  /**
   * Number of segments of the current searcher (each has its own graph; fewer is faster).
   *
   * @return the number of segments of the current searcher (each has its own graph; fewer is faster)
   * @throws IOException if an I/O error occurs
   */
  public int segmentCount() throws IOException {
    return engine.segmentCount();
  }

  @Override
  public void upsert(String key, float[] vector, Metadata metadata) throws IOException {
    engine.put(key, vector, metadata, null);
  }

  /**
   * Loads many vectors at once, indexing with {@code threads} workers (each builds the graph of its own segment),
   * the calling thread's included. Keys must be distinct; existing keys are replaced. Visibility and durability as
   * for {@link #upsert}.
   *
   * @param keys one key per row
   * @param data {@code keys.size() * dimension} values, row-major
   * @param metadata one entry per key
   * @param threads indexing threads, in [1, 64]
   * @throws IOException if an I/O error occurs
   */
  public void upsertAll(List<String> keys, float[] data, List<Metadata> metadata, int threads) throws IOException {
    engine.putAll(keys, data, metadata, null, threads);
  }

  /**
   * Loads many vectors and merges the whole index into one segment whose graph is built once, with
   * {@link LuceneHnswConfig#mergeWorkers()} tasks, then commits: what {@link #upsertAll} followed by
   * {@link #optimize()} leaves, without building a graph per loaded segment that the merge then rebuilds. The
   * {@code threads} indexing workers only write vectors and fields. Until the merge ends, searches see the previous
   * state; if it fails, the loaded segments are searched exactly (correct, slower) until the next
   * {@link #optimize()}.
   *
   * @param keys one key per row, distinct
   * @param data {@code keys.size() * dimension} values, row-major
   * @param metadata one entry per key
   * @param threads indexing threads, in [1, 64]
   * @throws IOException if an I/O error occurs
   */
  public void bulkLoad(List<String> keys, float[] data, List<Metadata> metadata, int threads) throws IOException {
    engine.bulkLoad(keys, data, metadata, null, threads);
  }

  @Override
  public boolean delete(String key) throws IOException {
    return engine.delete(key);
  }

  @Override
  public void refresh() throws IOException {
    engine.refresh();
  }

  @Override
  public void commit() throws IOException {
    engine.commit();
  }

  /**
   * Merges the index into one segment (one graph, the fastest to search), with {@link LuceneHnswConfig#mergeWorkers()}
   * graph-building tasks, then commits. Searches continue meanwhile on the previous segments.
   *
   * @throws IOException if an I/O error occurs
   */
  public void optimize() throws IOException {
    engine.optimize();
  }

  @Override
  public Optional<float[]> vector(String key) throws IOException {
    return engine.stored(key).map(HnswEngine.StoredVector::vector);
  }

  @Override
  public List<SearchHit> search(float[] query, int k, SearchFilter filter) throws IOException {
    return engine.search(query, k, filter, null);
  }

  /** Searches on the calling thread and the executor's workers, all queries on the same point-in-time searcher. */
  @Override
  public List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter) throws IOException {
    return engine.searchBatch(queries, k, filter);
  }

  /**
   * Calls {@code action} with the key and metadata of every vector visible to searches (one point-in-time view),
   * in index order. Intended for listings and lookups by metadata, not for hot paths.
   *
   * @param action the action
   * @throws IOException if an I/O error occurs
   */
  public void forEach(BiConsumer<String, Metadata> action) throws IOException {
    engine.forEach(action);
  }

  /**
   * Keys of the vectors whose metadata {@code field} has exactly {@code value} (via the indexed terms).
   *
   * @param field the field name
   * @param value the value
   * @return the keys of the vectors whose metadata {@code field} has exactly {@code value} (via the indexed terms)
   * @throws IOException if an I/O error occurs
   */
  public List<String> keysWhere(String field, String value) throws IOException {
    return engine.keysWhere(field, value);
  }

  /**
   * The stored metadata of a key, if present.
   *
   * @param key the key
   * @return the stored metadata of a key, if present
   * @throws IOException if an I/O error occurs
   */
  public Optional<Metadata> metadata(String key) throws IOException {
    return engine.stored(key).map(HnswEngine.StoredVector::metadata);
  }

  /** Closes without committing: writes since the last {@link #commit()} are discarded. */
  @Override
  public void close() throws IOException {
    engine.close();
  }

  @Override
  public String toString() {
    return "LuceneHnswIndex[" + engine.config() + "]";
  }
}

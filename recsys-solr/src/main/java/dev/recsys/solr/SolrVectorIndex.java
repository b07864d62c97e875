package dev.recsys.solr;

import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;

/**
 * A {@link VectorIndex} on a SolrCloud collection: Lucene HNSW in every shard (Solr's dense vector field), searched
 * with Solr's {@code knn} query, filters sent as {@code fq} pre-filters so a search returns the best {@code k} hits that
 * pass them however selective they are, and every shard's hits merged by score.
 *
 * <p>Visibility: writes are buffered in this process and sent in batches; {@link #refresh()} sends them and opens a
 * new searcher (soft commit), {@link #commit()} sends them and makes them durable (hard commit). Writes sent to Solr
 * are kept in its transaction log even before a commit, so unlike an embedded index, {@link #close()} drops only the
 * writes not yet sent. {@link #vector} and {@link #delete}'s answer see every write of this instance at once.
 *
 * <p>Threads: searches run concurrently with each other and with one writer; writes are serialised by the index.
 * Transient failures (a node going down, a leader election, timeouts) are retried up to {@link SolrConfig#maxRetries()}
 * times; see docs/solr.md.
 */
public final class SolrVectorIndex implements VectorIndex {
  private final SolrCollection collection;

  private SolrVectorIndex(SolrCollection collection) {
    this.collection = collection;
  }

  /**
   * Connects to the SolrCloud of the configuration, creating the collection when it is missing (and
   * {@link SolrConfig#createCollection()} allows), and checks an existing collection's dimension and similarity.
   *
   * @param config the configuration
   * @return the index; closing it closes its client
   * @throws IOException if the cluster cannot be reached or refuses the requests
   * @throws IllegalArgumentException if the collection is missing (and may not be created) or does not match
   */
  public static SolrVectorIndex open(SolrConfig config) throws IOException {
    return new SolrVectorIndex(SolrCollection.open(config, null, false));
  }

  /**
   * Like {@link #open(SolrConfig)} on a client the caller owns (for instance one shared by several indexes); the
   * configuration's connection fields are then not used, and closing the index leaves the client open.
   *
   * @param config the configuration
   * @param client a SolrCloud client
   * @return the index
   * @throws IOException if the cluster cannot be reached or refuses the requests
   */
  public static SolrVectorIndex open(SolrConfig config, SolrClient client) throws IOException {
    return new SolrVectorIndex(SolrCollection.open(config, java.util.Objects.requireNonNull(client, "client"), false));
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public SolrConfig config() {
    return collection.config;
  }

  @Override
  public int dimension() {
    return collection.config.dimension();
  }

  @Override
  public Similarity similarity() {
    return collection.config.similarity();
  }

  /** Live vectors visible to searches (one request). */
  @Override
  public int size() {
    return collection.size();
  }

  @Override
  public void upsert(String key, float[] vector, Metadata metadata) throws IOException {
    collection.put(key, vector, metadata, null);
  }

  /**
   * Inserts or replaces many vectors: they are sent in batches of {@link SolrConfig#batchSize()}; visible after
   * {@link #refresh()} or {@link #commit()}.
   *
   * @param keys the keys
   * @param vectors one vector per key
   * @param metadata one metadata per key
   * @throws IOException if a batch cannot be sent
   */
  public void upsertAll(List<String> keys, List<float[]> vectors, List<Metadata> metadata) throws IOException {
    if (keys.size() != vectors.size() || keys.size() != metadata.size()) {
      throw new IllegalArgumentException("keys, vectors and metadata must have the same size; sizes " + keys.size() + ", "
          + vectors.size() + ", " + metadata.size());
    }
    for (int i = 0; i < keys.size(); i++) {
      collection.put(keys.get(i), vectors.get(i), metadata.get(i), null);
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    return collection.delete(key);
  }

  /**
   * Deletes every vector of the collection (visible after {@link #refresh()} or {@link #commit()}).
   *
   * @throws IOException if the request fails
   */
  public void deleteAll() throws IOException {
    collection.deleteAll();
  }

  @Override
  public void refresh() throws IOException {
    collection.refresh();
  }

  @Override
  public void commit() throws IOException {
    collection.commit();
  }

  @Override
  public Optional<float[]> vector(String key) throws IOException {
    SolrDocument d = collection.fetch(key);
    return d == null ? Optional.empty() : Optional.of(SolrCollection.vectorOf(d));
  }

  @Override
  public List<SearchHit> search(float[] query, int k, SearchFilter filter) throws IOException {
    return collection.search(query, k, filter, null);
  }

  /** Runs the searches concurrently (at most four requests at a time). */
  @Override
  public List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter) throws IOException {
    return collection.searchBatch(queries, k, filter, null);
  }

  /** Drops writes not yet sent and closes the client when the index created it. */
  @Override
  public void close() throws IOException {
    collection.close();
  }
}

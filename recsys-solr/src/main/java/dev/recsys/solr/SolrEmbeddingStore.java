package dev.recsys.solr;

import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.StoredEmbedding;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.common.SolrDocument;

/**
 * An {@link EmbeddingStore} on a SolrCloud collection: keyed, versioned embeddings with metadata, searched with
 * Solr's {@code knn} query restricted to one model version (an {@code fq} on the version field, so versions never
 * mix). The collection holds vectors of one dimension, {@link SolrConfig#dimension()}.
 *
 * <p>Writes are buffered in this process and sent in batches; {@link #commit()} sends them and makes them durable and
 * visible. {@link #get} and {@link #delete}'s answer see every write of this instance at once. Searches run
 * concurrently with one writer; writes are serialised by the store. See {@link SolrVectorIndex} for retries.
 */
public final class SolrEmbeddingStore implements EmbeddingStore {
  private final SolrCollection collection;

  private SolrEmbeddingStore(SolrCollection collection) {
    this.collection = collection;
  }

  /**
   * Connects, creating the collection when it is missing (and allowed), and checks an existing one.
   *
   * @param config the configuration
   * @return the store; closing it closes its client
   * @throws IOException if the cluster cannot be reached or refuses the requests
   * @throws IllegalArgumentException if the collection is missing (and may not be created) or does not match
   */
  public static SolrEmbeddingStore open(SolrConfig config) throws IOException {
    return new SolrEmbeddingStore(SolrCollection.open(config, null, true));
  }

  /**
   * Like {@link #open(SolrConfig)} on a client the caller owns; closing the store leaves it open.
   *
   * @param config the configuration
   * @param client a SolrCloud client
   * @return the store
   * @throws IOException if the cluster cannot be reached or refuses the requests
   */
  public static SolrEmbeddingStore open(SolrConfig config, SolrClient client) throws IOException {
    return new SolrEmbeddingStore(SolrCollection.open(config, Objects.requireNonNull(client, "client"), true));
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
  public void put(String key, float[] vector, Metadata metadata, String modelVersion) throws IOException {
    if (modelVersion == null || modelVersion.isBlank()) {
      throw new IllegalArgumentException("modelVersion must be a non-blank string; modelVersion="
          + (modelVersion == null ? "null" : "'" + modelVersion + "'"));
    }
    collection.put(key, vector, metadata, modelVersion);
  }

  @Override
  public boolean delete(String key) throws IOException {
    return collection.delete(key);
  }

  /**
   * Deletes every embedding of the collection (visible after {@link #commit()}).
   *
   * @throws IOException if the request fails
   */
  public void deleteAll() throws IOException {
    collection.deleteAll();
  }

  @Override
  public void commit() throws IOException {
    collection.commit();
  }

  @Override
  public Optional<StoredEmbedding> get(String key) throws IOException {
    SolrDocument d = collection.fetch(key);
    if (d == null) {
      return Optional.empty();
    }
    Object version = d.getFirstValue(SolrSchema.MODEL_VERSION);
    if (version == null) {
      throw new IllegalStateException("key '" + key + "' of " + collection.config.target()
          + " has no model version: the collection is a vector index, not an embedding store");
    }
    return Optional.of(new StoredEmbedding(key, SolrCollection.vectorOf(d), SolrCollection.metadataOf(d), version.toString()));
  }

  /** Embeddings visible to searches (one request). */
  @Override
  public int size() {
    return collection.size();
  }

  @Override
  public List<SearchHit> search(float[] query, String modelVersion, int k, SearchFilter filter) throws IOException {
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(query, "query");
    if (query.length != collection.config.dimension()) {
      collection.checkVector("query", query);
    }
    try {
      collection.checkVector("query", query);
    } catch (IllegalArgumentException e) {
      // An unknown version is the first thing to report, whatever the query.
      if (collection.count(modelVersion) == 0) {
        throw new IllegalArgumentException("no embeddings of model version '" + modelVersion + "' in "
            + collection.config.target(), e);
      }
      throw e;
    }
    List<SearchHit> hits = collection.search(query, k, filter, modelVersion);
    if (hits.isEmpty() && collection.count(modelVersion) == 0) {
      throw new IllegalArgumentException("no embeddings of model version '" + modelVersion + "' in "
          + collection.config.target());
    }
    return hits;
  }

  /**
   * Runs the searches concurrently (at most four requests at a time).
   *
   * @param queries the queries
   * @param modelVersion the model version
   * @param k the number of results
   * @param filter the search filter
   * @return the hits of each query, in query order
   * @throws IOException if a search fails
   */
  public List<List<SearchHit>> searchBatch(List<float[]> queries, String modelVersion, int k, SearchFilter filter)
      throws IOException {
    Objects.requireNonNull(modelVersion, "modelVersion");
    List<List<SearchHit>> out = collection.searchBatch(queries, k, filter, modelVersion);
    if (out.stream().allMatch(List::isEmpty) && !out.isEmpty() && collection.count(modelVersion) == 0) {
      throw new IllegalArgumentException("no embeddings of model version '" + modelVersion + "' in "
          + collection.config.target());
    }
    return out;
  }

  /** Drops writes not yet sent and closes the client when the store created it. */
  @Override
  public void close() throws IOException {
    collection.close();
  }
}

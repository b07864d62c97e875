package dev.recsys.solr;

import dev.recsys.core.spi.EmbeddingStore;
import dev.recsys.core.spi.Similarity;
import dev.recsys.testframework.EmbeddingStoreConformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedding-store conformance suite against {@link SolrEmbeddingStore} on a real SolrCloud (2 nodes, 2 shards x
 * 2 replicas), opened through the {@code "solr"} plugin with ZooKeeper hosts, so every store has its own client. The
 * suite's directory stands for the collection: a directory seen for the first time gets the emptied collection of its
 * dimension, and opening the same directory again reopens that collection untouched (the close-and-reopen test).
 */
class SolrEmbeddingStoreConformanceTest extends EmbeddingStoreConformance {
  private static final Map<Path, String> OPENED = new HashMap<>();

  @Override
  protected EmbeddingStore open(Path dir, int dimension) throws IOException {
    String collection = SolrTestCollections.name("store", dimension, Similarity.COSINE);
    SolrConfig config = SolrTestCollections.config(collection, dimension, Similarity.COSINE).build();
    SolrEmbeddingStore store = new SolrEmbeddingStorePlugin().open(config);
    synchronized (OPENED) {
      if (OPENED.put(dir, collection) == null) {
        store.deleteAll();
        store.commit();
      }
    }
    return store;
  }
}

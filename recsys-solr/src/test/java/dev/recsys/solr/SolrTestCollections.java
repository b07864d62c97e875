package dev.recsys.solr;

import dev.recsys.core.spi.Similarity;
import java.io.IOException;
import java.util.List;
import org.apache.solr.client.solrj.SolrClient;

/**
 * Collections of the shared test cluster. Creating a SolrCloud collection takes seconds, so the conformance suites
 * reuse one collection per shape (dimension, similarity) and empty it for every new index: each gets a fresh, empty
 * collection of 2 shards x 2 replicas, as the suites require.
 */
final class SolrTestCollections {
  private static SolrClient client;

  private SolrTestCollections() {}

  /** A configuration of a 2 x 2 collection on the shared cluster, connected through ZooKeeper. */
  static SolrConfig.Builder config(String collection, int dimension, Similarity similarity) throws IOException {
    return SolrConfig.builder().zkHosts(SolrChildCluster.shared().zkHosts).collection(collection).dimension(dimension)
        .similarity(similarity).layout(2, 2);
  }

  /** One client of the shared cluster for the whole JVM, through the nodes' URLs (the HTTP cluster-state path). */
  static synchronized SolrClient client() throws IOException {
    if (client == null) {
      SolrChildCluster cluster = SolrChildCluster.shared();
      client = SolrCollection.newClient(SolrConfig.builder().solrUrls(List.of(cluster.nodeUrls.get(0))).build());
    }
    return client;
  }

  static String name(String prefix, int dimension, Similarity similarity) {
    return prefix + "_" + dimension + "_" + similarity.name().toLowerCase(java.util.Locale.ROOT);
  }
}

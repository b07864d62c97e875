package dev.recsys.solr;

import java.io.IOException;
import java.util.List;

/** Public access to the child-JVM SolrCloud for the benchmark package. */
public final class SolrChildClusters {
  private SolrChildClusters() {}

  /** A running cluster; closing it stops the child JVM. */
  public interface Handle extends AutoCloseable {
    /**
     * The ZooKeeper address.
     *
     * @return {@code host:port/solr}
     */
    String zkHosts();

    /**
     * The nodes' base URLs.
     *
     * @return the URLs
     */
    List<String> nodeUrls();

    @Override
    void close();
  }

  /**
   * Starts a cluster of {@code nodes} nodes in a child JVM.
   *
   * @param nodes the number of nodes
   * @return the running cluster
   * @throws IOException if it does not start
   */
  public static Handle start(int nodes) throws IOException {
    SolrChildCluster c = SolrChildCluster.start(nodes);
    return new Handle() {
      @Override
      public String zkHosts() {
        return c.zkHosts;
      }

      @Override
      public List<String> nodeUrls() {
        return c.nodeUrls;
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }
}

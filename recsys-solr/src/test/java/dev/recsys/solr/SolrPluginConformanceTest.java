package dev.recsys.solr;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.testframework.PluginConformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The plugin conformance suite against the {@code "solr"} vector-index and embedding-store plugins. */
class SolrPluginConformanceTest {
  private static final Map<String, List<String>> INVALID = Map.of(
      json("\"zkHosts\":null,\"solrUrls\":[]", "\"collection\":\"t\",\"dimension\":8"), List.of("zkHosts", "solrUrls"),
      json("\"zkHosts\":null,\"solrUrls\":[\"localhost:8983\"]", "\"collection\":\"t\",\"dimension\":8"), List.of("solrUrls", "localhost:8983"),
      json("\"zkHosts\":\"zk:2181\",\"solrUrls\":[]", "\"collection\":\"-bad\",\"dimension\":8"), List.of("collection", "-bad"),
      json("\"zkHosts\":\"zk:2181\",\"solrUrls\":[]", "\"collection\":\"t\",\"dimension\":2000"), List.of("dimension", "2000", "1024"),
      json("\"zkHosts\":\"zk:2181\",\"solrUrls\":[]", "\"collection\":\"t\",\"dimension\":8").replace(
          "\"username\":null", "\"username\":\"u\""), List.of("passwordEnv", "username"));

  private static String json(String connection, String collection) {
    return "{" + connection + "," + collection + ",\"similarity\":\"COSINE\",\"shards\":1,\"replicas\":1,\"maxConnections\":16,"
        + "\"beamWidth\":100,\"searchCandidates\":100,\"createCollection\":true,\"username\":null,\"passwordEnv\":null,"
        + "\"maxRetries\":3,\"requestTimeoutMillis\":30000,\"batchSize\":500}";
  }

  @Nested
  class IndexPlugin extends PluginConformance<SolrConfig> {
    @Override
    protected Plugin<SolrConfig> plugin() {
      return new SolrVectorIndexPlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return INVALID;
    }
  }

  @Nested
  class StorePlugin extends PluginConformance<SolrConfig> {
    @Override
    protected Plugin<SolrConfig> plugin() {
      return new SolrEmbeddingStorePlugin();
    }

    @Override
    protected boolean registeredAsService() {
      return true;
    }

    @Override
    protected Map<String, List<String>> invalidConfigs() {
      return INVALID;
    }
  }
}

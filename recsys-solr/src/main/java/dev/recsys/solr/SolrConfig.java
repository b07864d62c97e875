package dev.recsys.solr;

import dev.recsys.core.spi.Similarity;
import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link SolrVectorIndex} or {@link SolrEmbeddingStore} keeps its vectors: the SolrCloud to talk to
 * (ZooKeeper hosts, or Solr base URLs), the collection, the shape of the vectors and of the HNSW graph, the layout
 * of a collection created on first use, and the client's credentials, timeouts and retries. Use {@link #builder()}.
 *
 * @param zkHosts ZooKeeper connection string of the SolrCloud ({@code host:port[,host:port...][/chroot]}), or null
 *     to connect through {@code solrUrls}
 * @param solrUrls base URLs of Solr nodes ({@code http://host:8983/solr}), used when {@code zkHosts} is null (and
 *     cleared when it is set, so a pipeline file naming {@code zkHosts} overrides the default URL)
 * @param collection the collection; letters, digits, {@code .}, {@code _} and {@code -}, not starting with {@code -}
 * @param dimension components per vector, in [1, {@value #MAX_DIMENSION}]
 * @param similarity the similarity searches rank by
 * @param shards shards of a collection created on first use, in [1, 1024]
 * @param replicas replicas of each shard of a collection created on first use, in [1, 64]
 * @param maxConnections HNSW neighbours per node ("M"), in [2, 512]
 * @param beamWidth HNSW candidate list size during construction ("efConstruction"), in [1, 3200]
 * @param searchCandidates candidates each shard collects for a search ({@code topK}): a search for {@code k} asks
 *     every shard for {@code max(k, searchCandidates)} and keeps the best {@code k}; in [1, 10000]
 * @param createCollection create the collection (with its configset) when it does not exist; when false a missing
 *     collection is an error
 * @param username user of HTTP basic authentication, or null for none
 * @param passwordEnv name of the environment variable holding the basic-authentication password (the password
 *     itself never appears in a configuration); required when {@code username} is set
 * @param maxRetries attempts after the first for a request that failed transiently (connection refused or reset,
 *     timeout, HTTP 502/503/504, a shard without a leader during fail-over), in [0, 20]
 * @param requestTimeoutMillis timeout of one request, in [100, 600000]
 * @param batchSize buffered writes sent in one update request, in [1, 100000]
 */
public record SolrConfig(
    String zkHosts,
    List<String> solrUrls,
    String collection,
    int dimension,
    Similarity similarity,
    int shards,
    int replicas,
    int maxConnections,
    int beamWidth,
    int searchCandidates,
    boolean createCollection,
    String username,
    String passwordEnv,
    int maxRetries,
    int requestTimeoutMillis,
    int batchSize) {
  /** Largest dimension accepted (Solr 9's dense vector field limit). */
  public static final int MAX_DIMENSION = 1024;

  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,99}");

  /** Validates the fields. */
  public SolrConfig {
    if (zkHosts != null && zkHosts.isBlank()) {
      zkHosts = null;
    }
    solrUrls = solrUrls == null ? List.of() : List.copyOf(Checks.noNulls("solrUrls", solrUrls));
    if (zkHosts == null && solrUrls.isEmpty()) {
      throw new IllegalArgumentException("zkHosts or solrUrls must be given: zkHosts=null, solrUrls=[]");
    }
    if (zkHosts != null) {
      solrUrls = List.of();
    }
    for (String url : solrUrls) {
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("solrUrls must be http:// or https:// URLs of Solr nodes; solrUrls contains '" + url + "'");
      }
    }
    Objects.requireNonNull(collection, "collection");
    if (!COLLECTION.matcher(collection).matches()) {
      throw new IllegalArgumentException("collection must be 1-100 letters, digits, '.', '_' or '-', not starting with '-'; collection='"
          + collection + "'");
    }
    Checks.inRange("dimension", dimension, 1, MAX_DIMENSION);
    Objects.requireNonNull(similarity, "similarity");
    Checks.inRange("shards", shards, 1, 1024);
    Checks.inRange("replicas", replicas, 1, 64);
    Checks.inRange("maxConnections", maxConnections, 2, 512);
    Checks.inRange("beamWidth", beamWidth, 1, 3200);
    Checks.inRange("searchCandidates", searchCandidates, 1, 10_000);
    if (username != null && username.isBlank()) {
      username = null;
    }
    if (passwordEnv != null && passwordEnv.isBlank()) {
      passwordEnv = null;
    }
    if (username != null && passwordEnv == null) {
      throw new IllegalArgumentException("passwordEnv (the environment variable holding the password) must be set with username; username="
          + username);
    }
    Checks.inRange("maxRetries", maxRetries, 0, 20);
    Checks.inRange("requestTimeoutMillis", requestTimeoutMillis, 100, 600_000);
    Checks.inRange("batchSize", batchSize, 1, 100_000);
  }

  /**
   * A builder with the defaults: {@code http://localhost:8983/solr}, collection {@code tracks}, dimension 32, cosine,
   * 1 shard x 1 replica, M=16, beam 100, 100 candidates, created on first use, no authentication, 5 retries, 30 s
   * requests, batches of 500.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this configuration.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.zkHosts = zkHosts;
    b.solrUrls = solrUrls;
    b.collection = collection;
    b.dimension = dimension;
    b.similarity = similarity;
    b.shards = shards;
    b.replicas = replicas;
    b.maxConnections = maxConnections;
    b.beamWidth = beamWidth;
    b.searchCandidates = searchCandidates;
    b.createCollection = createCollection;
    b.username = username;
    b.passwordEnv = passwordEnv;
    b.maxRetries = maxRetries;
    b.requestTimeoutMillis = requestTimeoutMillis;
    b.batchSize = batchSize;
    return b;
  }

  /**
   * Where the configuration points, for messages: the ZooKeeper hosts or the URLs, and the collection.
   *
   * @return a short description of the target
   */
  public String target() {
    return "collection '" + collection + "' at " + (zkHosts != null ? "zkHosts " + zkHosts : "solrUrls " + solrUrls);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String zkHosts;
    private List<String> solrUrls = List.of("http://localhost:8983/solr");
    private String collection = "tracks";
    private int dimension = 32;
    private Similarity similarity = Similarity.COSINE;
    private int shards = 1;
    private int replicas = 1;
    private int maxConnections = 16;
    private int beamWidth = 100;
    private int searchCandidates = 100;
    private boolean createCollection = true;
    private String username;
    private String passwordEnv;
    private int maxRetries = 5;
    private int requestTimeoutMillis = 30_000;
    private int batchSize = 500;

    private Builder() {}

    /**
     * Connects through ZooKeeper (and stops using Solr URLs).
     *
     * @param zkHosts {@code host:port[,host:port...][/chroot]}
     * @return this builder
     */
    public Builder zkHosts(String zkHosts) {
      this.zkHosts = zkHosts;
      this.solrUrls = List.of();
      return this;
    }

    /**
     * Connects through these Solr nodes (and stops using ZooKeeper).
     *
     * @param solrUrls base URLs such as {@code http://host:8983/solr}
     * @return this builder
     */
    public Builder solrUrls(List<String> solrUrls) {
      this.solrUrls = solrUrls;
      this.zkHosts = null;
      return this;
    }

    /**
     * Sets the collection.
     *
     * @param collection the collection
     * @return this builder
     */
    public Builder collection(String collection) {
      this.collection = collection;
      return this;
    }

    /**
     * Sets the dimension.
     *
     * @param dimension components per vector
     * @return this builder
     */
    public Builder dimension(int dimension) {
      this.dimension = dimension;
      return this;
    }

    /**
     * Sets the similarity.
     *
     * @param similarity the similarity
     * @return this builder
     */
    public Builder similarity(Similarity similarity) {
      this.similarity = similarity;
      return this;
    }

    /**
     * Sets the layout of a collection created on first use.
     *
     * @param shards shards
     * @param replicas replicas per shard
     * @return this builder
     */
    public Builder layout(int shards, int replicas) {
      this.shards = shards;
      this.replicas = replicas;
      return this;
    }

    /**
     * Sets the HNSW graph parameters.
     *
     * @param maxConnections neighbours per node ("M")
     * @param beamWidth construction beam ("efConstruction")
     * @return this builder
     */
    public Builder hnsw(int maxConnections, int beamWidth) {
      this.maxConnections = maxConnections;
      this.beamWidth = beamWidth;
      return this;
    }

    /**
     * Sets the candidates each shard collects for a search.
     *
     * @param searchCandidates candidates per shard
     * @return this builder
     */
    public Builder searchCandidates(int searchCandidates) {
      this.searchCandidates = searchCandidates;
      return this;
    }

    /**
     * Whether a missing collection is created.
     *
     * @param createCollection true to create it
     * @return this builder
     */
    public Builder createCollection(boolean createCollection) {
      this.createCollection = createCollection;
      return this;
    }

    /**
     * Uses HTTP basic authentication.
     *
     * @param username the user
     * @param passwordEnv the environment variable holding the password
     * @return this builder
     */
    public Builder basicAuth(String username, String passwordEnv) {
      this.username = username;
      this.passwordEnv = passwordEnv;
      return this;
    }

    /**
     * Sets the retries of transient failures.
     *
     * @param maxRetries attempts after the first
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the timeout of one request.
     *
     * @param requestTimeoutMillis milliseconds
     * @return this builder
     */
    public Builder requestTimeoutMillis(int requestTimeoutMillis) {
      this.requestTimeoutMillis = requestTimeoutMillis;
      return this;
    }

    /**
     * Sets how many buffered writes go in one update request.
     *
     * @param batchSize writes per request
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the configuration
     */
    public SolrConfig build() {
      return new SolrConfig(zkHosts, solrUrls, collection, dimension, similarity, shards, replicas, maxConnections, beamWidth,
          searchCandidates, createCollection, username, passwordEnv, maxRetries, requestTimeoutMillis, batchSize);
    }
  }
}

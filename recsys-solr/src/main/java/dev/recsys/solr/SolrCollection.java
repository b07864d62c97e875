package dev.recsys.solr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * One recsys collection on SolrCloud, shared by {@link SolrVectorIndex} and {@link SolrEmbeddingStore}: the client,
 * collection creation and schema checks, a write buffer, searches with filters, and bounded retries of transient
 * failures.
 *
 * <p>Writes are buffered in this process (the last write of a key wins) and sent in batches of
 * {@link SolrConfig#batchSize()}, or when {@link #refresh()} or {@link #commit()} is called; reads of a single key
 * ({@link #get}, {@link #delete}'s presence check) see the buffer. Writes are serialised on one lock; searches run
 * concurrently and never wait for it.
 */
final class SolrCollection implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object DELETED = new Object();
  private static final Pattern TRANSIENT_500 = Pattern.compile(
      "(?i).*(leader|connect|timed? ?out|unavailable|recover|no servers|no active|not currently active|closed).*",
      Pattern.DOTALL);
  /** SolrJ's messages (plain runtime exceptions, without a cause) when no node of the cluster answers. */
  private static final Pattern CLUSTER_UNREACHABLE = Pattern.compile(
      "(?i).*(failed fetching live_nodes|healthy node|no live solr|tried fetching cluster state).*", Pattern.DOTALL);
  private static final int BATCH_SEARCH_PARALLELISM = 4;

  final SolrConfig config;
  private final SolrClient client;
  private final boolean ownsClient;
  private final String kind;
  private final Object writeLock = new Object();
  /** Key to its buffered document, or {@link #DELETED}. Guarded by {@link #writeLock}. */
  private final LinkedHashMap<String, Object> pending = new LinkedHashMap<>();
  private final ExecutorService batchPool = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean closed;

  private SolrCollection(SolrConfig config, SolrClient client, boolean ownsClient, String kind) {
    this.config = config;
    this.client = client;
    this.ownsClient = ownsClient;
    this.kind = kind;
  }

  /**
   * Connects, creates the collection when it is missing and allowed to, and checks an existing one's schema.
   *
   * @param client a client to borrow (not closed by {@link #close()}), or null to create one from the configuration
   * @param store whether the collection serves an embedding store (needs the model version field)
   */
  static SolrCollection open(SolrConfig config, SolrClient client, boolean store) throws IOException {
    Objects.requireNonNull(config, "config");
    String kind = store ? "embedding store" : "vector index";
    SolrClient connected = client != null ? client
        : retrying(config, kind, () -> false, "connecting to " + config.target(), () -> newClient(config));
    SolrCollection c = new SolrCollection(config, connected, client == null, kind);
    try {
      c.ensureCollection();
      return c;
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** A SolrCloud client for the configuration (ZooKeeper or URLs, credentials, timeouts). */
  static SolrClient newClient(SolrConfig c) {
    Http2SolrClient.Builder http = new Http2SolrClient.Builder()
        .withConnectionTimeout(Math.min(c.requestTimeoutMillis(), 15_000), TimeUnit.MILLISECONDS)
        .withIdleTimeout(c.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
        .withRequestTimeout(c.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
    if (c.username() != null) {
      String password = System.getenv(c.passwordEnv());
      if (password == null) {
        throw new IllegalArgumentException("passwordEnv names the environment variable " + c.passwordEnv()
            + ", which is not set (the password of user '" + c.username() + "' for " + c.target() + ")");
      }
      http.withBasicAuthCredentials(c.username(), password);
    }
    CloudHttp2SolrClient.Builder b;
    if (c.zkHosts() != null) {
      String hosts = c.zkHosts();
      int slash = hosts.indexOf('/');
      Optional<String> chroot = slash < 0 ? Optional.empty() : Optional.of(hosts.substring(slash));
      List<String> list = Arrays.asList((slash < 0 ? hosts : hosts.substring(0, slash)).split(","));
      b = new CloudHttp2SolrClient.Builder(list, chroot)
          .withZkConnectTimeout(Math.min(c.requestTimeoutMillis(), 15_000), TimeUnit.MILLISECONDS)
          .withZkClientTimeout(Math.max(c.requestTimeoutMillis(), 10_000), TimeUnit.MILLISECONDS);
    } else {
      b = new CloudHttp2SolrClient.Builder(c.solrUrls());
    }
    return b.withHttpClientBuilder(http).build();
  }

  // ---------------------------------------------------------------- collection and schema

  @SuppressWarnings("deprecation") // setWaitForFinalState: still the way to return only once every replica is active
  private void ensureCollection() throws IOException {
    List<String> collections = call("listing collections", () -> CollectionAdminRequest.listCollections(client));
    if (collections.contains(config.collection())) {
      checkSchema();
      return;
    }
    if (!config.createCollection()) {
      throw new IllegalArgumentException(config.target() + " does not exist (collections there: " + collections
          + "); create it (docs/solr.md) or set createCollection: true");
    }
    String configSet = config.collection();
    call("uploading configset '" + configSet + "'", () -> {
      ConfigSetAdminRequest.Upload upload = new ConfigSetAdminRequest.Upload();
      upload.setConfigSetName(configSet);
      upload.setOverwrite(true);
      upload.setCleanup(true);
      ContentStreamBase.ByteArrayStream zip = new ContentStreamBase.ByteArrayStream(SolrSchema.configsetZip(config), "configset.zip");
      zip.setContentType("application/octet-stream");
      upload.setUploadStream(zip);
      return upload.process(client);
    });
    try {
      call("creating " + config.target(), () -> {
        CollectionAdminRequest.Create create = CollectionAdminRequest
            .createCollection(config.collection(), configSet, config.shards(), config.replicas());
        create.setWaitForFinalState(true);
        return create.process(client);
      });
    } catch (IOException e) {
      // Another process may have created it meanwhile: then check it like any existing collection.
      List<String> again = call("listing collections", () -> CollectionAdminRequest.listCollections(client));
      if (!again.contains(config.collection())) {
        throw e;
      }
      checkSchema();
    }
  }

  private void checkSchema() throws IOException {
    Map<String, Object> attributes;
    try {
      attributes = call("reading the schema of " + config.target(),
          () -> new SchemaRequest.FieldType(SolrSchema.VECTOR_TYPE).process(client, config.collection()))
          .getFieldType().getAttributes();
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("404")) {
        throw new IllegalArgumentException(config.target() + " has no field type '" + SolrSchema.VECTOR_TYPE
            + "': it was not created by recsys-solr (docs/solr.md lists the schema it needs)", e);
      }
      throw e;
    }
    List<String> problems = new ArrayList<>();
    String dim = String.valueOf(attributes.get("vectorDimension"));
    if (!dim.equals(String.valueOf(config.dimension()))) {
      problems.add("it holds vectors of dimension " + dim + ", the configuration says dimension=" + config.dimension());
    }
    String sim = String.valueOf(attributes.get("similarityFunction"));
    if (!sim.equalsIgnoreCase(SolrSchema.similarityFunction(config.similarity()))) {
      problems.add("its similarityFunction is " + sim + ", the configuration says similarity=" + config.similarity()
          + " (" + SolrSchema.similarityFunction(config.similarity()) + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(config.target() + " does not match the configuration: " + String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------- writes

  void put(String key, float[] vector, Metadata metadata, String modelVersion) throws IOException {
    ensureOpen();
    checkKey(key);
    Objects.requireNonNull(metadata, "metadata");
    checkVector("vector", vector);
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(SolrSchema.ID, key);
    List<Float> v = new ArrayList<>(vector.length);
    for (float x : vector) {
      v.add(x);
    }
    doc.addField(SolrSchema.VECTOR, v);
    doc.addField(SolrSchema.META, encode(metadata));
    for (Map.Entry<String, List<String>> e : metadata.fields().entrySet()) {
      if (!e.getValue().isEmpty()) {
        doc.addField(SolrSchema.metaField(e.getKey()), new ArrayList<>(e.getValue()));
      }
    }
    if (modelVersion != null) {
      doc.addField(SolrSchema.MODEL_VERSION, modelVersion);
    }
    synchronized (writeLock) {
      pending.remove(key);
      pending.put(key, doc);
      if (pending.size() >= config.batchSize()) {
        flushLocked();
      }
    }
  }

  boolean delete(String key) throws IOException {
    ensureOpen();
    checkKey(key);
    synchronized (writeLock) {
      Object p = pending.get(key);
      boolean present = p == null ? fetch(key) != null : p != DELETED;
      if (present || p != null) {
        pending.remove(key);
        pending.put(key, DELETED);
        if (pending.size() >= config.batchSize()) {
          flushLocked();
        }
      }
      return present;
    }
  }

  /** Deletes every document of the collection (visible after the next refresh or commit). */
  void deleteAll() throws IOException {
    ensureOpen();
    synchronized (writeLock) {
      pending.clear();
      call("deleting every document of " + config.target(),
          () -> new UpdateRequest().deleteByQuery("*:*").process(client, config.collection()));
    }
  }

  void refresh() throws IOException {
    ensureOpen();
    synchronized (writeLock) {
      flushLocked();
      call("soft commit of " + config.target(), () -> new UpdateRequest()
          .setAction(UpdateRequest.ACTION.COMMIT, true, true, true).process(client, config.collection()));
    }
  }

  void commit() throws IOException {
    ensureOpen();
    synchronized (writeLock) {
      flushLocked();
      call("commit of " + config.target(), () -> new UpdateRequest()
          .setAction(UpdateRequest.ACTION.COMMIT, true, true).process(client, config.collection()));
    }
  }

  /** Sends the buffer as one update request; on failure the buffer is kept, so a later flush sends it again. */
  private void flushLocked() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    UpdateRequest update = new UpdateRequest();
    List<String> deletes = new ArrayList<>();
    for (Map.Entry<String, Object> e : pending.entrySet()) {
      if (e.getValue() == DELETED) {
        deletes.add(e.getKey());
      } else {
        update.add((SolrInputDocument) e.getValue());
      }
    }
    if (!deletes.isEmpty()) {
      update.deleteById(deletes);
    }
    call("sending " + pending.size() + " writes to " + config.target(), () -> update.process(client, config.collection()));
    pending.clear();
  }

  // ---------------------------------------------------------------- reads

  /** The document of a key (id, vector, metadata, model version), from the buffer or by real-time get; null if absent. */
  SolrDocument fetch(String key) throws IOException {
    ensureOpen();
    checkKey(key);
    synchronized (writeLock) {
      Object p = pending.get(key);
      if (p == DELETED) {
        return null;
      }
      if (p != null) {
        SolrDocument d = new SolrDocument();
        ((SolrInputDocument) p).forEach((name, field) -> d.setField(name, field.getValue()));
        return d;
      }
    }
    ModifiableSolrParams params = new ModifiableSolrParams();
    params.set("fl", SolrSchema.ID + "," + SolrSchema.VECTOR + "," + SolrSchema.META + "," + SolrSchema.MODEL_VERSION);
    return call("reading key '" + key + "' from " + config.target(), () -> client.getById(config.collection(), key, params));
  }

  static float[] vectorOf(SolrDocument d) {
    Object v = d.getFieldValue(SolrSchema.VECTOR);
    List<?> values = v instanceof List<?> l ? l : d.getFieldValues(SolrSchema.VECTOR) == null ? List.of()
        : new ArrayList<>(d.getFieldValues(SolrSchema.VECTOR));
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) values.get(i)).floatValue();
    }
    return out;
  }

  static Metadata metadataOf(SolrDocument d) {
    Object m = d.getFirstValue(SolrSchema.META);
    return m == null ? Metadata.EMPTY : decode(m.toString());
  }

  /** Live documents (of one model version when {@code modelVersion} is not null) visible to searches. */
  long count(String modelVersion) throws IOException {
    ensureOpen();
    SolrQuery q = new SolrQuery("*:*").setRows(0);
    if (modelVersion != null) {
      q.addFilterQuery("{!term f=" + SolrSchema.MODEL_VERSION + " v=$mv}");
      q.set("mv", modelVersion);
    }
    return call("counting " + config.target(), () -> client.query(config.collection(), q)).getResults().getNumFound();
  }

  int size() {
    try {
      return (int) Math.min(Integer.MAX_VALUE, count(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<SearchHit> search(float[] query, int k, SearchFilter filter, String modelVersion) throws IOException {
    ensureOpen();
    if (k < 1 || k > VectorIndex.MAX_K) {
      throw new IllegalArgumentException("k must be in [1, " + VectorIndex.MAX_K + "]; k=" + k);
    }
    checkVector("query", query);
    Objects.requireNonNull(filter, "filter");
    SolrQuery q = new SolrQuery();
    StringBuilder knn = new StringBuilder("{!knn f=").append(SolrSchema.VECTOR).append(" topK=")
        .append(Math.max(k, config.searchCandidates())).append("}[");
    for (int i = 0; i < query.length; i++) {
      knn.append(i == 0 ? "" : ",").append(query[i]);
    }
    q.setQuery(knn.append(']').toString());
    q.setRows(k);
    q.setFields(SolrSchema.ID, SolrSchema.META, "score");
    int n = 0;
    for (Map.Entry<String, java.util.Set<String>> e : filter.anyOf().entrySet()) {
      if (e.getValue().isEmpty()) {
        return List.of();
      }
      String sep = separator(e.getValue());
      q.addFilterQuery("{!terms f=" + SolrSchema.metaField(e.getKey()) + " separator=$fs" + n + " v=$fv" + n + "}");
      q.set("fs" + n, sep);
      q.set("fv" + n, String.join(sep, e.getValue()));
      n++;
    }
    if (!filter.excludeKeys().isEmpty()) {
      String sep = separator(filter.excludeKeys());
      q.addFilterQuery("{!bool must_not=$xq}");
      q.set("xq", "{!terms f=" + SolrSchema.ID + " separator=$xs v=$xv}");
      q.set("xs", sep);
      q.set("xv", String.join(sep, filter.excludeKeys()));
    }
    if (modelVersion != null) {
      q.addFilterQuery("{!term f=" + SolrSchema.MODEL_VERSION + " v=$mv}");
      q.set("mv", modelVersion);
    }
    QueryResponse r = call("searching " + config.target(), () -> client.query(config.collection(), q, SolrRequest.METHOD.POST));
    List<SearchHit> hits = new ArrayList<>(r.getResults().size());
    for (SolrDocument d : r.getResults()) {
      float score = ((Number) d.getFieldValue("score")).floatValue();
      hits.add(new SearchHit((String) d.getFirstValue(SolrSchema.ID), SolrSchema.score(config.similarity(), score), metadataOf(d)));
    }
    return hits;
  }

  /** A separator that occurs in none of the values. */
  private static String separator(java.util.Collection<String> values) {
    String sep = "\u001f";
    while (containsAny(values, sep)) {
      sep += "\u001f";
    }
    return sep;
  }

  private static boolean containsAny(java.util.Collection<String> values, String s) {
    for (String v : values) {
      if (v.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** The searches run concurrently, at most four at a time; results in query order. */
  List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter, String modelVersion) throws IOException {
    ensureOpen();
    List<float[]> copies = new ArrayList<>(queries.size());
    for (float[] q : queries) {
      copies.add(Objects.requireNonNull(q, "query").clone());
    }
    Semaphore permits = new Semaphore(BATCH_SEARCH_PARALLELISM);
    List<Future<List<SearchHit>>> futures = new ArrayList<>(copies.size());
    for (float[] q : copies) {
      futures.add(batchPool.submit(() -> {
        permits.acquire();
        try {
          return search(q, k, filter, modelVersion);
        } finally {
          permits.release();
        }
      }));
    }
    List<List<SearchHit>> out = new ArrayList<>(futures.size());
    try {
      for (Future<List<SearchHit>> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      futures.forEach(f -> f.cancel(true));
      throw new java.io.InterruptedIOException("batch search interrupted");
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable t = e.getCause();
      if (t instanceof IOException io) {
        throw io;
      }
      if (t instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(t);
    }
    return out;
  }

  // ---------------------------------------------------------------- checks, errors and retries

  void checkVector(String name, float[] v) {
    Objects.requireNonNull(v, name);
    if (v.length != config.dimension()) {
      throw new IllegalArgumentException(name + " has " + v.length + " components; the " + kind + " " + config.target()
          + " holds vectors of dimension " + config.dimension());
    }
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(name + " must have finite components; " + name + "[" + i + "]=" + v[i]);
      }
      norm += (double) v[i] * v[i];
    }
    if (norm == 0 && config.similarity() == Similarity.COSINE) {
      throw new IllegalArgumentException(name + " is a zero vector (norm 0), which has no cosine similarity");
    }
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must be a non-empty string; key=" + (key == null ? "null" : "''"));
    }
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the " + kind + " on " + config.target() + " is closed");
    }
  }

  /** One Solr request. */
  @FunctionalInterface
  interface SolrCall<T> {
    T call() throws SolrServerException, IOException;
  }

  /**
   * Runs a request, retrying transient failures up to {@link SolrConfig#maxRetries()} times with exponential backoff
   * (100 ms doubling, at most 3.2 s a wait). Authentication failures, a missing collection and other client errors are
   * not retried and name the cause.
   */
  <T> T call(String what, SolrCall<T> request) throws IOException {
    return retrying(config, kind, () -> closed, what, request);
  }

  private static <T> T retrying(SolrConfig config, String kind, java.util.function.BooleanSupplier closed, String what,
      SolrCall<T> request) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Exception failure;
      try {
        return request.call();
      } catch (SolrServerException | IOException | SolrException e) {
        failure = e;
      } catch (RuntimeException e) {
        // SolrJ's cluster-state lookups wrap I/O failures in plain runtime exceptions.
        if (!causedByIo(e) && !CLUSTER_UNREACHABLE.matcher(String.valueOf(e.getMessage())).matches()) {
          throw e;
        }
        failure = e;
      }
      if (closed.getAsBoolean()) {
        throw new IllegalStateException("the " + kind + " on " + config.target() + " was closed during " + what, failure);
      }
      int code = failure instanceof SolrException se ? se.code() : -1;
      String message = String.valueOf(failure.getMessage());
      for (Throwable t = failure.getCause(); t != null && code < 0; t = t.getCause()) {
        if (t instanceof SolrException se) {
          code = se.code();
          message = message + ": " + t.getMessage();
        }
      }
      if (code == 401 || code == 403 || message.contains("HTTP ERROR 401") || message.contains("HTTP ERROR 403")) {
        throw new IOException(what + ": Solr refused the request (HTTP " + (code > 0 ? code : message.contains("403") ? 403 : 401) + "); "
            + (config.username() == null
                ? "the cluster requires authentication: set username and passwordEnv"
                : "check user '" + config.username() + "' and the password in $" + config.passwordEnv()), failure);
      }
      if (message.contains("Collection not found") || message.contains("Could not find collection")) {
        throw new IllegalArgumentException(config.target() + " does not exist or was deleted: " + message, failure);
      }
      if (!isTransient(failure, code, message) || attempt >= config.maxRetries()) {
        throw new IOException(what + " failed" + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + message,
            failure);
      }
      try {
        Thread.sleep(100L << Math.min(attempt, 5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException(what + " interrupted while waiting to retry");
      }
    }
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof SolrServerException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransient(Exception e, int code, String message) {
    if (code == 502 || code == 503 || code == 504 || code == 510) {
      return true;
    }
    if (code == 500) {
      return TRANSIENT_500.matcher(message).matches();
    }
    if (code > 0) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return e instanceof SolrServerException || e instanceof IOException || causedByIo(e)
        || CLUSTER_UNREACHABLE.matcher(message).matches();
  }

  // ---------------------------------------------------------------- metadata

  private static String encode(Metadata m) {
    try {
      return JSON.writeValueAsString(m.fields());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Metadata decode(String json) {
    try {
      return new Metadata(JSON.readValue(json, new TypeReference<LinkedHashMap<String, List<String>>>() {}));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(new IOException("malformed stored metadata: " + json, e));
    }
  }

  /** Drops unsent writes (like an uncommitted transaction) and releases the client when it owns it. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (writeLock) {
      pending.clear();
    }
    batchPool.shutdownNow();
    if (ownsClient) {
      client.close();
    }
  }
}

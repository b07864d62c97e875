package dev.recsys.core.retrieval;

import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.retrieval.internal.MetadataCodec;
import dev.recsys.core.kernels.TopK;
import dev.recsys.core.retrieval.internal.VectorChecks;
import dev.recsys.core.kernels.VectorKernels;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Brute-force top-k search: the ground truth for approximate indexes and the right choice for small catalogues.
 *
 * <p>Vectors live in one contiguous row-major {@code float[]}; deletes move the last row into the hole, so the
 * scan never skips tombstones. A search scores rows in cache-sized blocks with the SIMD kernels of
 * {@link VectorKernels} (JDK Vector API when {@code jdk.incubator.vector} is resolved, plain loops otherwise) and
 * keeps the best {@code k} in a bounded heap; above {@value #PARALLEL_ROWS} rows the scan is split across the
 * available cores (the calling thread and the common fork-join pool). {@link #searchBatch} scores each block of
 * rows against many queries while it is in cache. Ties are broken by insertion slot, so results are deterministic.
 *
 * <p>Threads and visibility: writes take an exclusive lock and are visible to searches as soon as they return
 * ({@link #refresh()} is a no-op); searches share the lock, so each sees a point-in-time state. Persistence: with
 * a {@link ExactIndexConfig#path() path}, {@link #commit()} writes the whole index atomically in the
 * {@link ModelContainer} format (provider {@value #PROVIDER}) and {@link #open} loads it back.
 */
public final class ExactIndex implements VectorIndex {
  /** Provider name of saved indexes. */
  public static final String PROVIDER = "exact-index";
  /** The format version written. */
  public static final int FORMAT_VERSION = 1;
  /** Row count from which a single search uses every core. */
  public static final int PARALLEL_ROWS = 65_536;

  private static final int BLOCK = 256;

  private final ExactIndexConfig config;
  private final int dim;
  private final Similarity similarity;
  private final VectorKernels kernels;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> slots = new HashMap<>();
  private float[] data;
  private float[] invNorms;
  private String[] keys;
  private Metadata[] metas;
  private int n;
  private boolean closed;

  private ExactIndex(ExactIndexConfig config, VectorKernels kernels) {
    this.config = config;
    this.dim = config.dimension();
    this.similarity = config.similarity();
    this.kernels = kernels;
    this.data = new float[16 * dim];
    this.invNorms = new float[16];
    this.keys = new String[16];
    this.metas = new Metadata[16];
  }

  /**
   * Opens an index: loads {@code config.path()} when it exists (its dimension and similarity must match the
   * configuration), else starts empty.
   *
   * @throws ModelFormatException if the file is not a saved exact index, is corrupted or newer than this reader
   * @param config the configuration
   * @return the {@code ExactIndex}
   */
  public static ExactIndex open(ExactIndexConfig config) throws IOException {
    return open(config, ScanKernel.AUTO);
  }

  /**
   * Opens an index that scans with the given kernels (to compare SIMD and scalar).
   *
   * @throws IllegalStateException if SIMD is asked for and {@code jdk.incubator.vector} is not resolved
   * @param config the configuration
   * @param kernel the kernel
   * @return the {@code ExactIndex}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static ExactIndex open(ExactIndexConfig config, ScanKernel kernel) throws IOException {
    VectorKernels kernels = switch (kernel) {
      case AUTO -> VectorKernels.get();
      case SCALAR -> VectorKernels.scalar();
      case SIMD -> {
        VectorKernels k = VectorKernels.simdOrNull();
        if (k == null) {
          throw new IllegalStateException("SIMD kernels need the jdk.incubator.vector module: run the JVM with"
              + " --add-modules jdk.incubator.vector");
        }
        yield k;
      }
    };
    ExactIndex idx = new ExactIndex(config, kernels);
    if (config.path() != null && Files.exists(Path.of(config.path()))) {
      idx.loadFrom(Path.of(config.path()));
    }
    return idx;
  }

  /**
   * An empty in-memory index.
   *
   * @param dimension the vector dimension
   * @param similarity the similarity
   * @return an empty in-memory index
   */
  public static ExactIndex inMemory(int dimension, Similarity similarity) {
    return new ExactIndex(ExactIndexConfig.inMemory(dimension, similarity), VectorKernels.get());
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public ExactIndexConfig config() {
    return config;
  }

  /**
   * Name of the kernels in use ({@code "panama-512"}, {@code "scalar"}).
   *
   * @return the name of the kernels in use ({@code "panama-512"}, {@code "scalar"})
   */
  public String kernelName() {
    return kernels.name();
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public Similarity similarity() {
    return similarity;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return n;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void upsert(String key, float[] vector, Metadata metadata) {
    VectorChecks.key(key);
    VectorChecks.vector("vector", key, vector, dim, similarity);
    java.util.Objects.requireNonNull(metadata, "metadata");
    lock.writeLock().lock();
    try {
      ensureOpen();
      Integer slot = slots.get(key);
      int s;
      if (slot == null) {
        s = n;
        grow(n + 1);
        n++;
        slots.put(key, s);
        keys[s] = key;
      } else {
        s = slot;
      }
      System.arraycopy(vector, 0, data, s * dim, dim);
      invNorms[s] = (float) (1.0 / VectorChecks.norm(vector, 0, dim));
      metas[s] = metadata;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean delete(String key) {
    java.util.Objects.requireNonNull(key, "key");
    lock.writeLock().lock();
    try {
      ensureOpen();
      Integer slot = slots.remove(key);
      if (slot == null) {
        return false;
      }
      int s = slot;
      int last = n - 1;
      if (s != last) {
        System.arraycopy(data, last * dim, data, s * dim, dim);
        invNorms[s] = invNorms[last];
        keys[s] = keys[last];
        metas[s] = metas[last];
        slots.put(keys[s], s);
      }
      keys[last] = null;
      metas[last] = null;
      n = last;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A no-op: writes are visible when they return. */
  @Override
  public void refresh() {
    ensureOpen();
  }

  /** Saves to the configured path atomically (no-op for an in-memory index). */
  @Override
  public void commit() throws IOException {
    if (config.path() != null) {
      save(Path.of(config.path()));
    } else {
      ensureOpen();
    }
  }

  @Override
  public Optional<float[]> vector(String key) {
    lock.readLock().lock();
    try {
      ensureOpen();
      Integer s = slots.get(key);
      return s == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(data, s * dim, s * dim + dim));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The metadata stored under a key, if present.
   *
   * @param key the key
   * @return the metadata stored under a key, if present
   */
  public Optional<Metadata> metadata(String key) {
    lock.readLock().lock();
    try {
      Integer s = slots.get(key);
      return s == null ? Optional.empty() : Optional.of(metas[s]);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
    VectorChecks.vector("query", null, query, dim, similarity);
    VectorChecks.k(k);
    java.util.Objects.requireNonNull(filter, "filter");
    float[] q = query.clone();
    lock.readLock().lock();
    try {
      ensureOpen();
      if (n == 0) {
        return List.of();
      }
      long[] excluded = excludedRows(filter);
      float qInv = (float) (1.0 / VectorChecks.norm(q, 0, dim));
      int parts = n >= PARALLEL_ROWS ? Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_ROWS / 2)) : 1;
      TopK top;
      if (parts <= 1) {
        top = new TopK(k);
        scan(new float[][] {q}, new float[] {qInv}, 0, n, excluded, new TopK[] {top});
      } else {
        List<CompletableFuture<TopK>> futures = new ArrayList<>();
        int step = (n + parts - 1) / parts;
        for (int p = 1; p < parts; p++) {
          int from = p * step;
          int to = Math.min(n, from + step);
          futures.add(CompletableFuture.supplyAsync(() -> {
            TopK t = new TopK(k);
            scan(new float[][] {q}, new float[] {qInv}, from, to, excluded, new TopK[] {t});
            return t;
          }, ForkJoinPool.commonPool()));
        }
        top = new TopK(k);
        scan(new float[][] {q}, new float[] {qInv}, 0, Math.min(n, step), excluded, new TopK[] {top});
        for (CompletableFuture<TopK> f : futures) {
          top.addAll(f.join());
        }
      }
      return hits(top);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Scores every block of rows against all queries while the block is in cache; queries split across cores. */
  @Override
  public List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter) {
    VectorChecks.k(k);
    java.util.Objects.requireNonNull(filter, "filter");
    int m = queries.size();
    float[][] qs = new float[m][];
    float[] qInv = new float[m];
    for (int i = 0; i < m; i++) {
      qs[i] = VectorChecks.vector("query " + i, null, queries.get(i), dim, similarity).clone();
      qInv[i] = (float) (1.0 / VectorChecks.norm(qs[i], 0, dim));
    }
    lock.readLock().lock();
    try {
      ensureOpen();
      TopK[] tops = new TopK[m];
      for (int i = 0; i < m; i++) {
        tops[i] = new TopK(k);
      }
      if (n > 0 && m > 0) {
        long[] excluded = excludedRows(filter);
        int parts = (long) m * n >= PARALLEL_ROWS ? Math.min(Runtime.getRuntime().availableProcessors(), m) : 1;
        int step = (m + parts - 1) / parts;
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
          int from = p * step;
          int to = Math.min(m, from + step);
          if (from < to) {
            futures.add(CompletableFuture.runAsync(() -> scan(Arrays.copyOfRange(qs, from, to),
                Arrays.copyOfRange(qInv, from, to), 0, n, excluded, Arrays.copyOfRange(tops, from, to)),
                ForkJoinPool.commonPool()));
          }
        }
        int to0 = Math.min(m, step);
        scan(Arrays.copyOfRange(qs, 0, to0), Arrays.copyOfRange(qInv, 0, to0), 0, n, excluded, Arrays.copyOfRange(tops, 0, to0));
        futures.forEach(CompletableFuture::join);
      }
      List<List<SearchHit>> out = new ArrayList<>(m);
      for (TopK t : tops) {
        out.add(hits(t));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Rows a filter rejects, as a bit set; null when the filter lets everything through. Caller holds a lock. */
  private long[] excludedRows(SearchFilter filter) {
    if (filter.isEmpty()) {
      return null;
    }
    long[] bits = new long[(n + 63) >>> 6];
    if (filter.anyOf().isEmpty()) {
      for (String key : filter.excludeKeys()) {
        Integer s = slots.get(key);
        if (s != null) {
          bits[s >>> 6] |= 1L << s;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (!filter.test(keys[i], metas[i])) {
          bits[i >>> 6] |= 1L << i;
        }
      }
    }
    return bits;
  }

  /** Scores rows [from, to) against each query, offering into the matching heap. Caller holds a lock. */
  private void scan(float[][] qs, float[] qInv, int from, int to, long[] excluded, TopK[] tops) {
    float[] buf = new float[BLOCK];
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      int len = end - start;
      for (int qi = 0; qi < qs.length; qi++) {
        float[] q = qs[qi];
        TopK top = tops[qi];
        switch (similarity) {
          case DOT_PRODUCT -> kernels.dotRows(q, data, start, end, dim, buf);
          case COSINE -> {
            kernels.dotRows(q, data, start, end, dim, buf);
            float qi2 = qInv[qi];
            for (int i = 0; i < len; i++) {
              buf[i] = buf[i] * invNorms[start + i] * qi2;
            }
          }
          case EUCLIDEAN -> {
            kernels.squareDistanceRows(q, data, start, end, dim, buf);
            for (int i = 0; i < len; i++) {
              buf[i] = 1f / (1f + buf[i]);
            }
          }
        }
        float threshold = top.threshold();
        for (int i = 0; i < len; i++) {
          float s = buf[i];
          if (s >= threshold) {
            int row = start + i;
            if (excluded == null || (excluded[row >>> 6] & (1L << row)) == 0) {
              top.offer(row, s);
              threshold = top.threshold();
            }
          }
        }
      }
    }
  }

  private List<SearchHit> hits(TopK top) {
    float[] scores = new float[top.size()];
    int[] rows = top.drainIds(scores);
    List<SearchHit> out = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      out.add(new SearchHit(keys[rows[i]], scores[i], metas[rows[i]]));
    }
    return out;
  }

  private void grow(int needed) {
    if (needed <= keys.length) {
      return;
    }
    int cap = Math.max(needed, keys.length + (keys.length >> 1));
    if ((long) cap * dim > Integer.MAX_VALUE - 16) {
      cap = (Integer.MAX_VALUE - 16) / dim;
      if (cap < needed) {
        throw new IllegalStateException("exact index is full: " + n + " vectors of dimension " + dim
            + " exceed the largest Java array");
      }
    }
    data = Arrays.copyOf(data, cap * dim);
    invNorms = Arrays.copyOf(invNorms, cap);
    keys = Arrays.copyOf(keys, cap);
    metas = Arrays.copyOf(metas, cap);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("index is closed");
    }
  }

  /**
   * Writes the whole index to {@code file} atomically in the {@link ModelContainer} format.
   *
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    byte[] payload;
    lock.readLock().lock();
    try {
      ensureOpen();
      Payload.Writer w = Payload.writer().putString(similarity.name()).putInt(dim).putInt(n);
      for (int i = 0; i < n; i++) {
        w.putString(keys[i]);
      }
      w.putFloats(Arrays.copyOf(data, n * dim));
      for (int i = 0; i < n; i++) {
        MetadataCodec.write(w, metas[i]);
      }
      payload = w.toByteArray();
    } finally {
      lock.readLock().unlock();
    }
    String json = "{\"dimension\":" + dim + ",\"similarity\":\"" + similarity + "\"}";
    new ModelContainer(PROVIDER, FORMAT_VERSION, json, Provenance.now(0, "n=" + n), payload).writeTo(file);
  }

  private void loadFrom(Path file) throws IOException {
    ModelContainer c = ModelContainer.readFrom(file);
    c.require(PROVIDER, FORMAT_VERSION);
    ModelContainer.decode(file.toString(), () -> {
      decode(file, c);
      return null;
    });
  }

  private void decode(Path file, ModelContainer c) throws IOException {
    Payload.Reader r = Payload.reader(c.payload());
    String sim = r.getString();
    int d = r.getInt();
    if (!sim.equals(similarity.name()) || d != dim) {
      throw new ModelFormatException(file + ": saved index has dimension " + d + " and similarity " + sim
          + "; the configuration asks for dimension " + dim + " and similarity " + similarity);
    }
    int count = r.getCount(4);
    if (count < 0) {
      throw new ModelFormatException(file + ": negative vector count " + count);
    }
    List<String> ks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ks.add(r.getString());
    }
    float[] v = r.getFloats();
    if (v.length != (long) count * dim) {
      throw new ModelFormatException(file + ": expected " + (long) count * dim + " values, found " + v.length);
    }
    List<Metadata> ms = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ms.add(MetadataCodec.read(r));
    }
    r.requireEnd();
    float[] row = new float[dim];
    for (int i = 0; i < count; i++) {
      System.arraycopy(v, i * dim, row, 0, dim);
      try {
        upsert(ks.get(i), row, ms.get(i));
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file + ": vector " + i + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "ExactIndex[" + config + ", size=" + size() + ", kernels=" + kernels.name() + "]";
  }
}

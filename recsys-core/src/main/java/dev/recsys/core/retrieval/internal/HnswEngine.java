package dev.recsys.core.retrieval.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.RecsysVersion;
import dev.recsys.core.kernels.Workers;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The engine behind {@link dev.recsys.core.retrieval.LuceneHnswIndex} and
 * {@link dev.recsys.core.retrieval.LuceneEmbeddingStore}: keyed vectors with metadata and an optional model version
 * per vector, on Apache Lucene's HNSW graphs, in a directory on disk or in memory. The two public types are thin
 * facades over it; the manifest kind tells their directories apart.
 *
 * <p>Each vector is one Lucene document: the key (indexed and stored), the vector, the metadata (stored as one
 * binary field, and each value indexed under {@code m.<field>} for filters). {@link #put} replaces the document
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
 * <p>On disk, the directory holds a {@value IndexManifest#FILE_NAME} manifest (layout version, kind, dimension,
 * similarity, quantization), validated and checked against what the committed segments record (vector dimension
 * and similarity, and the quantization and kind every segment carries as field attributes) before the index opens,
 * and by default every file's checksum is verified on open; an incompatible or corrupted directory fails with a
 * {@link ModelFormatException} saying so. A new index writes its manifest before its first commit, so a crash during
 * creation leaves a directory that the next open completes. Keys and metadata values are limited to
 * {@value #MAX_TERM_BYTES} UTF-8 bytes (Lucene's term limit), checked before they reach Lucene.
 *
 * <p>Threads it uses: the engine creates none. The {@link ExecutorService} given to {@link #open} runs the other
 * workers of {@link #putAll bulk loads} and {@link #searchBatch batch searches} (the calling thread always works as
 * well) and, when {@link LuceneHnswConfig#mergeWorkers()} is above 1, the graph-building tasks of merges. It belongs
 * to the caller and is never shut down by the engine; without one everything runs on the calling thread.
 */
public final class HnswEngine implements Closeable {
  public static final String KEY = "_key";
  public static final String VECTOR = "_vec";
  public static final String META = "_meta";
  /** Key and metadata again as binary doc values: what search reads per hit (stored fields are the fallback). */
  public static final String KEY_VALUES = "_key_dv";
  public static final String META_VALUES = "_meta_dv";
  public static final String VERSION = "_version";
  /** The manifest kind of plain vector indexes. */
  public static final String KIND = "vector-index";
  /** The longest key or metadata value, in UTF-8 bytes (Lucene's term limit). */
  public static final int MAX_TERM_BYTES = IndexWriter.MAX_TERM_LENGTH;
  /** Field attributes recording the vectors' quantization and the index kind in every segment. */
  public static final String QUANTIZATION_ATTRIBUTE = "recsys.quantization";
  public static final String KIND_ATTRIBUTE = "recsys.kind";

  private final LuceneHnswConfig config;
  private final String kind;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  /** Runs the other workers of bulk loads and batch searches; null: the calling thread alone. Not owned. */
  private final ExecutorService executor;
  /** Runs the graph-building tasks of merges; null: the merging thread alone. Not owned. */
  private final ExecutorService mergeExecutor;
  /** Graph-building tasks per merge: {@link LuceneHnswConfig#mergeWorkers()}, or 1 without a merge executor. */
  private final int mergeWorkers;
  private final VectorSimilarityFunction function;
  private final org.apache.lucene.document.FieldType vectorType;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** True while {@link #bulkLoad} writes: new segments are written without a graph. Set under writeLock. */
  private volatile boolean deferGraphs;
  /** Live documents per model version in the newest searcher seen, computed once per point-in-time reader. */
  private volatile VersionCounts versionCounts;
  /** Keys written since the last refresh: true = upserted, false = deleted. Guarded by writeLock. */
  private final Map<String, Boolean> pending = new HashMap<>();
  /** Live-count change since the last refresh. Guarded by writeLock. */
  private int pendingDelta;
  private volatile boolean closed;

  private HnswEngine(LuceneHnswConfig config, String kind, ExecutorService executor) throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.executor = executor;
    this.mergeExecutor = config.mergeWorkers() > 1 ? executor : null;
    this.mergeWorkers = mergeExecutor == null ? 1 : config.mergeWorkers();
    this.function = switch (config.similarity()) {
      case COSINE -> VectorSimilarityFunction.COSINE;
      case DOT_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
    };
    org.apache.lucene.document.FieldType vt = new org.apache.lucene.document.FieldType(
        KnnFloatVectorField.createFieldType(config.dimension(), function));
    vt.putAttribute(QUANTIZATION_ATTRIBUTE, config.quantization().name());
    vt.putAttribute(KIND_ATTRIBUTE, kind);
    vt.freeze();
    this.vectorType = vt;
    Directory dir = null;
    IndexWriter w = null;
    try {
      boolean existing = false;
      if (config.path() == null) {
        dir = new ByteBuffersDirectory();
      } else {
        Path p = Path.of(config.path());
        existing = checkManifest(p, config, kind);
        Files.createDirectories(p);
        dir = FSDirectory.open(p);
      }
      IndexWriterConfig iwc = new IndexWriterConfig()
          .setCodec(codec())
          .setRAMBufferSizeMB(config.ramBufferMb())
          .setCommitOnClose(false)
          .setOpenMode(existing ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      try {
        if (existing && config.verifyOnOpen()) {
          try (DirectoryReader r = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : r.leaves()) {
              leaf.reader().checkIntegrity();
            }
          }
        }
        w = new IndexWriter(dir, iwc);
      } catch (CorruptIndexException | EOFException | NoSuchFileException e) {
        throw new ModelFormatException(where() + " is corrupted (" + e.getMessage() + "); delete it and rebuild the index", e);
      } catch (IndexFormatTooNewException e) {
        throw new ModelFormatException(where() + " was written by a newer Lucene than " + org.apache.lucene.util.Version.LATEST
            + " (" + e.getMessage() + "); upgrade recsys or rebuild the index", e);
      } catch (IndexFormatTooOldException e) {
        throw new ModelFormatException(where() + " was written by an older, unsupported Lucene (" + e.getMessage()
            + "); rebuild the index", e);
      } catch (LockObtainFailedException e) {
        throw new IOException(where() + " is open for writing by another index or process (" + e.getMessage() + ")", e);
      }
      if (existing) {
        upgradeManifest(Path.of(config.path()), config.quantization());
      }
      if (config.path() != null && !existing) {
        // manifest first: a crash before the commit leaves a creation that the next open completes
        manifest(config, kind).write(Path.of(config.path()));
        w.commit();
      }
      this.directory = dir;
      this.writer = w;
      this.searchers = new SearcherManager(w, true, false, null);
    } catch (IOException | RuntimeException e) {
      if (w != null) {
        w.rollback();
      }
      if (dir != null) {
        dir.close();
      }
      throw e;
    }
  }

  /**
   * Opens (or creates) the index of {@code config}.
   *
   * @param config the configuration
   * @param kind the manifest kind ({@link #KIND} for vector indexes; the embedding store has its own)
   * @param executor runs the other workers of bulk loads, batch searches and merges; owned by the caller; null runs
   *     everything on the calling thread
   * @return the engine
   * @throws IOException if the directory cannot be read or is malformed
   */
  public static HnswEngine open(LuceneHnswConfig config, String kind, ExecutorService executor) throws IOException {
    return new HnswEngine(config, kind, executor);
  }

  /**
   * Opens an existing index directory with the dimension, similarity, quantization and graph parameters recorded
   * in its manifest, and default search settings.
   *
   * @param dir the directory
   * @param executor as for {@link #open}
   * @return the engine
   * @throws ModelFormatException if {@code dir} holds no index, an incompatible one or a corrupted one
   * @throws IOException if the directory cannot be read
   */
  public static HnswEngine openExisting(Path dir, ExecutorService executor) throws IOException {
    if (!Files.isRegularFile(dir.resolve(IndexManifest.FILE_NAME))) {
      throw new ModelFormatException(dir + " is not a recsys vector index (no " + IndexManifest.FILE_NAME + ")");
    }
    IndexManifest m = IndexManifest.read(dir);
    LuceneHnswConfig c;
    try {
      c = LuceneHnswConfig.builder().path(dir).dimension(m.dimension())
          .similarity(parse(Similarity.class, m.similarity(), dir)).quantization(parse(Quantization.class, m.quantization(), dir))
          .maxConnections(m.maxConnections()).beamWidth(m.beamWidth()).build();
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(dir.resolve(IndexManifest.FILE_NAME) + ": invalid index manifest: " + e.getMessage(), e);
    }
    return new HnswEngine(c, m.kind(), executor);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String name, Path dir) throws ModelFormatException {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelFormatException(dir.resolve(IndexManifest.FILE_NAME) + ": unknown " + type.getSimpleName() + " '" + name + "'");
    }
  }

  /**
   * The manifest layout version an index of {@code q} needs: 2 when its segments are written with
   * {@link QuantizedHnswFormat} (8, 7 and 4 bits), else 1, so that older readers keep reading the others.
   */
  private static int formatVersion(Quantization q) {
    return q == Quantization.INT8 || q == Quantization.INT7 || q == Quantization.INT4 ? 2 : 1;
  }

  /**
   * Raises the manifest's layout version of an existing index to what this code writes into it, before it writes:
   * an 8-, 7- or 4-bit index created as version 1 (Lucene's quantized format) gets its new segments in
   * {@link QuantizedHnswFormat}, which version-1 readers refuse by the manifest instead of failing in Lucene.
   */
  private static void upgradeManifest(Path dir, Quantization q) throws IOException {
    IndexManifest m = IndexManifest.read(dir);
    int needed = formatVersion(q);
    if (m.formatVersion() < needed) {
      new IndexManifest(m.format(), needed, m.kind(), m.dimension(), m.similarity(), m.quantization(), m.maxConnections(),
          m.beamWidth(), m.luceneVersion(), m.recsysVersion()).write(dir);
    }
  }

  private static IndexManifest manifest(LuceneHnswConfig c, String kind) {
    return new IndexManifest(IndexManifest.FORMAT, formatVersion(c.quantization()), kind, c.dimension(), c.similarity().name(),
        c.quantization().name(), c.maxConnections(), c.beamWidth(), org.apache.lucene.util.Version.LATEST.toString(),
        RecsysVersion.get());
  }

  /** True if {@code dir} holds an index; checks its manifest against the configuration. */
  private static boolean checkManifest(Path dir, LuceneHnswConfig c, String kind) throws IOException {
    if (!Files.isDirectory(dir)) {
      if (Files.exists(dir)) {
        throw new IOException(dir + " exists and is not a directory");
      }
      return false;
    }
    boolean hasManifest = Files.isRegularFile(dir.resolve(IndexManifest.FILE_NAME));
    if (!hasManifest) {
      rollBackHalfCreated(dir);
      try (var files = Files.list(dir)) {
        if (files.anyMatch(f -> !f.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME))) {
          throw new ModelFormatException(dir + " is not empty and is not a recsys vector index (no "
              + IndexManifest.FILE_NAME + "); refusing to write into it");
        }
      }
      return false;
    }
    IndexManifest m = IndexManifest.read(dir);
    if (!hasCommit(dir)) {
      // the manifest is written before the first commit: a crash in between leaves a creation to complete
      return false;
    }
    checkSegments(dir, m);
    List<String> problems = new ArrayList<>();
    if (!m.kind().equals(kind)) {
      problems.add("it is a " + m.kind() + ", not " + article(kind) + " " + kind);
    }
    if (m.dimension() != c.dimension()) {
      problems.add("dimension " + m.dimension() + " vs configured " + c.dimension());
    }
    if (!m.similarity().equals(c.similarity().name())) {
      problems.add("similarity " + m.similarity() + " vs configured " + c.similarity());
    }
    if (!m.quantization().equals(c.quantization().name())) {
      problems.add("quantization " + m.quantization() + " vs configured " + c.quantization());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("index at " + dir + " does not match the configuration: " + String.join("; ", problems));
    }
    return true;
  }

  private static boolean hasCommit(Path dir) throws IOException {
    try (Directory d = FSDirectory.open(dir)) {
      return DirectoryReader.indexExists(d);
    }
  }

  /**
   * Rolls back a creation cut short before the manifest was written: a directory holding nothing but Lucene files
   * (a lock, or an empty first commit as earlier releases wrote it before their manifest) is emptied, under the
   * index's write lock so that a live writer's directory is never touched. Temporary manifest files of dead
   * writers are removed too.
   */
  private static void rollBackHalfCreated(Path dir) throws IOException {
    dev.recsys.core.io.AtomicFiles.removeOrphans(dir.resolve(IndexManifest.FILE_NAME));
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.toList();
    }
    if (files.isEmpty() || !files.stream().allMatch(f -> isLuceneFile(f.getFileName().toString()))) {
      return;
    }
    try (Directory d = FSDirectory.open(dir); org.apache.lucene.store.Lock lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      if (DirectoryReader.indexExists(d)) {
        try (DirectoryReader r = DirectoryReader.open(d)) {
          if (r.maxDoc() != 0) {
            return;
          }
        }
      }
      for (Path f : files) {
        if (!f.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      return;
    }
    dev.recsys.core.io.AtomicFiles.fsyncDirectory(dir);
  }

  private static boolean isLuceneFile(String name) {
    return name.startsWith("segments") || name.equals("write.lock") || name.startsWith("_") || name.startsWith("pending_segments");
  }

  /**
   * Checks the manifest against what the committed segments record about their vectors: dimension, similarity,
   * and (for segments written since these attributes exist) quantization and kind.
   *
   * @throws ModelFormatException naming the manifest value and the segment's
   */
  private static void checkSegments(Path dir, IndexManifest m) throws IOException {
    VectorSimilarityFunction expected = switch (Similarity.valueOf(m.similarity())) {
      case COSINE -> VectorSimilarityFunction.COSINE;
      case DOT_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
      case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
    };
    Path file = dir.resolve(IndexManifest.FILE_NAME);
    try (Directory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : r.leaves()) {
        org.apache.lucene.index.FieldInfo fi = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
        if (fi == null) {
          continue;
        }
        List<String> problems = new ArrayList<>();
        if (fi.getVectorDimension() != m.dimension()) {
          problems.add("dimension " + m.dimension() + " but the vectors have dimension " + fi.getVectorDimension());
        }
        if (fi.getVectorSimilarityFunction() != expected) {
          problems.add("similarity " + m.similarity() + " but the vectors were indexed for " + fi.getVectorSimilarityFunction());
        }
        String q = fi.getAttribute(QUANTIZATION_ATTRIBUTE);
        if (q != null && !q.equals(m.quantization())) {
          problems.add("quantization " + m.quantization() + " but the vectors are quantized " + q);
        }
        String k = fi.getAttribute(KIND_ATTRIBUTE);
        if (k != null && !k.equals(m.kind())) {
          problems.add("kind " + m.kind() + " but the segments belong to " + article(k) + " " + k);
        }
        if (!problems.isEmpty()) {
          throw new ModelFormatException(file + " does not match the index: the manifest says " + String.join("; ", problems)
              + "; the manifest is corrupted: restore it or rebuild the index");
        }
      }
    } catch (CorruptIndexException | EOFException | NoSuchFileException e) {
      throw new ModelFormatException(dir + " is corrupted (" + e.getMessage() + "); delete it and rebuild the index", e);
    }
  }

  private static String article(String noun) {
    return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
  }

  private String where() {
    return config.path() == null ? "in-memory index" : "index at " + config.path();
  }

  /**
   * The codec: Lucene's, with the configured vectors format. While {@link #bulkLoad} writes, new segments get the
   * same format with graph building switched off (Lucene's tiny-segment threshold at its maximum: the vectors are
   * written, no graph), and the merge that follows builds the one graph with {@link LuceneHnswConfig#mergeWorkers()}
   * tasks on the executor. Both write the same on-disk format (a segment without a graph is searched exactly until merged).
   */
  private org.apache.lucene.codecs.Codec codec() {
    KnnVectorsFormat format = vectorsFormat(Lucene99HnswVectorsFormat.HNSW_GRAPH_THRESHOLD);
    KnnVectorsFormat withoutGraph = vectorsFormat(Integer.MAX_VALUE);
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return deferGraphs ? withoutGraph : format;
      }
    };
  }

  /** The vectors format; segments below {@code tinySegmentsThreshold} (Lucene's measure) get no graph. */
  private KnnVectorsFormat vectorsFormat(int tinySegmentsThreshold) {
    return switch (config.quantization()) {
      case NONE -> new Lucene99HnswVectorsFormat(config.maxConnections(), config.beamWidth(), mergeWorkers,
          mergeExecutor, tinySegmentsThreshold);
      case INT8 -> quantized(ScalarEncoding.UNSIGNED_BYTE, tinySegmentsThreshold);
      case INT7 -> quantized(ScalarEncoding.SEVEN_BIT, tinySegmentsThreshold);
      case INT4 -> quantized(ScalarEncoding.PACKED_NIBBLE, tinySegmentsThreshold);
      case BINARY -> quantized(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, tinySegmentsThreshold);
    };
  }

  /**
   * 8-, 7- and 4-bit indexes are written as Lucene's quantized HNSW format under recsys's name, which Lucene reopens
   * with recsys's reader (a leaner query scorer); 1-bit indexes use Lucene's format as is.
   */
  private KnnVectorsFormat quantized(ScalarEncoding encoding, int tinySegmentsThreshold) {
    if (encoding != ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE) {
      return new QuantizedHnswFormat(encoding, config.maxConnections(), config.beamWidth(), mergeWorkers,
          mergeExecutor, tinySegmentsThreshold);
    }
    return new Lucene104HnswScalarQuantizedVectorsFormat(encoding, config.maxConnections(), config.beamWidth(),
        mergeWorkers, mergeExecutor, tinySegmentsThreshold);
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LuceneHnswConfig config() {
    return config;
  }

  /**
   * Live vectors, counting writes not yet refreshed.
   *
   * @return the number of live vectors
   */
  public int size() {
    writeLock.lock();
    try {
      ensureOpen();
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs() + pendingDelta;
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Number of segments of the current searcher (each has its own graph; fewer is faster).
   *
   * @return the number of segments of the current searcher (each has its own graph; fewer is faster)
   * @throws IOException if an I/O error occurs
   */
  public int segmentCount() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.getIndexReader().leaves().size();
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Adds or replaces the vector of {@code key}; visible after the next {@link #refresh()} or {@link #commit()}.
   *
   * @param key the key
   * @param vector the vector, of the configured dimension
   * @param metadata the metadata
   * @param version the model version, or null (plain indexes)
   * @throws IOException if an I/O error occurs
   */
  public void put(String key, float[] vector, Metadata metadata, String version) throws IOException {
    VectorChecks.key(key);
    VectorChecks.vector("vector", key, vector, config.dimension(), config.similarity());
    Objects.requireNonNull(metadata, "metadata");
    checkTermLengths(key, metadata);
    Document doc = document(key, vector, metadata, version);
    writeLock.lock();
    try {
      ensureOpen();
      boolean present = present(key);
      writer.updateDocument(new Term(KEY, key), doc);
      pending.put(key, Boolean.TRUE);
      if (!present) {
        pendingDelta++;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Loads many vectors and merges the whole index into one segment whose graph is built once, on
   * {@link LuceneHnswConfig#mergeWorkers()} tasks, then commits: what {@link #putAll} followed by
   * {@link #optimize()} leaves, without building a graph per loaded segment that the merge then rebuilds. The
   * {@code threads} indexing threads only write vectors and fields. Until the merge ends, searches see the previous
   * state; if it fails, the loaded segments are searched exactly (correct, slower) until the next
   * {@link #optimize()}.
   *
   * @param keys one key per row, distinct
   * @param data {@code keys.size() * dimension} values, row-major
   * @param metadata one entry per key
   * @param version the model version of every row, or null
   * @param threads indexing workers, in [1, 64]
   * @throws IOException if an I/O error occurs
   */
  public void bulkLoad(List<String> keys, float[] data, List<Metadata> metadata, String version, int threads)
      throws IOException {
    writeLock.lock();
    try {
      ensureOpen();
      writer.flush(); // earlier writes keep their own segments (and graphs)
      deferGraphs = true;
      try {
        putAll(keys, data, metadata, version, threads);
        writer.flush();
      } finally {
        deferGraphs = false;
      }
      optimize();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Loads many vectors at once, indexing with {@code threads} workers (each builds the graph of the segment it
   * writes). Keys must be distinct; existing keys are replaced. Visibility and durability as for {@link #put}.
   *
   * @param keys one key per row
   * @param data {@code keys.size() * dimension} values, row-major
   * @param metadata one entry per key
   * @param version the model version of every row, or null
   * @param threads indexing workers, the caller's included, in [1, 64]
   * @throws IOException if an I/O error occurs
   */
  public void putAll(List<String> keys, float[] data, List<Metadata> metadata, String version, int threads)
      throws IOException {
    int d = config.dimension();
    dev.recsys.core.util.Checks.inRange("threads", threads, 1, 64);
    if ((long) keys.size() * d != data.length) {
      throw new IllegalArgumentException("data must hold keys*dimension=" + (long) keys.size() * d + " values; has " + data.length);
    }
    if (metadata.size() != keys.size()) {
      throw new IllegalArgumentException("need one metadata entry per key; " + metadata.size() + " vs " + keys.size());
    }
    Set<String> seen = new HashSet<>();
    float[] row = new float[d];
    for (int i = 0; i < keys.size(); i++) {
      String key = VectorChecks.key(keys.get(i));
      if (!seen.add(key)) {
        throw new IllegalArgumentException("duplicate key '" + key + "' at rows " + keys.indexOf(key) + " and " + i);
      }
      System.arraycopy(data, i * d, row, 0, d);
      VectorChecks.vector("vector", key, row, d, config.similarity());
      Objects.requireNonNull(metadata.get(i), "metadata");
      checkTermLengths(key, metadata.get(i));
    }
    writeLock.lock();
    try {
      ensureOpen();
      boolean[] replace = new boolean[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        replace[i] = present(key);
        pending.put(key, Boolean.TRUE);
        if (!replace[i]) {
          pendingDelta++;
        }
      }
      int n = keys.size();
      int parts = Math.max(1, Math.min(threads, n / 1024));
      int step = (n + parts - 1) / parts;
      AtomicInteger next = new AtomicInteger();
      Workers.run(executor, parts, () -> {
        for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
          indexRows(keys, data, metadata, version, replace, p * step, Math.min(n, p * step + step));
        }
      });
    } finally {
      writeLock.unlock();
    }
  }

  private void indexRows(List<String> keys, float[] data, List<Metadata> metadata, String version, boolean[] replace,
      int from, int to) throws IOException {
    int d = config.dimension();
    for (int i = from; i < to; i++) {
      float[] v = java.util.Arrays.copyOfRange(data, i * d, i * d + d);
      Document doc = document(keys.get(i), v, metadata.get(i), version);
      if (replace[i]) {
        writer.updateDocument(new Term(KEY, keys.get(i)), doc);
      } else {
        writer.addDocument(doc);
      }
    }
  }

  /**
   * Keys and metadata values are indexed as single terms, which Lucene caps at {@value #MAX_TERM_BYTES} UTF-8
   * bytes; longer ones are refused here with the key, the field and the bound.
   */
  private static void checkTermLengths(String key, Metadata metadata) {
    int kb = utf8Length(key);
    if (kb > MAX_TERM_BYTES) {
      throw new IllegalArgumentException("key must be at most " + MAX_TERM_BYTES + " UTF-8 bytes; key '"
          + key.substring(0, 40) + "...' has " + kb);
    }
    for (Map.Entry<String, List<String>> e : metadata.fields().entrySet()) {
      for (String v : e.getValue()) {
        int vb = utf8Length(v);
        if (vb > MAX_TERM_BYTES) {
          throw new IllegalArgumentException("metadata value must be at most " + MAX_TERM_BYTES + " UTF-8 bytes; field '"
              + e.getKey() + "' of key '" + key + "' has a value of " + vb);
        }
      }
    }
  }

  private static int utf8Length(String s) {
    if (s.length() * 3 <= MAX_TERM_BYTES) {
      return s.length();
    }
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private Document document(String key, float[] vector, Metadata metadata, String version) {
    Document doc = new Document();
    doc.add(new StringField(KEY, key, Field.Store.YES));
    doc.add(new KnnFloatVectorField(VECTOR, vector.clone(), vectorType));
    BytesRef meta = new BytesRef(MetadataCodec.encode(metadata));
    doc.add(new StoredField(META, meta));
    doc.add(new BinaryDocValuesField(KEY_VALUES, new BytesRef(key)));
    doc.add(new BinaryDocValuesField(META_VALUES, meta));
    if (version != null) {
      doc.add(new StringField(VERSION, version, Field.Store.YES));
    }
    for (Map.Entry<String, List<String>> e : metadata.fields().entrySet()) {
      for (String v : e.getValue()) {
        doc.add(new StringField(LuceneFilters.META_PREFIX + e.getKey(), v, Field.Store.NO));
      }
    }
    return doc;
  }

  /**
   * As {@link VectorIndex#delete}.
   *
   * @param key the key
   * @return whether the key was live
   * @throws IOException if an I/O error occurs
   */
  public boolean delete(String key) throws IOException {
    Objects.requireNonNull(key, "key");
    writeLock.lock();
    try {
      ensureOpen();
      boolean present = present(key);
      if (present) {
        writer.deleteDocuments(new Term(KEY, key));
        pending.put(key, Boolean.FALSE);
        pendingDelta--;
      }
      return present;
    } finally {
      writeLock.unlock();
    }
  }

  /** Whether a key is live counting unrefreshed writes. Caller holds writeLock. */
  private boolean present(String key) throws IOException {
    Boolean p = pending.get(key);
    if (p != null) {
      return p;
    }
    IndexSearcher s = searchers.acquire();
    try {
      return find(s, key) != null;
    } finally {
      searchers.release(s);
    }
  }

  /** The live document of a key in a searcher, or null. */
  private static DocRef find(IndexSearcher s, String key) throws IOException {
    BytesRef term = new BytesRef(key);
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      LeafReader r = leaf.reader();
      Terms terms = r.terms(KEY);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term)) {
        continue;
      }
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      var live = r.getLiveDocs();
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        if (live == null || live.get(doc)) {
          return new DocRef(leaf, doc);
        }
      }
    }
    return null;
  }

  private record DocRef(LeafReaderContext leaf, int doc) {}

  /**
   * As {@link VectorIndex#refresh}.
   *
   * @throws IOException if an I/O error occurs
   */
  public void refresh() throws IOException {
    publish(false, false);
  }

  /**
   * As {@link VectorIndex#commit}.
   *
   * @throws IOException if an I/O error occurs
   */
  public void commit() throws IOException {
    publish(false, true);
  }

  /**
   * Merges the index into one segment (one graph, the fastest to search), with {@link LuceneHnswConfig#mergeWorkers()}
   * graph-building tasks, then commits. Searches continue meanwhile on the previous segments.
   *
   * @throws IOException if an I/O error occurs
   */
  public void optimize() throws IOException {
    publish(true, true);
  }

  /**
   * Under the write lock: merges into one segment if {@code merge}, commits if {@code commit}, then opens the
   * searcher that sees every write so far.
   */
  private void publish(boolean merge, boolean commit) throws IOException {
    writeLock.lock();
    try {
      ensureOpen();
      if (merge) {
        writer.forceMerge(1);
      }
      if (commit) {
        writer.commit();
      }
      searchers.maybeRefreshBlocking();
      pending.clear();
      pendingDelta = 0;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * A stored entry.
   *
   * @param vector the vector (a copy)
   * @param metadata the metadata
   * @param version the model version, or null (plain indexes)
   */
  public record StoredVector(float[] vector, Metadata metadata, String version) {}

  /**
   * The stored entry of a key in the current point-in-time view, if live.
   *
   * @param key the key
   * @return the entry, if the key is live
   * @throws IOException if an I/O error occurs
   */
  public Optional<StoredVector> stored(String key) throws IOException {
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      DocRef ref = find(s, key);
      if (ref == null) {
        return Optional.empty();
      }
      FloatVectorValues values = ref.leaf().reader().getFloatVectorValues(VECTOR);
      KnnVectorValues.DocIndexIterator it = values.iterator();
      if (it.advance(ref.doc()) != ref.doc()) {
        throw new IllegalStateException(where() + ": document of key '" + key + "' has no vector");
      }
      float[] v = values.vectorValue(it.index()).clone();
      var doc = ref.leaf().reader().storedFields().document(ref.doc(), Set.of(META, VERSION));
      BytesRef meta = doc.getBinaryValue(META);
      return Optional.of(new StoredVector(v, MetadataCodec.decode(meta.bytes, meta.offset, meta.length), doc.get(VERSION)));
    } finally {
      searchers.release(s);
    }
  }

  /**
   * A search restricted to one model version (null: all documents), on one point-in-time searcher. An unknown
   * version is reported before the query's own checks.
   *
   * @param query the query vector
   * @param k the number of hits
   * @param filter the search filter
   * @param version the model version, or null
   * @return the hits, best first
   * @throws IllegalArgumentException if {@code version} is not null and has no live document
   * @throws IOException if an I/O error occurs
   */
  public List<SearchHit> search(float[] query, int k, SearchFilter filter, String version) throws IOException {
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      if (version != null) {
        Map<String, Integer> counts = versionCounts(s);
        int count = counts.getOrDefault(version, 0);
        if (count == 0) {
          throw new IllegalArgumentException("the store holds no embeddings of model version '" + version
              + "'; versions present: " + new java.util.TreeSet<>(counts.keySet()));
        }
        if (count == s.getIndexReader().numDocs()) {
          version = null; // every live document has this version: the filter would keep them all
        }
      }
      VectorChecks.vector("query", null, query, config.dimension(), config.similarity());
      VectorChecks.k(k);
      Objects.requireNonNull(filter, "filter");
      return search(s, query.clone(), k, filter, version);
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Searches every query on the same point-in-time searcher, on the calling thread and the executor's workers.
   *
   * @param queries the query vectors
   * @param k the number of hits per query
   * @param filter the search filter
   * @return the hits of each query, in query order
   * @throws IOException if an I/O error occurs
   */
  public List<List<SearchHit>> searchBatch(List<float[]> queries, int k, SearchFilter filter) throws IOException {
    VectorChecks.k(k);
    Objects.requireNonNull(filter, "filter");
    int m = queries.size();
    float[][] qs = new float[m][];
    for (int i = 0; i < m; i++) {
      qs[i] = VectorChecks.vector("query " + i, null, queries.get(i), config.dimension(), config.similarity()).clone();
    }
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      @SuppressWarnings({"unchecked", "rawtypes"})
      List<SearchHit>[] out = new List[m];
      int parts = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, m / 4));
      int step = (m + parts - 1) / parts;
      AtomicInteger next = new AtomicInteger();
      Workers.run(executor, parts, () -> {
        for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
          for (int i = p * step, to = Math.min(m, p * step + step); i < to; i++) {
            out[i] = search(s, qs[i], k, filter, null);
          }
        }
      });
      return List.of(out);
    } finally {
      searchers.release(s);
    }
  }

  /** A search on {@code s}; {@code version} (null: none) filters by model version. */
  private List<SearchHit> search(IndexSearcher s, float[] q, int k, SearchFilter filter, String version) throws IOException {
    if (version == null && filter.anyOf().isEmpty() && !filter.excludeKeys().isEmpty()
        && k + filter.excludeKeys().size() <= Math.max(config.searchCandidates(), 4 * k)) {
      // A short exclusion list (e.g. the tracks a listener has heard) is cheaper to apply after an unfiltered search
      // for k + |excluded| hits than as a Lucene filter, which builds a bit set over every document per query. When
      // too few hits survive, the filtered search below runs and still returns k when the index has k others.
      int wanted = k + filter.excludeKeys().size();
      List<SearchHit> all = search(s, q, wanted, SearchFilter.NONE, null);
      List<SearchHit> kept = new ArrayList<>(k);
      for (SearchHit h : all) {
        if (!filter.excludeKeys().contains(h.key())) {
          kept.add(h);
          if (kept.size() == k) {
            return kept;
          }
        }
      }
    }
    Query luceneFilter = LuceneFilters.toQuery(filter, KEY, version == null ? null : new Term(VERSION, version));
    int candidates = Math.max(k, config.searchCandidates());
    TopDocs top;
    if (config.quantization() == Quantization.NONE) {
      top = s.search(new KnnFloatVectorQuery(VECTOR, q, candidates, luceneFilter), k);
    } else {
      // The graph walk scores quantized vectors with the same beam as a float search; only the best
      // ceil(k * oversample) of its candidates are re-scored with the float vectors.
      int rescored = rescoredCandidates(k);
      top = rescore(s, s.search(new KnnFloatVectorQuery(VECTOR, q, Math.max(candidates, rescored), luceneFilter), rescored), q, k);
    }
    return hits(s, top.scoreDocs);
  }

  /** Quantized candidates re-scored with full precision for a top-{@code k} search: {@code ceil(k * oversample)}. */
  private int rescoredCandidates(int k) {
    return (int) Math.min(VectorIndex.MAX_K * 10L, (long) Math.ceil(k * config.oversample()));
  }

  /**
   * The hits of {@code docs} (best first) with their keys and metadata, read from binary doc values (a few memory
   * reads per hit) in document order; documents of segments written without those doc values fall back to stored
   * fields (a block decompression per hit).
   */
  private List<SearchHit> hits(IndexSearcher s, ScoreDoc[] docs) throws IOException {
    int m = docs.length;
    long[] order = documentOrder(docs);
    SearchHit[] out = new SearchHit[m];
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    int leafIndex = -1;
    BinaryDocValues keys = null;
    BinaryDocValues metas = null;
    StoredFields fields = null;
    for (long packed : order) {
      int i = (int) packed;
      ScoreDoc sd = docs[i];
      int li = org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves);
      LeafReaderContext leaf = leaves.get(li);
      if (li != leafIndex) {
        leafIndex = li;
        keys = leaf.reader().getBinaryDocValues(KEY_VALUES);
        metas = leaf.reader().getBinaryDocValues(META_VALUES);
      }
      int local = sd.doc - leaf.docBase;
      if (keys != null && metas != null && keys.advanceExact(local) && metas.advanceExact(local)) {
        BytesRef key = keys.binaryValue();
        BytesRef meta = metas.binaryValue();
        out[i] = new SearchHit(key.utf8ToString(), score(sd.score), MetadataCodec.decode(meta.bytes, meta.offset, meta.length));
      } else {
        if (fields == null) {
          fields = s.storedFields();
        }
        var doc = fields.document(sd.doc, Set.of(KEY, META));
        BytesRef meta = doc.getBinaryValue(META);
        out[i] = new SearchHit(doc.get(KEY), score(sd.score), MetadataCodec.decode(meta.bytes, meta.offset, meta.length));
      }
    }
    return new ArrayList<>(java.util.Arrays.asList(out));
  }

  /**
   * The positions of {@code docs} in document order: each entry packs the document (high 32 bits) above its position
   * in {@code docs} (low 32 bits), sorted, so that per-segment readers move forward only.
   */
  private static long[] documentOrder(ScoreDoc[] docs) {
    long[] order = new long[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = (long) docs[i].doc << 32 | i;
    }
    java.util.Arrays.sort(order);
    return order;
  }

  /**
   * Re-scores quantized candidates with the full-precision vectors and keeps the best {@code k} (what
   * Lucene's {@code RescoreTopNQuery} does, without its failure on an empty candidate list).
   */
  private TopDocs rescore(IndexSearcher s, TopDocs candidates, float[] q, int k) throws IOException {
    ScoreDoc[] docs = candidates.scoreDocs;
    int m = docs.length;
    long[] order = documentOrder(docs); // forward-only vector iterators
    float[] scores = new float[m];
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    int leafIndex = -1;
    FloatVectorValues values = null;
    KnnVectorValues.DocIndexIterator it = null;
    for (long packed : order) {
      int doc = (int) (packed >>> 32);
      int li = org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        values = leaves.get(li).reader().getFloatVectorValues(VECTOR);
        it = values.iterator();
      }
      int local = doc - leaves.get(li).docBase;
      if (it.docID() > local || it.advance(local) != local) {
        throw new IllegalStateException(where() + ": candidate document " + doc + " has no vector");
      }
      scores[(int) packed] = function.compare(q, values.vectorValue(it.index()));
    }
    // the best k by exact score, ties by document: insertion into a short sorted array
    int keep = Math.min(k, m);
    ScoreDoc[] top = new ScoreDoc[keep];
    int size = 0;
    for (int i = 0; i < m; i++) {
      float score = scores[i];
      int doc = docs[i].doc;
      if (size == keep && !better(score, doc, top[keep - 1])) {
        continue;
      }
      int j = size == keep ? keep - 1 : size++;
      while (j > 0 && better(score, doc, top[j - 1])) {
        top[j] = top[j - 1];
        j--;
      }
      top[j] = new ScoreDoc(doc, score);
    }
    return new TopDocs(candidates.totalHits, top);
  }

  private static boolean better(float score, int doc, ScoreDoc than) {
    return score > than.score || (score == than.score && doc < than.doc);
  }

  /** Converts Lucene's non-negative score back to the {@link Similarity} definition. */
  private float score(float lucene) {
    return switch (config.similarity()) {
      case COSINE -> 2 * lucene - 1;
      case DOT_PRODUCT -> lucene < 1 ? 1 - 1 / lucene : lucene - 1;
      case EUCLIDEAN -> lucene;
    };
  }

  /**
   * Calls {@code action} with the key and metadata of every vector visible to searches (one point-in-time view),
   * in index order. Intended for listings and lookups by metadata, not for hot paths.
   *
   * @param action the action
   * @throws IOException if an I/O error occurs
   */
  public void forEach(java.util.function.BiConsumer<String, Metadata> action) throws IOException {
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      Set<String> wanted = Set.of(KEY, META);
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        LeafReader r = leaf.reader();
        var live = r.getLiveDocs();
        StoredFields fields = r.storedFields();
        for (int doc = 0; doc < r.maxDoc(); doc++) {
          if (live == null || live.get(doc)) {
            var d = fields.document(doc, wanted);
            BytesRef meta = d.getBinaryValue(META);
            action.accept(d.get(KEY), MetadataCodec.decode(meta.bytes, meta.offset, meta.length));
          }
        }
      }
    } finally {
      searchers.release(s);
    }
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
    ensureOpen();
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs top = s.search(new TermQuery(new Term(LuceneFilters.META_PREFIX + field, value)), VectorIndex.MAX_K);
      List<String> keys = new ArrayList<>();
      StoredFields fields = s.storedFields();
      for (ScoreDoc sd : top.scoreDocs) {
        keys.add(fields.document(sd.doc, Set.of(KEY)).get(KEY));
      }
      return keys;
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Live documents of a model version in the current point-in-time view.
   *
   * @param version the model version
   * @return the number of live documents of {@code version}
   * @throws IOException if an I/O error occurs
   */
  public int count(String version) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return versionCounts(s).getOrDefault(version, 0);
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Model versions with at least one live document, sorted.
   *
   * @return the versions
   * @throws IOException if an I/O error occurs
   */
  public Set<String> versions() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return new java.util.TreeSet<>(versionCounts(s).keySet());
    } finally {
      searchers.release(s);
    }
  }

  /** Live-document counts per version of one reader, keyed by the reader's cache key. */
  private record VersionCounts(Object readerKey, Map<String, Integer> counts) {}

  /** Live documents per version in {@code s}'s reader: computed once per reader (per refresh), then reused. */
  private Map<String, Integer> versionCounts(IndexSearcher s) throws IOException {
    IndexReader reader = s.getIndexReader();
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    Object key = helper == null ? reader : helper.getKey();
    VersionCounts cached = versionCounts;
    if (cached != null && cached.readerKey() == key) {
      return cached.counts();
    }
    Map<String, Integer> counts = new HashMap<>();
    PostingsEnum postings = null;
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(VERSION);
      if (terms == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        int c = 0;
        if (live == null) {
          c = te.docFreq();
        } else {
          postings = te.postings(postings, PostingsEnum.NONE);
          for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
            if (live.get(d)) {
              c++;
            }
          }
        }
        if (c > 0) {
          counts.merge(t.utf8ToString(), c, Integer::sum);
        }
      }
    }
    Map<String, Integer> frozen = Map.copyOf(counts);
    versionCounts = new VersionCounts(key, frozen);
    return frozen;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(where() + " is closed");
    }
  }

  /** Closes without committing: writes since the last {@link #commit()} are discarded. The executor stays open. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        searchers.close();
        writer.rollback();
      } finally {
        directory.close();
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "HnswEngine[" + kind + ", " + config + "]";
  }
}

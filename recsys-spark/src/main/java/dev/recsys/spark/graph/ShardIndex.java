package dev.recsys.spark.graph;

import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.SearchFilter;
import dev.recsys.core.spi.SearchHit;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.kernels.TopK;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One shard of the sharded kNN build, in a form Spark can cache and ship: the shard's rows and unit vectors and,
 * for {@link KnnGraphOptions.Search#HNSW}, the files of a Lucene HNSW index over them. Built once per shard and
 * opened by every task that queries the shard ({@link #open}).
 *
 * <p>Scores are recomputed from the unit vectors in the single-machine build's float arithmetic, so a neighbour's
 * weight is the same bit for bit whichever way it was found; the exact search orders ties by the smaller row, as
 * the single-machine {@code SimilarityGraphBuilder.exact} does.
 */
public final class ShardIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The shard number. */
  private final int shard;
  /** Components of every unit vector. */
  private final int dimension;
  /** The tracks' row indexes in the full catalogue, ascending. */
  private final int[] rows;
  /** The tracks' unit vectors, row-major in the order of {@code rows}. */
  private final float[] unit;
  /** File name to content of the Lucene HNSW index over the shard, or null for exact search. */
  private final Map<String, byte[]> luceneFiles;
  /** Candidates an HNSW search collects before the exact re-scoring. */
  private final int searchCandidates;

  private ShardIndex(int shard, int dimension, int[] rows, float[] unit, Map<String, byte[]> luceneFiles, int searchCandidates) {
    this.shard = shard;
    this.dimension = dimension;
    this.rows = rows;
    this.unit = unit;
    this.luceneFiles = luceneFiles;
    this.searchCandidates = searchCandidates;
  }

  /**
   * Builds the shard over {@code rows} (sorted ascending, so the HNSW insertion order and therefore its graph do
   * not depend on the order the shuffle delivered them in).
   *
   * @param shard the shard number
   * @param dimension the vector dimension
   * @param rowVectors row index and unit vector of each track of the shard
   * @param options the build options
   * @return the shard
   * @throws IOException if the temporary index cannot be written
   */
  public static ShardIndex build(int shard, int dimension, List<Map.Entry<Integer, float[]>> rowVectors, KnnGraphOptions options)
      throws IOException {
    List<Map.Entry<Integer, float[]>> sorted = new ArrayList<>(rowVectors);
    sorted.sort(Map.Entry.comparingByKey());
    int n = sorted.size();
    int[] rows = new int[n];
    float[] unit = new float[Math.multiplyExact(n, dimension)];
    for (int i = 0; i < n; i++) {
      rows[i] = sorted.get(i).getKey();
      float[] v = sorted.get(i).getValue();
      if (v.length != dimension) {
        throw new IllegalArgumentException("every vector must have dimension " + dimension + "; row " + rows[i] + " has " + v.length);
      }
      System.arraycopy(v, 0, unit, i * dimension, dimension);
    }
    Map<String, byte[]> files = null;
    if (options.search() == KnnGraphOptions.Search.HNSW && n > 0) {
      Path dir = Files.createTempDirectory("recsys-shard-" + shard + "-");
      try {
        try (LuceneHnswIndex index = LuceneHnswIndex.open(hnswConfig(dir, dimension, options))) {
          List<String> keys = new ArrayList<>(n);
          for (int r : rows) {
            keys.add(Integer.toString(r));
          }
          index.upsertAll(keys, unit, Collections.nCopies(n, Metadata.EMPTY), 1);
          index.commit();
          index.optimize();
          index.commit();
        }
        files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(dir)) {
          for (Path f : list.sorted(Comparator.comparing(Path::toString)).toList()) {
            if (Files.isRegularFile(f)) {
              files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
          }
        }
      } finally {
        deleteTree(dir);
      }
    }
    return new ShardIndex(shard, dimension, rows, unit, files, options.searchCandidates());
  }

  private static LuceneHnswConfig hnswConfig(Path dir, int dimension, KnnGraphOptions options) {
    return LuceneHnswConfig.builder().path(dir).dimension(dimension).similarity(Similarity.COSINE)
        .maxConnections(options.maxConnections()).beamWidth(options.beamWidth())
        .searchCandidates(options.searchCandidates()).mergeWorkers(1).verifyOnOpen(false).build();
  }

  /**
   * The shard number.
   *
   * @return the shard number
   */
  public int shard() {
    return shard;
  }

  /**
   * Number of tracks in the shard.
   *
   * @return the number of tracks in the shard
   */
  public int size() {
    return rows.length;
  }

  /**
   * Bytes of the Lucene index files shipped with the shard (0 for exact search).
   *
   * @return the index bytes
   */
  public long indexBytes() {
    long b = 0;
    if (luceneFiles != null) {
      for (byte[] f : luceneFiles.values()) {
        b += f.length;
      }
    }
    return b;
  }

  /**
   * Opens the shard for searching: for HNSW, writes the index files to a temporary directory and opens them
   * (closing the searcher deletes it).
   *
   * @return a searcher; close it
   * @throws IOException if the index cannot be opened
   */
  public Searcher open() throws IOException {
    return new Searcher();
  }

  /** Searches one shard; not thread-safe (one per task). */
  public final class Searcher implements Closeable {
    private final Path dir;
    private final LuceneHnswIndex index;
    private final Map<Integer, Integer> position;

    private Searcher() throws IOException {
      if (luceneFiles == null) {
        dir = null;
        index = null;
        position = null;
        return;
      }
      dir = Files.createTempDirectory("recsys-shard-" + shard + "-q-");
      for (Map.Entry<String, byte[]> f : luceneFiles.entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
      }
      index = LuceneHnswIndex.open(hnswConfig(dir, dimension, KnnGraphOptions.defaults()).toBuilder()
          .searchCandidates(searchCandidates).build());
      position = new java.util.HashMap<>(rows.length * 2);
      for (int i = 0; i < rows.length; i++) {
        position.put(rows[i], i);
      }
    }

    /**
     * The best {@code k} tracks of the shard for a query track, the query itself excluded, with exact cosine
     * weights.
     *
     * @param queryRow the row of the query track (excluded from the result)
     * @param query the query's unit vector
     * @param k the number of neighbours
     * @return the heap of (row, weight) pairs
     * @throws IOException if the index fails
     */
    public TopK search(int queryRow, float[] query, int k) throws IOException {
      TopK heap = new TopK(k);
      if (rows.length == 0) {
        return heap;
      }
      if (index == null) {
        for (int i = 0; i < rows.length; i++) {
          if (rows[i] != queryRow) {
            heap.offer(rows[i], dot(query, i));
          }
        }
        return heap;
      }
      List<SearchHit> hits = index.search(query, Math.min(rows.length, k + 1), SearchFilter.NONE);
      for (SearchHit h : hits) {
        int r = Integer.parseInt(h.key());
        if (r != queryRow) {
          heap.offer(r, dot(query, position.get(r)));
        }
      }
      return heap;
    }

    private float dot(float[] q, int i) {
      float s = 0f;
      int base = i * dimension;
      for (int c = 0; c < dimension; c++) {
        s += q[c] * unit[base + c];
      }
      return s;
    }

    @Override
    public void close() throws IOException {
      if (index != null) {
        index.close();
        deleteTree(dir);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

package dev.recsys.benchmarks.retrieval;

import dev.recsys.core.retrieval.ExactIndex;
import dev.recsys.core.retrieval.LuceneHnswConfig;
import dev.recsys.core.retrieval.LuceneHnswIndex;
import dev.recsys.core.retrieval.Quantization;
import dev.recsys.core.spi.Metadata;
import dev.recsys.core.spi.Similarity;
import dev.recsys.core.spi.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded benchmark data and cached indexes. */
public final class BenchData {
  private BenchData() {}

  /** Data distributions. */
  public enum Distribution {
    /** Uniform on the unit sphere: the hardest case for graph indexes. */
    RANDOM,
    /** A mixture of 1,000 Gaussian clusters, normalised: closer to learned embeddings. */
    CLUSTERED
  }

  /** {@code n x dim} unit vectors, row-major. */
  public static float[] vectors(Distribution dist, int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n * dim];
    float[] centres = null;
    int clusters = 1000;
    if (dist == Distribution.CLUSTERED) {
      centres = new float[clusters * dim];
      SplittableRandom cr = new SplittableRandom(12345);
      for (int i = 0; i < centres.length; i++) {
        centres[i] = (float) cr.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      double norm = 0;
      int c = centres == null ? 0 : r.nextInt(clusters);
      for (int j = 0; j < dim; j++) {
        float v = centres == null ? (float) r.nextGaussian() : centres[c * dim + j] + (float) (0.5 * r.nextGaussian());
        out[i * dim + j] = v;
        norm += v * v;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] *= inv;
      }
    }
    return out;
  }

  /** Row {@code i} as an array. */
  public static float[] row(float[] data, int i, int dim) {
    return java.util.Arrays.copyOfRange(data, i * dim, i * dim + dim);
  }

  /** Rows as a list. */
  public static List<float[]> rows(float[] data, int dim) {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < data.length / dim; i++) {
      out.add(row(data, i, dim));
    }
    return out;
  }

  /** Keys "v0".."v(n-1)". */
  public static List<String> keys(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("v" + i);
    }
    return out;
  }

  /** An exact index holding the data. */
  public static ExactIndex exact(float[] data, int dim) {
    ExactIndex idx = ExactIndex.inMemory(dim, Similarity.COSINE);
    int n = data.length / dim;
    for (int i = 0; i < n; i++) {
      idx.upsert("v" + i, row(data, i, dim), Metadata.EMPTY);
    }
    return idx;
  }

  /**
   * An HNSW index of the data, built once under {@code cacheRoot} (bulk load on all cores, merged to one
   * segment) and reopened from there afterwards.
   */
  public static LuceneHnswIndex hnsw(Path cacheRoot, Distribution dist, float[] data, int dim, Quantization q,
      int searchCandidates) throws IOException {
    int n = data.length / dim;
    Path dir = cacheRoot.resolve(dist + "-" + n + "x" + dim + "-" + q);
    LuceneHnswConfig.Builder b = LuceneHnswConfig.builder().path(dir).dimension(dim).similarity(Similarity.COSINE)
        .quantization(q).searchCandidates(searchCandidates).oversample(oversample(q)).ramBufferMb(2048).verifyOnOpen(false);
    if (Files.isRegularFile(dir.resolve("recsys-index.json"))) {
      LuceneHnswIndex idx = LuceneHnswIndex.open(b.build());
      if (idx.size() == n) {
        return idx;
      }
      idx.close();
    }
    deleteTree(dir);
    LuceneHnswIndex idx = LuceneHnswIndex.open(b.build());
    idx.upsertAll(keys(n), data, Collections.nCopies(n, Metadata.EMPTY), Runtime.getRuntime().availableProcessors());
    idx.optimize();
    return idx;
  }

  /**
   * The re-scoring factor the benchmarks search a quantization with: the smallest of 3, 5, 10 that keeps recall@10
   * at least 0.95 on the clustered 100k set ({@link RetrievalHarness}, {@code oversample=3,5,10}).
   */
  public static double oversample(Quantization q) {
    return switch (q) {
      case NONE, INT8, INT7 -> 3;
      case INT4 -> 5;
      case BINARY -> 10;
    };
  }

  /**
   * Deletes a file or directory tree; nothing when it does not exist.
   *
   * @param p the file or directory
   * @throws IOException when a file cannot be deleted
   */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** Closes quietly. */
  static void close(VectorIndex idx) {
    try {
      if (idx != null) {
        idx.close();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

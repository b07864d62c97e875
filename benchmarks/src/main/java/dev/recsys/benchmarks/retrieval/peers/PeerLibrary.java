package dev.recsys.benchmarks.retrieval.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The compared vector-search libraries. Build parameters are the same wherever the libraries share them: HNSW
 * {@code M = 16} (at most 32 neighbours on the base layer, 16 above) and a construction beam of 100.
 */
public enum PeerLibrary {
  /** {@link dev.recsys.core.retrieval.LuceneHnswIndex}: Lucene's HNSW codec behind the recsys {@code VectorIndex} API. */
  RECSYS_HNSW("lucene"),
  /** The same Lucene codec and parameters used directly: {@code IndexWriter} and {@code KnnFloatVectorQuery}. */
  LUCENE_RAW("lucene"),
  /** hnswlib-java ({@code com.github.jelmerk:hnswlib-core}), inner-product distance on the unit vectors. */
  HNSWLIB("hnswlib"),
  /** jvector's on-heap {@code GraphIndexBuilder} and {@code GraphSearcher}, dot product on the unit vectors. */
  JVECTOR("jvector");

  /** HNSW neighbours per node on the upper layers (twice this on the base layer). */
  public static final int M = 16;
  /** Construction beam width ("efConstruction"). */
  public static final int BEAM_WIDTH = 100;

  private static final Properties VERSIONS = load();
  private final String versionKey;

  PeerLibrary(String versionKey) {
    this.versionKey = versionKey;
  }

  /** The library version on the class path (as declared in the build). */
  public String version() {
    return VERSIONS.getProperty(versionKey, "unknown");
  }

  /**
   * Builds an index of {@code data} ({@code n x dim}, unit rows) with {@code threads} building threads; Lucene-based
   * libraries write under {@code dir} (which must not exist or be empty).
   */
  public PeerIndex build(float[] data, int dim, int threads, Path dir) throws IOException {
    return switch (this) {
      case RECSYS_HNSW -> RecsysHnswPeer.build(data, dim, threads, dir);
      case LUCENE_RAW -> LuceneRawPeer.build(data, dim, threads, dir);
      case HNSWLIB -> HnswlibPeer.build(data, dim, threads);
      case JVECTOR -> JVectorPeer.build(data, dim, threads);
    };
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = PeerLibrary.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The Lucene indexing buffer for a bulk load of {@code values} floats: large enough for one segment. */
  static double ramBufferMb(long values) {
    return Math.max(256, Math.min(8192, 4.0 * values * 4 / (1 << 20)));
  }
}

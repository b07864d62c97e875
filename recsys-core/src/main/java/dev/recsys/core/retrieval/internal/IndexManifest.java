package dev.recsys.core.retrieval.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.util.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #FILE_NAME} file beside a persistent Lucene index: what wrote it and the fixed properties of its
 * vectors, checked before Lucene opens the directory.
 *
 * @param format "recsys-lucene-index"
 * @param formatVersion layout version of the index (fields and encoding); readers refuse newer ones
 * @param kind "vector-index" or "embedding-store"
 * @param dimension components per vector
 * @param similarity similarity name
 * @param quantization quantization name
 * @param maxConnections HNSW M at creation
 * @param beamWidth HNSW beam width at creation
 * @param luceneVersion Lucene version that created the index
 * @param recsysVersion recsys version that created the index
 */
public record IndexManifest(String format, int formatVersion, String kind, int dimension, String similarity,
    String quantization, int maxConnections, int beamWidth, String luceneVersion, String recsysVersion) {
  /** The file name. */
  public static final String FILE_NAME = "recsys-index.json";
  /** The format name. */
  public static final String FORMAT = "recsys-lucene-index";
  /**
   * The newest layout version this code reads and writes. 1: Lucene's vectors formats; 2: 8-, 7- and 4-bit quantized
   * vectors in recsys's {@link QuantizedHnswFormat} (the same files under recsys's format name, which readers before
   * version 2 cannot resolve). Indexes without such vectors are still written as version 1.
   */
  public static final int FORMAT_VERSION = 2;


  /** Reads and checks the manifest of {@code dir}. */
  public static IndexManifest read(Path dir) throws IOException {
    Path f = dir.resolve(FILE_NAME);
    dev.recsys.core.io.AtomicFiles.removeOrphans(f);
    IndexManifest m;
    try {
      m = JsonCodec.lenientReader(IndexManifest.class).readValue(f.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ModelFormatException(f + ": unreadable index manifest (" + e.getOriginalMessage()
          + "); the index is corrupted: delete " + dir + " and rebuild it", e);
    }
    if (m == null) {
      throw new ModelFormatException(f + ": the index manifest is null; the index is corrupted: delete " + dir
          + " and rebuild it");
    }
    if (!FORMAT.equals(m.format())) {
      throw new ModelFormatException(f + ": format is '" + m.format() + "', expected '" + FORMAT + "'");
    }
    if (m.formatVersion() > FORMAT_VERSION || m.formatVersion() < 1) {
      throw new ModelFormatException(dir + ": index format version " + m.formatVersion()
          + " is not supported (this reader supports 1 to " + FORMAT_VERSION
          + "); it was written by a newer recsys (" + m.recsysVersion() + "): upgrade recsys or rebuild the index");
    }
    List<String> bad = new ArrayList<>();
    if (!"vector-index".equals(m.kind()) && !"embedding-store".equals(m.kind())) {
      bad.add("kind '" + m.kind() + "' (vector-index or embedding-store)");
    }
    if (m.dimension() < 1) {
      bad.add("dimension " + m.dimension() + " (>= 1)");
    }
    if (!names(dev.recsys.core.spi.Similarity.values()).contains(m.similarity())) {
      bad.add("similarity '" + m.similarity() + "' " + names(dev.recsys.core.spi.Similarity.values()));
    }
    if (!names(dev.recsys.core.retrieval.Quantization.values()).contains(m.quantization())) {
      bad.add("quantization '" + m.quantization() + "' " + names(dev.recsys.core.retrieval.Quantization.values()));
    }
    if (!bad.isEmpty()) {
      throw new ModelFormatException(f + ": invalid index manifest: " + String.join(", ", bad)
          + "; the index is corrupted: restore the manifest or rebuild the index");
    }
    return m;
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name());
    }
    return out;
  }

  /** Writes the manifest into {@code dir} atomically and durably ({@link dev.recsys.core.io.AtomicFiles}). */
  public void write(Path dir) throws IOException {
    byte[] json = JsonCodec.writePretty(this).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    dev.recsys.core.io.AtomicFiles.write(dir.resolve(FILE_NAME), out -> out.write(json));
  }
}

package dev.recsys.core.retrieval.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recsys.core.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
  /** The layout version this code writes and the newest it reads. */
  public static final int CURRENT_VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Reads and checks the manifest of {@code dir}. */
  public static IndexManifest read(Path dir) throws IOException {
    Path f = dir.resolve(FILE_NAME);
    IndexManifest m;
    try {
      m = JSON.readValue(f.toFile(), IndexManifest.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ModelFormatException(f + ": unreadable index manifest (" + e.getOriginalMessage()
          + "); the index is corrupted: delete " + dir + " and rebuild it", e);
    }
    if (!FORMAT.equals(m.format())) {
      throw new ModelFormatException(f + ": format is '" + m.format() + "', expected '" + FORMAT + "'");
    }
    if (m.formatVersion() > CURRENT_VERSION || m.formatVersion() < 1) {
      throw new ModelFormatException(dir + ": index format version " + m.formatVersion()
          + " is not supported (this reader supports 1 to " + CURRENT_VERSION
          + "); it was written by a newer recsys (" + m.recsysVersion() + "): upgrade recsys or rebuild the index");
    }
    return m;
  }

  /** Writes the manifest into {@code dir} atomically. */
  public void write(Path dir) throws IOException {
    Path f = dir.resolve(FILE_NAME);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    try {
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}

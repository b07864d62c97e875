package dev.recsys.core.io;

import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Track vectors as a model directory stores them: one vector per track id, row-major, with the metadata an index
 * returns with each hit (title, artist, genres). Produced by an embedding fit; read by indexing, the similarity graph
 * and the smart shuffle. Immutable; treat {@code data} as read-only. Saved as a {@link SaveableModel} with provider
 * {@value #PROVIDER}; the graph samplers' plugins read it back, and {@link #load(Path)} reads it directly.
 * Equality compares the vectors and metadata, not the provenance.
 *
 * @param ids track ids, row order
 * @param dimension components per vector
 * @param data {@code ids.size() * dimension} values, row-major
 * @param metadata one entry per id
 * @param provenance where the vectors came from (the embedding fit's seed and data fingerprint)
 */
public record TrackVectors(List<String> ids, int dimension, float[] data, List<Metadata> metadata, Provenance provenance)
    implements SaveableModel {
  /** Provider name in the container. */
  public static final String PROVIDER = "track-vectors";

  /** The format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

  /** Validates the shape. */
  public TrackVectors {
    ids = List.copyOf(ids);
    metadata = List.copyOf(metadata);
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(provenance, "provenance");
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1; dimension=" + dimension);
    }
    if ((long) ids.size() * dimension != data.length) {
      throw new IllegalArgumentException("data must hold ids*dimension=" + (long) ids.size() * dimension + " values; has " + data.length);
    }
    if (metadata.size() != ids.size()) {
      throw new IllegalArgumentException("need one metadata entry per id; " + metadata.size() + " vs " + ids.size());
    }
  }

  /**
   * Vectors made now from {@code data}, with seed 0 and the fingerprint of the ids and values as provenance.
   *
   * @param ids track ids, row order
   * @param dimension components per vector
   * @param data {@code ids.size() * dimension} values, row-major
   * @param metadata one entry per id
   */
  public TrackVectors(List<String> ids, int dimension, float[] data, List<Metadata> metadata) {
    this(ids, dimension, data, metadata, Provenance.now(0, fingerprint(ids, data)));
  }

  private static String fingerprint(List<String> ids, float[] data) {
    Fingerprint f = new Fingerprint();
    for (String id : Objects.requireNonNull(ids, "ids")) {
      f.add(id);
    }
    return f.add(Objects.requireNonNull(data, "data")).value();
  }

  /**
   * These vectors with another provenance (the seed and data fingerprint of the fit that made them).
   *
   * @param newProvenance the provenance
   * @return a copy sharing the vectors
   */
  public TrackVectors withProvenance(Provenance newProvenance) {
    return new TrackVectors(ids, dimension, data, metadata, newProvenance);
  }

  /**
   * Number of vectors.
   *
   * @return the number of vectors
   */
  public int size() {
    return ids.size();
  }

  /**
   * A copy of vector {@code i}.
   *
   * @return a copy of vector {@code i}
   * @param i the vector index
   */
  public float[] vector(int i) {
    float[] v = new float[dimension];
    System.arraycopy(data, i * dimension, v, 0, dimension);
    return v;
  }

  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer().putInt(ids.size()).putInt(dimension);
    for (String id : ids) {
      w.putString(id);
    }
    w.putFloats(data);
    for (Metadata m : metadata) {
      w.putInt(m.fields().size());
      for (Map.Entry<String, List<String>> e : m.fields().entrySet()) {
        w.putString(e.getKey()).putInt(e.getValue().size());
        for (String v : e.getValue()) {
          w.putString(v);
        }
      }
    }
    return new ModelContainer(PROVIDER, FORMAT_VERSION, "{\"dimension\":" + dimension + "}", provenance, w.toByteArray());
  }

  /**
   * Loads vectors saved with {@link #save(Path)}.
   *
   * @param file the file
   * @return the {@code TrackVectors}, with the provenance they were saved with
   * @throws ModelFormatException naming the file if it holds another provider's model, a newer format version, or a
   *     malformed payload
   * @throws IOException if the file cannot be read
   */
  public static TrackVectors load(Path file) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads vectors from their container.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return the {@code TrackVectors}
   * @throws ModelFormatException naming {@code source} if the container holds another provider's model, a newer
   *     format version, or a malformed payload
   */
  public static TrackVectors load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> decode(source, c));
  }

  private static TrackVectors decode(String file, ModelContainer c) throws IOException {
    c.require(PROVIDER, FORMAT_VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    // each vector takes at least 4 bytes of id length, 4 * dim of data and 4 of metadata count
    int n = r.getCount(12);
    int dim = r.getInt();
    if (dim < 1 || (long) n * dim * 4 > r.remaining()) {
      throw new ModelFormatException(file + ": bad shape " + n + " x " + dim + " for " + r.remaining() + " payload bytes");
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(r.getString());
    }
    float[] data = r.getFloats();
    List<Metadata> meta = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int fields = r.getCount(8);
      Map<String, List<String>> m = new LinkedHashMap<>();
      for (int f = 0; f < fields; f++) {
        String name = r.getString();
        int values = r.getCount(4);
        List<String> vs = new ArrayList<>(values);
        for (int v = 0; v < values; v++) {
          vs.add(r.getString());
        }
        m.put(name, vs);
      }
      meta.add(new Metadata(m));
    }
    r.requireEnd();
    try {
      return new TrackVectors(ids, dim, data, meta, c.provenance());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackVectors t && dimension == t.dimension && ids.equals(t.ids) && metadata.equals(t.metadata)
        && java.util.Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ids, dimension, metadata, java.util.Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "TrackVectors[" + ids.size() + " x " + dimension + "]";
  }
}

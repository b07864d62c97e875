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
 * and the smart shuffle. Immutable; treat {@code data} as read-only.
 *
 * @param ids track ids, row order
 * @param dimension components per vector
 * @param data {@code ids.size() * dimension} values, row-major
 * @param metadata one entry per id
 */
public record TrackVectors(List<String> ids, int dimension, float[] data, List<Metadata> metadata) {
  /** Provider name in the container. */
  public static final String PROVIDER = "track-vectors";

  /** Payload version written. */
  public static final int VERSION = 1;

  /** Validates the shape. */
  public TrackVectors {
    ids = List.copyOf(ids);
    metadata = List.copyOf(metadata);
    Objects.requireNonNull(data, "data");
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

  /**
   * Saves atomically in the container format.
   *
   * @param file the file
   * @param provenance the provenance
   * @throws IOException if the file cannot be written
   */
  public void save(Path file, Provenance provenance) throws IOException {
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
    new ModelContainer(PROVIDER, VERSION, "{\"dimension\":" + dimension + "}", provenance, w.toByteArray()).writeTo(file);
  }

  /**
   * Loads vectors saved by {@link #save}.
   *
   * @param file the file
   * @return the {@code TrackVectors}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static TrackVectors load(Path file) throws IOException {
    ModelContainer c = ModelContainer.readFrom(file);
    c.require(PROVIDER, VERSION);
    return ModelContainer.decode(file.toString(), () -> decode(file, c));
  }

  private static TrackVectors decode(Path file, ModelContainer c) throws IOException {
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
      return new TrackVectors(ids, dim, data, meta);
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

package dev.recsys.graph.similarity;

import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import dev.recsys.core.io.SaveableModel;
import dev.recsys.core.model.Catalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A song-similarity graph: for each track of a catalogue, its nearest neighbours with cosine weights, best first.
 *
 * <p>Storage is compressed sparse row: {@code offsets} has {@code size() + 1} entries and the neighbours of track
 * {@code i} are {@code neighbours[offsets[i] .. offsets[i+1])} with {@code weights} alongside, so
 * {@link #degree}, {@link #neighbour} and {@link #weight} are O(1) array reads. Tracks are the catalogue's int
 * indices; {@link #ids()} keeps the id of each index so a loaded graph can be checked against its catalogue.
 *
 * <p>Immutable and thread-safe. The arrays returned by {@link #offsets()}, {@link #neighbours()} and
 * {@link #weights()} are the internal ones, exposed for hot loops: never modify them. Saved as a
 * {@link SaveableModel} with provider {@value #PROVIDER}; the graph walks' sampler plugins read it back, and
 * {@link #load(Path)} reads it directly.
 */
public final class SimilarityGraph implements SaveableModel {
  /** Provider name in the model container. */
  public static final String PROVIDER = "similarity-graph";

  /** The format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

  private final List<String> ids;
  private final int[] offsets;
  private final int[] neighbours;
  private final float[] weights;
  private final SimilarityGraphConfig config;
  private final Provenance provenance;

  /**
   * A graph over arrays in CSR form.
   *
   * @throws IllegalArgumentException when the arrays are inconsistent (offsets not non-decreasing, a neighbour out of
   *     range or equal to its track, a non-finite weight)
   * @param ids the ids
   * @param offsets the offsets
   * @param neighbours the neighbours
   * @param weights the feature weights
   * @param config the configuration
   */
  public SimilarityGraph(List<String> ids, int[] offsets, int[] neighbours, float[] weights, SimilarityGraphConfig config) {
    this(ids, offsets, neighbours, weights, config, Provenance.now(0, fingerprint(ids, neighbours, weights)));
  }

  /**
   * A graph over arrays in CSR form, with the provenance of the vectors and build that made it.
   *
   * @throws IllegalArgumentException when the arrays are inconsistent (see the five-argument constructor)
   * @param ids the ids
   * @param offsets the offsets
   * @param neighbours the neighbours
   * @param weights the feature weights
   * @param config the configuration
   * @param provenance where the graph came from
   */
  public SimilarityGraph(List<String> ids, int[] offsets, int[] neighbours, float[] weights, SimilarityGraphConfig config,
      Provenance provenance) {
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.ids = List.copyOf(ids);
    this.offsets = Objects.requireNonNull(offsets, "offsets");
    this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
    this.weights = Objects.requireNonNull(weights, "weights");
    this.config = Objects.requireNonNull(config, "config");
    int n = this.ids.size();
    if (offsets.length != n + 1 || offsets[0] != 0 || offsets[n] != neighbours.length) {
      throw new IllegalArgumentException("offsets must have size+1=" + (n + 1) + " entries from 0 to neighbours.length="
          + neighbours.length + "; got " + offsets.length + " entries");
    }
    if (weights.length != neighbours.length) {
      throw new IllegalArgumentException("need one weight per neighbour; " + weights.length + " vs " + neighbours.length);
    }
    for (int i = 0; i < n; i++) {
      if (offsets[i + 1] < offsets[i]) {
        throw new IllegalArgumentException("offsets must be non-decreasing; offsets[" + (i + 1) + "]=" + offsets[i + 1]
            + " < offsets[" + i + "]=" + offsets[i]);
      }
      for (int e = offsets[i]; e < offsets[i + 1]; e++) {
        int j = neighbours[e];
        if (j < 0 || j >= n || j == i) {
          throw new IllegalArgumentException("neighbour of track " + i + " must be in [0, " + (n - 1) + "] and not "
              + i + "; neighbours[" + e + "]=" + j);
        }
        if (!Float.isFinite(weights[e])) {
          throw new IllegalArgumentException("weights must be finite; weights[" + e + "]=" + weights[e]);
        }
      }
    }
  }

  private static String fingerprint(List<String> ids, int[] neighbours, float[] weights) {
    Fingerprint f = new Fingerprint();
    for (String id : ids) {
      f.add(id);
    }
    for (int n : neighbours) {
      f.add(n);
    }
    return f.add(weights).value();
  }

  /**
   * This graph with another provenance (the seed and data fingerprint of the vectors it was built from).
   *
   * @param newProvenance the provenance
   * @return a graph sharing this one's arrays
   */
  public SimilarityGraph withProvenance(Provenance newProvenance) {
    return new SimilarityGraph(ids, offsets, neighbours, weights, config, newProvenance);
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Number of tracks (nodes).
   *
   * @return the number of tracks (nodes)
   */
  public int size() {
    return ids.size();
  }

  /**
   * Number of directed edges.
   *
   * @return the number of directed edges
   */
  public int edgeCount() {
    return neighbours.length;
  }

  /**
   * The track id of each index.
   *
   * @return the track id of each index
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The configuration the graph was built with.
   *
   * @return the configuration the graph was built with
   */
  public SimilarityGraphConfig config() {
    return config;
  }

  /**
   * Number of neighbours of track {@code i}.
   *
   * @return the number of neighbours of track {@code i}
   * @param i the track index
   */
  public int degree(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /**
   * The {@code r}-th best neighbour of track {@code i} (0 = nearest).
   *
   * @return the {@code r}-th best neighbour of track {@code i} (0 = nearest)
   * @param i the track index
   * @param r the rank of the neighbour, 0 for the nearest
   */
  public int neighbour(int i, int r) {
    return neighbours[offsets[i] + r];
  }

  /**
   * The cosine weight of the {@code r}-th neighbour of track {@code i}.
   *
   * @return the cosine weight of the {@code r}-th neighbour of track {@code i}
   * @param i the track index
   * @param r the rank of the neighbour, 0 for the nearest
   */
  public float weight(int i, int r) {
    return weights[offsets[i] + r];
  }

  /**
   * A copy of the neighbours of track {@code i}, best first.
   *
   * @return a copy of the neighbours of track {@code i}, best first
   * @param i the track index
   */
  public int[] neighboursOf(int i) {
    return java.util.Arrays.copyOfRange(neighbours, offsets[i], offsets[i + 1]);
  }

  /**
   * The internal offsets array ({@code size()+1} entries); read only.
   *
   * @return the internal offsets array ({@code size()+1} entries)
   */
  public int[] offsets() {
    return offsets;
  }

  /**
   * The internal neighbour array; read only.
   *
   * @return the internal neighbour array
   */
  public int[] neighbours() {
    return neighbours;
  }

  /**
   * The internal weight array; read only.
   *
   * @return the internal weight array
   */
  public float[] weights() {
    return weights;
  }

  /**
   * Number of tracks without any neighbour.
   *
   * @return the number of tracks without any neighbour
   */
  public int isolatedCount() {
    int c = 0;
    for (int i = 0; i < size(); i++) {
      if (degree(i) == 0) {
        c++;
      }
    }
    return c;
  }

  /**
   * Neighbour recall of this graph against a reference (usually an exact graph): over the tracks the reference gives
   * neighbours, the share of the reference's first {@code k} neighbours that appear among this graph's first {@code k}.
   *
   * @throws IllegalArgumentException when the graphs cover different numbers of tracks
   * @param reference the reference
   * @param k the number of neighbours per track to compare
   * @return the neighbour recall of this graph against a reference (usually an exact graph)
   */
  public double recallAgainst(SimilarityGraph reference, int k) {
    if (reference.size() != size()) {
      throw new IllegalArgumentException("graphs must cover the same tracks; " + size() + " vs " + reference.size());
    }
    long hit = 0;
    long total = 0;
    java.util.BitSet mine = new java.util.BitSet(size());
    for (int i = 0; i < size(); i++) {
      int rk = Math.min(k, reference.degree(i));
      if (rk == 0) {
        continue;
      }
      int mk = Math.min(k, degree(i));
      for (int r = 0; r < mk; r++) {
        mine.set(neighbour(i, r));
      }
      for (int r = 0; r < rk; r++) {
        if (mine.get(reference.neighbour(i, r))) {
          hit++;
        }
      }
      total += rk;
      for (int r = 0; r < mk; r++) {
        mine.clear(neighbour(i, r));
      }
    }
    return total == 0 ? 1.0 : (double) hit / total;
  }

  /**
   * Checks that this graph was built for {@code catalog}: same size and the same id at every index.
   *
   * @throws IllegalArgumentException naming the first mismatch
   * @param catalog the catalogue
   */
  public void requireAligned(Catalog catalog) {
    if (catalog.size() != size()) {
      throw new IllegalArgumentException("similarity graph has " + size() + " tracks but the catalogue has " + catalog.size()
          + "; rebuild it with 'recsys graph'");
    }
    for (int i = 0; i < size(); i++) {
      if (!catalog.get(i).id().equals(ids.get(i))) {
        throw new IllegalArgumentException("similarity graph track " + i + " is '" + ids.get(i) + "' but the catalogue has '"
            + catalog.get(i).id() + "'; rebuild it with 'recsys graph'");
      }
    }
  }

  @Override
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer().putInt(ids.size());
    for (String id : ids) {
      w.putString(id);
    }
    w.putInts(offsets).putInts(neighbours).putFloats(weights);
    return new ModelContainer(PROVIDER, FORMAT_VERSION, ConfigJson.write(config), provenance, w.toByteArray());
  }

  /**
   * Loads a graph saved with {@link #save(Path)}.
   *
   * @throws ModelFormatException naming the file if it is not a similarity graph, is of a newer format version or is
   *     inconsistent
   * @param file the file
   * @return the {@code SimilarityGraph}, with the provenance it was saved with
   */
  public static SimilarityGraph load(Path file) throws IOException {
    return load(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads a graph from its container.
   *
   * @param c the container
   * @param source names the container in messages (its file)
   * @return the graph
   * @throws ModelFormatException naming {@code source} if the container is not a similarity graph, is of a newer
   *     format version or is inconsistent
   */
  public static SimilarityGraph load(ModelContainer c, String source) throws ModelFormatException {
    return ModelContainer.decode(source, () -> decode(source, c));
  }

  private static SimilarityGraph decode(String file, ModelContainer c) throws IOException {
    c.require(PROVIDER, FORMAT_VERSION);
    Payload.Reader r = Payload.reader(c.payload());
    int n = r.getCount(4);
    if (n < 0) {
      throw new ModelFormatException(file + ": negative track count " + n);
    }
    List<String> ids = new ArrayList<>(Math.min(n, 1 << 20));
    for (int i = 0; i < n; i++) {
      ids.add(r.getString());
    }
    int[] offsets = r.getInts();
    int[] nb = r.getInts();
    float[] w = r.getFloats();
    r.requireEnd();
    try {
      return new SimilarityGraph(ids, offsets, nb, w,
          ConfigJson.readModelConfig(c.configJson(), SimilarityGraphConfig.class, file), c.provenance());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SimilarityGraph[tracks=" + size() + ", edges=" + edgeCount() + ", isolated=" + isolatedCount() + ", config=" + config + "]";
  }
}

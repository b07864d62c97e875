package dev.recsys.graph.gat;

import dev.recsys.core.io.Payload;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Track;
import dev.recsys.graph.gat.internal.Csr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A heterogeneous music graph: node types listener, track, artist and genre, and one compact CSR adjacency per
 * {@link EdgeType} seen from the tracks (track-track co-occurrence, track-artist, track-genre, track-listener),
 * plus artist-genre adjacency. Listener-track edges count completed plays; skipped plays are kept apart as a
 * per-track skip count. The interaction sequences (sessions or playlists, in order) from which co-occurrence was
 * counted are kept for training.
 *
 * <p>Immutable and thread-safe.
 */
public final class HeteroGraph {
  private final IdIndex tracks;
  private final IdIndex artists;
  private final IdIndex genres;
  private final IdIndex listeners;
  private final EnumMap<EdgeType, Csr> adjacency;
  private final Csr artistGenre;
  private final Csr listenerTrack;
  private final float[] plays;
  private final float[] skips;
  private final int[][] sequences;

  private HeteroGraph(IdIndex tracks, IdIndex artists, IdIndex genres, IdIndex listeners, EnumMap<EdgeType, Csr> adjacency,
      Csr artistGenre, Csr listenerTrack, float[] plays, float[] skips, int[][] sequences) {
    this.tracks = tracks;
    this.artists = artists;
    this.genres = genres;
    this.listeners = listeners;
    this.adjacency = adjacency;
    this.artistGenre = artistGenre;
    this.listenerTrack = listenerTrack;
    this.plays = plays;
    this.skips = skips;
    this.sequences = sequences;
  }

  /**
   * Builds the graph of a catalogue and interactions. Tracks are the catalogue's tracks followed by interaction
   * items the catalogue lacks (those get no artist or genre edges). A user's interactions form one sequence in row
   * order, or, when every row of the user has a timestamp, in time order split into sessions at gaps longer than
   * {@link GraphConfig#sessionGapSeconds()}. Skipped interactions count toward the track's skips only.
   *
   * @param catalog the tracks with their artists and genres (may be empty)
   * @param interactions who played or listed what (users may be listeners or playlists)
   * @param config the configuration
   * @return the {@code HeteroGraph}
   */
  public static HeteroGraph build(Catalog catalog, Interactions interactions, GraphConfig config) {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(interactions, "interactions");
    Objects.requireNonNull(config, "config");
    IdIndex.Builder tb = IdIndex.builder();
    for (Track t : catalog.tracks()) {
      tb.add(t.id());
    }
    for (String id : interactions.items().ids()) {
      tb.add(id);
    }
    IdIndex tracks = tb.build();
    int nt = tracks.size();
    IdIndex.Builder ab = IdIndex.builder();
    IdIndex.Builder gb = IdIndex.builder();
    Edges ta = new Edges();
    Edges tg = new Edges();
    Edges ag = new Edges();
    for (Track t : catalog.tracks()) {
      int ti = tracks.indexOf(t.id());
      List<Integer> gs = new ArrayList<>();
      for (String g : t.genres()) {
        int gi = gb.add(g);
        gs.add(gi);
        tg.add(ti, gi, 1f);
      }
      for (ArtistRef a : t.artists()) {
        int ai = ab.add(a.id().orElse("name:" + a.name()));
        ta.add(ti, ai, 1f);
        for (int gi : gs) {
          ag.add(ai, gi, 1f);
        }
      }
    }
    IdIndex artists = ab.build();
    IdIndex genres = gb.build();
    IdIndex listeners = interactions.users();
    int[] itemToTrack = new int[interactions.items().size()];
    for (int i = 0; i < itemToTrack.length; i++) {
      itemToTrack[i] = tracks.indexOf(interactions.items().id(i));
    }
    float[] plays = new float[nt];
    float[] skips = new float[nt];
    Edges tl = new Edges();
    Edges lt = new Edges();
    int[][] rowsByUser = interactions.rowsByUser();
    List<int[]> sequences = new ArrayList<>();
    Edges tt = new Edges();
    for (int u = 0; u < rowsByUser.length; u++) {
      int[] rows = rowsByUser[u];
      boolean timed = rows.length > 0;
      for (int r : rows) {
        timed &= interactions.timestamp(r) != Interaction.NO_TIME;
      }
      if (timed) {
        Integer[] boxed = new Integer[rows.length];
        for (int k = 0; k < rows.length; k++) {
          boxed[k] = rows[k];
        }
        Arrays.sort(boxed, (a, b) -> {
          int c = Long.compare(interactions.timestamp(a), interactions.timestamp(b));
          return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < rows.length; k++) {
          rows[k] = boxed[k];
        }
      }
      int[] seq = new int[rows.length];
      int len = 0;
      long last = Long.MIN_VALUE;
      for (int r : rows) {
        int t = itemToTrack[interactions.item(r)];
        float w = Math.max(0f, interactions.weight(r));
        if (interactions.skipped(r)) {
          skips[t] += 1;
          continue;
        }
        plays[t] += w;
        tl.add(t, u, w);
        lt.add(u, t, w);
        long ts = interactions.timestamp(r);
        if (timed && len > 0 && ts - last > config.sessionGapSeconds()) {
          addSequence(sequences, tt, Arrays.copyOf(seq, len), config.cooccurrenceWindow());
          len = 0;
        }
        last = ts;
        seq[len++] = t;
      }
      addSequence(sequences, tt, Arrays.copyOf(seq, len), config.cooccurrenceWindow());
    }
    EnumMap<EdgeType, Csr> adjacency = new EnumMap<>(EdgeType.class);
    int cap = config.maxDegree();
    adjacency.put(EdgeType.TRACK_TRACK, tt.csr(nt, cap));
    adjacency.put(EdgeType.TRACK_ARTIST, ta.csr(nt, cap));
    adjacency.put(EdgeType.TRACK_GENRE, tg.csr(nt, cap));
    adjacency.put(EdgeType.TRACK_LISTENER, tl.csr(nt, cap));
    return new HeteroGraph(tracks, artists, genres, listeners, adjacency, ag.csr(artists.size(), cap),
        lt.csr(listeners.size(), Integer.MAX_VALUE), plays, skips, sequences.toArray(int[][]::new));
  }

  private static void addSequence(List<int[]> sequences, Edges tt, int[] seq, int window) {
    if (seq.length == 0) {
      return;
    }
    sequences.add(seq);
    for (int i = 0; i < seq.length; i++) {
      for (int j = i + 1; j < seq.length && j - i <= window; j++) {
        if (seq[i] != seq[j]) {
          tt.add(seq[i], seq[j], 1f);
          tt.add(seq[j], seq[i], 1f);
        }
      }
    }
  }

  /**
   * The track ids; node index {@code i} of the track type is {@code tracks().id(i)}.
   *
   * @return the track ids
   */
  public IdIndex tracks() {
    return tracks;
  }

  /**
   * The artist ids (the artist's id, or {@code "name:"} and its name when the source gave no id).
   *
   * @return the artist ids (the artist's id, or {@code "name:"} and its name when the source gave no id)
   */
  public IdIndex artists() {
    return artists;
  }

  /**
   * The genre labels.
   *
   * @return the genre labels
   */
  public IdIndex genres() {
    return genres;
  }

  /**
   * The listener (or playlist) ids.
   *
   * @return the listener (or playlist) ids
   */
  public IdIndex listeners() {
    return listeners;
  }

  /**
   * Number of nodes of the far-end type of {@code type}.
   *
   * @param type the type
   * @return the number of nodes of the far-end type of {@code type}
   */
  public int targetCount(EdgeType type) {
    return switch (type) {
      case TRACK_TRACK -> tracks.size();
      case TRACK_ARTIST -> artists.size();
      case TRACK_GENRE -> genres.size();
      case TRACK_LISTENER -> listeners.size();
    };
  }

  /**
   * Number of neighbours of track {@code t} over {@code type}.
   *
   * @param type the type
   * @return the number of neighbours of track {@code t} over {@code type}
   * @param t the track index
   */
  public int degree(EdgeType type, int t) {
    return adjacency.get(type).degree(t);
  }

  /**
   * The {@code k}-th neighbour (largest weight first) of track {@code t} over {@code type}.
   *
   * @param type the type
   * @param k the rank of the neighbour, 0 for the largest weight
   * @return the {@code k}-th neighbour (largest weight first) of track {@code t} over {@code type}
   * @param t the track index
   */
  public int neighbour(EdgeType type, int t, int k) {
    Csr c = adjacency.get(type);
    return c.target(c.start(t) + k);
  }

  /**
   * The weight of the {@code k}-th neighbour of track {@code t} over {@code type}.
   *
   * @param type the type
   * @param k the rank of the neighbour, 0 for the largest weight
   * @return the weight of the {@code k}-th neighbour of track {@code t} over {@code type}
   * @param t the track index
   */
  public float weight(EdgeType type, int t, int k) {
    Csr c = adjacency.get(type);
    return c.weight(c.start(t) + k);
  }

  /**
   * Number of edges stored for {@code type}.
   *
   * @param type the type
   * @return the number of edges stored for {@code type}
   */
  public int edgeCount(EdgeType type) {
    return adjacency.get(type).edges();
  }

  /**
   * The genres of artist {@code a} (indices into {@link #genres()}), most frequent first.
   *
   * @return the genres of artist {@code a} (indices into {@link #genres()}), most frequent first
   * @param a the artist index
   */
  public int[] artistGenres(int a) {
    int[] out = new int[artistGenre.degree(a)];
    for (int k = 0; k < out.length; k++) {
      out[k] = artistGenre.target(artistGenre.start(a) + k);
    }
    return out;
  }

  /**
   * The tracks listener {@code l} played (not skipped), most played first.
   *
   * @return the tracks listener {@code l} played (not skipped), most played first
   * @param l the listener index
   */
  public int[] listenerTracks(int l) {
    int[] out = new int[listenerTrack.degree(l)];
    for (int k = 0; k < out.length; k++) {
      out[k] = listenerTrack.target(listenerTrack.start(l) + k);
    }
    return out;
  }

  /**
   * Summed weight of completed plays of track {@code t}.
   *
   * @return the summed weight of completed plays of track {@code t}
   * @param t the track index
   */
  public float plays(int t) {
    return plays[t];
  }

  /**
   * Number of skipped plays of track {@code t}.
   *
   * @return the number of skipped plays of track {@code t}
   * @param t the track index
   */
  public float skips(int t) {
    return skips[t];
  }

  /**
   * Number of interaction sequences (sessions or playlists).
   *
   * @return the number of interaction sequences (sessions or playlists)
   */
  public int sequenceCount() {
    return sequences.length;
  }

  /**
   * The tracks of sequence {@code s} in order (a copy).
   *
   * @return the tracks of sequence {@code s} in order (a copy)
   * @param s the sequence index
   */
  public int[] sequence(int s) {
    return sequences[s].clone();
  }

  /** Writes the graph. */
  void write(Payload.Writer w) {
    for (IdIndex ids : List.of(tracks, artists, genres, listeners)) {
      w.putInt(ids.size());
      for (String id : ids.ids()) {
        w.putString(id);
      }
    }
    for (EdgeType t : EdgeType.values()) {
      adjacency.get(t).write(w);
    }
    artistGenre.write(w);
    listenerTrack.write(w);
    w.putFloats(plays).putFloats(skips);
    w.putInt(sequences.length);
    for (int[] s : sequences) {
      w.putInts(s);
    }
  }

  /** Reads what {@link #write} wrote. */
  static HeteroGraph read(Payload.Reader r) throws IOException {
    IdIndex[] ids = new IdIndex[4];
    for (int k = 0; k < 4; k++) {
      int n = r.getCount(4);
      List<String> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(r.getString());
      }
      ids[k] = IdIndex.of(list);
    }
    EnumMap<EdgeType, Csr> adjacency = new EnumMap<>(EdgeType.class);
    for (EdgeType t : EdgeType.values()) {
      adjacency.put(t, Csr.read(r));
    }
    Csr ag = Csr.read(r);
    Csr lt = Csr.read(r);
    float[] plays = r.getFloats();
    float[] skips = r.getFloats();
    int[][] seqs = new int[r.getCount(4)][];
    for (int s = 0; s < seqs.length; s++) {
      seqs[s] = r.getInts();
    }
    return new HeteroGraph(ids[0], ids[1], ids[2], ids[3], adjacency, ag, lt, plays, skips, seqs);
  }

  /**
   * Edge counts per type.
   *
   * @return the edge counts per type
   */
  public Map<EdgeType, Integer> edgeCounts() {
    EnumMap<EdgeType, Integer> m = new EnumMap<>(EdgeType.class);
    for (EdgeType t : EdgeType.values()) {
      m.put(t, adjacency.get(t).edges());
    }
    return m;
  }

  @Override
  public String toString() {
    return "HeteroGraph[tracks=" + tracks.size() + ", artists=" + artists.size() + ", genres=" + genres.size()
        + ", listeners=" + listeners.size() + ", edges=" + edgeCounts() + ", artistGenreEdges=" + artistGenre.edges()
        + ", sequences=" + sequences.length + "]";
  }

  /** Growable edge triples. */
  private static final class Edges {
    int[] src = new int[1024];
    int[] dst = new int[1024];
    float[] w = new float[1024];
    int n;

    void add(int s, int d, float weight) {
      if (n == src.length) {
        src = Arrays.copyOf(src, n * 2);
        dst = Arrays.copyOf(dst, n * 2);
        w = Arrays.copyOf(w, n * 2);
      }
      src[n] = s;
      dst[n] = d;
      w[n] = weight;
      n++;
    }

    Csr csr(int rows, int cap) {
      return Csr.build(rows, src, dst, w, n, cap);
    }
  }
}

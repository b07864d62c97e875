package dev.recsys.graph.gat.internal;

import dev.recsys.core.io.Payload;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import dev.recsys.graph.gat.EdgeType;
import dev.recsys.graph.gat.HeteroGraph;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The inductive inputs of every track node: a standardised numeric vector (the twelve audio features, popularity,
 * release year and duration, each with a missing flag; no play count, which would tell warm from cold tracks), the track's artists,
 * genres and album (indices into their embedding tables), and whether the track has plays in the training graph
 * (only such "warm" tracks use their id embedding). Names for explanations: track titles with their first artist,
 * artist names and album names.
 */
public final class TrackContent {
  /** Numeric inputs per track: value and missing flag for each raw feature. */
  public static final int RAW = AudioFeature.values().length + 3;

  /** Number of numeric inputs per track. */
  public final int width;
  /** Row-major numeric inputs, {@code tracks x width}, standardised (mean 0, variance 1 where present). */
  public final float[] numeric;
  /** Artist indices per track (into the graph's artists). */
  public final int[][] artists;
  /** Genre indices per track (into the graph's genres). */
  public final int[][] genres;
  /** Album index per track, or -1. */
  public final int[] album;
  /** Number of albums. */
  public final int albums;
  /** Whether the track uses its id embedding. */
  public final boolean[] warm;
  /** Display names of tracks ("title - artist", or the id). */
  public final String[] trackNames;
  /** Display names of artists. */
  public final String[] artistNames;
  /** Display names of albums. */
  public final String[] albumNames;

  private TrackContent(int width, float[] numeric, int[][] artists, int[][] genres, int[] album, int albums,
      boolean[] warm, String[] trackNames, String[] artistNames, String[] albumNames) {
    this.width = width;
    this.numeric = numeric;
    this.artists = artists;
    this.genres = genres;
    this.album = album;
    this.albums = albums;
    this.warm = warm;
    this.trackNames = trackNames;
    this.artistNames = artistNames;
    this.albumNames = albumNames;
  }

  /**
   * Reads the inputs of every track of {@code graph} from {@code catalog} (tracks missing from it have only their
   * play count).
   *
   * @param graph the training graph
   * @param catalog the catalogue
   * @return the inputs
   */
  public static TrackContent build(HeteroGraph graph, Catalog catalog) {
    IdIndex tracks = graph.tracks();
    int nt = tracks.size();
    double[] raw = new double[nt * RAW];
    Arrays.fill(raw, Double.NaN);
    int[][] artists = new int[nt][];
    int[][] genres = new int[nt][];
    int[] album = new int[nt];
    Arrays.fill(album, -1);
    boolean[] warm = new boolean[nt];
    String[] trackNames = new String[nt];
    String[] artistNames = new String[graph.artists().size()];
    for (int a = 0; a < artistNames.length; a++) {
      String id = graph.artists().id(a);
      artistNames[a] = id.startsWith("name:") ? id.substring(5) : id;
    }
    IdIndex.Builder albumIds = IdIndex.builder();
    java.util.List<String> albumNames = new java.util.ArrayList<>();
    AudioFeature[] af = AudioFeature.values();
    for (int t = 0; t < nt; t++) {
      artists[t] = targets(graph, EdgeType.TRACK_ARTIST, t);
      genres[t] = targets(graph, EdgeType.TRACK_GENRE, t);
      warm[t] = graph.plays(t) > 0;
      int o = t * RAW;
      String id = tracks.id(t);
      trackNames[t] = id;
      Optional<Track> found = catalog.find(id);
      if (found.isEmpty()) {
        continue;
      }
      Track tr = found.get();
      for (AudioFeature f : af) {
        raw[o + f.ordinal()] = tr.audio().value(f);
      }
      if (tr.popularity().isPresent()) {
        raw[o + af.length] = tr.popularity().getAsInt();
      }
      if (tr.releaseDate().isPresent()) {
        raw[o + af.length + 1] = tr.releaseDate().get().fractionalYear();
      }
      if (tr.durationMs().isPresent()) {
        raw[o + af.length + 2] = Math.log1p(tr.durationMs().getAsLong() / 1000.0);
      }
      String title = tr.title().orElse(id);
      for (int k = 0; k < tr.artists().size(); k++) {
        if (k < artists[t].length) {
          artistNames[artists[t][k]] = tr.artists().get(k).name();
        }
      }
      trackNames[t] = tr.artists().isEmpty() ? title : title + " - " + tr.artists().get(0).name();
      if (tr.album().isPresent()) {
        var al = tr.album().get();
        String key = al.id().orElse(al.name().orElse(null));
        if (key != null) {
          int before = albumIds.size();
          int ai = albumIds.add(key);
          if (ai == before) {
            albumNames.add(al.name().orElse(key));
          }
          album[t] = ai;
        }
      }
    }
    int width = 2 * RAW;
    float[] numeric = new float[nt * width];
    for (int f = 0; f < RAW; f++) {
      double sum = 0;
      double sq = 0;
      int n = 0;
      for (int t = 0; t < nt; t++) {
        double v = raw[t * RAW + f];
        if (!Double.isNaN(v)) {
          sum += v;
          sq += v * v;
          n++;
        }
      }
      double mean = n == 0 ? 0 : sum / n;
      double sd = n == 0 ? 1 : Math.sqrt(Math.max(0, sq / n - mean * mean));
      if (sd < 1e-9) {
        sd = 1;
      }
      for (int t = 0; t < nt; t++) {
        double v = raw[t * RAW + f];
        boolean missing = Double.isNaN(v);
        numeric[t * width + 2 * f] = missing ? 0f : (float) Math.max(-5, Math.min(5, (v - mean) / sd));
        numeric[t * width + 2 * f + 1] = missing ? 1f : 0f;
      }
    }
    return new TrackContent(width, numeric, artists, genres, album, albumIds.size(), warm, trackNames, artistNames,
        albumNames.toArray(String[]::new));
  }

  private static int[] targets(HeteroGraph g, EdgeType type, int t) {
    int n = g.degree(type, t);
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = g.neighbour(type, t, k);
    }
    return out;
  }

  /**
   * Writes everything but the graph-derived artist and genre lists (rebuilt from the graph on read).
   *
   * @param w the writer
   */
  public void write(Payload.Writer w) {
    w.putInt(width).putFloats(numeric).putInts(album).putInt(albums);
    int[] warmBits = new int[warm.length];
    for (int t = 0; t < warm.length; t++) {
      warmBits[t] = warm[t] ? 1 : 0;
    }
    w.putInts(warmBits);
    putStrings(w, trackNames);
    putStrings(w, artistNames);
    putStrings(w, albumNames);
  }

  /**
   * Reads what {@link #write} wrote, for {@code graph}.
   *
   * @param r the reader
   * @param graph the graph it was built from
   * @return the inputs
   * @throws IOException if the bytes do not fit the graph
   */
  public static TrackContent read(Payload.Reader r, HeteroGraph graph) throws IOException {
    int nt = graph.tracks().size();
    int width = r.getInt();
    float[] numeric = r.getFloats();
    int[] album = r.getInts();
    int albums = r.getInt();
    int[] warmBits = r.getInts();
    if (width != 2 * RAW || numeric.length != nt * width || album.length != nt || warmBits.length != nt) {
      throw new IOException("track content does not fit the graph (" + nt + " tracks, width " + width + ")");
    }
    boolean[] warm = new boolean[nt];
    for (int t = 0; t < nt; t++) {
      warm[t] = warmBits[t] != 0;
      if (album[t] < -1 || album[t] >= albums) {
        throw new IOException("album index " + album[t] + " of track " + t + " out of range [-1, " + albums + ")");
      }
    }
    String[] trackNames = getStrings(r, nt);
    String[] artistNames = getStrings(r, graph.artists().size());
    String[] albumNames = getStrings(r, albums);
    int[][] artists = new int[nt][];
    int[][] genres = new int[nt][];
    for (int t = 0; t < nt; t++) {
      artists[t] = targets(graph, EdgeType.TRACK_ARTIST, t);
      genres[t] = targets(graph, EdgeType.TRACK_GENRE, t);
    }
    return new TrackContent(width, numeric, artists, genres, album, albums, warm, trackNames, artistNames, albumNames);
  }

  private static void putStrings(Payload.Writer w, String[] s) {
    w.putInt(s.length);
    for (String x : s) {
      w.putString(x);
    }
  }

  private static String[] getStrings(Payload.Reader r, int expected) throws IOException {
    int n = r.getInt();
    if (n != expected) {
      throw new IOException("expected " + expected + " names, found " + n);
    }
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.getString();
    }
    return out;
  }
}

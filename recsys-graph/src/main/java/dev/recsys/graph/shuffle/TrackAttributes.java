package dev.recsys.graph.shuffle;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-track attributes the walk features read on the hot path, precomputed once into int and float arrays indexed
 * by the catalogue's int index: artist id, key, mode, tempo and cluster (genre) id.
 *
 * <p>Missing values are explicit: {@code -1} for artist, key, mode and cluster, {@code NaN} for tempo (a tempo of
 * 0 bpm, which the Spotify API reports when it found no beat, also counts as missing). Immutable and thread-safe.
 */
public final class TrackAttributes {
  private final int[] artist;
  private final int[] key;
  private final int[] mode;
  private final float[] tempo;
  private final int[] cluster;
  /** Ints per track in {@link #packed}: artist, key code, cluster, tempo float bits. */
  static final int STRIDE = 4;

  /** Per track, {@link #STRIDE} ints: artist, {@link #keyCode}, cluster, {@code Float.floatToIntBits(tempo)}. */
  final int[] packed;
  private final int artistCount;
  private final int clusterCount;

  private TrackAttributes(int[] artist, int[] key, int[] mode, float[] tempo, int[] cluster, int artistCount, int clusterCount) {
    this.artist = artist;
    this.key = key;
    this.mode = mode;
    this.tempo = tempo;
    this.cluster = cluster;
    this.artistCount = artistCount;
    this.packed = new int[artist.length * STRIDE];
    for (int i = 0; i < artist.length; i++) {
      packed[i * STRIDE] = artist[i];
      packed[i * STRIDE + 1] = keyCode(key[i], mode[i]);
      packed[i * STRIDE + 2] = cluster[i];
      packed[i * STRIDE + 3] = Float.floatToIntBits(tempo[i]);
    }
    this.clusterCount = clusterCount;
  }

  /**
   * Attributes of a catalogue, with each track's cluster taken from its first genre label.
   *
   * @param catalog the catalogue
   * @return the {@code TrackAttributes}
   */
  public static TrackAttributes of(Catalog catalog) {
    int n = catalog.size();
    int[] clusters = new int[n];
    Map<String, Integer> genres = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Track t = catalog.get(i);
      clusters[i] = t.genres().isEmpty() ? -1 : genres.computeIfAbsent(t.genres().get(0), g -> genres.size());
    }
    return of(catalog, clusters);
  }

  /**
   * Attributes of a catalogue with explicit cluster ids (for example from clustering the track vectors).
   *
   * @param clusters one id per track, {@code -1} for none
   * @param catalog the catalogue
   * @return the {@code TrackAttributes}
   */
  public static TrackAttributes of(Catalog catalog, int[] clusters) {
    Objects.requireNonNull(catalog, "catalog");
    int n = catalog.size();
    if (clusters.length != n) {
      throw new IllegalArgumentException("need one cluster id per track; " + clusters.length + " vs " + n);
    }
    int[] artist = new int[n];
    int[] key = new int[n];
    int[] mode = new int[n];
    float[] tempo = new float[n];
    Map<String, Integer> artists = new HashMap<>();
    int maxCluster = -1;
    for (int i = 0; i < n; i++) {
      Track t = catalog.get(i);
      artist[i] = t.primaryArtist().map(a -> artists.computeIfAbsent(a.key(), x -> artists.size())).orElse(-1);
      double k = t.audio().value(AudioFeature.KEY);
      key[i] = Double.isNaN(k) ? -1 : (int) k;
      double m = t.audio().value(AudioFeature.MODE);
      mode[i] = Double.isNaN(m) ? -1 : (int) m;
      double bpm = t.audio().value(AudioFeature.TEMPO);
      tempo[i] = Double.isNaN(bpm) || bpm <= 0 ? Float.NaN : (float) bpm;
      if (clusters[i] < -1) {
        throw new IllegalArgumentException("cluster ids must be >= -1; clusters[" + i + "]=" + clusters[i]);
      }
      maxCluster = Math.max(maxCluster, clusters[i]);
    }
    return new TrackAttributes(artist, key, mode, tempo, clusters.clone(), artists.size(), maxCluster + 1);
  }

  /**
   * Number of tracks.
   *
   * @return the number of tracks
   */
  public int size() {
    return artist.length;
  }

  /**
   * Artist id of track {@code i} (dense, from the primary artist's key), or -1 when unknown.
   *
   * @return the artist id of track {@code i} (dense, from the primary artist's key), or -1 when unknown
   * @param i the track index
   */
  public int artist(int i) {
    return artist[i];
  }

  /**
   * Pitch class 0 to 11 of track {@code i}, or -1 when missing.
   *
   * @return the pitch class 0 to 11 of track {@code i}, or -1 when missing
   * @param i the track index
   */
  public int key(int i) {
    return key[i];
  }

  /**
   * 1 major, 0 minor, -1 missing.
   *
   * @return the 1 major, 0 minor, -1 missing
   * @param i the track index
   */
  public int mode(int i) {
    return mode[i];
  }

  /**
   * Tempo in bpm, or NaN when missing.
   *
   * @return the tempo in bpm, or NaN when missing
   * @param i the track index
   */
  public float tempo(int i) {
    return tempo[i];
  }

  /**
   * Cluster (genre) id, or -1 when none.
   *
   * @return the cluster (genre) id, or -1 when none
   * @param i the track index
   */
  public int cluster(int i) {
    return cluster[i];
  }

  /**
   * A dense code of key and mode for table lookups: -1 when the key is missing, else {@code key + 12 * (mode + 1)}
   * (mode -1 missing, 0 minor, 1 major), so codes lie in [0, 36).
   *
   * @param key the key
   * @param mode the mode
   * @return a dense code of key and mode for table lookups
   */
  public static int keyCode(int key, int mode) {
    return key < 0 ? -1 : key + 12 * (mode + 1);
  }

  /**
   * Number of distinct artists.
   *
   * @return the number of distinct artists
   */
  public int artistCount() {
    return artistCount;
  }

  /**
   * One more than the largest cluster id.
   *
   * @return one more than the largest cluster id
   */
  public int clusterCount() {
    return clusterCount;
  }

  @Override
  public String toString() {
    return "TrackAttributes[tracks=" + size() + ", artists=" + artistCount + ", clusters=" + clusterCount + "]";
  }
}

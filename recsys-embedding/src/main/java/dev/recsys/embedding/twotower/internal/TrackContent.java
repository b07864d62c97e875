package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Content features of tracks, fitted on a catalogue: genre and artist vocabularies, and the standardisation of the
 * twelve audio features and the release year. A track's dense content vector is
 * {@code [12 audio z-scores, audio present, year z-score, year present]}; missing values are 0 with the flag 0,
 * never a silent 0 that looks like a value. Immutable once fitted.
 */
public final class TrackContent {
  /** Number of audio features. */
  public static final int AUDIO = AudioFeature.values().length;
  /** Width of {@link #dense}. */
  public static final int WIDTH = AUDIO + 3;

  private final IdIndex genres;
  private final IdIndex artists;
  private final float[] mean;
  private final float[] std;
  private final float yearMean;
  private final float yearStd;

  private TrackContent(IdIndex genres, IdIndex artists, float[] mean, float[] std, float yearMean, float yearStd) {
    this.genres = genres;
    this.artists = artists;
    this.mean = mean;
    this.std = std;
    this.yearMean = yearMean;
    this.yearStd = yearStd;
  }

  /** Fits vocabularies and standardisation on the tracks of a catalogue. */
  public static TrackContent fit(Catalog catalog) {
    TreeSet<String> g = new TreeSet<>();
    TreeSet<String> a = new TreeSet<>();
    double[] s = new double[AUDIO];
    double[] s2 = new double[AUDIO];
    int[] c = new int[AUDIO];
    double ys = 0;
    double ys2 = 0;
    int yc = 0;
    for (Track t : catalog.tracks()) {
      g.addAll(t.genres());
      t.primaryArtist().ifPresent(ar -> a.add(ar.key()));
      double[] v = t.audio().toArray();
      for (int f = 0; f < AUDIO; f++) {
        if (!Double.isNaN(v[f])) {
          s[f] += v[f];
          s2[f] += v[f] * v[f];
          c[f]++;
        }
      }
      if (t.releaseDate().isPresent()) {
        double y = t.releaseDate().get().fractionalYear();
        ys += y;
        ys2 += y * y;
        yc++;
      }
    }
    float[] mean = new float[AUDIO];
    float[] std = new float[AUDIO];
    for (int f = 0; f < AUDIO; f++) {
      mean[f] = c[f] == 0 ? 0f : (float) (s[f] / c[f]);
      double var = c[f] == 0 ? 1 : s2[f] / c[f] - mean[f] * (double) mean[f];
      std[f] = (float) Math.sqrt(Math.max(var, 1e-6));
    }
    float yMean = yc == 0 ? 0f : (float) (ys / yc);
    double yVar = yc == 0 ? 1 : ys2 / yc - yMean * (double) yMean;
    return new TrackContent(IdIndex.of(g), IdIndex.of(a), mean, std, yMean, (float) Math.sqrt(Math.max(yVar, 1e-6)));
  }

  /** The genre vocabulary. */
  public IdIndex genres() {
    return genres;
  }

  /** The artist vocabulary (artist keys). */
  public IdIndex artists() {
    return artists;
  }

  /** Number of genres, at least 1 (a catalogue without genres gets one never used). */
  public int genreCount() {
    return Math.max(1, genres.size());
  }

  /** The dense content vector of a track. */
  public float[] dense(Track t) {
    float[] out = new float[WIDTH];
    double[] v = t.audio().toArray();
    boolean any = false;
    for (int f = 0; f < AUDIO; f++) {
      if (!Double.isNaN(v[f])) {
        out[f] = (float) ((v[f] - mean[f]) / std[f]);
        any = true;
      }
    }
    out[AUDIO] = any ? 1f : 0f;
    if (t.releaseDate().isPresent()) {
      out[AUDIO + 1] = (float) ((t.releaseDate().get().fractionalYear() - yearMean) / yearStd);
      out[AUDIO + 2] = 1f;
    }
    return out;
  }

  /** The known genre indices of a track (unknown genres are left out). */
  public int[] genreIndices(Track t) {
    List<Integer> out = new ArrayList<>();
    for (String g : t.genres()) {
      int i = genres.indexOf(g);
      if (i >= 0 && !out.contains(i)) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Writes the fitted state. */
  public void write(Payload.Writer w) {
    w.putInt(genres.size());
    genres.ids().forEach(w::putString);
    w.putInt(artists.size());
    artists.ids().forEach(w::putString);
    w.putFloats(mean).putFloats(std).putDouble(yearMean).putDouble(yearStd);
  }

  /** Reads what {@link #write} wrote. */
  public static TrackContent read(Payload.Reader r) throws IOException {
    IdIndex g = readIds(r, "genre");
    IdIndex a = readIds(r, "artist");
    float[] mean = r.getFloats();
    float[] std = r.getFloats();
    if (mean.length != AUDIO || std.length != AUDIO) {
      throw new ModelFormatException("track content standardisation has " + mean.length + " features; expected " + AUDIO);
    }
    return new TrackContent(g, a, mean, std, (float) r.getDouble(), (float) r.getDouble());
  }

  static IdIndex readIds(Payload.Reader r, String what) throws IOException {
    int n = r.getCount(4);
    if (n < 0 || n > 50_000_000) {
      throw new ModelFormatException("bad " + what + " count " + n);
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(r.getString());
    }
    try {
      return IdIndex.of(ids);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("bad " + what + " vocabulary: " + e.getMessage(), e);
    }
  }
}

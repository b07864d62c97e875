package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The genre-affinity term of the history two-tower recommender: {@code gamma * log s_u(i)}, where {@code s_u(i)} is
 * the listener's smoothed share of plays in the genres of track {@code i}.
 *
 * <p>The listener side: over the listener's latest {@code limit} plays (the pooled plays), each play with genres
 * counts 1, split evenly among its genres ({@code c_g}); with {@code n} the plays that have genres and {@code G}
 * the genres of the catalogue's tracks, the smoothed share of genre {@code g} is {@code (c_g + a) / (n + a G)}
 * (additive smoothing with pseudo-count {@code a}; the shares sum to 1). The track side: the mean of the shares of
 * the track's genres (a track with several genres gets their average share); a track without genres gets the
 * share of a genre the listener never played, {@code a / (n + a G)}. The term is the log of that, so a weight
 * {@code gamma} multiplies a track's odds by its genre share to the power {@code gamma}: a listener's taste over
 * genres, read off the history, as one explicit term.
 *
 * <p>Immutable.
 */
public final class GenreAffinity {
  /** The track genres in compressed rows: the genres of track {@code i} are {@code ids[offsets[i]..offsets[i+1])}. */
  private final int[] offsets;
  private final int[] ids;
  private final int numGenres;

  /**
   * The term's track side from stored arrays.
   *
   * @param offsets row starts per track, length tracks + 1, non-decreasing from 0 to {@code ids.length}
   * @param ids genre ids per track, each in [0, numGenres)
   * @param numGenres the number of genres, &gt;= 0
   * @throws IllegalArgumentException if the arrays are not of that shape
   */
  public GenreAffinity(int[] offsets, int[] ids, int numGenres) {
    if (numGenres < 0 || offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != ids.length) {
      throw new IllegalArgumentException("genre rows: " + offsets.length + " offsets over " + ids.length
          + " genre ids, " + numGenres + " genres");
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException("genre row offsets decrease at track " + (i - 1));
      }
    }
    for (int g : ids) {
      if (g < 0 || g >= numGenres) {
        throw new IllegalArgumentException("genre id " + g + " outside [0, " + numGenres + ")");
      }
    }
    this.offsets = offsets;
    this.ids = ids;
    this.numGenres = numGenres;
  }

  /**
   * The genres of the catalogue's tracks for a track dictionary: genre ids in the order of the names' sorted
   * distinct values over these tracks; a track missing from the catalogue (or a null catalogue) has none.
   *
   * @param items the track dictionary
   * @param catalog the catalogue, or null for none
   * @return the track side of the term
   */
  public static GenreAffinity of(IdIndex items, Catalog catalog) {
    int n = items.size();
    List<List<String>> names = new ArrayList<>(n);
    TreeMap<String, Integer> vocabulary = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      Track t = catalog == null ? null : catalog.find(items.id(i)).orElse(null);
      List<String> g = t == null ? List.of() : t.genres().stream().distinct().toList();
      names.add(g);
      for (String s : g) {
        vocabulary.put(s, 0);
      }
    }
    int next = 0;
    for (var e : vocabulary.entrySet()) {
      e.setValue(next++);
    }
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + names.get(i).size();
    }
    int[] ids = new int[offsets[n]];
    for (int i = 0; i < n; i++) {
      int[] row = names.get(i).stream().mapToInt(vocabulary::get).sorted().toArray();
      System.arraycopy(row, 0, ids, offsets[i], row.length);
    }
    return new GenreAffinity(offsets, ids, vocabulary.size());
  }

  /**
   * The number of genres {@code G}; 0 means the tracks carry no genres and the term is the same for every track.
   *
   * @return the number of genres
   */
  public int numGenres() {
    return numGenres;
  }

  /**
   * The row starts of the track genres (for persistence).
   *
   * @return a copy of the offsets
   */
  public int[] offsets() {
    return offsets.clone();
  }

  /**
   * The genre ids of all tracks, row after row (for persistence).
   *
   * @return a copy of the ids
   */
  public int[] ids() {
    return ids.clone();
  }

  /** The row starts, not copied (for the other terms of this package). */
  int[] rowOffsets() {
    return offsets;
  }

  /** The genre ids, not copied (for the other terms of this package). */
  int[] rowIds() {
    return ids;
  }

  /**
   * The listener's smoothed genre shares {@code (c_g + a) / (n + a G)} over the latest {@code limit} plays of a
   * time-ordered history (latest last).
   *
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @param smoothing the pseudo-count {@code a}, &gt; 0
   * @return the share per genre id (empty when there are no genres)
   */
  public double[] shares(int[] history, int limit, double smoothing) {
    double[] c = new double[numGenres];
    int m = Math.min(history.length, limit);
    for (int a = 0; a < m; a++) {
      int h = history[history.length - 1 - a];
      int k = offsets[h + 1] - offsets[h];
      for (int j = offsets[h]; j < offsets[h + 1]; j++) {
        c[ids[j]] += 1.0 / k;
      }
    }
    double denominator = playsWithGenres(history, limit) + smoothing * numGenres;
    for (int g = 0; g < numGenres; g++) {
      c[g] = (c[g] + smoothing) / denominator;
    }
    return c;
  }

  /**
   * The term's value {@code log s_u(i)} for every track (before the weight).
   *
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @param smoothing the pseudo-count {@code a}, &gt; 0
   * @return the log share per track index; all zeros when there are no genres
   */
  public float[] logShares(int[] history, int limit, double smoothing) {
    int tracks = offsets.length - 1;
    float[] out = new float[tracks];
    if (numGenres == 0) {
      return out;
    }
    double[] s = shares(history, limit, smoothing);
    float unknown = (float) Math.log(smoothing / (playsWithGenres(history, limit) + smoothing * numGenres));
    for (int i = 0; i < tracks; i++) {
      int k = offsets[i + 1] - offsets[i];
      if (k == 0) {
        out[i] = unknown;
        continue;
      }
      double sum = 0;
      for (int j = offsets[i]; j < offsets[i + 1]; j++) {
        sum += s[ids[j]];
      }
      out[i] = (float) Math.log(sum / k);
    }
    return out;
  }

  /** The number {@code n} of the latest {@code limit} plays that have genres. */
  private int playsWithGenres(int[] history, int limit) {
    int n = 0;
    for (int a = 0, m = Math.min(history.length, limit); a < m; a++) {
      int h = history[history.length - 1 - a];
      n += offsets[h + 1] > offsets[h] ? 1 : 0;
    }
    return n;
  }

  /**
   * Adds {@code weight * log s_u(i)} to every score; a weight of 0 leaves the scores untouched (bit for bit).
   *
   * @param scores the scores per track index, changed in place
   * @param weight the weight {@code gamma}
   * @param history track indices, oldest first
   * @param limit how many of the latest plays count, at least 1
   * @param smoothing the pseudo-count {@code a}, &gt; 0
   */
  public void addTo(float[] scores, float weight, int[] history, int limit, double smoothing) {
    if (weight == 0f || numGenres == 0) {
      return;
    }
    float[] term = logShares(history, limit, smoothing);
    for (int i = 0; i < scores.length; i++) {
      scores[i] += weight * term[i];
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenreAffinity g && numGenres == g.numGenres && Arrays.equals(offsets, g.offsets)
        && Arrays.equals(ids, g.ids);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * numGenres + Arrays.hashCode(offsets)) + Arrays.hashCode(ids);
  }
}

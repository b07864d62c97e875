package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.FeatureSchema;
import dev.recsys.embedding.twotower.TowerRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Listener profile features of the matching job, computed from a history of (track, plays) entries in time order.
 *
 * <p>Each entry weighs {@code plays * (1 + position / entries)} (later entries up to twice as much: recency). The
 * dense {@code profile} is: the weighted mean and standard deviation of the tracks' content vectors (audio
 * z-scores, release year; {@link TrackContent}), the weighted genre distribution, and activity statistics
 * ({@code log(1 + plays) / 5}, {@code log(1 + distinct tracks) / 5}, {@code log(1 + distinct artists) / 5}, distinct
 * tracks per play). The multi-hot inputs are the distinct {@code artists} and, optionally, the distinct {@code tracks}.
 * Tracks not
 * in the catalogue are ignored. Immutable.
 */
public final class ListenerFeatures {
  private final TrackContent content;
  private final IdIndex tracks;
  private final float[] trackDense;
  private final int[][] trackGenres;
  private final int[] trackArtist;
  private final String[] titles;
  private final int dimension;
  private final boolean trackBag;
  private final float[] profileMean;
  private final float[] profileStd;
  private final FeatureSchema schema;
  private final int profileWidth;

  private ListenerFeatures(TrackContent content, IdIndex tracks, float[] trackDense, int[][] trackGenres,
      int[] trackArtist, String[] titles, int dimension, boolean trackBag, float[] profileMean, float[] profileStd) {
    this.content = content;
    this.tracks = tracks;
    this.trackDense = trackDense;
    this.trackGenres = trackGenres;
    this.trackArtist = trackArtist;
    this.titles = titles;
    this.dimension = dimension;
    this.trackBag = trackBag;
    this.profileMean = profileMean;
    this.profileStd = profileStd;
    profileWidth = 2 * TrackContent.WIDTH + content.genreCount() + 4;
    schema = trackBag
        ? FeatureSchema.of(
            new FeatureInput.Dense("profile", profileWidth),
            new FeatureInput.MultiHot("artists", Math.max(1, content.artists().size()), dimension),
            new FeatureInput.MultiHot("tracks", Math.max(1, tracks.size()), dimension))
        : FeatureSchema.of(
            new FeatureInput.Dense("profile", profileWidth),
            new FeatureInput.MultiHot("artists", Math.max(1, content.artists().size()), dimension));
  }

  /** Features over the tracks of a catalogue. */
  public static ListenerFeatures fit(Catalog catalog, int dimension, boolean trackBag) {
    TrackContent content = TrackContent.fit(catalog);
    int n = catalog.size();
    float[] dense = new float[n * TrackContent.WIDTH];
    int[][] genres = new int[n][];
    int[] artist = new int[n];
    String[] titles = new String[n];
    for (int i = 0; i < n; i++) {
      Track t = catalog.get(i);
      System.arraycopy(content.dense(t), 0, dense, i * TrackContent.WIDTH, TrackContent.WIDTH);
      genres[i] = content.genreIndices(t);
      artist[i] = t.primaryArtist().map(a -> content.artists().indexOf(a.key())).orElse(-1);
      titles[i] = t.displayTitle();
    }
    return new ListenerFeatures(content, catalog.ids(), dense, genres, artist, titles, dimension, trackBag, null, null);
  }

  /** The siamese tower's inputs. */
  public FeatureSchema schema() {
    return schema;
  }

  /** The track dictionary. */
  public IdIndex tracks() {
    return tracks;
  }

  /** The content encoder (genre and artist vocabularies). */
  public TrackContent content() {
    return content;
  }

  /** Genre indices of a track. */
  public int[] genres(int track) {
    return trackGenres[track];
  }

  /** Artist index of a track, or -1. */
  public int artist(int track) {
    return trackArtist[track];
  }

  /** Display title of a track. */
  public String title(int track) {
    return titles[track];
  }

  /** Width of {@link #profile}. */
  public int profileWidth() {
    return profileWidth;
  }

  /**
   * A listener's history as parallel arrays of distinct track indices and their recency-weighted plays, from track
   * ids in play order (a repeated id is a repeated play; unknown ids are skipped).
   */
  public History history(List<String> playedTrackIds) {
    int n = playedTrackIds.size();
    java.util.LinkedHashMap<Integer, double[]> acc = new java.util.LinkedHashMap<>();
    int pos = 0;
    for (String id : playedTrackIds) {
      int t = tracks.indexOf(id);
      if (t >= 0) {
        acc.computeIfAbsent(t, x -> new double[2])[0] += 1 + pos / (double) Math.max(1, n);
        acc.get(t)[1] += 1;
      }
      pos++;
    }
    return History.of(acc);
  }

  /**
   * A listener's history: distinct tracks, their recency-weighted plays, and raw plays.
   *
   * @param items distinct track indices, in order of first play
   * @param weights recency-weighted plays per track
   * @param plays play counts per track
   */
  public record History(int[] items, float[] weights, float[] plays) {
    /** Number of distinct tracks. */
    public int size() {
      return items.length;
    }

    /** A history from per-track accumulators {@code [weight, plays]}, in the map's order. */
    static History of(java.util.Map<Integer, double[]> acc) {
      int[] items = new int[acc.size()];
      float[] weights = new float[acc.size()];
      float[] plays = new float[acc.size()];
      int i = 0;
      for (var e : acc.entrySet()) {
        items[i] = e.getKey();
        weights[i] = (float) e.getValue()[0];
        plays[i] = (float) e.getValue()[1];
        i++;
      }
      return new History(items, weights, plays);
    }

    /** The entries whose mask bit is set. */
    public History select(boolean[] mask) {
      int m = 0;
      for (boolean b : mask) {
        if (b) {
          m++;
        }
      }
      int[] it = new int[m];
      float[] w = new float[m];
      float[] p = new float[m];
      int j = 0;
      for (int i = 0; i < items.length; i++) {
        if (mask[i]) {
          it[j] = items[i];
          w[j] = weights[i];
          p[j] = plays[i];
          j++;
        }
      }
      return new History(it, w, p);
    }

    /**
     * Two disjoint random halves (each entry goes to one side; each side gets at least one entry when there are
     * two or more).
     */
    public History[] halves(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      boolean[] a = new boolean[items.length];
      int inA = 0;
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextBoolean();
        if (a[i]) {
          inA++;
        }
      }
      if (items.length >= 2 && (inA == 0 || inA == items.length)) {
        int flip = r.nextInt(items.length);
        a[flip] = !a[flip];
      }
      boolean[] b = new boolean[a.length];
      for (int i = 0; i < a.length; i++) {
        b[i] = !a[i];
      }
      return new History[] {select(a), select(b)};
    }
  }

  /**
   * A listener's history from a sequence in time order of (track index, plays); a track appearing several times
   * accumulates its plays.
   */
  public History history(int[] trackSeq, float[] playsSeq) {
    int n = trackSeq.length;
    java.util.LinkedHashMap<Integer, double[]> acc = new java.util.LinkedHashMap<>();
    for (int pos = 0; pos < n; pos++) {
      double[] e = acc.computeIfAbsent(trackSeq[pos], x -> new double[2]);
      e[0] += playsSeq[pos] * (1 + pos / (double) n);
      e[1] += playsSeq[pos];
    }
    return History.of(acc);
  }

  /** The dense profile of a history. */
  public float[] profile(History h) {
    int g = content.genreCount();
    int w = TrackContent.WIDTH;
    float[] p = new float[profileWidth];
    double total = 0;
    double plays = 0;
    double[] mean = new double[w];
    double[] sq = new double[w];
    java.util.Set<Integer> artists = new java.util.HashSet<>();
    for (int i = 0; i < h.size(); i++) {
      int t = h.items()[i];
      double wt = h.weights()[i];
      total += wt;
      plays += h.plays()[i];
      for (int c = 0; c < w; c++) {
        double v = trackDense[t * w + c];
        mean[c] += wt * v;
        sq[c] += wt * v * v;
      }
      int[] gs = trackGenres[t];
      for (int x : gs) {
        p[2 * w + x] += (float) (wt / gs.length);
      }
      if (trackArtist[t] >= 0) {
        artists.add(trackArtist[t]);
      }
    }
    if (total > 0) {
      for (int c = 0; c < w; c++) {
        double m = mean[c] / total;
        p[c] = (float) m;
        p[w + c] = (float) Math.sqrt(Math.max(0, sq[c] / total - m * m));
      }
      for (int x = 0; x < g; x++) {
        p[2 * w + x] /= (float) total;
      }
    }
    int a = 2 * w + g;
    p[a] = (float) (Math.log1p(plays) / 5);
    p[a + 1] = (float) (Math.log1p(h.size()) / 5);
    p[a + 2] = (float) (Math.log1p(artists.size()) / 5);
    p[a + 3] = plays > 0 ? (float) (h.size() / plays) : 0f;
    return p;
  }

  /**
   * These features with the tower's profile input standardised (z-scores) by the mean and standard deviation of
   * the given listeners' profiles, so that genre shares, audio statistics and activity weigh alike.
   */
  public ListenerFeatures standardised(java.util.Collection<History> listeners) {
    double[] s = new double[profileWidth];
    double[] s2 = new double[profileWidth];
    int n = 0;
    for (History h : listeners) {
      float[] p = profile(h);
      for (int c = 0; c < profileWidth; c++) {
        s[c] += p[c];
        s2[c] += p[c] * (double) p[c];
      }
      n++;
    }
    float[] mean = new float[profileWidth];
    float[] std = new float[profileWidth];
    for (int c = 0; c < profileWidth; c++) {
      double m = n == 0 ? 0 : s[c] / n;
      mean[c] = (float) m;
      std[c] = (float) Math.sqrt(Math.max(n == 0 ? 1 : s2[c] / n - m * m, 1e-6));
    }
    return new ListenerFeatures(content, tracks, trackDense, trackGenres, trackArtist, titles, dimension, trackBag,
        mean, std);
  }

  /** The tower's profile input: {@link #profile} standardised when {@link #standardised} was applied. */
  public float[] towerProfile(History h) {
    float[] p = profile(h);
    if (profileMean != null) {
      for (int c = 0; c < p.length; c++) {
        p[c] = (p[c] - profileMean[c]) / profileStd[c];
      }
    }
    return p;
  }

  /** The tower row of a history. */
  public TowerRow row(History h) {
    int[] artists = Arrays.stream(h.items()).map(t -> trackArtist[t]).filter(x -> x >= 0).distinct().toArray();
    return new TowerRow(new int[0], trackBag ? new int[][] {artists, h.items().clone()} : new int[][] {artists},
        towerProfile(h));
  }

  /** Writes the fitted state. */
  public void write(Payload.Writer w) {
    content.write(w);
    w.putInt(dimension);
    w.putInt(trackBag ? 1 : 0);
    w.putInt(profileMean == null ? 0 : 1);
    if (profileMean != null) {
      w.putFloats(profileMean).putFloats(profileStd);
    }
    w.putInt(tracks.size());
    tracks.ids().forEach(w::putString);
    for (String t : titles) {
      w.putString(t);
    }
    w.putFloats(trackDense).putInts(trackArtist);
    for (int[] g : trackGenres) {
      w.putInts(g);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static ListenerFeatures read(Payload.Reader r) throws IOException {
    TrackContent content = TrackContent.read(r);
    int dimension = r.getInt();
    boolean trackBag = r.getInt() == 1;
    float[] pm = null;
    float[] ps = null;
    if (r.getInt() == 1) {
      pm = r.getFloats();
      ps = r.getFloats();
    }
    IdIndex tracks = TrackContent.readIds(r, "track");
    int n = tracks.size();
    String[] titles = new String[n];
    for (int i = 0; i < n; i++) {
      titles[i] = r.getString();
    }
    float[] dense = r.getFloats();
    int[] artist = r.getInts();
    if (dense.length != n * TrackContent.WIDTH || artist.length != n) {
      throw new ModelFormatException("track feature arrays do not match the " + n + " tracks");
    }
    int[][] genres = new int[n][];
    for (int i = 0; i < n; i++) {
      genres[i] = r.getInts();
    }
    try {
      ListenerFeatures f = new ListenerFeatures(content, tracks, dense, genres, artist, titles, dimension, trackBag, pm, ps);
      if (pm != null && (pm.length != f.profileWidth || ps.length != f.profileWidth)) {
        throw new ModelFormatException("profile standardisation has " + pm.length + " values; expected " + f.profileWidth);
      }
      return f;
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("malformed listener features: " + e.getMessage(), e);
    }
  }

  /** Distinct artists of a history with their weighted plays. */
  public java.util.Map<Integer, Double> artistWeights(History h) {
    java.util.Map<Integer, Double> m = new java.util.HashMap<>();
    for (int i = 0; i < h.size(); i++) {
      int a = trackArtist[h.items()[i]];
      if (a >= 0) {
        m.merge(a, (double) h.plays()[i], Double::sum);
      }
    }
    return m;
  }

  /** The genre distribution of a history (share per genre index). */
  public double[] genreShares(History h) {
    float[] p = profile(h);
    double[] s = new double[content.genreCount()];
    for (int x = 0; x < s.length; x++) {
      s[x] = p[2 * TrackContent.WIDTH + x];
    }
    return s;
  }

  /** Indices of the top tracks of a history by plays (ties: first played first). */
  public List<Integer> topTracks(History h, int n) {
    Integer[] order = new Integer[h.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(h.plays()[b], h.plays()[a]));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, order.length); i++) {
      out.add(h.items()[order[i]]);
    }
    return out;
  }
}

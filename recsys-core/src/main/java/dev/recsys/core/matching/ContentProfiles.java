package dev.recsys.core.matching;

import dev.recsys.core.io.Payload;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Listeners' content profiles from track metadata: the genre distribution (log-play-weighted genre shares) and
 * the log-play-weighted means of the audio features, z-scored with the fitted listeners' statistics. The two
 * blocks are each scaled to unit length and weighted equally when both exist, so the cosine of two profiles is the
 * mean of a genre cosine and an audio cosine. Data without genres or audio features has no content
 * ({@link #present()} is false).
 *
 * <p>Immutable after fitting; encodes added listeners with the fitted vocabulary and statistics.
 */
public final class ContentProfiles {
  private static final int AUDIO = AudioFeature.values().length;

  private final Catalog catalog;
  private final Map<String, Integer> genres;
  private final boolean audio;
  private final double[] mean = new double[AUDIO];
  private final double[] sd = new double[AUDIO];

  private ContentProfiles(ListenerProfiles p, Catalog catalog) {
    this.catalog = catalog;
    TreeSet<String> g = new TreeSet<>();
    boolean anyAudio = false;
    if (catalog.size() > 0) {
      for (int i = 0; i < p.numItems(); i++) {
        Optional<Track> t = catalog.find(p.itemId(i));
        if (t.isPresent()) {
          g.addAll(t.get().genres());
          anyAudio |= !t.get().audio().isEmpty();
        }
      }
    }
    genres = new HashMap<>();
    for (String s : g) {
      genres.put(s, genres.size());
    }
    audio = anyAudio;
    if (audio) {
      double[] s = new double[AUDIO];
      double[] s2 = new double[AUDIO];
      int n = p.size();
      for (int u = 0; u < n; u++) {
        double[] m = audioMean(p, p.items(u), p.plays(u));
        for (int f = 0; f < AUDIO; f++) {
          s[f] += m[f];
          s2[f] += m[f] * m[f];
        }
      }
      for (int f = 0; f < AUDIO; f++) {
        mean[f] = s[f] / Math.max(n, 1);
        sd[f] = Math.sqrt(Math.max(s2[f] / Math.max(n, 1) - mean[f] * mean[f], 1e-12));
      }
    }
  }

  private ContentProfiles(Catalog catalog, List<String> genreVocabulary, boolean audio, double[] mean, double[] sd) {
    this.catalog = catalog;
    this.genres = new HashMap<>();
    for (String s : genreVocabulary) {
      genres.put(s, genres.size());
    }
    this.audio = audio;
    System.arraycopy(mean, 0, this.mean, 0, AUDIO);
    System.arraycopy(sd, 0, this.sd, 0, AUDIO);
  }

  /**
   * Writes the fitted genre vocabulary and audio statistics, for {@link #read}.
   *
   * @param out the payload to append to
   */
  public void write(Payload.Writer out) {
    String[] vocabulary = new String[genres.size()];
    genres.forEach((g, j) -> vocabulary[j] = g);
    out.putStrings(List.of(vocabulary)).putInt(audio ? 1 : 0).putDoubles(mean).putDoubles(sd);
  }

  /**
   * Reads content profiles written by {@link #write}: they encode every listener as the written ones did.
   *
   * @param in the payload, positioned where {@link #write} started
   * @param catalog the catalogue the written profiles read metadata from
   * @return the profiles
   * @throws IOException if the payload is truncated or its statistics are malformed
   */
  public static ContentProfiles read(Payload.Reader in, Catalog catalog) throws IOException {
    List<String> vocabulary = in.getStrings();
    int audio = in.getInt();
    double[] mean = in.getDoubles();
    double[] sd = in.getDoubles();
    if (audio < 0 || audio > 1 || mean.length != AUDIO || sd.length != AUDIO
        || new TreeSet<>(vocabulary).size() != vocabulary.size()) {
      throw new IOException("content profiles: malformed statistics (audio flag " + audio + ", " + mean.length
          + " means, " + sd.length + " deviations for " + AUDIO + " audio features, " + vocabulary.size()
          + " genres)");
    }
    return new ContentProfiles(catalog, vocabulary, audio == 1, mean, sd);
  }

  /**
   * The content profiles of {@code profiles}' listeners with {@code catalog}'s metadata.
   *
   * @param profiles the fitted listeners; their bags give the audio statistics and, with the catalogue, the genre
   *     vocabulary
   * @param catalog track metadata (genres, audio features); an empty catalogue gives profiles without content
   * @return the fitted content profiles, whose vocabulary and statistics stay fixed
   */
  public static ContentProfiles fit(ListenerProfiles profiles, Catalog catalog) {
    return new ContentProfiles(profiles, catalog);
  }

  /**
   * Whether the data has any genre or audio feature.
   *
   * @return true when the fitted catalogue had at least one genre or audio feature for the listeners' tracks
   */
  public boolean present() {
    return audio || !genres.isEmpty();
  }

  /**
   * Vector dimension: genres plus audio features (at least 1).
   *
   * @return the length of every content vector: genres plus audio features, at least 1
   */
  public int dimension() {
    return Math.max(1, genres.size() + (audio ? AUDIO : 0));
  }

  /** The genre share of {@link #encode(ListenerProfiles, int)}: both blocks weigh the same. */
  public static final double EQUAL_GENRE_SHARE = 0.5;

  /**
   * The unit content vector of listener {@code u} (zero when none of their tracks has content).
   *
   * @param p the profiles holding the listener; may have grown since fitting
   * @param u listener index in {@code p}
   * @return a new content vector of length {@link #dimension()}, unit or zero
   */
  public float[] encode(ListenerProfiles p, int u) {
    return encode(p, p.items(u), p.plays(u), EQUAL_GENRE_SHARE);
  }

  /**
   * The unit content vector of listener {@code u} with genre share {@code gamma} (see {@link #encode(ListenerProfiles,
   * int[], float[], double)}).
   *
   * @param p the profiles holding the listener; may have grown since fitting
   * @param u listener index in {@code p}
   * @param gamma the genre share, in [0, 1]
   * @return a new content vector of length {@link #dimension()}, unit or zero
   */
  public float[] encode(ListenerProfiles p, int u, double gamma) {
    return encode(p, p.items(u), p.plays(u), gamma);
  }

  /**
   * The unit content vector of a bag of items (indices into {@code p}'s vocabulary) with their plays (zero when
   * none has content), both blocks weighing the same.
   *
   * @param p the profiles whose vocabulary the item indexes refer to
   * @param items item indexes of the bag
   * @param plays play counts parallel to {@code items}
   * @return a new content vector of length {@link #dimension()}, unit or zero
   */
  public float[] encode(ListenerProfiles p, int[] items, float[] plays) {
    return encode(p, items, plays, EQUAL_GENRE_SHARE);
  }

  /**
   * The unit content vector of a bag of items with genre share {@code gamma}: when both the genre block and the
   * audio block are non-zero, the genre block has squared length {@code gamma} and the audio block {@code 1 - gamma},
   * so that the cosine of two profiles is {@code gamma cos(genres) + (1 - gamma) cos(audio)}; a single non-zero
   * block has unit length.
   *
   * @param gamma the genre share, in [0, 1]
   * @param p the profiles whose vocabulary the item indexes refer to
   * @param items item indexes of the bag
   * @param plays play counts parallel to {@code items}
   * @return a new content vector of length {@link #dimension()}, unit or zero
   * @throws IllegalArgumentException if {@code gamma} is outside [0, 1] or NaN
   */
  public float[] encode(ListenerProfiles p, int[] items, float[] plays, double gamma) {
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("genre share must be in [0, 1]; got " + gamma);
    }
    float[] v = new float[dimension()];
    if (!present()) {
      return v;
    }
    int blocks = 0;
    double gn = 0;
    for (Map.Entry<String, Double> e : MatchExplainer.genreShares(p, catalog, items, plays).entrySet()) {
      Integer j = genres.get(e.getKey());
      if (j != null) {
        v[j] = (float) (double) e.getValue();
        gn += e.getValue() * e.getValue();
      }
    }
    if (gn > 0) {
      blocks++;
    }
    double an = 0;
    if (audio) {
      double[] m = audioMean(p, items, plays);
      int off = genres.size();
      for (int f = 0; f < AUDIO; f++) {
        v[off + f] = (float) ((m[f] - mean[f]) / sd[f]);
        an += (double) v[off + f] * v[off + f];
      }
      if (an > 0) {
        blocks++;
      }
    }
    double genreScale = blocks == 2 ? Math.sqrt(gamma) : 1;
    double audioScale = blocks == 2 ? Math.sqrt(1 - gamma) : 1;
    for (int j = 0; j < genres.size(); j++) {
      v[j] = (float) (gn > 0 ? v[j] / Math.sqrt(gn) * genreScale : 0);
    }
    for (int j = genres.size(); j < v.length && audio; j++) {
      v[j] = (float) (an > 0 ? v[j] / Math.sqrt(an) * audioScale : 0);
    }
    return v;
  }

  /**
   * Content vectors of every listener of {@code p}.
   *
   * @param p the profiles to encode, usually the fitted ones
   * @return one content vector per listener of {@code p}, in index order (equal genre share)
   */
  public float[][] encodeAll(ListenerProfiles p) {
    List<float[]> out = new ArrayList<>();
    for (int u = 0; u < p.size(); u++) {
      out.add(encode(p, u));
    }
    return out.toArray(new float[0][]);
  }

  /** Log-play-weighted means of the audio features of the listener's tracks; the fitted mean where none has it. */
  private double[] audioMean(ListenerProfiles p, int[] it, float[] pl) {
    double[] s = new double[AUDIO];
    double[] w = new double[AUDIO];
    for (int j = 0; j < it.length; j++) {
      Optional<Track> t = catalog.find(p.itemId(it[j]));
      if (t.isEmpty()) {
        continue;
      }
      double[] a = t.get().audio().toArray();
      double x = Math.log1p(pl[j]);
      for (int f = 0; f < AUDIO; f++) {
        if (!Double.isNaN(a[f])) {
          s[f] += x * a[f];
          w[f] += x;
        }
      }
    }
    for (int f = 0; f < AUDIO; f++) {
      s[f] = w[f] > 0 ? s[f] / w[f] : mean[f];
    }
    return s;
  }
}

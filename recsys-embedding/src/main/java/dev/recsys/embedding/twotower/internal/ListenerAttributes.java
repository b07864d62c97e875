package dev.recsys.embedding.twotower.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Track;
import dev.recsys.embedding.twotower.FeatureInput;
import dev.recsys.embedding.twotower.ListenerFeaturesConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The listener tower's attribute and engineered inputs of the hybrid recommender ({@link ListenerFeaturesConfig}):
 * categorical attributes as ids ({@code attr:NAME}, one bucket row for missing and unseen values), numeric
 * attributes standardised with a missing flag ({@code attributes}), the age band × genre cross
 * ({@code age-genre}, a bag of {@code band * genres + genre}) and the mood quadrant shares ({@code mood}). Fitted on
 * the training listeners; immutable.
 */
public final class ListenerAttributes {
  /** Lower bounds of the age bands of the cross (13-17, 18-24, 25-34, 35-44, 45-54, 55+). */
  static final int[] BAND_FROM = {0, 18, 25, 35, 45, 55};

  /** Plain decimal numbers as the readers take them ({@code 34}, {@code -1.5}, {@code 2e3}); not {@code 3d}, hex or NaN. */
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final ListenerFeaturesConfig config;
  private final List<String> categorical;
  private final List<IdIndex> vocabularies;
  private final List<String> numeric;
  private final float[] mean;
  private final float[] std;
  /** Per training listener: one value index per categorical attribute (-1: missing). */
  private final int[] categories;
  /** Per training listener: per numeric attribute, the z-score and the present flag. */
  private final float[] numbers;
  /** Per training listener: the age band, -1 when unknown. */
  private final int[] bands;
  /** Per item: its energy × valence quadrant, -1 when unknown. */
  private final int[] quadrants;
  private final int genres;

  private ListenerAttributes(ListenerFeaturesConfig config, List<String> categorical, List<IdIndex> vocabularies,
      List<String> numeric, float[] mean, float[] std, int[] categories, float[] numbers, int[] bands, int[] quadrants,
      int genres) {
    this.config = config;
    this.categorical = List.copyOf(categorical);
    this.vocabularies = List.copyOf(vocabularies);
    this.numeric = List.copyOf(numeric);
    this.mean = mean;
    this.std = std;
    this.categories = categories;
    this.numbers = numbers;
    this.bands = bands;
    this.quadrants = quadrants;
    this.genres = genres;
  }

  /**
   * Fits the inputs on the training listeners.
   *
   * @param config the switches
   * @param users the training listeners, in index order
   * @param profiles listener profiles by id (listeners without one have every attribute missing)
   * @param items the training items, in index order
   * @param catalog the tracks (energy and valence for the quadrants)
   * @param genres the genre count of the track content
   * @return the fitted inputs
   */
  public static ListenerAttributes fit(ListenerFeaturesConfig config, IdIndex users, Map<String, Listener> profiles,
      IdIndex items, Catalog catalog, int genres) {
    int nu = users.size();
    List<Map<String, String>> attrs = new ArrayList<>(nu);
    for (int u = 0; u < nu; u++) {
      Listener l = profiles.get(users.id(u));
      attrs.add(l == null ? Map.of() : l.attributes());
    }
    // attribute names and their values, sorted for a stable layout
    TreeMap<String, TreeSet<String>> values = new TreeMap<>();
    for (Map<String, String> a : attrs) {
      for (Map.Entry<String, String> e : a.entrySet()) {
        if (config.include().isEmpty() || config.include().contains(e.getKey())) {
          values.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue());
        }
      }
    }
    List<String> categorical = new ArrayList<>();
    List<IdIndex> vocabularies = new ArrayList<>();
    List<String> numeric = new ArrayList<>();
    if (config.attributes()) {
      for (Map.Entry<String, TreeSet<String>> e : values.entrySet()) {
        if (e.getValue().stream().allMatch(ListenerAttributes::isNumber)) {
          numeric.add(e.getKey());
        } else {
          categorical.add(e.getKey());
          vocabularies.add(IdIndex.of(e.getValue()));
        }
      }
    }
    int nc = categorical.size();
    int nn = numeric.size();
    int[] categories = new int[nu * nc];
    float[] numbers = new float[nu * nn * 2];
    double[] sum = new double[nn];
    double[] sum2 = new double[nn];
    int[] count = new int[nn];
    for (int u = 0; u < nu; u++) {
      Map<String, String> a = attrs.get(u);
      for (int c = 0; c < nc; c++) {
        String v = a.get(categorical.get(c));
        categories[u * nc + c] = v == null ? -1 : vocabularies.get(c).indexOf(v);
      }
      for (int n = 0; n < nn; n++) {
        String v = a.get(numeric.get(n));
        if (v != null) {
          double x = Double.parseDouble(v.strip());
          sum[n] += x;
          sum2[n] += x * x;
          count[n]++;
        }
      }
    }
    float[] mean = new float[nn];
    float[] std = new float[nn];
    for (int n = 0; n < nn; n++) {
      mean[n] = count[n] == 0 ? 0f : (float) (sum[n] / count[n]);
      double var = count[n] == 0 ? 1 : sum2[n] / count[n] - mean[n] * (double) mean[n];
      std[n] = (float) Math.sqrt(Math.max(var, 1e-6));
    }
    int[] bands = new int[nu];
    for (int u = 0; u < nu; u++) {
      Map<String, String> a = attrs.get(u);
      for (int n = 0; n < nn; n++) {
        String v = a.get(numeric.get(n));
        if (v != null) {
          numbers[(u * nn + n) * 2] = (float) ((Double.parseDouble(v.strip()) - mean[n]) / std[n]);
          numbers[(u * nn + n) * 2 + 1] = 1f;
        }
      }
      String age = a.get(config.ageAttribute());
      bands[u] = config.ageGenreCross() && age != null && isNumber(age) ? band(Double.parseDouble(age.strip())) : -1;
    }
    int ni = items.size();
    int[] quadrants = new int[ni];
    for (int i = 0; i < ni; i++) {
      quadrants[i] = config.moodQuadrants() ? catalog.find(items.id(i)).map(ListenerAttributes::quadrant).orElse(-1) : -1;
    }
    return new ListenerAttributes(config, categorical, vocabularies, numeric, mean, std, categories, numbers, bands,
        quadrants, genres);
  }

  static boolean isNumber(String s) {
    String t = s.strip();
    return NUMBER.matcher(t).matches() && Double.isFinite(Double.parseDouble(t));
  }

  /** The age band of an age in years. */
  static int band(double age) {
    int b = 0;
    while (b + 1 < BAND_FROM.length && age >= BAND_FROM[b + 1]) {
      b++;
    }
    return b;
  }

  /** The energy × valence quadrant of a track ({@code 2 * energetic + happy}), -1 when either is missing. */
  static int quadrant(Track t) {
    double e = t.audio().value(AudioFeature.ENERGY);
    double v = t.audio().value(AudioFeature.VALENCE);
    if (Double.isNaN(e) || Double.isNaN(v)) {
      return -1;
    }
    return (e >= 0.5 ? 2 : 0) + (v >= 0.5 ? 1 : 0);
  }

  /** The categorical attribute names, in input order. */
  public List<String> categorical() {
    return categorical;
  }

  /** The numeric attribute names, in input order. */
  public List<String> numeric() {
    return numeric;
  }

  /** The id inputs, in order (after the listener id). */
  public List<FeatureInput> idInputs() {
    List<FeatureInput> out = new ArrayList<>();
    for (int c = 0; c < categorical.size(); c++) {
      out.add(new FeatureInput.Id("attr:" + categorical.get(c), vocabularies.get(c).size(), 1, config.attributeDimension()));
    }
    return out;
  }

  /** The dense inputs, in order (after the profile). */
  public List<FeatureInput> denseInputs() {
    List<FeatureInput> out = new ArrayList<>();
    if (!numeric.isEmpty()) {
      out.add(new FeatureInput.Dense("attributes", numeric.size() * 2));
    }
    if (config.moodQuadrants()) {
      out.add(new FeatureInput.Dense("mood", 4));
    }
    return out;
  }

  /** The multi-hot inputs, in order (after the recent tracks). */
  public List<FeatureInput> bagInputs() {
    return config.ageGenreCross()
        ? List.of(new FeatureInput.MultiHot("age-genre", BAND_FROM.length * genres, config.attributeDimension()))
        : List.of();
  }

  /**
   * The id rows of a listener: a training listener's values, the shared missing row for an unknown one (-1).
   *
   * @param user the listener's index, or -1
   * @return one row per categorical attribute
   */
  public int[] ids(int user) {
    int nc = categorical.size();
    int[] out = new int[nc];
    for (int c = 0; c < nc; c++) {
      int v = user < 0 ? -1 : categories[user * nc + c];
      out[c] = v >= 0 ? v : vocabularies.get(c).size();
    }
    return out;
  }

  /**
   * The bags of a listener with a history prefix: the age band × genre pairs of the prefix's genres.
   *
   * @param user the listener's index, or -1
   * @param prefixGenres the distinct genres of the history prefix
   * @return one bag per multi-hot input
   */
  public int[][] bags(int user, int[] prefixGenres) {
    if (!config.ageGenreCross()) {
      return new int[0][];
    }
    int b = user < 0 ? -1 : bands[user];
    if (b < 0) {
      return new int[][] {new int[0]};
    }
    int[] out = new int[prefixGenres.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = b * genres + prefixGenres[i];
    }
    return new int[][] {out};
  }

  /**
   * The dense values of a listener with a history prefix: numeric attributes, then the mood quadrant shares.
   *
   * @param user the listener's index, or -1
   * @param history the history
   * @param length the prefix length
   * @return the values, as wide as the dense inputs
   */
  public float[] dense(int user, int[] history, int length) {
    int nn = numeric.size();
    float[] out = new float[nn * 2 + (config.moodQuadrants() ? 4 : 0)];
    if (user >= 0) {
      System.arraycopy(numbers, user * nn * 2, out, 0, nn * 2);
    }
    if (config.moodQuadrants()) {
      int known = 0;
      for (int j = 0; j < length; j++) {
        int q = quadrants[history[j]];
        if (q >= 0) {
          out[nn * 2 + q]++;
          known++;
        }
      }
      for (int q = 0; known > 0 && q < 4; q++) {
        out[nn * 2 + q] /= known;
      }
    }
    return out;
  }

  /** Writes the fitted state. */
  public void write(Payload.Writer w) {
    w.putInt(config.attributes() ? 1 : 0).putInt(config.ageGenreCross() ? 1 : 0).putInt(config.moodQuadrants() ? 1 : 0);
    w.putInt(config.include().size());
    config.include().forEach(w::putString);
    w.putString(config.ageAttribute()).putInt(config.attributeDimension()).putInt(genres);
    w.putInt(categorical.size());
    for (int c = 0; c < categorical.size(); c++) {
      w.putString(categorical.get(c));
      w.putInt(vocabularies.get(c).size());
      vocabularies.get(c).ids().forEach(w::putString);
    }
    w.putInt(numeric.size());
    numeric.forEach(w::putString);
    w.putFloats(mean).putFloats(std).putInts(categories).putFloats(numbers).putInts(bands).putInts(quadrants);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param r the payload
   * @param users the number of training listeners
   * @param items the number of training items
   * @return the inputs
   * @throws IOException if the payload is malformed
   */
  public static ListenerAttributes read(Payload.Reader r, int users, int items) throws IOException {
    boolean attributes = r.getInt() == 1;
    boolean cross = r.getInt() == 1;
    boolean mood = r.getInt() == 1;
    int ni = r.getCount(4);
    List<String> include = new ArrayList<>(ni);
    for (int i = 0; i < ni; i++) {
      include.add(r.getString());
    }
    String age = r.getString();
    int dim = r.getInt();
    int genres = r.getInt();
    int nc = r.getCount(4);
    List<String> categorical = new ArrayList<>(nc);
    List<IdIndex> vocabularies = new ArrayList<>(nc);
    for (int c = 0; c < nc; c++) {
      categorical.add(r.getString());
      vocabularies.add(TrackContent.readIds(r, "attribute value"));
    }
    int nn = r.getCount(4);
    List<String> numeric = new ArrayList<>(nn);
    for (int n = 0; n < nn; n++) {
      numeric.add(r.getString());
    }
    float[] mean = r.getFloats();
    float[] std = r.getFloats();
    int[] categories = r.getInts();
    float[] numbers = r.getFloats();
    int[] bands = r.getInts();
    int[] quadrants = r.getInts();
    if (mean.length != nn || std.length != nn || categories.length != users * nc || numbers.length != users * nn * 2
        || bands.length != users || quadrants.length != items) {
      throw new ModelFormatException("listener attribute arrays do not match " + users + " listeners, " + items
          + " items, " + nc + " categorical and " + nn + " numeric attributes");
    }
    for (int c = 0; c < nc; c++) {
      for (int u = 0; u < users; u++) {
        int v = categories[u * nc + c];
        if (v < -1 || v >= vocabularies.get(c).size()) {
          throw new ModelFormatException("attribute '" + categorical.get(c) + "' value index " + v + " out of range");
        }
      }
    }
    for (int b : bands) {
      if (b < -1 || b >= BAND_FROM.length) {
        throw new ModelFormatException("age band " + b + " out of range");
      }
    }
    for (int q : quadrants) {
      if (q < -1 || q > 3) {
        throw new ModelFormatException("mood quadrant " + q + " out of range");
      }
    }
    try {
      return new ListenerAttributes(new ListenerFeaturesConfig(attributes, cross, mood, false, include, age, dim), categorical,
          vocabularies, numeric, mean, std, categories, numbers, bands, quadrants, genres);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException("malformed listener attributes: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ListenerAttributes[categorical=" + categorical + ", numeric=" + numeric + ", cross=" + config.ageGenreCross()
        + ", mood=" + config.moodQuadrants() + "]";
  }
}

package dev.recsys.core.features;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Track;
import dev.recsys.core.io.ConfigJson;
import dev.recsys.core.io.ModelContainer;
import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.io.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted feature transformation: turns a {@link Track} into a row of {@link #dimension()} floats with named
 * {@link #columns()}. Immutable and thread-safe.
 *
 * <p>The batch path ({@link #transform(Catalog)}) and the single-track path ({@link #transform(Track)}) run the
 * same per-row code, so a track's row is bit-identical either way. Values outside the fit's vocabularies (an
 * unseen genre or time signature) leave their block at zero; missing numeric values get the fit's fill value.
 *
 * <p>Persists in a {@link ModelContainer} under provider {@value #PROVIDER}, format version
 * {@value #FORMAT_VERSION}.
 */
public final class FittedFeatures {
  /** The container provider name. */
  public static final String PROVIDER = "feature-pipeline";
  /** The payload format version written and the newest read. */
  public static final int FORMAT_VERSION = 1;

  private static final String[] MOODS = {"mood=happy_energetic", "mood=tense", "mood=sad", "mood=calm"};

  private final FeatureConfig config;
  private final int referenceYear;
  private final int[] codes;
  private final double[] fill;
  private final double[] mean;
  private final double[] sd;
  private final int[] meterVocab;
  private final String[] genreVocab;
  private final double[] idf;
  private final Map<String, Integer> genreIndex;
  private final List<String> columns;
  private final FitReport report;
  private final String dataFingerprint;
  private final int keyAt;
  private final int modeAt;
  private final int meterAt;
  private final int moodAt;
  private final int genreAt;
  private final int dim;

  FittedFeatures(FeatureConfig config, int referenceYear, int[] codes, double[] fill, double[] mean, double[] sd,
      int[] meterVocab, String[] genreVocab, double[] idf, FitReport report, String dataFingerprint) {
    this.config = config;
    this.dataFingerprint = dataFingerprint;
    this.referenceYear = referenceYear;
    this.codes = codes;
    this.fill = fill;
    this.mean = mean;
    this.sd = sd;
    this.meterVocab = meterVocab;
    this.genreVocab = genreVocab;
    this.idf = idf;
    this.report = report;
    this.genreIndex = new HashMap<>(genreVocab.length * 2);
    for (int g = 0; g < genreVocab.length; g++) {
      genreIndex.put(genreVocab[g], g);
    }
    List<String> cols = new ArrayList<>();
    for (int code : codes) {
      cols.add(FeaturePipeline.numericName(code));
    }
    keyAt = cols.size();
    if (config.keyOneHot()) {
      for (int k = 0; k < 12; k++) {
        cols.add("key=" + k);
      }
    }
    modeAt = cols.size();
    if (config.modeOneHot()) {
      cols.add("mode=minor");
      cols.add("mode=major");
    }
    meterAt = cols.size();
    for (int m : meterVocab) {
      cols.add("time_signature=" + m);
    }
    moodAt = cols.size();
    if (config.moodQuadrant()) {
      cols.addAll(Arrays.asList(MOODS));
    }
    genreAt = cols.size();
    for (String g : genreVocab) {
      cols.add("genre=" + g);
    }
    this.columns = List.copyOf(cols);
    this.dim = cols.size();
  }

  FittedFeatures withReport(FitReport r, String fingerprint) {
    return new FittedFeatures(config, referenceYear, codes, fill, mean, sd, meterVocab, genreVocab, idf, r, fingerprint);
  }

  /**
   * The fingerprint of the fit data (track count and ids), as recorded in the saved model's provenance.
   *
   * @return the fingerprint of the fit data (track count and ids), as recorded in the saved model's provenance
   */
  public String dataFingerprint() {
    return dataFingerprint;
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public FeatureConfig config() {
    return config;
  }

  /**
   * What the fit saw; {@code null} for a pipeline loaded from a file.
   *
   * @return what the fit saw
   */
  public FitReport report() {
    return report;
  }

  /**
   * Number of columns.
   *
   * @return the number of columns
   */
  public int dimension() {
    return dim;
  }

  /**
   * Column names, in row order.
   *
   * @return the column names, in row order
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * The genres that are columns, in column order.
   *
   * @return the genres that are columns, in column order
   */
  public List<String> genres() {
    return List.of(genreVocab);
  }

  /**
   * True if the genre is a column.
   *
   * @param genre the genre
   * @return true if the genre is a column
   */
  public boolean hasGenre(String genre) {
    return genreIndex.containsKey(genre);
  }

  /**
   * The row of one track, a new array.
   *
   * @param track the track
   * @return the row of one track, a new array
   */
  public float[] transform(Track track) {
    float[] out = new float[dim];
    transform(track, out, 0);
    return out;
  }

  /**
   * Writes the row of one track into {@code out[offset .. offset + dimension())}, overwriting every value there.
   *
   * @throws IndexOutOfBoundsException if the row does not fit
   * @param track the track
   * @param out receives the feature row
   * @param offset the first position
   */
  public void transform(Track track, float[] out, int offset) {
    Objects.requireNonNull(track, "track");
    Objects.checkFromIndexSize(offset, dim, out.length);
    Arrays.fill(out, offset, offset + dim, 0f);
    boolean standardize = config.standardize();
    for (int k = 0; k < codes.length; k++) {
      double v = FeaturePipeline.raw(codes[k], track, referenceYear);
      if (Double.isNaN(v)) {
        v = fill[k];
      }
      if (standardize) {
        v = (v - mean[k]) / sd[k];
      }
      out[offset + k] = (float) v;
    }
    var audio = track.audio();
    if (config.keyOneHot() && audio.isPresent(AudioFeature.KEY)) {
      out[offset + keyAt + (int) audio.value(AudioFeature.KEY)] = 1f;
    }
    if (config.modeOneHot() && audio.isPresent(AudioFeature.MODE)) {
      out[offset + modeAt + (int) audio.value(AudioFeature.MODE)] = 1f;
    }
    if (meterVocab.length > 0 && audio.isPresent(AudioFeature.TIME_SIGNATURE)) {
      int i = Arrays.binarySearch(meterVocab, (int) audio.value(AudioFeature.TIME_SIGNATURE));
      if (i >= 0) {
        out[offset + meterAt + i] = 1f;
      }
    }
    if (config.moodQuadrant() && audio.isPresent(AudioFeature.ENERGY) && audio.isPresent(AudioFeature.VALENCE)) {
      boolean high = audio.value(AudioFeature.ENERGY) >= 0.5;
      boolean positive = audio.value(AudioFeature.VALENCE) >= 0.5;
      int q = high ? (positive ? 0 : 1) : (positive ? 3 : 2);
      out[offset + moodAt + q] = 1f;
    }
    if (genreVocab.length > 0) {
      boolean tfidf = config.genreWeighting() == FeatureConfig.GenreWeighting.TF_IDF;
      double norm = 0;
      List<String> gs = track.genres();
      for (int i = 0, n = gs.size(); i < n; i++) {
        Integer g = genreIndex.get(gs.get(i));
        if (g != null && out[offset + genreAt + g] == 0f) {
          double w = tfidf ? idf[g] : 1.0;
          out[offset + genreAt + g] = (float) w;
          norm += w * w;
        }
      }
      if (tfidf && norm > 0) {
        double inv = 1.0 / Math.sqrt(norm);
        for (int i = 0, n = gs.size(); i < n; i++) {
          Integer g = genreIndex.get(gs.get(i));
          if (g != null) {
            out[offset + genreAt + g] = (float) (idf[g] * inv);
          }
        }
      }
    }
  }

  /**
   * The matrix of a catalogue: row {@code i} is {@code catalog.get(i)}.
   *
   * @param catalog the catalogue
   * @return the matrix of a catalogue
   */
  public FeatureMatrix transform(Catalog catalog) {
    return transform(catalog.tracks());
  }

  /**
   * The matrix of these tracks, in list order.
   *
   * @param tracks the tracks
   * @return the matrix of these tracks, in list order
   */
  public FeatureMatrix transform(List<Track> tracks) {
    int n = tracks.size();
    if ((long) n * dim > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("feature matrix of " + n + " x " + dim + " exceeds the array limit");
    }
    float[] data = new float[n * dim];
    for (int i = 0; i < n; i++) {
      transform(tracks.get(i), data, i * dim);
    }
    return new FeatureMatrix(n, dim, data, columns);
  }

  // ---- persistence

  /**
   * A container holding this fitted pipeline, with provenance naming the fit data's fingerprint.
   *
   * @return a container holding this fitted pipeline, with provenance naming the fit data's fingerprint
   */
  public ModelContainer toContainer() {
    Payload.Writer w = Payload.writer();
    w.putInt(referenceYear);
    w.putInts(codes);
    w.putDoubles(fill);
    w.putDoubles(mean);
    w.putDoubles(sd);
    w.putInts(meterVocab);
    w.putInt(genreVocab.length);
    for (String g : genreVocab) {
      w.putString(g);
    }
    w.putDoubles(idf);
    w.putInt(columns.size());
    for (String c : columns) {
      w.putString(c);
    }
    return new ModelContainer(PROVIDER, FORMAT_VERSION, ConfigJson.write(config), Provenance.now(0, dataFingerprint),
        w.toByteArray());
  }

  /**
   * Saves atomically to {@code file}.
   *
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public void save(Path file) throws IOException {
    toContainer().writeTo(file);
  }

  /**
   * Loads a pipeline saved by {@link #save}.
   *
   * @param file the file
   * @return the {@code FittedFeatures}
   * @throws IOException if the data cannot be read or is malformed
   */
  public static FittedFeatures load(Path file) throws IOException {
    return fromContainer(ModelContainer.readFrom(file), file.toString());
  }

  /**
   * Reads a pipeline from a container.
   *
   * @param source a name for messages
   * @throws ModelFormatException if the container is of another provider, a newer version, or inconsistent
   * @param c the model container
   * @return the {@code FittedFeatures}
   */
  public static FittedFeatures fromContainer(ModelContainer c, String source) throws IOException {
    c.require(PROVIDER, FORMAT_VERSION);
    return ModelContainer.decode(source, () -> decode(c, source));
  }

  private static FittedFeatures decode(ModelContainer c, String source) throws IOException {
    FeatureConfig config = ConfigJson.readModelConfig(c.configJson(), FeatureConfig.class, source);
    Payload.Reader r = Payload.reader(c.payload());
    int referenceYear = r.getInt();
    int[] codes = r.getInts();
    double[] fill = r.getDoubles();
    double[] mean = r.getDoubles();
    double[] sd = r.getDoubles();
    int[] meters = r.getInts();
    int ng = r.getInt();
    if (ng < 0 || ng > 100_000) {
      throw new ModelFormatException(source + ": genre count " + ng + " out of range [0, 100000]");
    }
    String[] genres = new String[ng];
    for (int g = 0; g < ng; g++) {
      genres[g] = r.getString();
    }
    double[] idf = r.getDoubles();
    int nc = r.getInt();
    if (nc < 0 || nc > 1_000_000) {
      throw new ModelFormatException(source + ": column count " + nc + " out of range");
    }
    List<String> cols = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      cols.add(r.getString());
    }
    r.requireEnd();
    if (!Arrays.equals(codes, FeaturePipeline.numericCodes(config)) || fill.length != codes.length
        || mean.length != codes.length || sd.length != codes.length || idf.length != ng) {
      throw new ModelFormatException(source + ": payload does not match its configuration " + config);
    }
    FittedFeatures f = new FittedFeatures(config, referenceYear, codes, fill, mean, sd, meters, genres, idf, null,
        c.provenance().dataFingerprint());
    if (!f.columns.equals(cols)) {
      throw new ModelFormatException(source + ": stored columns " + cols + " differ from the rebuilt " + f.columns);
    }
    return f;
  }

  @Override
  public String toString() {
    return "FittedFeatures[dimension=" + dim + ", referenceYear=" + referenceYear + ", genres=" + genreVocab.length
        + ", config=" + config + "]";
  }
}

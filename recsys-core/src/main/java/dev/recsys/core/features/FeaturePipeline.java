package dev.recsys.core.features;

import dev.recsys.core.features.FeatureConfig.Imputation;
import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fits the feature transformation of a {@link FeatureConfig} on a set of tracks: imputation values, means and
 * standard deviations, the time-signature and genre vocabularies, genre IDF weights and the recency reference
 * year. Stateless, thread-safe and serializable (a distributed fit ships it to its tasks); {@link #fit} returns an immutable {@link FittedFeatures}.
 *
 * <pre>{@code
 * FittedFeatures f = new FeaturePipeline(FeatureConfig.defaults()).fit(catalog);
 * FeatureMatrix m = f.transform(catalog);       // row i = catalog.get(i)
 * float[] row = f.transform(catalog.get(42));   // the same values, for one track at inference time
 * f.save(dir.resolve("features.model"));
 * }</pre>
 */
public final class FeaturePipeline implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Code of the {@code tempo_octave} numeric column. */
  static final int TEMPO_OCTAVE = 100;
  /** Code of the {@code years_since_release} numeric column. */
  static final int RECENCY = 101;
  /** Code of the {@code log_duration} numeric column. */
  static final int LOG_DURATION = 102;
  /** Code of the {@code popularity} numeric column. */
  static final int POPULARITY = 103;

  private static final AudioFeature[] FEATURES = AudioFeature.values();

  /** The columns, vocabularies and scalers this pipeline fits. */
  private final FeatureConfig config;

  /**
   * A pipeline of this configuration.
   *
   * @param config the configuration
   */
  public FeaturePipeline(FeatureConfig config) {
    this.config = Objects.requireNonNull(config, "config");
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
   * Fits on every track of the catalogue.
   *
   * @param catalog the catalogue
   * @return the {@code FittedFeatures}
   */
  public FittedFeatures fit(Catalog catalog) {
    return fit(catalog.tracks());
  }

  /**
   * Fits on these tracks.
   *
   * @throws IllegalArgumentException if there are no tracks
   * @param tracks the tracks
   * @return the {@code FittedFeatures}
   */
  public FittedFeatures fit(Collection<Track> tracks) {
    Objects.requireNonNull(tracks, "tracks");
    if (tracks.isEmpty()) {
      throw new IllegalArgumentException("cannot fit features on 0 tracks");
    }
    List<Track> list = List.copyOf(tracks);
    int n = list.size();
    TrackCounts counts = new TrackCounts();
    list.forEach(counts::add);
    int referenceYear = counts.referenceYear();
    int[] codes = numericCodes(config);
    double[] fill = new double[codes.length];
    double[] mean = new double[codes.length];
    double[] sd = new double[codes.length];
    long[] missing = new long[codes.length];
    double[] col = new double[n];
    for (int k = 0; k < codes.length; k++) {
      int present = 0;
      for (int i = 0; i < n; i++) {
        double v = raw(codes[k], list.get(i), referenceYear);
        col[i] = v;
        if (!Double.isNaN(v)) {
          present++;
        }
      }
      double f = fillValue(col, n, present, config.imputation());
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += Double.isNaN(col[i]) ? f : col[i];
      }
      double m = s / n;
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = (Double.isNaN(col[i]) ? f : col[i]) - m;
        ss += d * d;
      }
      fill[k] = f;
      mean[k] = m;
      sd[k] = standardDeviation(ss, n);
      missing[k] = n - present;
    }
    Map<String, Long> df = counts.documentFrequency();
    long noGenre = 0;
    if (config.genres()) {
      java.util.Set<String> vocab = new java.util.HashSet<>(genreVocabulary(df));
      for (Track t : list) {
        if (t.genres().stream().noneMatch(vocab::contains)) {
          noGenre++;
        }
      }
    }
    Fingerprint fp = new Fingerprint().add(n);
    for (Track t : list) {
      fp.add(t.id());
    }
    return fromStatistics(new FeatureStatistics(n, referenceYear, fill, mean, sd, missing,
        counts.meters(), df, counts.keyMissing(), counts.modeMissing(), counts.timeSignatureMissing(),
        counts.moodMissing(), noGenre, fp.value()));
  }

  /**
   * The fitted transformation of these statistics: what {@link #fit} returns for tracks with these statistics.
   * A distributed fit computes the statistics in aggregations and calls this on its driver.
   *
   * @param stats the statistics of the fit data
   * @return the {@code FittedFeatures}
   * @throws IllegalArgumentException if the statistics do not have one value per {@linkplain #numericColumns()
   *     numeric column}
   */
  public FittedFeatures fromStatistics(FeatureStatistics stats) {
    Objects.requireNonNull(stats, "stats");
    int[] codes = numericCodes(config);
    if (stats.fill().length != codes.length) {
      throw new IllegalArgumentException("the statistics have " + stats.fill().length + " numeric columns; the "
          + "configuration has " + codes.length + " " + numericColumns());
    }
    int n = Math.toIntExact(stats.rows());
    double[] fill = stats.fill();
    double[] mean = stats.mean();
    double[] sd = stats.sd();
    long[] missing = stats.missing();
    List<FitReport.NumericColumn> numericReport = new ArrayList<>();
    for (int k = 0; k < codes.length; k++) {
      numericReport.add(new FitReport.NumericColumn(numericName(codes[k]), missing[k], fill[k], mean[k], sd[k]));
    }
    Map<String, Long> df = stats.genreDocumentFrequency();
    String[] genreVocab = config.genres() ? genreVocabulary(df).toArray(String[]::new) : new String[0];
    double[] idf = new double[genreVocab.length];
    for (int g = 0; g < genreVocab.length; g++) {
      idf[g] = Math.log((1.0 + n) / (1.0 + df.get(genreVocab[g]))) + 1;
    }
    int[] meterVocab = config.timeSignatureOneHot() ? stats.meters() : new int[0];
    int referenceYear = stats.referenceYear();
    FittedFeatures fitted = new FittedFeatures(config, referenceYear, codes, fill, mean, sd, meterVocab, genreVocab, idf,
        null, null);
    FitReport report = new FitReport(n, fitted.dimension(), numericReport, stats.keyMissing(), stats.modeMissing(),
        config.timeSignatureOneHot() ? stats.timeSignatureMissing() : 0, config.moodQuadrant() ? stats.moodMissing() : 0,
        genreVocab.length, config.genres() ? df.size() - genreVocab.length : 0,
        config.genres() ? stats.tracksWithoutKeptGenre() : 0, referenceYear);
    return fitted.withReport(report, stats.dataFingerprint());
  }

  /**
   * The genre vocabulary of these document frequencies: genres on at least {@code minGenreCount} tracks, most
   * frequent first (ties by name), at most {@code maxGenres}. Empty when genres are off.
   *
   * @param documentFrequency per genre, the tracks that have it
   * @return the vocabulary, in column order
   */
  public List<String> genreVocabulary(Map<String, Long> documentFrequency) {
    if (!config.genres()) {
      return List.of();
    }
    return documentFrequency.entrySet().stream()
        .filter(e -> e.getValue() >= config.minGenreCount())
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(config.maxGenres())
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * The names of the numeric columns, in the order of the statistics' arrays.
   *
   * @return the numeric column names
   */
  public List<String> numericColumns() {
    List<String> names = new ArrayList<>();
    for (int code : numericCodes(config)) {
      names.add(numericName(code));
    }
    return names;
  }

  /**
   * A track's raw numeric values (before filling and scaling), NaN where missing, in {@link #numericColumns()}
   * order: the values the fit's statistics are computed from.
   *
   * @param track the track
   * @param referenceYear the fit data's reference year ({@link #referenceYear(Track)}'s maximum over the tracks)
   * @return one value per numeric column
   */
  public double[] rawNumeric(Track track, int referenceYear) {
    int[] codes = numericCodes(config);
    double[] out = new double[codes.length];
    for (int k = 0; k < codes.length; k++) {
      out[k] = raw(codes[k], track, referenceYear);
    }
    return out;
  }

  /**
   * One past a track's release year, 0 without a release date; the fit's reference year is the maximum over its
   * tracks.
   *
   * @param track the track
   * @return one past the release year, or 0
   */
  public static int referenceYear(Track track) {
    return track.releaseDate().isPresent() ? track.releaseDate().get().year() + 1 : 0;
  }

  /**
   * The standard deviation from a sum of squared deviations over {@code n} values, 1 when not above 1e-12.
   *
   * @param sumOfSquares the sum of squared deviations from the mean
   * @param n the number of values
   * @return the population standard deviation, or 1
   */
  public static double standardDeviation(double sumOfSquares, long n) {
    double sdv = Math.sqrt(sumOfSquares / n);
    return sdv > 1e-12 ? sdv : 1;
  }

  private static double fillValue(double[] col, int n, int present, Imputation imputation) {
    if (present == 0) {
      return 0;
    }
    double[] v = new double[present];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(col[i])) {
        v[j++] = col[i];
      }
    }
    if (imputation == Imputation.MEAN) {
      double s = 0;
      for (double x : v) {
        s += x;
      }
      return s / present;
    }
    Arrays.sort(v);
    return present % 2 == 1 ? v[present / 2] : (v[present / 2 - 1] + v[present / 2]) / 2;
  }

  static int[] numericCodes(FeatureConfig c) {
    List<Integer> codes = new ArrayList<>();
    for (String name : c.audioFeatures()) {
      codes.add(AudioFeature.fromColumn(name).ordinal());
    }
    if (c.tempoOctave()) {
      codes.add(TEMPO_OCTAVE);
    }
    if (c.recency()) {
      codes.add(RECENCY);
    }
    if (c.duration()) {
      codes.add(LOG_DURATION);
    }
    if (c.popularity()) {
      codes.add(POPULARITY);
    }
    return codes.stream().mapToInt(Integer::intValue).toArray();
  }

  static String numericName(int code) {
    return switch (code) {
      case TEMPO_OCTAVE -> "tempo_octave";
      case RECENCY -> "years_since_release";
      case LOG_DURATION -> "log_duration";
      case POPULARITY -> "popularity";
      default -> FEATURES[code].column();
    };
  }

  /** The raw (unimputed, unscaled) value of a numeric column, NaN when missing. */
  static double raw(int code, Track t, int referenceYear) {
    switch (code) {
      case TEMPO_OCTAVE: {
        return foldTempo(t.audio().value(AudioFeature.TEMPO));
      }
      case RECENCY:
        return t.releaseDate().isPresent() && referenceYear > 0
            ? referenceYear - t.releaseDate().get().fractionalYear()
            : Double.NaN;
      case LOG_DURATION:
        return t.durationMs().isPresent() && t.durationMs().getAsLong() > 0
            ? Math.log(t.durationMs().getAsLong() / 1000.0)
            : Double.NaN;
      case POPULARITY:
        return t.popularity().isPresent() ? t.popularity().getAsInt() / 100.0 : Double.NaN;
      default:
        return t.audio().value(FEATURES[code]);
    }
  }

  /**
   * Tempo folded by octaves into [80, 160) bpm; NaN for a missing or zero tempo (no beat found).
   *
   * @param bpm the tempo in beats per minute
   * @return the folded tempo in [80, 160), or NaN
   */
  public static double foldTempo(double bpm) {
    if (!(bpm > 0) || Double.isInfinite(bpm)) {
      return Double.NaN;
    }
    double t = bpm;
    while (t < 80) {
      t *= 2;
    }
    while (t >= 160) {
      t /= 2;
    }
    return t;
  }
}

package dev.recsys.core.features;

import dev.recsys.core.features.FeatureConfig.Imputation;
import dev.recsys.core.io.Fingerprint;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Fits the feature transformation of a {@link FeatureConfig} on a set of tracks: imputation values, means and
 * standard deviations, the time-signature and genre vocabularies, genre IDF weights and the recency reference
 * year. Stateless and thread-safe; {@link #fit} returns an immutable {@link FittedFeatures}.
 *
 * <pre>{@code
 * FittedFeatures f = new FeaturePipeline(FeatureConfig.defaults()).fit(catalog);
 * FeatureMatrix m = f.transform(catalog);       // row i = catalog.get(i)
 * float[] row = f.transform(catalog.get(42));   // the same values, for one track at inference time
 * f.save(dir.resolve("features.model"));
 * }</pre>
 */
public final class FeaturePipeline {
  /** Code of the {@code tempo_octave} numeric column. */
  static final int TEMPO_OCTAVE = 100;
  /** Code of the {@code years_since_release} numeric column. */
  static final int RECENCY = 101;
  /** Code of the {@code log_duration} numeric column. */
  static final int LOG_DURATION = 102;
  /** Code of the {@code popularity} numeric column. */
  static final int POPULARITY = 103;

  private static final AudioFeature[] FEATURES = AudioFeature.values();

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
    int referenceYear = 0;
    for (Track t : list) {
      if (t.releaseDate().isPresent()) {
        referenceYear = Math.max(referenceYear, t.releaseDate().get().year() + 1);
      }
    }
    int[] codes = numericCodes(config);
    double[] fill = new double[codes.length];
    double[] mean = new double[codes.length];
    double[] sd = new double[codes.length];
    List<FitReport.NumericColumn> numericReport = new ArrayList<>();
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
      double sdv = Math.sqrt(ss / n);
      if (!(sdv > 1e-12)) {
        sdv = 1;
      }
      fill[k] = f;
      mean[k] = m;
      sd[k] = sdv;
      numericReport.add(new FitReport.NumericColumn(numericName(codes[k]), n - present, f, m, sdv));
    }
    long keyMissing = 0;
    long modeMissing = 0;
    long tsMissing = 0;
    long moodMissing = 0;
    TreeSet<Integer> meters = new TreeSet<>();
    Map<String, Integer> df = new HashMap<>();
    for (Track t : list) {
      if (!t.audio().isPresent(AudioFeature.KEY)) {
        keyMissing++;
      }
      if (!t.audio().isPresent(AudioFeature.MODE)) {
        modeMissing++;
      }
      if (t.audio().isPresent(AudioFeature.TIME_SIGNATURE)) {
        meters.add((int) t.audio().value(AudioFeature.TIME_SIGNATURE));
      } else {
        tsMissing++;
      }
      if (!t.audio().isPresent(AudioFeature.ENERGY) || !t.audio().isPresent(AudioFeature.VALENCE)) {
        moodMissing++;
      }
      for (String g : new TreeSet<>(t.genres())) {
        df.merge(g, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> kept = df.entrySet().stream()
        .filter(e -> e.getValue() >= config.minGenreCount())
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(config.maxGenres())
        .toList();
    String[] genreVocab = config.genres() ? kept.stream().map(Map.Entry::getKey).toArray(String[]::new) : new String[0];
    double[] idf = new double[genreVocab.length];
    for (int g = 0; g < genreVocab.length; g++) {
      idf[g] = Math.log((1.0 + n) / (1.0 + kept.get(g).getValue())) + 1;
    }
    int[] meterVocab = config.timeSignatureOneHot() ? meters.stream().mapToInt(Integer::intValue).toArray() : new int[0];
    FittedFeatures fitted = new FittedFeatures(config, referenceYear, codes, fill, mean, sd, meterVocab, genreVocab, idf,
        null, null);
    long noGenre = 0;
    if (config.genres()) {
      for (Track t : list) {
        if (t.genres().stream().noneMatch(fitted::hasGenre)) {
          noGenre++;
        }
      }
    }
    FitReport report = new FitReport(n, fitted.dimension(), numericReport, keyMissing, modeMissing,
        config.timeSignatureOneHot() ? tsMissing : 0, config.moodQuadrant() ? moodMissing : 0, genreVocab.length,
        config.genres() ? df.size() - genreVocab.length : 0, noGenre, referenceYear);
    Fingerprint fp = new Fingerprint().add(n);
    for (Track t : list) {
      fp.add(t.id());
    }
    return fitted.withReport(report, fp.value());
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

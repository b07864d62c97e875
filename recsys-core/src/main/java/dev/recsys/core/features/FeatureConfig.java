package dev.recsys.core.features;

import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.util.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the feature pipeline produces. Immutable; validated in the constructor.
 *
 * <p>Columns, in this order: the selected continuous audio features, then engineered numeric features
 * ({@code tempo_octave}, {@code years_since_release}, {@code log_duration}, {@code popularity}), all imputed and
 * (with {@code standardize}) z-scored; then one-hot blocks ({@code key=0..11}, {@code mode=minor|major},
 * {@code time_signature=N} for the values seen in the fit, {@code mood=...} energy-valence quadrants); then the genre
 * block ({@code genre=NAME}).
 *
 * @param audioFeatures continuous audio feature columns to keep (names as in {@link AudioFeature#column()}; the
 *     categorical key, mode and time signature are one-hot blocks instead)
 * @param keyOneHot one-hot block of the key (12 columns; a missing key is all zeros)
 * @param modeOneHot one-hot block of the mode (2 columns)
 * @param timeSignatureOneHot one-hot block of the time signatures seen in the fit
 * @param moodQuadrant one-hot energy-valence quadrant (threshold 0.5): happy-energetic, tense, sad, calm
 * @param tempoOctave tempo folded by octaves into [80, 160) bpm, so half- and double-time readings agree
 * @param recency years between the release and the newest release in the fit data
 * @param duration natural log of the duration in seconds
 * @param popularity popularity divided by 100
 * @param genres the genre block (multi-hot or TF-IDF); off for audio-and-metadata-only features
 * @param genreWeighting how genre columns are weighted
 * @param minGenreCount genres on fewer fit tracks are dropped, 1 to 1,000,000
 * @param maxGenres at most this many genres (the most frequent; ties by name), 1 to 100,000
 * @param imputation the fill value of a missing numeric value, computed per column on the fit data
 * @param standardize z-score the numeric columns with the fit data's mean and standard deviation
 */
public record FeatureConfig(
    List<String> audioFeatures,
    boolean keyOneHot,
    boolean modeOneHot,
    boolean timeSignatureOneHot,
    boolean moodQuadrant,
    boolean tempoOctave,
    boolean recency,
    boolean duration,
    boolean popularity,
    boolean genres,
    GenreWeighting genreWeighting,
    int minGenreCount,
    int maxGenres,
    Imputation imputation,
    boolean standardize) implements java.io.Serializable {

  /** The continuous audio features (every feature but key, mode and time signature). */
  public static final List<String> CONTINUOUS_AUDIO = java.util.Arrays.stream(AudioFeature.values())
      .filter(f -> !f.isCategorical()).map(AudioFeature::column).toList();

  /** Weighting of the genre block. */
  public enum GenreWeighting {
    /** 1 for each of the track's genres. */
    BINARY,
    /**
     * Smoothed inverse document frequency {@code ln((1 + n) / (1 + df)) + 1} of each of the track's genres, the
     * row's genre block then scaled to unit length.
     */
    TF_IDF
  }

  /** Fill value of missing numeric values. */
  public enum Imputation {
    /** The column mean of the fit data. */
    MEAN,
    /** The column median of the fit data. */
    MEDIAN
  }

  /** Validates the fields and copies the list. */
  public FeatureConfig {
    audioFeatures = List.copyOf(Checks.noNulls("audioFeatures", audioFeatures));
    var seen = new HashSet<String>();
    for (String c : audioFeatures) {
      AudioFeature f = AudioFeature.fromColumn(c);
      if (f.isCategorical()) {
        throw new IllegalArgumentException("audioFeatures must name continuous features; '" + c
            + "' is categorical (use keyOneHot, modeOneHot or timeSignatureOneHot)");
      }
      if (!seen.add(f.column())) {
        throw new IllegalArgumentException("audioFeatures must not repeat a feature; '" + c + "' appears twice");
      }
    }
    Objects.requireNonNull(genreWeighting, "genreWeighting");
    Checks.inRange("minGenreCount", minGenreCount, 1, 1_000_000);
    Checks.inRange("maxGenres", maxGenres, 1, 100_000);
    Objects.requireNonNull(imputation, "imputation");
    if (audioFeatures.isEmpty() && !keyOneHot && !modeOneHot && !timeSignatureOneHot && !moodQuadrant && !tempoOctave
        && !recency && !duration && !popularity && !genres) {
      throw new IllegalArgumentException("the configuration selects no column at all");
    }
  }

  /**
   * Everything on: all continuous audio features, every engineered feature, TF-IDF genres, median imputation.
   *
   * @return the everything on
   */
  public static FeatureConfig defaults() {
    return builder().build();
  }

  /**
   * The defaults without genre columns: audio and metadata only (for embedding quality reports).
   *
   * @return the defaults without genre columns
   */
  public static FeatureConfig audioAndMetadata() {
    return builder().genres(false).build();
  }

  /**
   * A builder starting from {@link #defaults()}.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this configuration.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.audioFeatures = audioFeatures;
    b.keyOneHot = keyOneHot;
    b.modeOneHot = modeOneHot;
    b.timeSignatureOneHot = timeSignatureOneHot;
    b.moodQuadrant = moodQuadrant;
    b.tempoOctave = tempoOctave;
    b.recency = recency;
    b.duration = duration;
    b.popularity = popularity;
    b.genres = genres;
    b.genreWeighting = genreWeighting;
    b.minGenreCount = minGenreCount;
    b.maxGenres = maxGenres;
    b.imputation = imputation;
    b.standardize = standardize;
    return b;
  }

  /** Mutable builder of {@link FeatureConfig}; not thread-safe. */
  public static final class Builder {
    private List<String> audioFeatures = CONTINUOUS_AUDIO;
    private boolean keyOneHot = true;
    private boolean modeOneHot = true;
    private boolean timeSignatureOneHot = true;
    private boolean moodQuadrant = true;
    private boolean tempoOctave = true;
    private boolean recency = true;
    private boolean duration = true;
    private boolean popularity = true;
    private boolean genres = true;
    private GenreWeighting genreWeighting = GenreWeighting.TF_IDF;
    private int minGenreCount = 1;
    private int maxGenres = 1000;
    private Imputation imputation = Imputation.MEDIAN;
    private boolean standardize = true;

    private Builder() {}

    /**
     * See {@link FeatureConfig#audioFeatures()}.
     *
     * @param v the value of {@link FeatureConfig#audioFeatures()}
     * @return this builder
     */
    public Builder audioFeatures(List<String> v) {
      audioFeatures = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#keyOneHot()}.
     *
     * @param v the value of {@link FeatureConfig#keyOneHot()}
     * @return this builder
     */
    public Builder keyOneHot(boolean v) {
      keyOneHot = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#modeOneHot()}.
     *
     * @param v the value of {@link FeatureConfig#modeOneHot()}
     * @return this builder
     */
    public Builder modeOneHot(boolean v) {
      modeOneHot = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#timeSignatureOneHot()}.
     *
     * @param v the value of {@link FeatureConfig#timeSignatureOneHot()}
     * @return this builder
     */
    public Builder timeSignatureOneHot(boolean v) {
      timeSignatureOneHot = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#moodQuadrant()}.
     *
     * @param v the value of {@link FeatureConfig#moodQuadrant()}
     * @return this builder
     */
    public Builder moodQuadrant(boolean v) {
      moodQuadrant = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#tempoOctave()}.
     *
     * @param v the value of {@link FeatureConfig#tempoOctave()}
     * @return this builder
     */
    public Builder tempoOctave(boolean v) {
      tempoOctave = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#recency()}.
     *
     * @param v the value of {@link FeatureConfig#recency()}
     * @return this builder
     */
    public Builder recency(boolean v) {
      recency = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#duration()}.
     *
     * @param v the value of {@link FeatureConfig#duration()}
     * @return this builder
     */
    public Builder duration(boolean v) {
      duration = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#popularity()}.
     *
     * @param v the value of {@link FeatureConfig#popularity()}
     * @return this builder
     */
    public Builder popularity(boolean v) {
      popularity = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#genres()}.
     *
     * @param v the value of {@link FeatureConfig#genres()}
     * @return this builder
     */
    public Builder genres(boolean v) {
      genres = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#genreWeighting()}.
     *
     * @param v the value of {@link FeatureConfig#genreWeighting()}
     * @return this builder
     */
    public Builder genreWeighting(GenreWeighting v) {
      genreWeighting = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#minGenreCount()}.
     *
     * @param v the value of {@link FeatureConfig#minGenreCount()}
     * @return this builder
     */
    public Builder minGenreCount(int v) {
      minGenreCount = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#maxGenres()}.
     *
     * @param v the value of {@link FeatureConfig#maxGenres()}
     * @return this builder
     */
    public Builder maxGenres(int v) {
      maxGenres = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#imputation()}.
     *
     * @param v the value of {@link FeatureConfig#imputation()}
     * @return this builder
     */
    public Builder imputation(Imputation v) {
      imputation = v;
      return this;
    }

    /**
     * See {@link FeatureConfig#standardize()}.
     *
     * @param v the value of {@link FeatureConfig#standardize()}
     * @return this builder
     */
    public Builder standardize(boolean v) {
      standardize = v;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code FeatureConfig}
     */
    public FeatureConfig build() {
      return new FeatureConfig(audioFeatures, keyOneHot, modeOneHot, timeSignatureOneHot, moodQuadrant, tempoOctave,
          recency, duration, popularity, genres, genreWeighting, minGenreCount, maxGenres, imputation, standardize);
    }
  }
}

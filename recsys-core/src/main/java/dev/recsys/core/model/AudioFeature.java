package dev.recsys.core.model;

/**
 * The twelve audio descriptors of a track, with the range each one must lie in.
 * The ranges follow the Spotify Web API's audio-features object.
 */
public enum AudioFeature {
  /** How suitable a track is for dancing, 0 to 1. */
  DANCEABILITY("danceability", 0, 1),
  /** Perceived intensity, 0 to 1. */
  ENERGY("energy", 0, 1),
  /** Pitch class 0 (C) to 11 (B); a track with no detected key has the feature missing. */
  KEY("key", 0, 11),
  /** Overall loudness in dB, -60 to +5 (a few masters exceed 0 dB slightly). */
  LOUDNESS("loudness", -70, 10),
  /** 1 for major, 0 for minor. */
  MODE("mode", 0, 1),
  /** Presence of spoken words, 0 to 1. */
  SPEECHINESS("speechiness", 0, 1),
  /** Confidence the track is acoustic, 0 to 1. */
  ACOUSTICNESS("acousticness", 0, 1),
  /** Predicts whether a track contains no vocals, 0 to 1. */
  INSTRUMENTALNESS("instrumentalness", 0, 1),
  /** Presence of an audience, 0 to 1. */
  LIVENESS("liveness", 0, 1),
  /** Musical positiveness, 0 to 1. */
  VALENCE("valence", 0, 1),
  /** Estimated tempo in beats per minute, 0 to 300 (0 when the API found no beat). */
  TEMPO("tempo", 0, 300),
  /** Estimated beats per bar, 0 to 7 (3 to 7 in practice; 0 and 1 appear in real data). */
  TIME_SIGNATURE("time_signature", 0, 7);

  private final String column;
  private final double min;
  private final double max;

  AudioFeature(String column, double min, double max) {
    this.column = column;
    this.min = min;
    this.max = max;
  }

  /**
   * The conventional column name (snake case, as in Spotify data files).
   *
   * @return the conventional column name (snake case, as in Spotify data files)
   */
  public String column() {
    return column;
  }

  /**
   * Smallest valid value.
   *
   * @return the smallest valid value
   */
  public double min() {
    return min;
  }

  /**
   * Largest valid value.
   *
   * @return the largest valid value
   */
  public double max() {
    return max;
  }

  /**
   * True for features that take integer values (key, mode, time signature).
   *
   * @return true for features that take integer values (key, mode, time signature)
   */
  public boolean isCategorical() {
    return this == KEY || this == MODE || this == TIME_SIGNATURE;
  }

  /**
   * Looks a feature up by its column name, ignoring case.
   *
   * @param column the column name
   * @return the {@code AudioFeature}
   */
  public static AudioFeature fromColumn(String column) {
    for (AudioFeature f : values()) {
      if (f.column.equalsIgnoreCase(column)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown audio feature '" + column + "'; known: "
        + java.util.Arrays.stream(values()).map(AudioFeature::column).toList());
  }
}

package dev.recsys.core.data;

import java.util.List;

/**
 * The Spotify track catalogue CSV layouts the {@code spotify-csv} reader recognises from the header. A header
 * matches a schema when it holds every required column (other columns are ignored), checked in declaration order.
 */
public enum SpotifyCsvSchema {
  /**
   * TidyTuesday 2020-01-21 {@code spotify_songs.csv}: one row per track-in-playlist, with playlist genre and
   * subgenre; {@code NA} marks a missing value.
   */
  TIDYTUESDAY("TidyTuesday spotify_songs.csv", List.of("track_id", "track_name", "track_artist", "track_popularity",
      "track_album_id", "track_album_name", "track_album_release_date", "playlist_name", "playlist_id", "playlist_genre",
      "playlist_subgenre", "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
      "instrumentalness", "liveness", "valence", "tempo", "duration_ms")),
  /**
   * Kaggle "Spotify Tracks Dataset": one row per track and genre, artists separated by {@code ;}, possibly with a
   * leading unnamed index column. Optional further columns (not in the original data set; the synthetic world's
   * export writes them): {@code artist_ids} ({@code ;}-separated, one per artist), {@code album_id} and
   * {@code release_date} ({@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}).
   */
  KAGGLE_TRACKS("Kaggle Spotify Tracks Dataset dataset.csv", List.of("track_id", "artists", "album_name", "track_name",
      "popularity", "duration_ms", "explicit", "danceability", "energy", "key", "loudness", "mode", "speechiness",
      "acousticness", "instrumentalness", "liveness", "valence", "tempo", "time_signature", "track_genre")),
  /** Kaggle "1.2M songs" {@code tracks_features.csv}: artists and artist ids as list literals ({@code ['A', 'B']}). */
  TRACKS_FEATURES("1.2M songs tracks_features.csv", List.of("id", "name", "album", "album_id", "artists", "artist_ids",
      "explicit", "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
      "liveness", "valence", "tempo", "duration_ms", "time_signature", "year", "release_date"));

  private final String title;
  private final List<String> required;

  SpotifyCsvSchema(String title, List<String> required) {
    this.title = title;
    this.required = required;
  }

  /**
   * A human name of the layout.
   *
   * @return a human name of the layout
   */
  public String title() {
    return title;
  }

  /**
   * The columns a header must hold to match.
   *
   * @return the columns a header must hold to match
   */
  public List<String> requiredColumns() {
    return required;
  }

  /**
   * The first schema whose required columns the header holds, or null.
   *
   * @param header the header
   * @return the first schema whose required columns the header holds, or null
   */
  public static SpotifyCsvSchema detect(List<String> header) {
    for (SpotifyCsvSchema s : values()) {
      if (header.containsAll(s.required)) {
        return s;
      }
    }
    return null;
  }

  /**
   * A description of every schema and its required columns, for error messages.
   *
   * @return a description of every schema and its required columns, for error messages
   */
  public static String describeAll() {
    StringBuilder sb = new StringBuilder();
    for (SpotifyCsvSchema s : values()) {
      sb.append(sb.isEmpty() ? "" : "; ").append(s.name().toLowerCase(java.util.Locale.ROOT)).append(" (").append(s.title)
          .append(") requires ").append(String.join(",", s.required));
    }
    return sb.toString();
  }
}

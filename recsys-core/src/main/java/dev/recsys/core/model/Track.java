package dev.recsys.core.model;

import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A track of the catalogue. Immutable; every optional attribute is explicit.
 *
 * @param id the stable key (e.g. a Spotify track id); never blank
 * @param title the title, if known
 * @param artists credited artists in credit order (may be empty when unknown)
 * @param album the album, if known
 * @param releaseDate the release date, if known
 * @param durationMs the duration in milliseconds, if known
 * @param popularity popularity 0 to 100, if known
 * @param explicit whether the lyrics are explicit, if known
 * @param genres genre labels (lower case as given by the source; may be empty)
 * @param audio the audio descriptors ({@link AudioFeatures#MISSING} when unknown)
 */
public record Track(
    String id,
    Optional<String> title,
    List<ArtistRef> artists,
    Optional<AlbumRef> album,
    Optional<ReleaseDate> releaseDate,
    OptionalLong durationMs,
    OptionalInt popularity,
    Optional<Boolean> explicit,
    List<String> genres,
    AudioFeatures audio) {

  /** Validates and makes the lists immutable. */
  public Track {
    Checks.notBlank("track id", id);
    Objects.requireNonNull(title, "title");
    artists = immutableCopy("artists", artists);
    Objects.requireNonNull(album, "album");
    Objects.requireNonNull(releaseDate, "releaseDate");
    Objects.requireNonNull(durationMs, "durationMs");
    if (durationMs.isPresent()) {
      Checks.inRange("durationMs", durationMs.getAsLong(), 0, 24L * 3600 * 1000);
    }
    Objects.requireNonNull(popularity, "popularity");
    if (popularity.isPresent()) {
      Checks.inRange("popularity", popularity.getAsInt(), 0, 100);
    }
    Objects.requireNonNull(explicit, "explicit");
    genres = immutableCopy("genres", genres);
    Objects.requireNonNull(audio, "audio");
  }

  /**
   * An unmodifiable copy of {@code values}, or {@code values} itself when it is an unmodifiable list already
   * ({@link List#copyOf}, which rejects null elements); the message of a rejected list names the list and the
   * index of its null element.
   */
  private static <E> List<E> immutableCopy(String name, List<E> values) {
    try {
      return List.copyOf(values);
    } catch (NullPointerException e) {
      Checks.noNulls(name, values);
      throw e;
    }
  }

  /**
   * A builder for a track with the given id and everything else unknown.
   *
   * @param id a builder for a track with the given id and everything else unknown
   * @return this builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * The first credited artist, if any.
   *
   * @return the first credited artist, if any
   */
  public Optional<ArtistRef> primaryArtist() {
    return artists.isEmpty() ? Optional.empty() : Optional.of(artists.get(0));
  }

  /**
   * Title for display: the title, else the id.
   *
   * @return the title for display
   */
  public String displayTitle() {
    String t = title.orElse(id);
    return artists.isEmpty() ? t : t + " - " + artists.get(0).name();
  }

  /**
   * A builder initialised from this track, for deriving a changed copy.
   *
   * @return this builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.title = title;
    b.artists = artists;
    b.album = album;
    b.releaseDate = releaseDate;
    b.durationMs = durationMs;
    b.popularity = popularity;
    b.explicit = explicit;
    b.genres = genres;
    b.audio = audio;
    return b;
  }

  /** Mutable builder of {@link Track}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private Optional<String> title = Optional.empty();
    private List<ArtistRef> artists = List.of();
    private Optional<AlbumRef> album = Optional.empty();
    private Optional<ReleaseDate> releaseDate = Optional.empty();
    private OptionalLong durationMs = OptionalLong.empty();
    private OptionalInt popularity = OptionalInt.empty();
    private Optional<Boolean> explicit = Optional.empty();
    private List<String> genres = List.of();
    private AudioFeatures audio = AudioFeatures.MISSING;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets the title.
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Optional.ofNullable(title);
      return this;
    }

    /**
     * Sets the credited artists.
     *
     * @param artists the credited artists
     * @return this builder
     */
    public Builder artists(List<ArtistRef> artists) {
      this.artists = artists;
      return this;
    }

    /**
     * Sets the album.
     *
     * @param album the album
     * @return this builder
     */
    public Builder album(AlbumRef album) {
      this.album = Optional.ofNullable(album);
      return this;
    }

    /**
     * Sets the release date.
     *
     * @param date the release date
     * @return this builder
     */
    public Builder releaseDate(ReleaseDate date) {
      this.releaseDate = Optional.ofNullable(date);
      return this;
    }

    /**
     * Sets the duration in milliseconds.
     *
     * @param ms the duration in milliseconds
     * @return this builder
     */
    public Builder durationMs(long ms) {
      this.durationMs = OptionalLong.of(ms);
      return this;
    }

    /**
     * Sets the popularity, 0 to 100.
     *
     * @param popularity the popularity, 0 to 100
     * @return this builder
     */
    public Builder popularity(int popularity) {
      this.popularity = OptionalInt.of(popularity);
      return this;
    }

    /**
     * Sets the explicit flag.
     *
     * @param explicit the explicit flag
     * @return this builder
     */
    public Builder explicit(boolean explicit) {
      this.explicit = Optional.of(explicit);
      return this;
    }

    /**
     * Sets the genre labels.
     *
     * @param genres the genre labels
     * @return this builder
     */
    public Builder genres(List<String> genres) {
      this.genres = genres;
      return this;
    }

    /**
     * Sets the audio features.
     *
     * @param audio the audio features
     * @return this builder
     */
    public Builder audio(AudioFeatures audio) {
      this.audio = audio;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the {@code Track}
     */
    public Track build() {
      return new Track(id, title, artists, album, releaseDate, durationMs, popularity, explicit, genres, audio);
    }
  }
}

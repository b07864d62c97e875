package dev.recsys.spotify;

import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Track;
import dev.recsys.core.util.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A summary of a listener's taste from a {@link SpotifyLibrary}: top genres with weights, top artists, counts, and
 * whether audio features were available. When no track has audio features, {@link #genresAndMetadataOnly} is true
 * and the profile rests on genres and metadata alone.
 *
 * <p>Genre weights: each distinct track with genres spreads a weight of 1 evenly over its genres; a genre's weight is
 * its share of the total, so the weights of all genres sum to 1. Ties are broken by name.
 *
 * @param listenerId the listener
 * @param displayName the display name, if known
 * @param trackCount distinct tracks
 * @param playlistCount playlists read
 * @param tracksWithGenres tracks with at least one genre
 * @param topGenres the top genres, heaviest first
 * @param topArtists the top artists by number of distinct tracks, most first
 * @param audioOrigin where audio features came from
 * @param tracksWithAudio tracks with audio features
 * @param meanAudio the mean of each continuous audio feature over the tracks that have it (absent features left
 *     out; key, mode and time signature are categories, whose mean means nothing: see {@code audioDistributions})
 * @param audioDistributions for key, mode and time signature, the share of the tracks that have the feature taking
 *     each value (labels such as {@code "C#"}, {@code "minor"}, {@code "4/4"}), most common first
 * @param genresAndMetadataOnly true if no audio features were available
 * @param notes remarks from the fetch (skipped playlists, fallbacks)
 */
public record ListenerProfile(
    String listenerId,
    Optional<String> displayName,
    int trackCount,
    int playlistCount,
    int tracksWithGenres,
    List<GenreWeight> topGenres,
    List<ArtistCount> topArtists,
    SpotifyLibrary.AudioOrigin audioOrigin,
    int tracksWithAudio,
    Map<String, Double> meanAudio,
    Map<String, Map<String, Double>> audioDistributions,
    boolean genresAndMetadataOnly,
    List<String> notes) {

  /**
   * A genre and its weight.
   *
   * @param genre the genre label
   * @param weight its share, in (0, 1]
   */
  public record GenreWeight(String genre, double weight) {}

  /**
   * An artist and how many of the listener's distinct tracks credit them.
   *
   * @param id the artist id, or the name when no id is known
   * @param name the artist name
   * @param tracks number of distinct tracks
   */
  public record ArtistCount(String id, String name, int tracks) {}

  /** Validates and copies. */
  public ListenerProfile {
    Checks.notBlank("listenerId", listenerId);
    Objects.requireNonNull(displayName, "displayName");
    topGenres = List.copyOf(topGenres);
    topArtists = List.copyOf(topArtists);
    Objects.requireNonNull(audioOrigin, "audioOrigin");
    meanAudio = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(meanAudio));
    Map<String, Map<String, Double>> d = new LinkedHashMap<>();
    audioDistributions.forEach((k, v) -> d.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    audioDistributions = java.util.Collections.unmodifiableMap(d);
    notes = List.copyOf(notes);
  }

  /**
   * Summarises a library.
   *
   * @param topN how many genres and artists to keep, 1 to 1000
   * @param library the library
   * @return the {@code ListenerProfile}
   */
  public static ListenerProfile of(SpotifyLibrary library, int topN) {
    Checks.inRange("topN", topN, 1, 1000);
    Map<String, Double> genreWeight = new HashMap<>();
    Map<String, ArtistCount> artists = new HashMap<>();
    int withGenres = 0;
    double[] sums = new double[AudioFeature.values().length];
    int[] counts = new int[sums.length];
    Map<String, Map<String, Double>> categories = new LinkedHashMap<>();
    int withAudio = 0;
    for (Track t : library.tracks()) {
      if (!t.genres().isEmpty()) {
        withGenres++;
        double share = 1.0 / t.genres().size();
        for (String g : t.genres()) {
          genreWeight.merge(g, share, Double::sum);
        }
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (ArtistRef a : t.artists()) {
        if (seen.add(a.key())) {
          artists.merge(a.key(), new ArtistCount(a.key(), a.name(), 1),
              (x, y) -> new ArtistCount(x.id(), x.name(), x.tracks() + 1));
        }
      }
      if (!t.audio().isEmpty()) {
        withAudio++;
        for (AudioFeature f : AudioFeature.values()) {
          if (t.audio().isPresent(f)) {
            sums[f.ordinal()] += t.audio().value(f);
            counts[f.ordinal()]++;
            if (f.isCategorical()) {
              categories.computeIfAbsent(f.column(), c -> new LinkedHashMap<>())
                  .merge(categoryLabel(f, t.audio().value(f)), 1.0, Double::sum);
            }
          }
        }
      }
    }
    List<GenreWeight> genres = new ArrayList<>();
    double total = withGenres;
    genreWeight.forEach((g, w) -> genres.add(new GenreWeight(g, w / total)));
    genres.sort(Comparator.comparingDouble(GenreWeight::weight).reversed().thenComparing(GenreWeight::genre));
    List<ArtistCount> top = new ArrayList<>(artists.values());
    top.sort(Comparator.comparingInt(ArtistCount::tracks).reversed().thenComparing(ArtistCount::name)
        .thenComparing(ArtistCount::id));
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Map<String, Double>> distributions = new LinkedHashMap<>();
    for (AudioFeature f : AudioFeature.values()) {
      Map<String, Double> c = categories.get(f.column());
      if (c != null) {
        int n = counts[f.ordinal()];
        Map<String, Double> shares = new LinkedHashMap<>();
        c.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey())).forEach(e -> shares.put(e.getKey(), e.getValue() / n));
        distributions.put(f.column(), shares);
      }
      if (counts[f.ordinal()] > 0 && !f.isCategorical()) {
        mean.put(f.column(), sums[f.ordinal()] / counts[f.ordinal()]);
      }
    }
    SpotifyLibrary.FetchReport r = library.report();
    return new ListenerProfile(library.listener().id(), library.listener().displayName(), library.tracks().size(),
        library.playlists().size(), withGenres, genres.subList(0, Math.min(topN, genres.size())),
        top.subList(0, Math.min(topN, top.size())), withAudio == 0 ? SpotifyLibrary.AudioOrigin.NONE : r.audioOrigin(),
        withAudio, mean, distributions, withAudio == 0, r.notes());
  }

  private static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

  /** A category's name: the pitch class of a key, major or minor, a time signature over 4. */
  static String categoryLabel(AudioFeature f, double value) {
    int v = (int) Math.round(value);
    return switch (f) {
      case KEY -> v >= 0 && v < 12 ? PITCH_CLASSES[v] : "unknown";
      case MODE -> v == 1 ? "major" : "minor";
      case TIME_SIGNATURE -> v + "/4";
      default -> String.valueOf(value);
    };
  }
}

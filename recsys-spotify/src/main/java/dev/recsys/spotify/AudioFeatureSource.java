package dev.recsys.spotify;

import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where audio features come from when a track's features are needed: the Web API for apps allowed to call
 * {@code /v1/audio-features} (extended quota mode), otherwise a local source such as a catalogue file keyed by
 * Spotify track id. Implementations must be thread-safe.
 */
public interface AudioFeatureSource {
  /**
   * A short description (kind and origin) for reports.
   *
   * @return a short description (kind and origin) for reports
   */
  String description();

  /**
   * The features of those {@code trackIds} this source knows, keyed by track id. Ids it does not know are left
   * out; an entry is never {@link AudioFeatures#MISSING}.
   *
   * @throws IOException if the source cannot be read
   * @param trackIds the track ids
   * @return the features of those {@code trackIds} this source knows, keyed by track id
   */
  Map<String, AudioFeatures> lookup(Collection<String> trackIds) throws IOException;

  /**
   * A source that knows nothing.
   *
   * @return a source that knows nothing
   */
  static AudioFeatureSource none() {
    return of(Map.of(), "none");
  }

  /**
   * A source backed by an in-memory map from track id to features (entries with no feature at all are ignored).
   *
   * @param features the feature matrix
   * @param description the description
   * @return a source backed by an in-memory map from track id to features (entries with no feature at all are
   *     ignored)
   */
  static AudioFeatureSource of(Map<String, AudioFeatures> features, String description) {
    Objects.requireNonNull(description, "description");
    Map<String, AudioFeatures> copy = new HashMap<>();
    features.forEach((id, af) -> {
      if (!af.isEmpty()) {
        copy.put(id, af);
      }
    });
    Map<String, AudioFeatures> frozen = Map.copyOf(copy);
    return new AudioFeatureSource() {
      @Override
      public String description() {
        return description + " (" + frozen.size() + " tracks)";
      }

      @Override
      public Map<String, AudioFeatures> lookup(Collection<String> trackIds) {
        Map<String, AudioFeatures> out = new LinkedHashMap<>();
        for (String id : trackIds) {
          AudioFeatures af = frozen.get(id);
          if (af != null) {
            out.put(id, af);
          }
        }
        return out;
      }
    };
  }

  /**
   * A source backed by a recsys {@link Catalog} whose track ids are Spotify track ids (as in the TidyTuesday
   * Spotify songs file), such as a catalogue read from a local CSV or JSONL file.
   *
   * @param catalog the catalogue
   * @param description the description
   * @return a source backed by a recsys {@link Catalog} whose track ids are Spotify track ids (as in the TidyTuesday
   *     Spotify songs file), such as a catalogue read from a local CSV or JSONL file
   */
  static AudioFeatureSource of(Catalog catalog, String description) {
    Map<String, AudioFeatures> m = new HashMap<>();
    for (Track t : catalog.tracks()) {
      m.put(t.id(), t.audio());
    }
    return of(m, description);
  }

  /**
   * A source backed by a recsys {@link DataSource} of tracks keyed by Spotify track id, for example a catalogue file
   * opened with {@code Datasets.open("spotify-songs:spotify_songs.csv", ReadOptions.LENIENT)}. Each lookup streams the
   * source once and keeps only the requested tracks, so a large file is never held in memory.
   *
   * @param source the data source
   * @return a source backed by a recsys {@link DataSource} of tracks keyed by Spotify track id, for example a
   *     catalogue file opened with {@code Datasets.open("spotify-songs:spotify_songs.csv", ReadOptions.LENIENT)}
   */
  static AudioFeatureSource of(DataSource source) {
    Objects.requireNonNull(source, "source");
    return new AudioFeatureSource() {
      @Override
      public String description() {
        return "local catalogue " + source.description();
      }

      @Override
      public Map<String, AudioFeatures> lookup(Collection<String> trackIds) throws IOException {
        Set<String> wanted = new HashSet<>(trackIds);
        Map<String, AudioFeatures> found = new HashMap<>();
        source.read(new MusicDataHandler() {
          @Override
          public void track(Track t) {
            if (wanted.contains(t.id()) && !t.audio().isEmpty()) {
              found.putIfAbsent(t.id(), t.audio());
            }
          }
        });
        Map<String, AudioFeatures> out = new LinkedHashMap<>();
        for (String id : trackIds) {
          AudioFeatures af = found.get(id);
          if (af != null) {
            out.put(id, af);
          }
        }
        return out;
      }
    };
  }
}

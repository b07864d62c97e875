package dev.recsys.core.data.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.features.FeatureConfig;
import dev.recsys.core.features.FeaturePipeline;
import dev.recsys.core.features.FittedFeatures;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.AudioFeatures;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.FeatureMatrix;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import dev.recsys.core.synth.WorldExporterTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The profile and the feature pipeline on the real TidyTuesday Spotify songs (skipped when the shared data folder is
 * absent). The file is parsed here with the tests' own CSV parser; the library's readers live elsewhere.
 */
class RealDataProfileTest {
  @Test
  void tidyTuesdayProfileAndFeatures() throws Exception {
    String root = System.getProperty("recsys.shared.data");
    Assumptions.assumeTrue(root != null, "recsys.shared.data not set");
    Path file = Path.of(root, "spotify-songs-tidytuesday", "spotify_songs.csv");
    Assumptions.assumeTrue(Files.isRegularFile(file), file + " absent");
    List<List<String>> rows = WorldExporterTest.parseCsv(Files.readString(file, StandardCharsets.UTF_8));
    List<String> h = rows.get(0);
    Map<String, Track.Builder> tracks = new LinkedHashMap<>();
    Map<String, Set<String>> genres = new LinkedHashMap<>();
    Map<String, List<String>> playlistTracks = new LinkedHashMap<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      String id = r.get(h.indexOf("track_id"));
      playlistTracks.computeIfAbsent(r.get(h.indexOf("playlist_id")), k -> new ArrayList<>()).add(id);
      Set<String> g = genres.computeIfAbsent(id, k -> new LinkedHashSet<>());
      g.add(r.get(h.indexOf("playlist_genre")));
      g.add(r.get(h.indexOf("playlist_subgenre")));
      if (tracks.containsKey(id)) {
        continue;
      }
      AudioFeatures.Builder a = AudioFeatures.builder();
      for (AudioFeature f : AudioFeature.values()) {
        int c = h.indexOf(f.column());
        if (c >= 0 && !r.get(c).isEmpty()) {
          a.set(f, Double.parseDouble(r.get(c)));
        }
      }
      Track.Builder b = Track.builder(id).audio(a.build())
          .popularity(Integer.parseInt(r.get(h.indexOf("track_popularity"))))
          .durationMs(Long.parseLong(r.get(h.indexOf("duration_ms"))));
      String title = r.get(h.indexOf("track_name"));
      if (!title.isEmpty() && !title.equals("NA")) {
        b.title(title);
      }
      String artist = r.get(h.indexOf("track_artist"));
      if (!artist.isBlank() && !artist.equals("NA")) {
        b.artists(List.of(ArtistRef.named(artist)));
      }
      String date = r.get(h.indexOf("track_album_release_date"));
      if (!date.isEmpty()) {
        b.releaseDate(ReleaseDate.parse(date));
      }
      tracks.put(id, b);
    }
    List<Track> list = new ArrayList<>();
    tracks.forEach((id, b) -> list.add(b.genres(List.copyOf(genres.get(id))).build()));
    Catalog catalog = Catalog.of(list);
    List<Playlist> playlists = new ArrayList<>();
    playlistTracks.forEach((id, ts) -> playlists.add(new Playlist(id, Optional.empty(), Optional.empty(), ts, List.of())));
    assertEquals(28_356, catalog.size());
    assertEquals(471, playlists.size());

    DataProfile p = DataProfile.of(catalog, playlists, Interactions.builder().build(), List.of());
    assertEquals(28_356, p.tracks());
    assertEquals(30, p.genres().distinct(), "6 genres and 24 subgenres");
    assertEquals(0, p.playlists().unknownTrackRefs());
    assertEquals(28_356, p.playlists().distinctTracks());
    ColumnStats energy = p.audio().get(AudioFeature.ENERGY.ordinal());
    assertEquals(28_356, energy.count());
    assertTrue(energy.mean() > 0.6 && energy.mean() < 0.75, "energy mean " + energy.mean());
    assertTrue(p.checks().stream().anyMatch(c -> c.name().equals("tempo detected")), p.toText());

    FittedFeatures f = new FeaturePipeline(FeatureConfig.defaults()).fit(catalog);
    FeatureMatrix m = f.transform(catalog);
    assertEquals(28_356, m.rows());
    assertEquals(30, f.genres().size());
    for (int i = 0; i < m.rows(); i += 997) {
      assertArrayEquals(m.row(i), f.transform(catalog.get(i)));
    }
  }
}

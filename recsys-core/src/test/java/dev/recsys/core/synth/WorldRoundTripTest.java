package dev.recsys.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated world, exported and read back through the readers ({@link Datasets}), gives the same tracks,
 * playlists and events, in strict mode and without a skipped row.
 */
class WorldRoundTripTest {
  @TempDir
  Path dir;

  static SyntheticWorld world(double missingRate) {
    return SyntheticWorld.generate(SynthConfig.builder().tracks(1_500).listeners(60).seed(11).missingRate(missingRate)
        .threads(1).build());
  }

  @Test
  void tracksReadBackExactly() throws IOException {
    SyntheticWorld w = world(0.2);
    WorldExporter.export(w, dir);
    MusicDataset ds = Datasets.load("spotify-csv:" + dir.resolve(WorldExporter.TRACKS), ReadOptions.STRICT);
    assertEquals(0, ds.report().rowsSkipped(), ds.report().toString());
    assertEquals(w.catalog().size(), ds.catalog().size());
    assertEquals(w.catalog().ids().ids(), ds.catalog().ids().ids(), "ids in order");
    int missing = 0;
    for (Track expected : w.catalog().tracks()) {
      Track actual = ds.catalog().require(expected.id());
      String at = "track " + expected.id();
      assertEquals(expected, actual, at + ": every field");
      assertEquals(expected.title(), actual.title(), at);
      assertEquals(expected.artists(), actual.artists(), at + ": artist names and ids");
      assertEquals(expected.album(), actual.album(), at + ": album id and name");
      assertEquals(expected.releaseDate(), actual.releaseDate(), at);
      assertEquals(expected.popularity(), actual.popularity(), at);
      assertEquals(expected.durationMs(), actual.durationMs(), at);
      assertEquals(expected.explicit(), actual.explicit(), at);
      assertEquals(expected.genres(), actual.genres(), at);
      for (AudioFeature f : AudioFeature.values()) {
        double e = expected.audio().value(f);
        double a = actual.audio().value(f);
        // bit-exact, NaN (missing) included
        assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(a), at + " " + f + ": " + e + " vs " + a);
        assertEquals(expected.audio().isPresent(f), actual.audio().isPresent(f), at + " " + f);
        if (!expected.audio().isPresent(f)) {
          missing++;
        }
      }
    }
    assertTrue(missing > 0, "the world has missing audio values, so their round trip is tested");
  }

  @Test
  void playlistsReadBackInOrder() throws IOException {
    SyntheticWorld w = world(0);
    WorldExporter.export(w, dir);
    Path slice = dir.resolve(WorldExporter.playlistFileName(w.playlists().size()));
    MusicDataset ds = Datasets.load(List.of("spotify-csv:" + dir.resolve(WorldExporter.TRACKS), "mpd:" + slice),
        ReadOptions.STRICT);
    assertEquals(0, ds.report().rowsSkipped(), ds.report().toString());
    assertTrue(w.playlists().size() > 10, "enough playlists: " + w.playlists().size());
    assertEquals(w.playlists().size(), ds.playlists().size());
    for (int i = 0; i < w.playlists().size(); i++) {
      Playlist e = w.playlists().get(i);
      Playlist a = ds.playlists().get(i);
      assertEquals(e.id(), a.id(), "playlist " + i);
      assertEquals(e.name(), a.name(), "playlist " + e.id());
      assertEquals(e.trackIds(), a.trackIds(), "playlist " + e.id());
    }
    // the slice names only catalogue tracks: the catalogue is unchanged by reading it after the tracks
    assertEquals(w.catalog().size(), ds.catalog().size());
    // the slice alone gives the same playlists
    MusicDataset alone = Datasets.load("mpd:" + slice, ReadOptions.STRICT);
    assertEquals(ds.playlists().stream().map(Playlist::trackIds).toList(),
        alone.playlists().stream().map(Playlist::trackIds).toList());
  }

  @Test
  void eventsReadBackRowForRow() throws IOException {
    SyntheticWorld w = world(0);
    WorldExporter.export(w, dir);
    Interactions x = Datasets.interactions("interactions:" + dir.resolve(WorldExporter.EVENTS), ReadOptions.STRICT);
    int n = w.eventCount();
    assertTrue(n > 1_000, "enough events: " + n);
    assertEquals(n, x.size());
    int skips = 0;
    for (int r = 0; r < n; r++) {
      String at = "event row " + r;
      assertEquals(w.listeners().get(w.eventListener(r)).id(), x.users().id(x.user(r)), at);
      assertEquals(w.catalog().ids().id(w.eventTrack(r)), x.items().id(x.item(r)), at);
      assertEquals(w.eventTimestamp(r), x.timestamp(r), at);
      assertEquals(w.eventSkipped(r), x.skipped(r), at);
      assertEquals(1f, x.weight(r), at);
      skips += w.eventSkipped(r) ? 1 : 0;
    }
    assertTrue(skips > 0 && skips < n, "events with and without skips: " + skips);
  }
}

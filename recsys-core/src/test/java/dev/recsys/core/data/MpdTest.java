package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpdTest {
  @TempDir
  Path dir;

  static String track(int pos, String id, String duration) {
    return "{\"pos\": " + pos + ", \"artist_name\": \"Artist " + id + "\", \"track_uri\": \"spotify:track:" + id + "\","
        + " \"artist_uri\": \"spotify:artist:a" + id + "\", \"track_name\": \"Song " + id + "\","
        + " \"album_uri\": \"spotify:album:al" + id + "\", \"duration_ms\": " + duration + ", \"album_name\": \"Album " + id + "\"}";
  }

  static String playlist(int pid, String name, String... tracks) {
    return "{\"name\": \"" + name + "\", \"collaborative\": \"false\", \"pid\": " + pid + ", \"modified_at\": 1493424000,"
        + " \"num_tracks\": " + tracks.length + ", \"tracks\": [\n" + String.join(",\n", tracks) + "\n], \"num_followers\": 1}";
  }

  static String slice(String... playlists) {
    return "{\"info\": {\"generated_on\": \"2017-12-03 08:41:42.057563\", \"slice\": \"0-999\", \"version\": \"v1\"},\n"
        + "\"playlists\": [\n" + String.join(",\n", playlists) + "\n]}\n";
  }

  @Test
  void slicesGivePlaylistsAndDistinctTracksInSliceOrder() throws IOException {
    Path mpd = Files.createDirectories(dir.resolve("mpd"));
    Files.writeString(mpd.resolve("mpd.slice.1000-1999.json"), slice(playlist(1000, "Later", track(0, "t3", "1000"))));
    Files.writeString(mpd.resolve("mpd.slice.0-999.json"), slice(
        playlist(0, "Throwbacks", track(1, "t2", "200000"), track(0, "t1", "226863")),
        playlist(1, "Again", track(0, "t1", "226863"))));
    MusicDataset ds = Datasets.load("mpd:" + mpd, ReadOptions.STRICT);
    assertEquals(List.of("t1", "t2", "t3").size(), ds.catalog().size());
    assertEquals(List.of("0", "1", "1000"), ds.playlists().stream().map(p -> p.id()).toList());
    assertEquals(List.of("t1", "t2"), ds.playlists().get(0).trackIds(), "ordered by pos");
    assertEquals(Optional.of("Throwbacks"), ds.playlists().get(0).name());
    Track t1 = ds.catalog().require("t1");
    assertEquals(List.of(new ArtistRef(Optional.of("at1"), "Artist t1")), t1.artists());
    assertEquals(Optional.of(new AlbumRef(Optional.of("alt1"), Optional.of("Album t1"))), t1.album());
    assertEquals(226_863L, t1.durationMs().getAsLong());
    assertEquals(4, ds.interactions().size());
    assertEquals(Map.of("tracks", 3L, "playlists", 3L), ds.report().records());
    assertEquals(3, Datasets.load(mpd.resolve("mpd.slice.0-999.json").toString(), ReadOptions.STRICT).playlists().size() + 1);
  }

  @Test
  void malformedPlaylistsAreRejectedWhole() throws IOException {
    Path f = dir.resolve("mpd.slice.0-999.json");
    Files.writeString(f, slice(
        playlist(0, "ok", track(0, "t1", "1000")),
        playlist(1, "bad", track(0, "t2", "\"long\""), track(1, "t3", "5")),
        "{\"name\": \"no pid\", \"tracks\": []}",
        playlist(3, "ok too", track(0, "t4", "1000"))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, ReadOptions.STRICT));
    assertEquals(Rule.BAD_JSON, e.rule());
    assertTrue(e.getMessage().startsWith("mpd.slice.0-999.json:7:") && e.getMessage().endsWith("(playlists[1].tracks[0].duration_ms): not an integer: 'long'"),
        e.getMessage());
    MusicDataset ds = Datasets.load("mpd:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("0", "3"), ds.playlists().stream().map(p -> p.id()).toList());
    assertEquals(List.of("t1", "t4"), ds.catalog().tracks().stream().map(Track::id).toList());
    assertEquals(4, ds.report().rowsRead());
    assertEquals(2, ds.report().rowsSkipped());
    assertEquals(Map.of("bad-json", 2L), ds.report().skipReasons());
    assertTrue(ds.report().firstProblems().get(1).contains("(playlists[2].pid): playlist without a pid"), ds.report().firstProblems().toString());
  }

  @Test
  void brokenJsonFailsInBothModes() throws IOException {
    Path f = dir.resolve("mpd.slice.0-999.json");
    Files.writeString(f, "{\"playlists\": [\n{\"pid\": 1, \"tracks\": [}\n]}");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, ReadOptions.LENIENT));
    assertEquals(Rule.BAD_JSON, e.rule());
    assertTrue(e.getMessage().startsWith("mpd.slice.0-999.json:2:"), e.getMessage());
    Files.writeString(f, "");
    assertEquals(Rule.EMPTY_FILE, assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, ReadOptions.LENIENT)).rule());
  }
}

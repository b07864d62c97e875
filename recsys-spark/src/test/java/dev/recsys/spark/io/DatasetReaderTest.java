package dev.recsys.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir
  Path dir;

  private Path interactions() throws IOException {
    Path in = Files.createDirectories(dir.resolve("events"));
    StringBuilder a = new StringBuilder("user,item,rating,timestamp\n");
    StringBuilder b = new StringBuilder("user,item,rating,timestamp\n");
    for (int i = 0; i < 200; i++) {
      StringBuilder s = i % 2 == 0 ? a : b;
      s.append("u").append(i % 17).append(",t").append(i % 31).append(',').append(1 + i % 5).append(',').append(1_000_000 + i).append('\n');
      if (i == 50) {
        a.append("u1,t2,not-a-number,5\n");
      }
      if (i == 120) {
        b.append("u1\n");
        b.append("u3,t4,2,\n");
      }
    }
    Files.writeString(in.resolve("part-0.csv"), a);
    Files.writeString(in.resolve("part-1.csv"), b);
    return in;
  }

  @Test
  void lenientReadCountsTheSameSkipsAndRecordsAsTheSingleMachineReaders() throws IOException {
    Path in = interactions();
    DatasetReader.Tables t = DatasetReader.read(SharedSpark.get(), "interactions:" + in, ReadOptions.LENIENT);

    long read = 0;
    long skipped = 0;
    Map<String, Long> reasons = new HashMap<>();
    List<List<Object>> expected = new ArrayList<>();
    for (String f : List.of("part-0.csv", "part-1.csv")) {
      Datasets.InteractionsRead one = Datasets.readInteractions("interactions:" + in.resolve(f), ReadOptions.LENIENT);
      ReadReport r = one.report();
      read += r.rowsRead();
      skipped += r.rowsSkipped();
      r.skipReasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
      var x = one.interactions();
      for (int i = 0; i < x.size(); i++) {
        expected.add(List.of(x.users().id(x.user(i)), x.items().id(x.item(i)), x.weight(i), x.timestamp(i), x.skipped(i)));
      }
    }
    ReadSummary s = t.summary();
    assertEquals(2, s.files());
    assertEquals(read, s.rowsRead());
    assertEquals(skipped, s.rowsSkipped());
    assertTrue(skipped >= 2, "the generated files have bad rows: " + skipped);
    assertEquals(reasons, s.skipReasons());
    assertEquals(expected.size(), s.records().get("interactions"));
    List<List<Object>> got = t.tables().get("interactions").collectAsList().stream()
        .map(r -> List.<Object>of(r.getString(0), r.getString(1), (float) r.getDouble(2),
            r.isNullAt(3) ? Interaction.NO_TIME : r.getLong(3), r.getBoolean(4)))
        .toList();
    assertEquals(expected, got, "same records in the same (file, line) order");

    String out = dir.resolve("out").toString();
    t.writeParquet(out);
    assertEquals(expected.size(), SharedSpark.get().read().parquet(out + "/interactions").count());
  }

  @Test
  void strictReadFailsNamingFileAndLine() throws IOException {
    Path in = interactions();
    IOException e = assertThrows(IOException.class,
        () -> DatasetReader.read(SharedSpark.get(), "interactions:" + in, ReadOptions.STRICT));
    // part-0: the header, 26 rows (even i up to 50), then the bad rating on line 28; part-1: the header, 60 rows, then line 62
    assertTrue(e.getMessage().contains("part-0.csv:28:3") || e.getMessage().contains("part-1.csv:62:"), e.getMessage());
  }

  @Test
  void mpdSlicesGiveTheSingleMachinePlaylistsAndDistinctTracks() throws IOException {
    Path mpd = Files.createDirectories(dir.resolve("mpd"));
    Files.writeString(mpd.resolve("mpd.slice.1000-1999.json"), slice(playlist(1000, "Later", track(0, "t3"), track(1, "t1"))));
    Files.writeString(mpd.resolve("mpd.slice.0-999.json"), slice(
        playlist(0, "Throwbacks", track(1, "t2"), track(0, "t1")),
        playlist(1, "Again", track(0, "t1"))));
    MusicDataset single = Datasets.load("mpd:" + mpd, ReadOptions.STRICT);
    DatasetReader.Tables t = DatasetReader.read(SharedSpark.get(), "mpd:" + mpd, ReadOptions.STRICT);
    assertEquals(2, t.summary().files());
    assertEquals(single.report().rowsRead(), t.summary().rowsRead());
    List<String> trackIds = t.tables().get("tracks").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(single.catalog().tracks().stream().map(Track::id).toList(), trackIds);
    List<Row> playlists = t.tables().get("playlists").collectAsList();
    assertEquals(single.playlists().stream().map(Playlist::id).toList(), playlists.stream().map(r -> r.getString(0)).toList());
    assertEquals(single.playlists().get(0).trackIds(), playlists.get(0).getList(3));
    Track t1 = single.catalog().require("t1");
    Row r1 = t.tables().get("tracks").filter("id = 't1'").first();
    assertEquals(t1.title().orElseThrow(), r1.getString(1));
    assertEquals(t1.durationMs().getAsLong(), r1.getLong(5));
  }

  static String track(int pos, String id) {
    return "{\"pos\": " + pos + ", \"artist_name\": \"Artist " + id + "\", \"track_uri\": \"spotify:track:" + id + "\","
        + " \"artist_uri\": \"spotify:artist:a" + id + "\", \"track_name\": \"Song " + id + "\","
        + " \"album_uri\": \"spotify:album:al" + id + "\", \"duration_ms\": 200000, \"album_name\": \"Album " + id + "\"}";
  }

  static String playlist(int pid, String name, String... tracks) {
    return "{\"name\": \"" + name + "\", \"collaborative\": \"false\", \"pid\": " + pid + ", \"modified_at\": 1493424000,"
        + " \"num_tracks\": " + tracks.length + ", \"tracks\": [\n" + String.join(",\n", tracks) + "\n], \"num_followers\": 1}";
  }

  static String slice(String... playlists) {
    return "{\"info\": {\"generated_on\": \"2017-12-03 08:41:42.057563\", \"slice\": \"0-999\", \"version\": \"v1\"},\n"
        + "\"playlists\": [\n" + String.join(",\n", playlists) + "\n]}\n";
  }
}

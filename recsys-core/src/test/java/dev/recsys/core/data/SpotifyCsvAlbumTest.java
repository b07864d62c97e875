package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.recsys.core.model.AlbumRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TidyTuesday reader's albums: shared between the tracks of one album, never at the cost of a name. */
class SpotifyCsvAlbumTest {
  @TempDir
  Path dir;

  private static String row(String id, String albumId, String albumName) {
    return id + ",Song " + id + ",Artist," + "50," + albumId + "," + albumName + ",2019-06-14,List,p1,pop,dance pop,"
        + "0.748,0.9,6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754";
  }

  @Test
  void tracksOfOneAlbumShareItAndKeepTheirOwnAlbumNames() throws IOException {
    Path f = dir.resolve("spotify_songs.csv");
    Files.writeString(f, String.join("\n", SpotifyCsvTest.TT_HEADER,
        row("t1", "a1", "First"),
        row("t2", "a1", "First"),
        row("t3", "a1", "Renamed"),
        row("t4", "a1", "NA"),
        row("t5", "NA", "First"),
        row("t6", "a2", "NA"),
        row("t7", "a2", "NA"),
        row("t8", "a2", "Named later")) + "\n", StandardCharsets.UTF_8);
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.STRICT);
    Optional<AlbumRef> first = ds.catalog().require("t1").album();
    assertEquals(Optional.of(new AlbumRef(Optional.of("a1"), Optional.of("First"))), first);
    assertSame(first.get(), ds.catalog().require("t2").album().get(), "same id and name: one shared album");
    assertEquals(Optional.of(new AlbumRef(Optional.of("a1"), Optional.of("Renamed"))), ds.catalog().require("t3").album());
    assertEquals(Optional.of(new AlbumRef(Optional.of("a1"), Optional.empty())), ds.catalog().require("t4").album());
    assertEquals(Optional.of(new AlbumRef(Optional.empty(), Optional.of("First"))), ds.catalog().require("t5").album());
    Optional<AlbumRef> unnamed = ds.catalog().require("t6").album();
    assertEquals(Optional.of(new AlbumRef(Optional.of("a2"), Optional.empty())), unnamed);
    assertSame(unnamed.get(), ds.catalog().require("t7").album().get(), "same id, both unnamed: one shared album");
    assertEquals(Optional.of(new AlbumRef(Optional.of("a2"), Optional.of("Named later"))), ds.catalog().require("t8").album());
  }
}

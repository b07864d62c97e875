package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.model.AlbumRef;
import dev.recsys.core.model.ArtistRef;
import dev.recsys.core.model.AudioFeature;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.ReleaseDate;
import dev.recsys.core.model.Track;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpotifyCsvTest {
  static final String TT_HEADER = "track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,"
      + "track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,"
      + "loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms";

  static String ttRow(String id, String playlist, String genre, String sub, String energy) {
    return id + ",\"Song, " + id + "\",Artist " + id + ",66,alb" + id + ",Album " + id + ",2019-06-14,List " + playlist
        + "," + playlist + "," + genre + "," + sub + ",0.748," + energy + ",6,-2.634,1,0.0583,0.102,0,0.0653,0.518,122.036,194754";
  }

  @TempDir
  Path dir;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void tidyTuesdayDeduplicatesTracksAndKeepsPlaylistsAndEveryGenre() throws IOException {
    Path f = write("spotify_songs.csv", String.join("\n", TT_HEADER,
        ttRow("t1", "p1", "pop", "dance pop", "0.916"),
        ttRow("t2", "p1", "pop", "dance pop", "0.5"),
        ttRow("t1", "p2", "edm", "big room", "0.916"),
        "t3,NA,NA,10,NA,NA,2012,List p2,p2,edm,big room,0.1,0.2,-1,-10,0,0.1,0.1,0.1,0.1,0.1,90,1000") + "\n");
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.STRICT);
    assertEquals(3, ds.catalog().size());
    Track t1 = ds.catalog().require("t1");
    assertEquals(List.of("pop", "dance pop", "edm", "big room"), t1.genres());
    assertEquals(Optional.of("Song, t1"), t1.title());
    assertEquals(List.of(ArtistRef.named("Artist t1")), t1.artists());
    assertEquals(Optional.of(new AlbumRef(Optional.of("albt1"), Optional.of("Album t1"))), t1.album());
    assertEquals(Optional.of(new ReleaseDate(2019, 6, 14)), t1.releaseDate());
    assertEquals(0.916, t1.audio().value(AudioFeature.ENERGY));
    assertTrue(!t1.audio().isPresent(AudioFeature.TIME_SIGNATURE), "the schema has no time signature");
    Track t3 = ds.catalog().require("t3");
    assertEquals(Optional.empty(), t3.title(), "NA is missing");
    assertEquals(List.of(), t3.artists());
    assertEquals(Optional.empty(), t3.album());
    assertTrue(!t3.audio().isPresent(AudioFeature.KEY), "key -1 is missing");
    assertEquals(List.of(new Playlist("p1", Optional.of("List p1"), Optional.empty(), List.of("t1", "t2"), List.of("pop", "dance pop")),
        new Playlist("p2", Optional.of("List p2"), Optional.empty(), List.of("t1", "t3"), List.of("edm", "big room"))), ds.playlists());
    assertEquals(4, ds.interactions().size(), "one playlist-track interaction per row");
    assertEquals(Map.of("tracks", 3L, "playlists", 2L), ds.report().records());
    // the kind is also inferred from the header
    assertEquals(3, Datasets.load(f.toString(), ReadOptions.STRICT).catalog().size());
  }

  @Test
  void malformedTidyTuesdayRowsGivePreciseErrors() throws IOException {
    Path f = write("spotify_songs.csv", String.join("\n", TT_HEADER,
        ttRow("t1", "p1", "pop", "dance pop", "0.916"),
        ttRow("t2", "p1", "pop", "dance pop", "abc"),
        ttRow("t3", "p1", "pop", "dance pop", "1.5"),
        ttRow("t4", "p1", "pop", "dance pop", "0.5") + ",extra",
        ttRow("t5", "p1", "pop", "dance pop", "0.5").replace("2019-06-14", "14/06/2019"),
        ttRow("t6", "p1", "pop", "dance pop", "0.5")) + "\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-songs:" + f, ReadOptions.STRICT));
    assertEquals("spotify_songs.csv:3:13 (energy): not a number: 'abc'", e.getMessage());
    assertEquals(Rule.BAD_NUMBER, e.rule());
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("t1", "t6"), ds.catalog().tracks().stream().map(Track::id).toList());
    assertEquals(6, ds.report().rowsRead());
    assertEquals(4, ds.report().rowsSkipped());
    assertEquals(Map.of("bad-number", 1L, "out-of-range", 1L, "wrong-column-count", 1L, "bad-value", 1L), ds.report().skipReasons());
    assertEquals(List.of(
        "spotify_songs.csv:3:13 (energy): not a number: 'abc'",
        "spotify_songs.csv:4:13 (energy): must be in [0, 1]; got 1.5",
        "spotify_songs.csv:5: expected 23 fields as in the header, found 24 (an unquoted delimiter in a field?)",
        "spotify_songs.csv:6:7 (track_album_release_date): not a release date (YYYY, YYYY-MM or YYYY-MM-DD): '14/06/2019'"),
        ds.report().firstProblems());
    assertEquals(List.of("t1", "t6"), ds.playlists().get(0).trackIds(), "skipped rows leave no membership behind");
  }

  @Test
  void unknownHeaderListsTheSchemas() throws IOException {
    Path f = write("songs.csv", "id,title\n1,x\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + f, ReadOptions.LENIENT));
    assertEquals(Rule.UNKNOWN_HEADER, e.rule());
    assertTrue(e.getMessage().startsWith("songs.csv:1: the header [id, title] matches no supported Spotify CSV schema; supported: "
        + "tidytuesday (TidyTuesday spotify_songs.csv) requires track_id,track_name,"), e.getMessage());
    assertTrue(e.getMessage().contains("kaggle_tracks") && e.getMessage().contains("tracks_features"), e.getMessage());
    Path empty = write("empty.csv", "\n\n");
    assertEquals(Rule.EMPTY_FILE, assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + empty, ReadOptions.LENIENT)).rule());
  }

  @Test
  void kaggleTracksMergesGenresAndSplitsArtists() throws IOException {
    String h = ",track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,"
        + "speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre";
    String a = "0,k1,Ingrid Michaelson;ZAYN,Hold On,Hold On,57,210826,False,0.438,0.359,0,-9.734,1,0.0557,0.21,0,0.117,0.12,76.332,4,acoustic";
    String b = "1,k2,,,,0,0,True,0.5,0.5,-1,-5,0,0.1,0.1,0.1,0.1,0.1,100,3,pop";
    String c = "2,k1,Ingrid Michaelson;ZAYN,Hold On,Hold On,57,210826,False,0.438,0.359,0,-9.734,1,0.0557,0.21,0,0.117,0.12,76.332,4,pop";
    Path f = write("dataset.csv", String.join("\n", h, a, b, c));
    MusicDataset ds = Datasets.load("spotify-csv:" + f, ReadOptions.STRICT);
    assertEquals(2, ds.catalog().size());
    Track k1 = ds.catalog().require("k1");
    assertEquals(List.of(ArtistRef.named("Ingrid Michaelson"), ArtistRef.named("ZAYN")), k1.artists());
    assertEquals(List.of("acoustic", "pop"), k1.genres());
    assertEquals(Optional.of(false), k1.explicit());
    assertEquals(4.0, k1.audio().value(AudioFeature.TIME_SIGNATURE));
    assertEquals(Optional.of(new AlbumRef(Optional.empty(), Optional.of("Hold On"))), k1.album());
    Track k2 = ds.catalog().require("k2");
    assertEquals(List.of(), k2.artists());
    assertEquals(Optional.empty(), k2.title());
    assertEquals(Optional.of(true), k2.explicit());
    assertEquals(List.of(), ds.playlists());
  }

  @Test
  void kaggleTracksTakesOptionalArtistIdsAlbumIdAndReleaseDate() throws IOException {
    String h = "track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,"
        + "speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre,artist_ids,album_id,release_date";
    String audio = ",0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.1,100,4,pop";
    String a = "k1,A;B,Alb,T1,50,200000,False" + audio + ",a1;b1,al1,1999-11-02";
    String b = "k2,A;B,Alb,T2,50,200000,False" + audio + ",;b1,,2001";
    String c = "k3,A,Alb,T3,50,200000,False" + audio + ",,,";
    String d = "k4,A;B,Alb,T4,50,200000,False" + audio + ",a1,al1,2001";
    String e = "k5,A,Alb,T5,50,200000,False" + audio + ",a1,al1,19x9";
    Path f = write("dataset.csv", String.join("\n", h, a, b, c, d, e));
    DataFormatException ex = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + f, ReadOptions.STRICT));
    assertEquals("dataset.csv:5:21 (artist_ids): 1 artist ids for 2 artists (both separated by ';')", ex.getMessage());
    MusicDataset ds = Datasets.load("spotify-csv:" + f, ReadOptions.LENIENT);
    assertEquals(2, ds.report().rowsSkipped());
    assertEquals("dataset.csv:6:23 (release_date): not a release date (YYYY, YYYY-MM or YYYY-MM-DD): '19x9'",
        ds.report().firstProblems().get(1));
    Track k1 = ds.catalog().require("k1");
    assertEquals(List.of(new ArtistRef(Optional.of("a1"), "A"), new ArtistRef(Optional.of("b1"), "B")), k1.artists());
    assertEquals(Optional.of(new AlbumRef(Optional.of("al1"), Optional.of("Alb"))), k1.album());
    assertEquals(Optional.of(new ReleaseDate(1999, 11, 2)), k1.releaseDate());
    Track k2 = ds.catalog().require("k2");
    assertEquals(List.of(ArtistRef.named("A"), new ArtistRef(Optional.of("b1"), "B")), k2.artists(), "an empty id is absent");
    assertEquals(Optional.of(new AlbumRef(Optional.empty(), Optional.of("Alb"))), k2.album());
    assertEquals(Optional.of(ReleaseDate.ofYear(2001)), k2.releaseDate());
    Track k3 = ds.catalog().require("k3");
    assertEquals(List.of(ArtistRef.named("A")), k3.artists());
    assertEquals(Optional.empty(), k3.releaseDate());
  }

  @Test
  void tracksFeaturesParsesListLiteralsAndYears() throws IOException {
    String h = "id,name,album,album_id,artists,artist_ids,track_number,disc_number,explicit,danceability,energy,key,loudness,"
        + "mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,duration_ms,time_signature,year,release_date";
    String a = "7lmeHLHBe4nmXzuXc0HDjk,Testify,The Battle Of Los Angeles,2eia0myWFgoHuttJytCxgX,\"['Rage Against The Machine']\","
        + "\"['2d0hyoQ5ynDBnkvAbJKORj']\",1,1,False,0.47,0.978,7,-5.399,1,0.0727,0.0261,1.09e-05,0.356,0.503,117.906,210133,4.0,1999,1999-11-02";
    String b = "x2,Paradise City,Album,alb,\"[\"\"Guns N' Roses\"\", 'Slash']\",\"['g1', 'g2']\",1,1,True,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.1,"
        + "100,300000,4.0,0,0000";
    String c = "x3,Bad,Album,alb,\"['A'\",\"['a1']\",1,1,True,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.1,100,300000,4.0,2001,2001";
    Path f = write("tracks_features.csv", String.join("\n", h, a, b, c));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + f, ReadOptions.STRICT));
    assertEquals("tracks_features.csv:4:5 (artists): not a list literal like ['A', 'B']: '['A''", e.getMessage());
    MusicDataset ds = Datasets.load("spotify-csv:" + f, ReadOptions.LENIENT);
    assertEquals(2, ds.catalog().size());
    Track t = ds.catalog().require("7lmeHLHBe4nmXzuXc0HDjk");
    assertEquals(List.of(new ArtistRef(Optional.of("2d0hyoQ5ynDBnkvAbJKORj"), "Rage Against The Machine")), t.artists());
    assertEquals(Optional.of(new ReleaseDate(1999, 11, 2)), t.releaseDate());
    assertEquals(1.09e-05, t.audio().value(AudioFeature.INSTRUMENTALNESS));
    Track x2 = ds.catalog().require("x2");
    assertEquals(List.of("Guns N' Roses", "Slash"), x2.artists().stream().map(ArtistRef::name).toList());
    assertEquals(Optional.empty(), x2.releaseDate(), "year 0 is missing");
    assertEquals(1, ds.report().rowsSkipped());
  }

  @Test
  void wrongEncodingNamesFileAndLineAndIsSkippedLeniently() throws IOException {
    String text = String.join("\n", TT_HEADER, ttRow("t1", "p1", "pop", "dance pop", "0.5"),
        ttRow("t2", "p1", "pop", "dance pop", "0.5").replace("Song, t2", "Café del Mar"), ttRow("t3", "p1", "pop", "dance pop", "0.5")) + "\n";
    Path f = dir.resolve("latin1.csv");
    Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + f, ReadOptions.STRICT));
    assertEquals(Rule.WRONG_ENCODING, e.rule());
    assertTrue(e.getMessage().startsWith("latin1.csv:3:2 (track_name): not valid UTF-8: byte 0xE9 at byte offset "), e.getMessage());
    assertTrue(e.getMessage().endsWith("the file is probably in another encoding (e.g. ISO-8859-1 or Windows-1252); convert it to UTF-8"),
        e.getMessage());
    MusicDataset ds = Datasets.load("spotify-csv:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("t1", "t3"), ds.catalog().tracks().stream().map(Track::id).toList());
    assertEquals(Map.of("wrong-encoding", 1L), ds.report().skipReasons());
  }

  @Test
  void badQuotingThroughTheReader() throws IOException {
    Path f = write("q.csv", String.join("\n", TT_HEADER, ttRow("t1", "p1", "pop", "dance pop", "0.5"),
        ttRow("t2", "p1", "pop", "dance pop", "0.5").replace("\"Song, t2\"", "\"Song\" t2"), ttRow("t3", "p1", "pop", "dance pop", "0.5")) + "\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-csv:" + f, ReadOptions.STRICT));
    assertEquals("q.csv:3:2 (track_name): unexpected character ' ' after the closing quote of a quoted field", e.getMessage());
    MusicDataset ds = Datasets.load("spotify-csv:" + f, ReadOptions.LENIENT);
    assertEquals(2, ds.catalog().size());
    assertEquals(Map.of("bad-quoting", 1L), ds.report().skipReasons());
  }
}

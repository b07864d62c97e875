package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is never lost silently: every physical line is a row, a counted skip or a reported continuation line;
 * MPD problems are {@link DataFormatException}s with a JSON path; the value rules of the MovieLens and number
 * readers are the documented ones.
 */
class ReaderReliabilityTest {
  @TempDir
  Path dir;

  /** Physical lines of a text: LF, CRLF and CR end a line; a last line without a break counts. */
  static long physicalLines(byte[] b) {
    long n = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n' || b[i] == '\r' && (i + 1 == b.length || b[i + 1] != '\n')) {
        n++;
      }
    }
    return b.length > 0 && b[b.length - 1] != '\n' && b[b.length - 1] != '\r' ? n + 1 : n;
  }

  /** The accounting identity of a report against the bytes read. */
  static void assertEveryLineAccounted(ReadReport r, long physicalLines) {
    ReadReport.Lines l = r.lines();
    assertEquals(physicalLines, l.total(), () -> "lines in the file vs lines read: " + r);
    assertEquals(l.total(), l.header() + l.blank() + r.rowsRead() + l.continuation(),
        () -> "header + blank + rows (kept and skipped) + continuation lines must be every line: " + r);
  }

  static String spotifyFile(int rows) {
    StringBuilder sb = new StringBuilder(SpotifyCsvTest.TT_HEADER).append('\n');
    for (int i = 0; i < rows; i++) {
      sb.append(SpotifyCsvTest.ttRow("t" + i, "p" + (i % 3), "pop", "dance pop", "0.5")).append('\n');
    }
    return sb.toString();
  }

  /** Puts a stray quote at the start of the field {@code field} (0-based) of data row {@code row} (0-based). */
  static String strayQuote(String csv, int row, int field) {
    List<String> lines = new java.util.ArrayList<>(List.of(csv.split("\n", -1)));
    String line = lines.get(row + 1);
    int at = 0;
    for (int f = 0; f < field; f++) {
      at = line.indexOf(',', at) + 1;
    }
    lines.set(row + 1, line.substring(0, at) + '"' + line.substring(at));
    return String.join("\n", lines);
  }

  @Test
  void aStrayQuoteCostsOneCountedLineNotTheRowsAfterIt() throws IOException {
    // failure 1: an unclosed quote swallowed the following lines into one "bad-quoting" skip
    // raw comma 3 is the start of track_artist (the quoted title holds a comma)
    String csv = strayQuote(spotifyFile(100), 40, 3);
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, csv);
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.LENIENT);
    ReadReport r = ds.report();
    assertEquals(100, r.rowsRead());
    assertEquals(1, r.rowsSkipped());
    assertEquals(java.util.Map.of("bad-quoting", 1L), r.skipReasons());
    assertEquals(99, ds.catalog().size());
    assertTrue(r.firstProblems().get(0).startsWith("songs.csv:42:3 (track_artist): unexpected character 'S'")
        && r.firstProblems().get(0).contains("only line 42 is skipped, reading resumes on line 43"), r.firstProblems().get(0));
    assertEveryLineAccounted(r, physicalLines(csv.getBytes(StandardCharsets.UTF_8)));

    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-songs:" + f, ReadOptions.STRICT));
    assertEquals(42, e.line());
    assertEquals(Rule.BAD_QUOTING, e.rule());
  }

  @Test
  void aLegitimateMultiLineRecordIsOneRowWithItsContinuationLinesReported() throws IOException {
    String csv = spotifyFile(5).replace("\"Song, t2\"", "\"Song,\nt2\r\nsecond verse\"");
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, csv);
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.STRICT);
    assertEquals(5, ds.catalog().size());
    assertEquals("Song,\nt2\r\nsecond verse", ds.catalog().require("t2").title().orElseThrow());
    assertEquals(2, ds.report().lines().continuation());
    assertEveryLineAccounted(ds.report(), physicalLines(csv.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aQuoteNeverClosedBeforeTheEndOfTheFileCostsOneLine() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml"));
    String movies = "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,\"Jumanji (1995),Fantasy\n3,Heat (1995),Crime\n"
        + "4,Up (2009),Animation";
    Files.writeString(ml.resolve("movies.csv"), movies);
    Files.writeString(ml.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,5,964982704\n");
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.LENIENT);
    assertEquals(List.of("1", "3", "4"), ds.catalog().tracks().stream().map(Track::id).sorted().toList());
    assertEquals(1, ds.report().rowsSkipped());
    assertEquals(2, ds.interactions().size());
    assertEveryLineAccounted(ds.report(), physicalLines(movies.getBytes(StandardCharsets.UTF_8)) + 3);
  }

  @Test
  void aStrayQuoteInTheRealTidyTuesdayFileCostsOneRow() throws IOException {
    Path real = RealDataTest.shared("spotify-songs-tidytuesday/spotify_songs.csv");
    String csv = Files.readString(real);
    // line 6642 of the file is data row 6640 (0-based); the quote opens its track_artist field
    String bad = strayQuote(csv, 6640, 2);
    Path f = dir.resolve("spotify_songs.csv");
    Files.writeString(f, bad);
    MusicDataset ds = Datasets.load("spotify-songs:" + f, ReadOptions.LENIENT);
    assertEquals(32_833, ds.report().rowsRead());
    assertEquals(1, ds.report().rowsSkipped());
    assertTrue(ds.report().firstProblems().get(0).contains("reading resumes on line 6643"), ds.report().firstProblems().get(0));
    assertTrue(ds.catalog().size() >= 28_355, "at most the one track of the skipped row is missing: " + ds.catalog().size());
    assertEveryLineAccounted(ds.report(), physicalLines(bad.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aStrayQuoteInTheRealMoviesFileCostsOneMovie() throws IOException {
    Path real = RealDataTest.shared("movielens-latest-small");
    Path ml = Files.createDirectories(dir.resolve("ml"));
    Files.copy(real.resolve("ratings.csv"), ml.resolve("ratings.csv"));
    String movies = Files.readString(real.resolve("movies.csv"));
    String bad = strayQuote(movies, 500, 2);
    Files.writeString(ml.resolve("movies.csv"), bad);
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.LENIENT);
    assertEquals(9_741, ds.catalog().size());
    long skippedRatings = ds.report().skipReasons().getOrDefault("unknown-reference", 0L);
    assertEquals(1, ds.report().skipReasons().get("bad-quoting"));
    assertTrue(ds.report().firstProblems().get(0).contains("reading resumes on line 503"), ds.report().firstProblems().get(0));
    assertEquals(100_836 - skippedRatings, ds.interactions().size());
    assertEquals(ds.report().rowsSkipped(), 1 + skippedRatings, "the ratings of the lost movie are counted");
  }

  // ------------------------------------------------------------------ MPD (failure 2)

  @Test
  void aBlankTrackIdIsAFormatErrorWithItsJsonPathAndSkippedWhenLenient() throws IOException {
    Path f = dir.resolve("mpd.slice.0-999.json");
    Files.writeString(f, MpdTest.slice(
        MpdTest.playlist(0, "ok", MpdTest.track(0, "t1", "1000")),
        MpdTest.playlist(1, "blank", MpdTest.track(0, "t2", "1000"), MpdTest.track(1, "", "1000")),
        MpdTest.playlist(2, "ok", MpdTest.track(0, "t3", "1000"))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, ReadOptions.STRICT));
    assertEquals("playlists[1].tracks[1].track_uri", e.columnName());
    assertEquals("mpd.slice.0-999.json", e.file());
    assertTrue(e.line() > 0);
    assertTrue(e.getMessage().contains("blank id: 'spotify:track:'"), e.getMessage());
    MusicDataset ds = Datasets.load("mpd:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("0", "2"), ds.playlists().stream().map(p -> p.id()).toList());
    assertEquals(1, ds.report().rowsSkipped());
  }

  @Test
  void deepNestingIsSkippedWhenLenientAndAFormatErrorAtAnyDepth() throws IOException {
    String deep = String.join("", Collections.nCopies(5_000, "[")) + String.join("", Collections.nCopies(5_000, "]"));
    Path f = dir.resolve("mpd.slice.0-999.json");
    Files.writeString(f, MpdTest.slice(
        MpdTest.playlist(0, "ok", MpdTest.track(0, "t1", "1000")),
        MpdTest.playlist(1, "deep", MpdTest.track(0, "t2", "1000")).replace("\"num_followers\": 1", "\"x\": " + deep),
        MpdTest.playlist(2, "ok", MpdTest.track(0, "t3", "1000"))));
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, ReadOptions.STRICT));
    assertEquals("playlists[1].x", e.columnName());
    MusicDataset ds = Datasets.load("mpd:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("0", "2"), ds.playlists().stream().map(p -> p.id()).toList());
    assertEquals(java.util.Map.of("bad-json", 1L), ds.report().skipReasons());

    // past the parser's limit the structure cannot be followed: a format error (not Jackson's) in both modes
    String million = String.join("", Collections.nCopies(1_000_000, "["));
    Files.writeString(f, "{\"playlists\": [{\"pid\": 1, \"x\": " + million);
    for (ReadOptions o : List.of(ReadOptions.STRICT, ReadOptions.LENIENT)) {
      DataFormatException d = assertThrows(DataFormatException.class, () -> Datasets.load("mpd:" + f, o));
      assertEquals(Rule.BAD_JSON, d.rule());
      assertTrue(d.getMessage().startsWith("mpd.slice.0-999.json:1:"), d.getMessage());
    }
  }

  // ------------------------------------------------------------------ value rules (failure 3)

  @Test
  void oldMovieLensItemFilesWithOneDigitDaysAreRead() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml100k"));
    String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    Files.write(ml.resolve("u.item"), ("1|Toy Story (1995)|01-Jan-1995||http://x" + flags + "\n"
        + "2|Billy Jack (1971)|4-Feb-1971||http://y" + flags + "\n").getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(ml.resolve("u.data"), "196\t1\t3\t881250949\n186\t2\t3\t891717742\n");
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.STRICT);
    assertEquals("1971-02-04", ds.catalog().require("2").releaseDate().orElseThrow().toString());
  }

  @Test
  void ratingsOffTheHalfStarScaleAndOfUnknownMoviesAreCounted() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(ml.resolve("movies.csv"), "movieId,title,genres\n1,Toy Story (1995),Comedy\n");
    Files.writeString(ml.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,1e-400,964982703\n"
        + "1,1,0,964982703\n1,1,5.5,964982703\n1,99,3.0,964982703\n1,1,0.5,964982704\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("movielens:" + ml, ReadOptions.STRICT));
    assertEquals("ratings.csv:3:3 (rating): must be in [0.5, 5.0]; got 1e-400", e.getMessage());
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.LENIENT);
    assertEquals(2, ds.interactions().size());
    assertEquals(java.util.Map.of("out-of-range", 3L, "unknown-reference", 1L), ds.report().skipReasons());
    assertTrue(ds.report().firstProblems().contains("ratings.csv:6:2 (movieId): movie '99' is not in the movie file"),
        ds.report().firstProblems().toString());
  }

  @Test
  void integerAndDecimalColumnsFollowOneDigitRule() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml"));
    // Arabic-Indic digits in the integer timestamp column, and in the decimal rating column; hexadecimal floats
    Files.writeString(ml.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,\u0669\u0666\u0664\n"
        + "1,1,\u0664,964982703\n1,1,0x1p2,964982703\n1,1, 4 ,964982703\n");
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.LENIENT);
    assertEquals(java.util.Map.of("bad-number", 3L), ds.report().skipReasons(), ds.report().firstProblems().toString());
    assertEquals(1, ds.interactions().size());
  }

  @Test
  void aDuplicatedHeaderColumnIsAHeaderErrorEvenWhenLenient() throws IOException {
    Path f = dir.resolve("songs.csv");
    Files.writeString(f, spotifyFile(3).replaceFirst("energy", "danceability"));
    for (ReadOptions o : List.of(ReadOptions.STRICT, ReadOptions.LENIENT)) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("spotify-songs:" + f, o));
      assertEquals(Rule.UNKNOWN_HEADER, e.rule());
      assertEquals("songs.csv:1:13 (danceability): column 'danceability' appears twice in the header (columns 12 and 13);"
          + " each column name must be unique", e.getMessage());
    }
  }
}

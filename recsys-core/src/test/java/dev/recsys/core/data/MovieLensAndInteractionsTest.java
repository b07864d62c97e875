package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.data.DataFormatException.Rule;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
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

class MovieLensAndInteractionsTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void movieLensLatestGivesRatingsAndMovies() throws IOException {
    write("ml/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n2,\"Heat, The (1995)\",(no genres listed)\n");
    write("ml/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,3.5,964981247\n2,1,5.0,964982224\n");
    MusicDataset ds = Datasets.load("movielens:" + dir.resolve("ml"), ReadOptions.STRICT);
    assertEquals(2, ds.catalog().size());
    Track toy = ds.catalog().require("1");
    assertEquals(List.of("Adventure", "Animation"), toy.genres());
    assertEquals(Optional.of(ReleaseDate.ofYear(1995)), toy.releaseDate());
    assertEquals(List.of(), ds.catalog().require("2").genres());
    assertEquals("Heat, The (1995)", ds.catalog().require("2").title().orElseThrow());
    Interactions in = ds.interactions();
    assertEquals(3, in.size());
    assertEquals(2, in.users().size());
    assertEquals(new Interaction("1", "2", 3.5, 964981247L, false), in.row(1));
    assertEquals(Map.of("tracks", 2L, "interactions", 3L), ds.report().records());
  }

  @Test
  void movieLens100kReadsTabSeparatedDataAndLatin1Items() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml-100k"));
    Files.writeString(ml.resolve("u.data"), "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    String flags = "|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    Files.write(ml.resolve("u.item"), ("242|Kolya (1996)|24-Jan-1997||http://x" + flags + "\n302|L.A. Confidential é|01-Jan-1997||http://y" + flags + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.STRICT);
    assertEquals(2, ds.interactions().size());
    assertEquals(new ReleaseDate(1997, 1, 24), ds.catalog().require("242").releaseDate().orElseThrow());
    assertEquals(List.of("Animation", "Children's", "Comedy"), ds.catalog().require("242").genres());
    assertEquals("L.A. Confidential é", ds.catalog().require("302").title().orElseThrow());
    assertEquals(2, Datasets.interactions("movielens:" + ml, ReadOptions.STRICT).size());
  }

  @Test
  void malformedRatingsFailStrictAndAreCountedLenient() throws IOException {
    write("ml/ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,abc,964981247\n2,1,5.0\n3,1,99,1\n4,4,1,2\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("movielens:" + dir.resolve("ml"), ReadOptions.STRICT));
    assertEquals("ratings.csv:3:3 (rating): not a number: 'abc'", e.getMessage());
    MusicDataset ds = Datasets.load("movielens:" + dir.resolve("ml"), ReadOptions.LENIENT);
    assertEquals(2, ds.interactions().size());
    assertEquals(5, ds.report().rowsRead());
    assertEquals(3, ds.report().rowsSkipped());
    assertEquals(Map.of("bad-number", 1L, "wrong-column-count", 1L, "out-of-range", 1L), ds.report().skipReasons());
    assertEquals(List.of("ratings.csv:3:3 (rating): not a number: 'abc'",
        "ratings.csv:4: expected 4 fields as in the header, found 3",
        "ratings.csv:5:3 (rating): must be in [0.5, 5.0]; got 99"), ds.report().firstProblems());
  }

  @Test
  void genericInteractionsDetectRolesFromTheHeader() throws IOException {
    Path f = write("plays.tsv", "user_id\ttrack_id\tplays\tts\tskipped\nu1\tt1\t3\t1500000000\tfalse\nu1\tt2\t1\t2019-02-03 18:42\t1\n"
        + "u2\tt1\t7\t1500000000000\tno\n");
    Interactions in = Datasets.interactions("interactions:" + f, ReadOptions.STRICT);
    assertEquals(3, in.size());
    assertEquals(new Interaction("u1", "t1", 3, 1_500_000_000L, false), in.row(0));
    assertEquals(new Interaction("u1", "t2", 1, 1_549_219_320L, true), in.row(1));
    assertEquals(1_500_000_000L, in.timestamp(2), "milliseconds are recognised");
    // the kind is inferred for a plain path
    assertEquals(3, Datasets.interactions(f.toString(), ReadOptions.STRICT).size());
  }

  @Test
  void genericInteractionsWithExplicitRolesAndWithoutHeader() throws IOException {
    Path f = write("x.csv", "a,b,c\nalice,song1,2.5\nbob,song2,1\n");
    Interactions in = Datasets.interactions("interactions:" + f + "#user=a,item=b,weight=c", ReadOptions.STRICT);
    assertEquals(2.5f, in.weight(0));
    Path g = write("y.csv", "alice;song1;2\nbob;song2;4\n");
    Interactions in2 = Datasets.interactions(g + "#user=1,item=2,weight=3,header=false", ReadOptions.STRICT);
    assertEquals(2, in2.size());
    assertEquals("song2", in2.items().id(in2.item(1)));
    assertEquals(4f, in2.weight(1));
  }

  @Test
  void aHashInThePathIsKeptWhenThePathExists() throws IOException {
    Path f = write("runs#2/plays#1.csv", "user,item\nalice,song1\nbob,song2\n");
    // the whole text names a file: no roles are split off, whatever the kind
    assertEquals(2, Datasets.interactions("interactions:" + f, ReadOptions.STRICT).size());
    assertEquals(2, Datasets.interactions(f.toString(), ReadOptions.STRICT).size());
    // roles follow the last '#' of a path that does not exist as written
    Path g = write("runs#2/x.csv", "a,b\nalice,song1\n");
    Interactions in = Datasets.interactions("interactions:" + g + "#user=b,item=a", ReadOptions.STRICT);
    assertEquals("song1", in.users().id(in.user(0)), "roles applied");
    // the explicit form never splits
    assertEquals(2, Datasets.readInteractions(Datasets.openInteractions(f, ColumnRoles.parse("user=user,item=item"),
        ReadOptions.STRICT)).interactions().size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Datasets.interactions("interactions:" + dir.resolve("runs#nothing.csv"), ReadOptions.STRICT));
    assertTrue(e.getMessage().contains("nothing.csv"), e.getMessage());
  }

  @Test
  void bothInteractionsOverloadsReturnInteractions() throws IOException {
    Path f = write("plays#1.csv", "user,item\nalice,song1\nbob,song2\n");
    Interactions byPath = Datasets.interactions(f, ColumnRoles.parse("user=user,item=item"), ReadOptions.STRICT);
    Interactions bySpec = Datasets.interactions("interactions:" + f, ReadOptions.STRICT);
    assertEquals(bySpec.size(), byPath.size());
    assertEquals(bySpec.toString(), byPath.toString());
    assertTrue(byPath.toString().contains("2 rows") && byPath.toString().contains("2 users"), byPath.toString());
  }

  @Test
  void aMistypedKindListsTheKinds() throws IOException {
    Path f = write("songs.csv", "user,item\nalice,song1\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Datasets.open("spotfy:" + f, ReadOptions.STRICT));
    assertTrue(e.getMessage().contains("unknown data kind 'spotfy'") && e.getMessage().contains("movielens")
        && e.getMessage().contains("did you mean 'spotify-songs'"), e.getMessage());
    // a path with a colon that exists is still a path
    Path odd = write("a:b.csv", "user,item\nalice,song1\n");
    assertEquals(1, Datasets.interactions(odd.toString(), ReadOptions.STRICT).size());
  }

  @Test
  void readInteractionsReturnsTheSkipCounts() throws IOException {
    Path f = write("p.csv", "user,item,weight\nalice,song1,1\nbob,song2,abc\ncarol,song3\ndave,song4,2\n");
    Datasets.InteractionsRead r = Datasets.readInteractions("interactions:" + f, ReadOptions.LENIENT);
    assertEquals(2, r.interactions().size());
    assertEquals(4, r.report().rowsRead());
    assertEquals(2, r.report().rowsSkipped());
    assertEquals(Map.of("bad-number", 1L, "wrong-column-count", 1L), r.report().skipReasons());
    assertTrue(r.report().firstProblems().get(0).startsWith("p.csv:3:3 (weight): not a number: 'abc'"), r.report().firstProblems().toString());
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.readInteractions("interactions:" + f, ReadOptions.STRICT));
    assertEquals(3, e.line());
  }

  @Test
  void unknownHeaderAndEmptyFileSaySo() throws IOException {
    Path f = write("odd.csv", "foo,bar\n1,2\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.interactions("interactions:" + f, ReadOptions.LENIENT));
    assertEquals(Rule.UNKNOWN_HEADER, e.rule());
    assertTrue(e.getMessage().startsWith("odd.csv:1: cannot tell the user and item columns from the header [foo, bar]"), e.getMessage());
    assertTrue(e.getMessage().contains("user=foo,item=bar"), e.getMessage());
    Path empty = write("empty.csv", "");
    DataFormatException e2 = assertThrows(DataFormatException.class, () -> Datasets.interactions("interactions:" + empty, ReadOptions.LENIENT));
    assertEquals(Rule.EMPTY_FILE, e2.rule());
    assertEquals("empty.csv: empty file: no header line (expected a header naming user and item columns)", e2.getMessage());
  }

  @Test
  void columnRolesParseAndRoundTrip() {
    ColumnRoles r = ColumnRoles.parse("user=uid, item=track, plays=n, time=t, skip=s");
    assertEquals(new ColumnRoles("uid", "track", Optional.of("n"), Optional.of("t"), Optional.of("s"), true), r);
    assertEquals(r, ColumnRoles.parse(r.toSpec()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColumnRoles.parse("user=a,itm=b"));
    assertTrue(e.getMessage().startsWith("unknown column role 'itm'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ColumnRoles.parse("user=a"));
    assertEquals(Optional.of(new ColumnRoles("userID", "artistID", Optional.of("weight"), Optional.empty(), Optional.empty(), true)),
        ColumnRoles.detect(List.of("userID", "artistID", "weight")));
  }

  @Test
  void edgeListGivesTies() throws IOException {
    Path f = write("user_friends.dat", "userID\tfriendID\n2\t275\n2\t428\n");
    MusicDataset ds = Datasets.load("edges:" + f, ReadOptions.STRICT);
    assertEquals(2, ds.interactions().size());
    assertEquals(new Interaction("2", "428", 1, Interaction.NO_TIME, false), ds.interactions().row(1));
    assertEquals(2L, ds.report().count("ties"));
  }

  @Test
  void progressIsReported() throws IOException {
    StringBuilder sb = new StringBuilder("user,item\n");
    for (int i = 0; i < 25; i++) {
      sb.append("u").append(i % 3).append(",i").append(i).append('\n');
    }
    Path f = write("p.csv", sb.toString());
    List<Long> seen = new java.util.ArrayList<>();
    Datasets.interactions("interactions:" + f, ReadOptions.STRICT.withProgress(seen::add, 10));
    assertEquals(List.of(10L, 20L, 25L), seen);
  }
}

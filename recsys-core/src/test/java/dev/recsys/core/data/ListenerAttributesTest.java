package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Listener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code listeners:FILE} side file and MovieLens ml-100k's {@code u.user}. */
class ListenerAttributesTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void aSideFileFillsListenerAttributesByDeclaredColumn() throws IOException {
    Path f = write("attrs.csv", "listener_id,age:numeric,country:categorical,gender\nu1,34,SE,F\nu2,,\"US\",M\nu3,19.5,,\n");
    MusicDataset ds = Datasets.load("listeners:" + f, ReadOptions.STRICT);
    assertEquals(List.of(
        new Listener("u1", java.util.Optional.empty(), Map.of("age", "34", "country", "SE", "gender", "F")),
        new Listener("u2", java.util.Optional.empty(), Map.of("country", "US", "gender", "M")),
        new Listener("u3", java.util.Optional.empty(), Map.of("age", "19.5"))), ds.listeners());
    assertEquals(Map.of("listeners", 3L), ds.report().records());
    assertEquals(0, ds.interactions().size());
  }

  @Test
  void badRowsNameFileLineAndFieldAndAreCountedByRuleWhenLenient() throws IOException {
    Path f = write("attrs.tsv", "user\tage:num\tcountry\nu1\t30\tSE\nu2\tthirty\tUS\n\tu\tDE\nu1\t40\tFR\nu4\t50\nu5\t22\tBR\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("listeners:" + f, ReadOptions.STRICT));
    assertEquals("attrs.tsv:3:2 (age): not a number: 'thirty'", e.getMessage());
    MusicDataset ds = Datasets.load("listeners:" + f, ReadOptions.LENIENT);
    assertEquals(List.of("u1", "u5"), ds.listeners().stream().map(Listener::id).toList());
    assertEquals(6, ds.report().rowsRead());
    assertEquals(4, ds.report().rowsSkipped());
    assertEquals(Map.of("bad-number", 1L, "missing-value", 1L, "bad-value", 1L, "wrong-column-count", 1L),
        ds.report().skipReasons());
    assertTrue(ds.report().firstProblems().contains("attrs.tsv:5:1 (user): listener 'u1' appears twice (first on line 2)"),
        ds.report().firstProblems().toString());
  }

  @Test
  void anUnknownKindInTheHeaderIsRefused() throws IOException {
    Path f = write("attrs.csv", "listener_id,age:integer\nu1,3\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("listeners:" + f, ReadOptions.LENIENT));
    assertEquals(DataFormatException.Rule.UNKNOWN_HEADER, e.rule());
    assertTrue(e.getMessage().contains("unknown attribute kind 'integer'"), e.getMessage());
  }

  @Test
  void movieLens100kUsersBecomeListenersWithAgeGenderOccupationAndZip() throws IOException {
    Path ml = Files.createDirectories(dir.resolve("ml-100k"));
    Files.writeString(ml.resolve("u.data"), "1\t242\t3\t881250949\n2\t242\t4\t891717742\n");
    Files.writeString(ml.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|T8H1N\n");
    MusicDataset ds = Datasets.load("movielens:" + ml, ReadOptions.STRICT);
    assertEquals(List.of(
        new Listener("1", java.util.Optional.empty(), Map.of("age", "24", "gender", "M", "occupation", "technician",
            "zip", "85711")),
        new Listener("2", java.util.Optional.empty(), Map.of("age", "53", "gender", "F", "occupation", "other",
            "zip", "T8H1N"))), ds.listeners());
    assertEquals(2, ds.interactions().size());

    Files.writeString(ml.resolve("u.user"), "1|24|M|technician|85711\n2|0|F|other|1\n3|30|X|other|2\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("movielens:" + ml, ReadOptions.STRICT));
    assertEquals("u.user:2:2 (age): must be in [1, 120]; got 0", e.getMessage());
    MusicDataset lenient = Datasets.load("movielens:" + ml, ReadOptions.LENIENT);
    assertEquals(1, lenient.listeners().size());
    assertEquals(Map.of("out-of-range", 1L, "bad-value", 1L), lenient.report().skipReasons());
  }
}

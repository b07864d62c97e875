package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Mutations of an MPD slice (junk tokens, blank ids, huge numbers, deep nesting spliced in at random places): a
 * strict read succeeds or throws {@link DataFormatException}; a lenient read either ends with a
 * {@link DataFormatException} for JSON that is not well formed, or accounts for every playlist object as read or
 * skipped by rule. Nothing else (no {@code IllegalArgumentException}, no Jackson exception) escapes.
 */
class MpdMutationProperties {
  private static final String[] JUNK = {
      "{", "}", "[", "]", "\"", ",", ":", "null", "\"spotify:track:\"", "\"spotify:track: \"", "-1", "1e999",
      "99999999999999999999", "\"\"", "true", "{\"a\":" + "[".repeat(150) + "]".repeat(150) + "}",
      "[".repeat(2_000) + "]".repeat(2_000), "\"track_uri\": \"spotify:track:\"", "\"pos\": 1.5", "\u0000"};

  static String validSlice() {
    return MpdTest.slice(
        MpdTest.playlist(0, "a", MpdTest.track(0, "t1", "1000"), MpdTest.track(1, "t2", "2000")),
        MpdTest.playlist(1, "b", MpdTest.track(0, "t2", "2000"), MpdTest.track(1, "t3", "null")),
        MpdTest.playlist(2, "c", MpdTest.track(0, "t4", "3000")),
        MpdTest.playlist(3, "d", MpdTest.track(1, "t5", "4000"), MpdTest.track(0, "t1", "1000")));
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Integer>>> mutations() {
    return Arbitraries.integers().between(0, 1 << 20).flatMap(pos -> Arbitraries.integers().between(0, JUNK.length - 1)
        .map(j -> Tuple.of(pos, j))).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void mutatedSlicesGiveOnlyFormatErrorsOrCountedSkips(@ForAll("mutations") List<Tuple2<Integer, Integer>> mutations)
      throws IOException {
    String json = validSlice();
    int start = json.indexOf("\"playlists\"");
    for (Tuple2<Integer, Integer> m : mutations) {
      int pos = start + m.get1() % (json.length() - start);
      json = json.substring(0, pos) + JUNK[m.get2()] + json.substring(pos + 1);
    }
    Path dir = Files.createTempDirectory("mpd");
    Path f = dir.resolve("mpd.slice.0-999.json");
    try {
      Files.writeString(f, json, StandardCharsets.UTF_8);
      try {
        Datasets.load("mpd:" + f, ReadOptions.STRICT);
      } catch (DataFormatException expected) {
        assertEquals("mpd.slice.0-999.json", expected.file());
      }
      try {
        MusicDataset ds = Datasets.load("mpd:" + f, ReadOptions.LENIENT);
        long byRule = ds.report().skipReasons().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(ds.report().rowsSkipped(), byRule);
        assertEquals(ds.report().rowsRead(), ds.playlists().size() + ds.report().rowsSkipped(),
            "every playlist object is read or counted as skipped");
      } catch (DataFormatException fatal) {
        assertTrue(fatal.rule() == DataFormatException.Rule.BAD_JSON || fatal.rule() == DataFormatException.Rule.WRONG_ENCODING
            || fatal.rule() == DataFormatException.Rule.EMPTY_FILE, fatal.getMessage());
      }
    } finally {
      Files.deleteIfExists(f);
      Files.delete(dir);
    }
  }
}

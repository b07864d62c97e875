package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
 * Malformed rows never escape as an unexpected exception type: strict reads either succeed or throw
 * {@link DataFormatException}; lenient reads count every skipped row by rule and fail only when the header itself
 * is broken.
 */
class MalformedInputProperties {
  private static final byte[][] JUNK = {
      {','}, {'"'}, {'\n'}, {'\r'}, {'\t'}, {'x'}, {'-'}, {' '}, {'N', 'A'}, {'1', 'e', '9', '9', '9'},
      {(byte) 0xE9}, {(byte) 0xFF}, {(byte) 0xC3}, {'"', '"'}, {'[', '\''}, {}};

  static byte[] validFile(String kind) {
    StringBuilder sb = new StringBuilder();
    switch (kind) {
      case "spotify" -> {
        sb.append(SpotifyCsvTest.TT_HEADER).append('\n');
        for (int i = 0; i < 12; i++) {
          sb.append(SpotifyCsvTest.ttRow("t" + (i % 7), "p" + (i % 3), "pop", "dance pop", "0." + i)).append('\n');
        }
      }
      case "ratings" -> {
        sb.append("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < 20; i++) {
          sb.append(i % 4).append(',').append(i).append(",3.5,96498").append(i).append('\n');
        }
      }
      default -> {
        sb.append("user_id\ttrack_id\tplays\tts\tskip\n");
        for (int i = 0; i < 20; i++) {
          sb.append("u").append(i % 4).append("\tt").append(i).append('\t').append(i).append("\t2019-02-03 18:4").append(i % 10)
              .append("\tfalse\n");
        }
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<List<Tuple2<Integer, Integer>>> mutations() {
    return Arbitraries.integers().between(0, 1 << 20).flatMap(pos -> Arbitraries.integers().between(0, JUNK.length - 1)
        .map(j -> Tuple.of(pos, j))).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of("spotify", "ratings", "interactions");
  }

  static byte[] mutate(byte[] valid, List<Tuple2<Integer, Integer>> mutations, int headerLength) {
    byte[] cur = valid;
    for (Tuple2<Integer, Integer> m : mutations) {
      // mutate data rows only: replace one byte with the junk sequence
      int pos = headerLength + m.get1() % (cur.length - headerLength);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(cur, 0, pos);
      out.writeBytes(JUNK[m.get2()]);
      out.write(cur, pos + 1, cur.length - pos - 1);
      cur = out.toByteArray();
    }
    return cur;
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED)
  void malformedRowsGiveOnlyDataFormatExceptionsOrCountedSkips(@ForAll("kinds") String kind,
      @ForAll("mutations") List<Tuple2<Integer, Integer>> mutations) throws IOException {
    byte[] valid = validFile(kind);
    int headerLength = new String(valid, StandardCharsets.UTF_8).indexOf('\n') + 1;
    byte[] bytes = mutate(valid, mutations, headerLength);
    Path dir = Files.createTempDirectory("malformed");
    try {
      String spec;
      switch (kind) {
        case "spotify" -> {
          Files.write(dir.resolve("spotify_songs.csv"), bytes);
          spec = "spotify-songs:" + dir.resolve("spotify_songs.csv");
        }
        case "ratings" -> {
          Files.write(dir.resolve("ratings.csv"), bytes);
          spec = "movielens:" + dir;
        }
        default -> {
          Files.write(dir.resolve("plays.tsv"), bytes);
          spec = "interactions:" + dir.resolve("plays.tsv");
        }
      }
      try {
        Datasets.load(spec, ReadOptions.STRICT);
      } catch (DataFormatException expected) {
        assertTrue(expected.line() >= 1, expected.getMessage());
      }
      MusicDataset ds = Datasets.load(spec, ReadOptions.LENIENT.withMaxProblems(1000));
      long byRule = ds.report().skipReasons().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(ds.report().rowsSkipped(), byRule, "every skipped row is counted under a rule");
      assertEquals(ds.report().rowsSkipped(), ds.report().firstProblems().size());
      long produced = ds.report().count("interactions") + (kind.equals("spotify") ? ds.playlists().stream().mapToInt(p -> p.size()).sum() : 0);
      assertEquals(ds.report().rowsRead() - ds.report().rowsSkipped(), produced, "each accepted row produces one record");
      ReaderReliabilityTest.assertEveryLineAccounted(ds.report(), ReaderReliabilityTest.physicalLines(bytes));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}

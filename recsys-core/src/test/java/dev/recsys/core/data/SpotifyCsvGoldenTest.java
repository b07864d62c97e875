package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.data.internal.SpotifyCsvSource;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins everything the TidyTuesday reader produces from the real file (every track, playlist and the report) and
 * from a seeded field-level mutation of it (bad numbers, out-of-range values, blank ids, bad dates, missing and
 * extra fields, duplicated rows with and without errors): the SHA-256 of the output as the reader computed it
 * before its allocation-free rewrite. Skipped when {@code ../shared/data} is absent.
 */
class SpotifyCsvGoldenTest {
  private static final String REAL = "74aa05ecf3eae3bcfe0f571008b0f5ccb32a9dd96632d245ba63e94a770dd87b";
  private static final String MUTATED = "424aab9360dbe4d73d49596f3b8afeb174af3d03fb7fd540c39579148487d1fa";

  @TempDir
  Path dir;

  @Test
  void realFileReadsAsBefore() throws IOException {
    Path f = RealDataTest.shared("spotify-songs-tidytuesday/spotify_songs.csv");
    assertEquals(REAL, digest(f, ReadOptions.STRICT));
  }

  @Test
  void mutatedFileReadsAndRejectsAsBefore() throws IOException {
    Path real = RealDataTest.shared("spotify-songs-tidytuesday/spotify_songs.csv");
    Path f = dir.resolve("spotify_songs.csv");
    Files.writeString(f, mutate(Files.readAllLines(real, StandardCharsets.UTF_8), new SplittableRandom(25)),
        StandardCharsets.UTF_8);
    assertEquals(MUTATED, digest(f, ReadOptions.LENIENT.withMaxProblems(1_000)));
  }

  /** Rewrites about one row in eight of the unquoted rows with one field-level fault, or duplicates it. */
  static String mutate(List<String> lines, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.indexOf('"') >= 0 || rnd.nextInt(8) != 0) {
        sb.append(line).append('\n');
        continue;
      }
      String[] f = line.split(",", -1);
      switch (rnd.nextInt(14)) {
        case 0 -> f[11 + rnd.nextInt(12)] = "x1";
        case 1 -> f[11 + rnd.nextInt(11)] = "2";
        case 2 -> f[0] = rnd.nextBoolean() ? "" : "  ";
        case 3 -> f[6] = rnd.nextBoolean() ? "2019-13-01" : "19";
        case 4 -> f[3] = "101";
        case 5 -> f[13] = "-1";
        case 6 -> f[22] = "-5";
        case 7 -> f[8] = " ";
        case 8 -> f[1 + rnd.nextInt(10)] = rnd.nextBoolean() ? "NA" : "";
        case 9 -> f[13] = "3.5";
        case 10 -> f[2] = "  padded artist  ";
        default -> { }
      }
      String row = String.join(",", f);
      int kind = rnd.nextInt(14);
      if (kind == 11) {
        row += ",";
      } else if (kind == 12) {
        row = row.substring(0, row.lastIndexOf(','));
      } else if (kind == 13) {
        sb.append(line).append('\n'); // the same track again, once intact
      }
      sb.append(row).append('\n');
    }
    return sb.toString();
  }

  static String digest(Path f, ReadOptions options) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    ReadReport report = new SpotifyCsvSource(f, options).read(new MusicDataHandler() {
      @Override
      public void track(Track track) {
        md.update(track.toString().getBytes(StandardCharsets.UTF_8));
      }

      @Override
      public void playlist(Playlist playlist) {
        md.update(playlist.toString().getBytes(StandardCharsets.UTF_8));
      }
    });
    // the report's maps iterate in an order that changes from JVM to JVM: sorted here
    String r = report.rowsRead() + " " + report.rowsSkipped() + " " + new TreeMap<>(report.records()) + " "
        + new TreeMap<>(report.skipReasons()) + " " + report.firstProblems() + " " + report.lines();
    md.update(r.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }
}

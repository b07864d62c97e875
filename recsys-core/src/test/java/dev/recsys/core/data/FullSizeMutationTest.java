package dev.recsys.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recsys.core.reliability.Stress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of the full-size public files (TidyTuesday Spotify songs, MovieLens {@code movies.csv} and
 * {@code ratings.csv}): stray quotes, delimiters, line breaks, invalid bytes, junk numbers at random places of the
 * data rows. A lenient read never fails and accounts for every physical line; a strict read succeeds or throws a
 * {@link DataFormatException} naming a line. Two cases per file in an ordinary build, 100 under {@code -Dstress};
 * each case prints nothing and names its seed on failure. Skipped when {@code ../shared/data} is absent.
 */
class FullSizeMutationTest {
  private static final byte[][] JUNK = {
      {'"'}, {'"'}, {','}, {'\n'}, {'\r'}, {'\t'}, {'"', '\n'}, {'\n', '"'}, {(byte) 0xFF}, {(byte) 0xC3}, {'N', 'A'},
      {'1', 'e', '-', '4', '0', '0'}, {(byte) 0xD9, (byte) 0xA9}, {}, {'"', '"'}, {'|'}};

  @TempDir
  Path dir;

  static byte[] mutate(byte[] valid, SplittableRandom rnd) {
    int header = 0;
    while (valid[header] != '\n') {
      header++;
    }
    header++;
    byte[] cur = valid;
    int k = 1 + rnd.nextInt(6);
    for (int m = 0; m < k; m++) {
      int pos = header + rnd.nextInt(cur.length - header);
      byte[] junk = JUNK[rnd.nextInt(JUNK.length)];
      ByteArrayOutputStream out = new ByteArrayOutputStream(cur.length + 8);
      out.write(cur, 0, pos);
      out.writeBytes(junk);
      out.write(cur, pos + 1, cur.length - pos - 1);
      cur = out.toByteArray();
    }
    return cur;
  }

  @Test
  void mutatedTidyTuesdayFileLosesNoLineSilently() throws IOException {
    byte[] valid = Files.readAllBytes(RealDataTest.shared("spotify-songs-tidytuesday/spotify_songs.csv"));
    Path f = dir.resolve("spotify_songs.csv");
    int cases = Stress.cases(2, 100);
    for (int c = 0; c < cases; c++) {
      long seed = 0x5EED_0000L + c;
      byte[] bytes = mutate(valid, new SplittableRandom(seed));
      Files.write(f, bytes);
      check("spotify-songs:" + f, ReaderReliabilityTest.physicalLines(bytes), seed);
    }
  }

  @Test
  void mutatedMovieLensFilesLoseNoLineSilently() throws IOException {
    Path real = RealDataTest.shared("movielens-latest-small");
    byte[] movies = Files.readAllBytes(real.resolve("movies.csv"));
    byte[] ratings = Files.readAllBytes(real.resolve("ratings.csv"));
    int cases = Stress.cases(4, 200);
    for (int c = 0; c < cases; c++) {
      long seed = 0x30E5_0000L + c;
      SplittableRandom rnd = new SplittableRandom(seed);
      boolean mutateMovies = c % 2 == 0;
      byte[] m = mutateMovies ? mutate(movies, rnd) : movies;
      byte[] r = mutateMovies ? ratings : mutate(ratings, rnd);
      Files.write(dir.resolve("movies.csv"), m);
      Files.write(dir.resolve("ratings.csv"), r);
      check("movielens:" + dir, ReaderReliabilityTest.physicalLines(m) + ReaderReliabilityTest.physicalLines(r), seed);
    }
  }

  private static void check(String spec, long physicalLines, long seed) throws IOException {
    try {
      Datasets.load(spec, ReadOptions.STRICT);
    } catch (DataFormatException expected) {
      assertTrue(expected.line() >= 1, () -> "seed " + seed + ": " + expected.getMessage());
    } catch (RuntimeException e) {
      fail("seed " + seed + ": strict read threw " + e, e);
    }
    MusicDataset ds;
    try {
      ds = Datasets.load(spec, ReadOptions.LENIENT);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("seed " + seed + ": a lenient read of mutated data rows failed: " + e, e);
    }
    long byRule = ds.report().skipReasons().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(ds.report().rowsSkipped(), byRule, () -> "seed " + seed + ": every skipped row is counted by rule");
    ReaderReliabilityTest.assertEveryLineAccounted(ds.report(), physicalLines);
  }
}

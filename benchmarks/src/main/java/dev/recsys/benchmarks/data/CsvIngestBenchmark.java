package dev.recsys.benchmarks.data;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.data.internal.SpotifyCsvSource;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * CSV ingest speed on the TidyTuesday {@code spotify_songs.csv} schema, in rows per second. Reads the real file
 * from {@code ../shared/data} (or {@code -Drecsys.shared.data=DIR}) when present, else a generated file of the same
 * schema and row count (32,833 rows, seeded).
 *
 * <ul>
 *   <li>{@code BASELINE_SPLIT}: {@code BufferedReader.readLine} + {@code String.split(",")} (wrong on quoted
 *       fields; the lower bound of any line-based reader);</li>
 *   <li>{@code BASELINE_SPLIT_PARSE}: the same plus {@code Double.parseDouble} of the 12 numeric feature columns;</li>
 *   <li>{@code TOKENIZER_PARSE}: the RFC 4180 tokenizer with UTF-8 validation, parsing the same 12 columns;</li>
 *   <li>{@code SPOTIFY_READER}: the full {@code spotify-csv} reader: tokenizing, validation of every field, track
 *       de-duplication, genre merging and playlists;</li>
 *   <li>{@code JACKSON_CSV_PARSE}: jackson-dataformat-csv's streaming {@code CsvParser} (rows as arrays), parsing the
 *       same 12 columns with {@code getValueAsDouble};</li>
 *   <li>{@code COMMONS_CSV_PARSE}: Apache Commons CSV ({@code CSVFormat.RFC4180}, header skipped), parsing the same 12
 *       columns with {@code Double.parseDouble}.</li>
 * </ul>
 *
 * <p>The two peers do what {@code TOKENIZER_PARSE} does (every field tokenized, the 12 numbers parsed, the first
 * field as a string), so the three compare as tokenizers; none of them validates or builds records.
 *
 * <p>Every implementation runs in a fixed, pre-touched 2 GB heap ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}), so no
 * row pays for the page faults of a heap that grows while it is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsvIngestBenchmark {
  /** Rows of the TidyTuesday file (and of the generated stand-in). */
  static final int ROWS = 32_833;

  /** The implementations compared. */
  public enum Impl { BASELINE_SPLIT, BASELINE_SPLIT_PARSE, TOKENIZER_PARSE, SPOTIFY_READER, JACKSON_CSV_PARSE, COMMONS_CSV_PARSE }

  private static final CsvFactory JACKSON = new CsvFactory();
  private static final CSVFormat COMMONS = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

  @Param
  Impl impl;

  Path file;
  Path generated;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path real = Path.of(System.getProperty("recsys.shared.data", "../shared/data"), "spotify-songs-tidytuesday", "spotify_songs.csv");
    if (Files.isRegularFile(real)) {
      file = real;
    } else {
      generated = Files.createTempFile("spotify_songs", ".csv");
      generate(generated, ROWS, 42);
      file = generated;
    }
    System.out.println("# data: " + file);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (generated != null) {
      Files.deleteIfExists(generated);
    }
  }

  /** Writes {@code rows} rows of the TidyTuesday schema: ~28k tracks in ~470 playlists, some quoted titles. */
  static void generate(Path out, int rows, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] genres = {"pop", "rap", "rock", "latin", "r&b", "edm"};
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("track_id,track_name,track_artist,track_popularity,track_album_id,track_album_name,track_album_release_date,"
          + "playlist_name,playlist_id,playlist_genre,playlist_subgenre,danceability,energy,key,loudness,mode,speechiness,"
          + "acousticness,instrumentalness,liveness,valence,tempo,duration_ms\n");
      for (int i = 0; i < rows; i++) {
        int track = rnd.nextInt(rows * 86 / 100);
        int playlist = rnd.nextInt(471);
        String g = genres[playlist % genres.length];
        String title = rnd.nextInt(10) == 0 ? "\"Song " + track + ", Remix\"" : "Song " + track + " - Radio Edit";
        w.write(String.format(Locale.ROOT, "%022d,%s,Artist %d,%d,%022d,Album %d,%d-%02d-%02d,Playlist %d,pl%020d,%s,%s sub%d,"
                + "%.3f,%.3f,%d,%.3f,%d,%.4f,%.4f,%.3g,%.4f,%.3f,%.3f,%d%n",
            track, title, track % 10_000, rnd.nextInt(101), track / 10, track / 10, 1960 + rnd.nextInt(60), 1 + rnd.nextInt(12),
            1 + rnd.nextInt(28), playlist, playlist, g, g, playlist % 4, rnd.nextDouble(), rnd.nextDouble(), rnd.nextInt(12),
            -20 * rnd.nextDouble(), rnd.nextInt(2), rnd.nextDouble() * 0.5, rnd.nextDouble(), rnd.nextDouble() * 1e-3,
            rnd.nextDouble(), rnd.nextDouble(), 60 + 140 * rnd.nextDouble(), 120_000 + rnd.nextInt(200_000)));
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long ingest(Blackhole bh) throws IOException {
    return switch (impl) {
      case BASELINE_SPLIT -> baselineSplit(bh, false);
      case BASELINE_SPLIT_PARSE -> baselineSplit(bh, true);
      case TOKENIZER_PARSE -> tokenizer(bh);
      case SPOTIFY_READER -> reader(bh);
      case JACKSON_CSV_PARSE -> jackson(bh);
      case COMMONS_CSV_PARSE -> commons(bh);
    };
  }

  private long baselineSplit(Blackhole bh, boolean parse) throws IOException {
    long n = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        if (parse && f.length >= 23) {
          double s = 0;
          // the 12 numeric columns are the last ones (counting from the end survives commas in quoted titles)
          for (int i = f.length - 12; i < f.length; i++) {
            s += Double.parseDouble(f[i]);
          }
          bh.consume(s);
        }
        bh.consume(f);
        n++;
      }
    }
    return n;
  }

  private long tokenizer(Blackhole bh) throws IOException {
    long n = 0;
    try (DelimitedReader r = DelimitedReader.open(file)) {
      r.next();
      while (r.next()) {
        double s = 0;
        for (int i = 11; i < 23; i++) {
          s += r.getDouble(i);
        }
        bh.consume(s);
        bh.consume(r.get(0));
        n++;
      }
    }
    return n;
  }

  private long jackson(Blackhole bh) throws IOException {
    long n = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CsvParser p = JACKSON.createParser(in)) {
      p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
      boolean header = true;
      while (p.nextToken() == JsonToken.START_ARRAY) {
        double s = 0;
        String first = null;
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), i++) {
          if (header) {
            continue;
          }
          if (i == 0) {
            first = p.getText();
          } else if (i >= 11 && i < 23) {
            s += p.getValueAsDouble();
          }
        }
        if (header) {
          header = false;
          continue;
        }
        bh.consume(s);
        bh.consume(first);
        n++;
      }
    }
    return n;
  }

  private long commons(Blackhole bh) throws IOException {
    long n = 0;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser p = COMMONS.parse(in)) {
      for (CSVRecord rec : p) {
        double s = 0;
        for (int i = 11; i < 23; i++) {
          s += Double.parseDouble(rec.get(i));
        }
        bh.consume(s);
        bh.consume(rec.get(0));
        n++;
      }
    }
    return n;
  }

  private long reader(Blackhole bh) throws IOException {
    return new SpotifyCsvSource(file, ReadOptions.STRICT).read(new MusicDataHandler() {
      @Override
      public void track(Track track) {
        bh.consume(track);
      }

      @Override
      public void playlist(Playlist playlist) {
        bh.consume(playlist);
      }
    }).rowsRead();
  }
}

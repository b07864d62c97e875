package dev.recsys.benchmarks.data;

import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.data.internal.DelimitedReader;
import dev.recsys.core.data.internal.SpotifyCsvSource;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.spi.MusicDataHandler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One pass of {@link CsvIngestBenchmark}'s {@code SPOTIFY_READER} or {@code TOKENIZER_PARSE} over a file, written
 * against the reader API that every revision of the benchmark jar has, so that {@link CsvReaderInterleaved} can define
 * it next to an older jar's classes.
 */
public final class CsvIngestPass {
  /** Keeps the results alive. */
  public static long sink;

  private CsvIngestPass() {}

  /** The full reader; returns the rows read. */
  public static long reader(String file) throws IOException {
    return new SpotifyCsvSource(Path.of(file), ReadOptions.STRICT).read(new Sink()).rowsRead();
  }

  /** The tokenizer with the 12 numeric columns parsed and the first field as a string; returns the rows read. */
  public static long tokenizer(String file) throws IOException {
    long n = 0;
    try (DelimitedReader r = DelimitedReader.open(Path.of(file))) {
      r.next();
      while (r.next()) {
        double s = 0;
        for (int i = 11; i < 23; i++) {
          s += r.getDouble(i);
        }
        sink += (long) s + r.get(0).length();
        n++;
      }
    }
    return n;
  }

  private static final class Sink implements MusicDataHandler {
    @Override
    public void track(Track track) {
      sink += track.id().length();
    }

    @Override
    public void playlist(Playlist playlist) {
      sink += playlist.trackIds().size();
    }
  }
}

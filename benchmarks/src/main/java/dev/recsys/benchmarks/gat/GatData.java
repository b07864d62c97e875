package dev.recsys.benchmarks.gat;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmark datasets: the TidyTuesday playlists and a seeded synthetic world. */
public final class GatData {
  /** Which data. */
  public enum Source {
    /** TidyTuesday spotify_songs.csv (471 playlists, 28,356 tracks), from {@code -Drecsys.shared.data} or ../shared/data. */
    TIDYTUESDAY,
    /** A synthetic world of 100,000 tracks and 2,000 listeners (seed 42). */
    SYNTHETIC_100K
  }

  final Catalog catalog;
  final Interactions interactions;

  private GatData(Catalog catalog, Interactions interactions) {
    this.catalog = catalog;
    this.interactions = interactions;
  }

  static GatData load(Source source) {
    if (source == Source.SYNTHETIC_100K) {
      SyntheticWorld w = SyntheticWorld.generate(SynthConfig.builder().tracks(100_000).listeners(2_000).seed(42).build());
      return new GatData(w.catalog(), w.interactions());
    }
    Path file = Path.of(System.getProperty("recsys.shared.data", "../shared/data"),
        "spotify-songs-tidytuesday", "spotify_songs.csv");
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " not found; set -Drecsys.shared.data to the shared data folder");
    }
    try {
      MusicDataset d = Datasets.load("spotify-songs:" + file, ReadOptions.LENIENT);
      return new GatData(d.catalog(), d.interactions());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.recsys.cli;

import dev.recsys.core.data.Datasets;
import dev.recsys.core.data.MusicDataset;
import dev.recsys.core.data.ReadOptions;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import java.io.IOException;

/**
 * Data for the graph attention commands: a dataset specification ({@link Datasets}) or {@code
 * synthetic[:tracks=N,listeners=M,seed=S]} for a generated world.
 */
record GatData(String spec, Catalog catalog, Interactions interactions) {
  static GatData load(String spec) throws IOException {
    if (spec.equals("synthetic") || spec.startsWith("synthetic:")) {
      SynthConfig.Builder b = SynthConfig.builder().tracks(5000).listeners(1000).seed(42);
      String args = spec.equals("synthetic") ? "" : spec.substring("synthetic:".length());
      for (String kv : args.split(",")) {
        if (kv.isBlank()) {
          continue;
        }
        String[] p = kv.split("=", 2);
        if (p.length != 2) {
          throw new IllegalArgumentException("synthetic option must be key=value; got '" + kv + "' in '" + spec + "'");
        }
        switch (p[0].trim()) {
          case "tracks" -> b.tracks(Integer.parseInt(p[1].trim()));
          case "listeners" -> b.listeners(Integer.parseInt(p[1].trim()));
          case "seed" -> b.seed(Long.parseLong(p[1].trim()));
          case "genres" -> b.genres(Integer.parseInt(p[1].trim()));
          default -> throw new IllegalArgumentException("unknown synthetic option '" + p[0]
              + "'; known: tracks, listeners, seed, genres");
        }
      }
      SyntheticWorld w = SyntheticWorld.generate(b.build());
      return new GatData(spec, w.catalog(), w.interactions());
    }
    MusicDataset d = Datasets.load(spec, ReadOptions.LENIENT);
    return new GatData(spec, d.catalog(), d.interactions());
  }

  /** True when every interaction has a timestamp (listening events rather than playlist entries). */
  boolean timed() {
    for (int r = 0; r < interactions.size(); r++) {
      if (interactions.timestamp(r) == Interaction.NO_TIME) {
        return false;
      }
    }
    return interactions.size() > 0;
  }

  /**
   * The interactions re-keyed by session: a user's time-ordered rows split at gaps over {@code gapSeconds}, each
   * session becoming a user {@code listener#n}. Skipped plays are kept (with their flag).
   */
  Interactions sessions(long gapSeconds) {
    return dev.recsys.quality.Sessions.split(interactions, gapSeconds);
  }
}

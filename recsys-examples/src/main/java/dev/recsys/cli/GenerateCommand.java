package dev.recsys.cli;

import dev.recsys.core.synth.SocialPlays;
import dev.recsys.core.synth.SynthConfig;
import dev.recsys.core.synth.SyntheticWorld;
import dev.recsys.core.synth.WorldExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recsys generate}: generates a synthetic music world and writes it in the formats the readers read. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a synthetic music world (seeded) and write it to a directory:",
        "tracks.csv (Kaggle Spotify Tracks schema), events.csv (user_id,track_id,timestamp,ms_played,skipped),",
        "mpd.slice.0-N.json (Million Playlist Dataset slice), listeners.csv (hidden truth), manifest.json.",
        "With --social: a social listening world instead, id-only listener-artist plays.csv (user,item,plays) and",
        "its friendship graph friends.csv (user,friend), in which friends share artists (see SocialPlays)."})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tracks", paramLabel = "N", description = "Number of tracks (default ${DEFAULT-VALUE}).")
  int tracks = 10_000;

  @Option(names = "--listeners", paramLabel = "M", description = "Number of listeners (default ${DEFAULT-VALUE}).")
  int listeners = 500;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--threads", paramLabel = "T",
      description = "Worker threads, 0 = all processors (default ${DEFAULT-VALUE}); the world does not depend on it.")
  int threads = 0;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if absent).")
  Path out;

  @Option(names = "--social", description = "Write the social listening world (plays.csv, friends.csv) instead.")
  boolean social;

  @Option(names = "--artists", paramLabel = "A", description = "Artists of the social world (default ${DEFAULT-VALUE}).")
  int artists = 3_000;

  @Option(names = "--scenes", paramLabel = "C", description = "Scenes (taste communities) of the social world (default ${DEFAULT-VALUE}).")
  int scenes = 20;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (social) {
      return social();
    }
    SynthConfig config = SynthConfig.builder().tracks(tracks).listeners(listeners).seed(seed).threads(threads).build();
    long t0 = System.nanoTime();
    SyntheticWorld world = ProgressBar.step("synthetic world", () -> SyntheticWorld.generate(config));
    long t1 = System.nanoTime();
    WorldExporter.ExportReport report = ProgressBar.step("write files", () -> WorldExporter.export(world, out));
    long t2 = System.nanoTime();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", out.toAbsolutePath().toString());
    m.put("seed", seed);
    m.put("tracks", world.catalog().size());
    m.put("artists", world.artists().size());
    m.put("genres", world.genres().size());
    m.put("listeners", world.listeners().size());
    m.put("playlists", world.playlists().size());
    m.put("events", world.eventCount());
    m.put("files", report.rows());
    m.put("generateMillis", (t1 - t0) / 1_000_000);
    m.put("writeMillis", (t2 - t1) / 1_000_000);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, m);
    } else {
      pw.printf("generated %,d tracks (%,d artists, %d genres), %,d listeners, %,d playlists, %,d events in %,d ms%n",
          world.catalog().size(), world.artists().size(), world.genres().size(), world.listeners().size(),
          world.playlists().size(), world.eventCount(), (t1 - t0) / 1_000_000);
      pw.printf("wrote %s in %,d ms:%n", out.toAbsolutePath(), (t2 - t1) / 1_000_000);
      report.rows().forEach((file, rows) -> pw.printf("  %-24s %,d rows%n", file, rows));
      pw.flush();
    }
    return 0;
  }

  private int social() {
    long t0 = System.nanoTime();
    SocialPlays.World w = new SocialPlays(listeners, artists, scenes, seed).write(out);
    long rows = w.plays().stream().mapToLong(java.util.Map::size).sum();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("directory", out.toAbsolutePath().toString());
    m.put("seed", seed);
    m.put("listeners", listeners);
    m.put("artists", artists);
    m.put("scenes", scenes);
    m.put("plays", rows);
    m.put("friendships", w.friends().size());
    m.put("millis", (System.nanoTime() - t0) / 1_000_000);
    PrintWriter pw = spec.commandLine().getOut();
    if (json) {
      Json.print(pw, m);
    } else {
      pw.printf("wrote %s: plays.csv (%,d listener-artist rows of %,d listeners), friends.csv (%,d friendships)%n",
          out.toAbsolutePath(), rows, listeners, w.friends().size());
      pw.flush();
    }
    return 0;
  }
}

package dev.recsys.core.synth;

import dev.recsys.core.model.Artist;
import dev.recsys.core.model.Listener;
import dev.recsys.core.model.Playlist;
import dev.recsys.core.model.Track;
import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code "synthetic"} data source: a generated {@link SyntheticWorld} streamed as tracks, artists,
 * listeners (with the behaviour truth as attributes), playlists and listening events. The world is generated on
 * the first read and kept, so every read yields the same records.
 */
public final class SyntheticDataSourcePlugin implements DataSourcePlugin<SynthConfig> {
  /** The plugin name. */
  public static final String NAME = "synthetic";

  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public SyntheticDataSourcePlugin() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "seeded synthetic music world: genres, artists, tracks, listeners, sessions, playlists";
  }

  @Override
  public Class<SynthConfig> configType() {
    return SynthConfig.class;
  }

  @Override
  public SynthConfig defaultConfig() {
    return SynthConfig.defaults();
  }

  @Override
  public DataSource open(SynthConfig config) {
    return new Source(Objects.requireNonNull(config, "config"));
  }

  /**
   * Streams a world to a handler, in the order tracks, artists, listeners, playlists, events.
   *
   * @param world the synthetic world
   * @return the {@code DataSource}
   */
  public static DataSource of(SyntheticWorld world) {
    return new Source(world);
  }

  private static final class Source implements DataSource {
    private final SynthConfig config;
    private SyntheticWorld world;

    Source(SynthConfig config) {
      this.config = config;
    }

    Source(SyntheticWorld world) {
      this.config = world.config();
      this.world = world;
    }

    @Override
    public String description() {
      return "synthetic world (seed " + config.seed() + ", " + config.tracks() + " tracks, " + config.listeners()
          + " listeners)";
    }

    @Override
    public ReadReport read(MusicDataHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (world == null) {
        world = SyntheticWorld.generate(config);
      }
      List<Track> tracks = world.catalog().tracks();
      for (Track t : tracks) {
        handler.track(t);
      }
      for (Artist a : world.artists()) {
        handler.artist(a);
      }
      for (Listener l : world.listeners()) {
        handler.listener(l);
      }
      for (Playlist p : world.playlists()) {
        handler.playlist(p);
      }
      int events = world.eventCount();
      for (int r = 0; r < events; r++) {
        handler.event(world.event(r));
      }
      Map<String, Long> records = new LinkedHashMap<>();
      records.put("tracks", (long) tracks.size());
      records.put("artists", (long) world.artists().size());
      records.put("listeners", (long) world.listeners().size());
      records.put("playlists", (long) world.playlists().size());
      records.put("events", (long) events);
      long rows = records.values().stream().mapToLong(Long::longValue).sum();
      return new ReadReport(description(), rows, 0, records, Map.of(), List.of());
    }
  }
}

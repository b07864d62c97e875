package dev.recsys.spotify;

import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code "spotify"} data-source plugin: a listener's Spotify playlists, tracks and genres for pipeline files
 * ({@code data: {type: spotify, params: {ref: "https://open.spotify.com/playlist/..."}}}). Connector settings and
 * credentials come from the environment ({@link SpotifyConfig#ENVIRONMENT}), never from the pipeline file.
 *
 * <p>The data is fetched on the first {@link DataSource#read} and kept, so later reads yield the same records
 * without calling Spotify again. Stateless and thread-safe.
 */
public final class SpotifyDataSourcePlugin implements DataSourcePlugin<SpotifyDataSourcePlugin.Config> {
  private final Supplier<Map<String, String>> environment;

  /** The plugin reading settings from the process environment. */
  public SpotifyDataSourcePlugin() {
    this(System::getenv);
  }

  /**
   * The plugin reading settings from {@code environment} (for embedding and tests).
   *
   * @param environment the environment
   */
  public SpotifyDataSourcePlugin(Supplier<Map<String, String>> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Configuration of the plugin.
   *
   * @param ref the profile or playlist to read: link or {@code spotify:} URI
   * @param useCache whether to use the response cache ({@code RECSYS_SPOTIFY_CACHE_DIR}, else
   *     {@code ~/.cache/recsys/spotify})
   */
  public record Config(String ref, boolean useCache) {
    /** Validates the fields; an empty ref is allowed here (the default) and refused by {@link #open}. */
    public Config {
      Objects.requireNonNull(ref, "ref");
      if (!ref.isBlank()) {
        SpotifyRef.parse(ref);
      }
    }
  }

  @Override
  public String name() {
    return "spotify";
  }

  @Override
  public String description() {
    return "A listener's Spotify playlists, tracks, artists and genres (Web API; credentials from the environment)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("", true);
  }

  @Override
  public DataSource open(Config config) {
    if (config.ref().isBlank()) {
      throw new IllegalArgumentException("the spotify data source needs params.ref: a profile or playlist link or URI");
    }
    SpotifyRef ref = SpotifyRef.parse(config.ref());
    return new DataSource() {
      private SpotifyDataSource fetched;

      @Override
      public String description() {
        return "spotify " + ref.uri();
      }

      @Override
      public synchronized ReadReport read(MusicDataHandler handler) throws IOException {
        if (fetched == null) {
          SpotifyConfig.Builder b = SpotifyConfig.builder();
          if (config.useCache()) {
            b.cacheDir(java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "recsys", "spotify"));
          }
          b.applyEnvironment(environment.get());
          try (SpotifyClient client = SpotifyClient.create(b.build())) {
            fetched = SpotifyDataSource.of(SpotifyLibrary.fetch(client, ref, AudioFeatureSource.none()));
          }
        }
        return fetched.read(handler);
      }
    };
  }
}

package dev.recsys.core.data.internal;

import dev.recsys.core.data.EdgeListConfig;
import dev.recsys.core.data.InteractionsConfig;
import dev.recsys.core.data.MovieLensConfig;
import dev.recsys.core.data.MpdConfig;
import dev.recsys.core.data.SpotifyCsvConfig;
import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.spi.DataSource;
import java.nio.file.Path;

/** The data source plugins of the readers, registered with {@link java.util.ServiceLoader}. */
public final class DataPlugins {
  private DataPlugins() {}

  /** {@code spotify-csv}: Spotify track catalogue CSV files. */
  public static final class SpotifyCsv implements DataSourcePlugin<SpotifyCsvConfig> {
    @Override
    public String name() {
      return "spotify-csv";
    }

    @Override
    public String description() {
      return "Spotify track CSV (TidyTuesday spotify_songs, Kaggle tracks, tracks_features), layout detected";
    }

    @Override
    public Class<SpotifyCsvConfig> configType() {
      return SpotifyCsvConfig.class;
    }

    @Override
    public SpotifyCsvConfig defaultConfig() {
      return SpotifyCsvConfig.of("spotify_songs.csv");
    }

    @Override
    public DataSource open(SpotifyCsvConfig c) {
      return new SpotifyCsvSource(Path.of(c.path()), c.readOptions());
    }
  }

  /** {@code mpd}: Million Playlist Dataset slices. */
  public static final class Mpd implements DataSourcePlugin<MpdConfig> {
    @Override
    public String name() {
      return "mpd";
    }

    @Override
    public String description() {
      return "Spotify Million Playlist Dataset JSON slices, streamed";
    }

    @Override
    public Class<MpdConfig> configType() {
      return MpdConfig.class;
    }

    @Override
    public MpdConfig defaultConfig() {
      return MpdConfig.of("mpd");
    }

    @Override
    public DataSource open(MpdConfig c) {
      return new MpdSource(Path.of(c.path()), c.readOptions());
    }
  }

  /** {@code movielens}: MovieLens ratings and movies. */
  public static final class MovieLens implements DataSourcePlugin<MovieLensConfig> {
    @Override
    public String name() {
      return "movielens";
    }

    @Override
    public String description() {
      return "MovieLens ml-latest(-small) or ml-100k ratings as interactions, movies as catalogue";
    }

    @Override
    public Class<MovieLensConfig> configType() {
      return MovieLensConfig.class;
    }

    @Override
    public MovieLensConfig defaultConfig() {
      return MovieLensConfig.of("ml-latest-small");
    }

    @Override
    public DataSource open(MovieLensConfig c) {
      return new MovieLensSource(Path.of(c.path()), c.readOptions());
    }
  }

  /** {@code interactions}: generic user-item rows. */
  public static final class Interactions implements DataSourcePlugin<InteractionsConfig> {
    @Override
    public String name() {
      return "interactions";
    }

    @Override
    public String description() {
      return "generic user-item CSV/TSV, column roles detected from the header or given";
    }

    @Override
    public Class<InteractionsConfig> configType() {
      return InteractionsConfig.class;
    }

    @Override
    public InteractionsConfig defaultConfig() {
      return InteractionsConfig.of("interactions.csv");
    }

    @Override
    public DataSource open(InteractionsConfig c) {
      return new InteractionsSource(Path.of(c.path()), c.roles(), c.readOptions());
    }
  }

  /** {@code edge-list}: user-user social ties. */
  public static final class EdgeList implements DataSourcePlugin<EdgeListConfig> {
    @Override
    public String name() {
      return "edge-list";
    }

    @Override
    public String description() {
      return "user-user edge list (social ties) as interactions between listeners";
    }

    @Override
    public Class<EdgeListConfig> configType() {
      return EdgeListConfig.class;
    }

    @Override
    public EdgeListConfig defaultConfig() {
      return EdgeListConfig.of("edges.csv");
    }

    @Override
    public DataSource open(EdgeListConfig c) {
      return new EdgeListSource(Path.of(c.path()), c.readOptions());
    }
  }
}

package dev.recsys.core.plugin;

import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.core.util.Checks;
import java.util.List;
import java.util.Map;

/** A test plugin with a validated config record, registered through META-INF/services. */
public class FakeDataSourcePlugin implements DataSourcePlugin<FakeDataSourcePlugin.Config> {
  /**
   * Test configuration.
   *
   * @param path a path
   * @param k a bounded number
   * @param strict a flag
   */
  public record Config(String path, int k, boolean strict) {
    /** Validates. */
    public Config {
      Checks.inRange("k", k, 1, 10_000);
    }
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String description() {
    return "test data source";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config("none", 10, true);
  }

  @Override
  public DataSource open(Config config) {
    return new DataSource() {
      @Override
      public String description() {
        return "fake " + config.path();
      }

      @Override
      public ReadReport read(dev.recsys.core.spi.MusicDataHandler handler) {
        return new ReadReport(config.path(), 0, 0, Map.of(), Map.of(), List.of());
      }
    };
  }

  /** A second provider under the same name, to test shadowing. */
  public static final class Shadowed extends FakeDataSourcePlugin {
    @Override
    public String description() {
      return "shadowed duplicate";
    }
  }
}

package dev.recsys.spotify;

import dev.recsys.core.plugin.Plugin;
import dev.recsys.testframework.PluginConformance;
import java.util.List;
import java.util.Map;

/** The plugin and configuration contract of the Spotify data source plugin. */
class SpotifyPluginConformanceTest extends PluginConformance<SpotifyDataSourcePlugin.Config> {
  @Override
  protected Plugin<SpotifyDataSourcePlugin.Config> plugin() {
    return new SpotifyDataSourcePlugin(Map::of);
  }

  @Override
  protected boolean registeredAsService() {
    return true;
  }

  @Override
  protected Map<String, List<String>> invalidConfigs() {
    return Map.of("{\"ref\":\"https://example.com/not-spotify\",\"useCache\":true}", List.of("example.com"));
  }
}

package dev.recsys.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.plugin.DataSourcePlugin;
import dev.recsys.core.plugin.PluginRegistry;
import dev.recsys.core.spi.DataSource;
import dev.recsys.core.spi.MusicDataHandler;
import dev.recsys.core.spi.ReadReport;
import dev.recsys.spotify.testing.FakeSpotifyServer;
import dev.recsys.spotify.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpotifyDataSourcePluginTest {
  @Test
  void registeredByName() {
    Object p = PluginRegistry.load(DataSourcePlugin.class).get("spotify");
    assertTrue(p instanceof SpotifyDataSourcePlugin, String.valueOf(p));
  }

  @Test
  void fetchesOnFirstReadThenRepeatsWithoutCallingSpotify() throws Exception {
    try (FakeSpotifyServer server = new FakeSpotifyServer()) {
      Fixtures.standardLibrary(server);
      Map<String, String> env = Map.of(
          "RECSYS_SPOTIFY_API_BASE", server.base().toString(),
          "RECSYS_SPOTIFY_ACCOUNTS_BASE", server.base().toString(),
          "SPOTIFY_CLIENT_ID", FakeSpotifyServer.CLIENT_ID,
          "SPOTIFY_CLIENT_SECRET", FakeSpotifyServer.CLIENT_SECRET,
          "SPOTIFY_REFRESH_TOKEN", server.issueRefreshToken("alice"));
      SpotifyDataSourcePlugin plugin = new SpotifyDataSourcePlugin(() -> env);
      DataSource ds = plugin.open(new SpotifyDataSourcePlugin.Config("spotify:playlist:" + Fixtures.MIX, false));
      ReadReport first = ds.read(new MusicDataHandler() {});
      int requests = server.requests().size();
      ReadReport second = ds.read(new MusicDataHandler() {});
      assertEquals(first, second);
      assertEquals(2, first.count("tracks"));
      assertEquals(requests, server.requests().size());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plugin.open(plugin.defaultConfig()));
      assertTrue(e.getMessage().contains("needs params.ref"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> new SpotifyDataSourcePlugin.Config("not a link", true));
    }
  }
}

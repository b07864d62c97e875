/**
 * recsys Spotify connector: reads a listener's playlists, tracks, artists and genres from the Spotify Web API
 * under its current (2026) access rules, with throttling, retries, a disk cache and a capability probe, and
 * exposes them as a {@link dev.recsys.core.spi.DataSource}.
 *
 * <p>spotify-web-api-java ships no module descriptor; it is the automatic module
 * {@code se.michaelthelin.spotify} (its {@code Automatic-Module-Name}), and its HTTP types come from the automatic
 * module {@code org.apache.httpcomponents.core5.httpcore5}.
 */
module dev.recsys.spotify {
  requires transitive dev.recsys.core;
  requires com.fasterxml.jackson.databind;
  requires se.michaelthelin.spotify;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires java.net.http;
  requires jdk.httpserver;
  requires org.slf4j;

  exports dev.recsys.spotify;
  opens dev.recsys.spotify to com.fasterxml.jackson.databind;

  provides dev.recsys.core.plugin.DataSourcePlugin with dev.recsys.spotify.SpotifyDataSourcePlugin;
}

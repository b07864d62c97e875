/**
 * The Spotify connector's API: {@link dev.recsys.spotify.SpotifyConfig} (base URLs, credentials, throttling),
 * {@link dev.recsys.spotify.SpotifyClient} (authorised, throttled, cached calls), {@link dev.recsys.spotify.SpotifyRef}
 * (parsing links, URIs and ids), {@link dev.recsys.spotify.CapabilityProbe} (what this app may call),
 * {@link dev.recsys.spotify.AudioFeatureSource} (audio features from elsewhere when Spotify refuses them),
 * {@link dev.recsys.spotify.SpotifyLibrary} / {@link dev.recsys.spotify.SpotifyDataSource} (a listener's data as a
 * recsys data source) and {@link dev.recsys.spotify.ListenerProfile}.
 *
 * <p>Credentials and tokens are held in {@link dev.recsys.spotify.Secret}, whose {@code toString} never prints the
 * value; nothing in this package logs request headers or token responses.
 */
package dev.recsys.spotify;

/**
 * Implementation of the Spotify connector: the HTTP transport behind spotify-web-api-java's
 * {@code IHttpManager} (rate limiter, retries with backoff, Retry-After, token refresh on 401, disk cache),
 * requests the library lacks, JSON mapping to recsys records and the loopback receiver of the PKCE flow.
 * Not exported.
 */
package dev.recsys.spotify.internal;

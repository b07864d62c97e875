/**
 * The music domain: immutable records of tracks, audio features, artists, playlists, listeners and
 * listening events, and the int-indexed tables ({@link dev.recsys.core.model.Catalog},
 * {@link dev.recsys.core.model.Interactions}) that hot paths work on.
 *
 * <p>Missing values are explicit ({@code Optional}, {@code NaN} with an {@code isPresent} test), never a silent 0.
 */
package dev.recsys.core.model;

package dev.recsys.core.spi;

import java.io.IOException;

/**
 * A source of music data: tracks, artists, playlists, listeners, listening events, interactions.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #read} streams records to the handler in source order without holding the whole source in
 *       memory; the caller decides what to keep.</li>
 *   <li>A source may be read more than once; each read starts from the beginning and yields the same records.</li>
 *   <li>Malformed input either fails with an exception naming the file, line, column and rule (strict mode) or is
 *       skipped and counted in the returned {@link ReadReport} (lenient mode). Nothing is dropped silently.</li>
 *   <li>Implementations need not be thread-safe; use one read at a time.</li>
 * </ul>
 */
public interface DataSource {
  /**
   * A short human description (kind and location).
   *
   * @return a short human description (kind and location)
   */
  String description();

  /**
   * Streams every record to {@code handler}.
   *
   * @return what was read and skipped
   * @throws IOException if the source cannot be read, or (strict mode) on the first malformed row, with
   *     file, line and column in the message
   * @param handler receives the records read
   */
  ReadReport read(MusicDataHandler handler) throws IOException;
}

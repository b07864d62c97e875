package dev.recsys.core.spi;

import java.io.IOException;
import java.util.List;

/**
 * Finds listeners similar to a listener, and learns new listeners as they arrive.
 *
 * <p>Contract: thread-safe; {@link #similarListeners} never returns the listener asked about; a listener
 * added with {@link #addListener} is found by later queries.
 */
public interface UserMatcher {
  /**
   * The {@code k} most similar known listeners, best first, with what they share.
   *
   * @param listenerId the listener id
   * @param k the number of results
   * @return the {@code k} most similar known listeners, best first, with what they share
   * @throws IOException if an I/O error occurs
   */
  List<ListenerMatch> similarListeners(String listenerId, int k) throws IOException;

  /**
   * Adds (or replaces) a listener described by their history of track ids, so later queries can find them.
   *
   * @param listenerId the listener id
   * @param trackIds the track ids
   * @throws IOException if an I/O error occurs
   */
  void addListener(String listenerId, List<String> trackIds) throws IOException;
}

package dev.recsys.spotify.internal;

import java.io.IOException;

/** Replaces an access token the server rejected with 401. Implementations are thread-safe. */
@FunctionalInterface
public interface TokenRefresher {
  /**
   * A fresh token to use instead of {@code rejected}.
   *
   * @throws IOException if no fresh token can be had (no refresh token, refresh refused)
   */
  String refresh(String rejected) throws IOException;
}

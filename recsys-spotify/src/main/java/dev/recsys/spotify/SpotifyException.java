package dev.recsys.spotify;

import java.io.IOException;
import java.util.Objects;

/**
 * A Spotify call that failed, with the reason, the HTTP status (or -1 when no response arrived) and the
 * endpoint ({@code GET /v1/tracks/ID}, never the query's credentials). Messages say what to do next where
 * there is something to do (sign in, wait, ask for extended quota).
 */
public final class SpotifyException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed. */
  public enum Reason {
    /** 403: the app may not call this endpoint (development-mode restriction, missing scope, not the owner). */
    RESTRICTED,
    /** 401 that a token refresh did not cure, or no usable credentials. */
    UNAUTHORIZED,
    /** 404: no such object. */
    NOT_FOUND,
    /** 400: the request was malformed. */
    BAD_REQUEST,
    /** 429 more times than allowed, or a {@code Retry-After} longer than the configured maximum wait. */
    RATE_LIMITED,
    /** 5xx on every attempt. */
    SERVER_ERROR,
    /** The response could not be parsed. */
    MALFORMED_RESPONSE,
    /** No response within the timeout on every attempt. */
    TIMEOUT,
    /** Network failure on every attempt. */
    NETWORK,
    /** Another status the connector does not expect. */
    UNEXPECTED
  }

  /** Why the call failed. */
  private final Reason reason;
  /** The HTTP status, or -1 when no response arrived. */
  private final int status;
  /** Method and path of the failed call. */
  private final String endpoint;

  /**
   * Creates an exception.
   *
   * @param reason why the call failed
   * @param status the HTTP status, or -1 when no response arrived
   * @param endpoint method and path of the call
   * @param message what happened and what to do
   * @param cause the underlying exception, or null
   */
  public SpotifyException(Reason reason, int status, String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.status = status;
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Why the call failed.
   *
   * @return why the call failed
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The HTTP status, or -1 when no response arrived.
   *
   * @return the HTTP status, or -1 when no response arrived
   */
  public int status() {
    return status;
  }

  /**
   * Method and path of the failed call, e.g. {@code GET /v1/audio-features}.
   *
   * @return the method and path of the failed call, e.g. {@code GET /v1/audio-features}
   */
  public String endpoint() {
    return endpoint;
  }
}

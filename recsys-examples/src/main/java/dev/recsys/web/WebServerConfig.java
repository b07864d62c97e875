package dev.recsys.web;

import dev.recsys.core.util.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of the {@link WebServer}. Every limit is a hard bound: a client that exceeds it gets a JSON
 * error (or, for a silent connection, is closed) and never holds a thread or more memory than the limits allow.
 *
 * @param headerTimeout time from the first byte of a request to the end of its header section; past it the client
 *     gets 408 and the connection is closed (slow or half-open clients). In [10 ms, 10 min]
 * @param bodyTimeout time to receive a declared request body (Content-Length); past it 408 and close. In
 *     [10 ms, 10 min]
 * @param idleTimeout how long a connection may wait for its first request, or between requests of a keep-alive
 *     connection, before it is closed without a response. In [10 ms, 10 min]
 * @param writeTimeout time to write one response to a client that does not read; past it the connection is closed.
 *     In [10 ms, 10 min]
 * @param maxUriLength longest request target in characters; longer gives 414. In [64, 1048576]
 * @param maxHeaderBytes largest header section (all header lines) in bytes; larger gives 431. In [256, 1048576]
 * @param maxHeaderCount most header fields; more gives 431. In [1, 1000]
 * @param maxBodyBytes largest request body that is read (and then refused, as only GET and HEAD are served);
 *     larger gives 413. In [0, 16777216]
 * @param maxConnections most open connections; a connection beyond it gets 503 and is closed. In [1, 100000]
 */
public record WebServerConfig(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, Duration writeTimeout,
    int maxUriLength, int maxHeaderBytes, int maxHeaderCount, int maxBodyBytes, int maxConnections) {
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  /** Validates the fields. */
  public WebServerConfig {
    checkTimeout("headerTimeout", headerTimeout);
    checkTimeout("bodyTimeout", bodyTimeout);
    checkTimeout("idleTimeout", idleTimeout);
    checkTimeout("writeTimeout", writeTimeout);
    Checks.inRange("maxUriLength", maxUriLength, 64, 1 << 20);
    Checks.inRange("maxHeaderBytes", maxHeaderBytes, 256, 1 << 20);
    Checks.inRange("maxHeaderCount", maxHeaderCount, 1, 1000);
    Checks.inRange("maxBodyBytes", maxBodyBytes, 0, 1 << 24);
    Checks.inRange("maxConnections", maxConnections, 1, 100_000);
  }

  private static void checkTimeout(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(name + " must be in [10 ms, 10 min]; " + name + "=" + d);
    }
  }

  /**
   * Header and body timeouts 10 s, idle 30 s, write 30 s; URIs up to 4,096 characters, headers up to 16 KiB and
   * 100 fields, bodies up to 64 KiB, 1,024 connections.
   */
  public static WebServerConfig defaults() {
    return new WebServerConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(30), 4096, 16 * 1024, 100, 64 * 1024, 1024);
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link WebServerConfig}; {@link #build()} validates. */
  public static final class Builder {
    private Duration headerTimeout;
    private Duration bodyTimeout;
    private Duration idleTimeout;
    private Duration writeTimeout;
    private int maxUriLength;
    private int maxHeaderBytes;
    private int maxHeaderCount;
    private int maxBodyBytes;
    private int maxConnections;

    private Builder(WebServerConfig c) {
      headerTimeout = c.headerTimeout;
      bodyTimeout = c.bodyTimeout;
      idleTimeout = c.idleTimeout;
      writeTimeout = c.writeTimeout;
      maxUriLength = c.maxUriLength;
      maxHeaderBytes = c.maxHeaderBytes;
      maxHeaderCount = c.maxHeaderCount;
      maxBodyBytes = c.maxBodyBytes;
      maxConnections = c.maxConnections;
    }

    /** See {@link WebServerConfig#headerTimeout()}. */
    public Builder headerTimeout(Duration d) {
      headerTimeout = d;
      return this;
    }

    /** See {@link WebServerConfig#bodyTimeout()}. */
    public Builder bodyTimeout(Duration d) {
      bodyTimeout = d;
      return this;
    }

    /** See {@link WebServerConfig#idleTimeout()}. */
    public Builder idleTimeout(Duration d) {
      idleTimeout = d;
      return this;
    }

    /** See {@link WebServerConfig#writeTimeout()}. */
    public Builder writeTimeout(Duration d) {
      writeTimeout = d;
      return this;
    }

    /** See {@link WebServerConfig#maxUriLength()}. */
    public Builder maxUriLength(int n) {
      maxUriLength = n;
      return this;
    }

    /** See {@link WebServerConfig#maxHeaderBytes()}. */
    public Builder maxHeaderBytes(int n) {
      maxHeaderBytes = n;
      return this;
    }

    /** See {@link WebServerConfig#maxHeaderCount()}. */
    public Builder maxHeaderCount(int n) {
      maxHeaderCount = n;
      return this;
    }

    /** See {@link WebServerConfig#maxBodyBytes()}. */
    public Builder maxBodyBytes(int n) {
      maxBodyBytes = n;
      return this;
    }

    /** See {@link WebServerConfig#maxConnections()}. */
    public Builder maxConnections(int n) {
      maxConnections = n;
      return this;
    }

    /** The validated configuration. */
    public WebServerConfig build() {
      return new WebServerConfig(headerTimeout, bodyTimeout, idleTimeout, writeTimeout, maxUriLength, maxHeaderBytes,
          maxHeaderCount, maxBodyBytes, maxConnections);
    }
  }
}

package dev.recsys.spotify.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the authorisation redirect of the PKCE flow on {@code http://127.0.0.1:PORT/callback} (Spotify accepts
 * loopback redirects only as IP literals, not {@code localhost}). Checks the {@code state} parameter: a missing or
 * different state aborts the sign-in. Binds to the loopback interface only. Single use.
 */
public final class LoopbackReceiver implements AutoCloseable {
  private final HttpServer server;
  private final CompletableFuture<String> code = new CompletableFuture<>();
  private final String expectedState;

  private LoopbackReceiver(HttpServer server, String expectedState) {
    this.server = server;
    this.expectedState = expectedState;
  }

  /**
   * Starts listening on 127.0.0.1:{@code port} (0 for a free port).
   *
   * @throws IOException if the port is taken, with the port in the message
   */
  public static LoopbackReceiver start(int port, String expectedState) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 0);
    } catch (IOException e) {
      throw new IOException("cannot listen for the sign-in redirect on 127.0.0.1:" + port + " (" + e.getMessage()
          + "); free the port or set redirectPort / RECSYS_SPOTIFY_REDIRECT_PORT to the port registered with the app", e);
    }
    LoopbackReceiver r = new LoopbackReceiver(server, expectedState);
    server.createContext("/callback", r::handle);
    server.start();
    return r;
  }

  /** The port listened on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> q = query(ex.getRequestURI().getRawQuery());
      String state = q.get("state");
      if (state == null || !state.equals(expectedState)) {
        respond(ex, 400, "Sign-in rejected: the state parameter does not match. You can close this window.");
        code.completeExceptionally(new IOException("sign-in aborted: the redirect's state parameter "
            + (state == null ? "is missing" : "does not match the one sent") + " (possible cross-site request forgery)"));
        return;
      }
      if (q.containsKey("error")) {
        respond(ex, 400, "Sign-in failed: " + escape(q.get("error")) + ". You can close this window.");
        code.completeExceptionally(new IOException("sign-in failed: Spotify returned error '" + q.get("error") + "'"));
        return;
      }
      String c = q.get("code");
      if (c == null || c.isBlank()) {
        respond(ex, 400, "Sign-in failed: no code in the redirect. You can close this window.");
        code.completeExceptionally(new IOException("sign-in failed: the redirect carried no authorisation code"));
        return;
      }
      respond(ex, 200, "Signed in to recsys. You can close this window.");
      code.complete(c);
    }
  }

  private static void respond(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = ("<!doctype html><title>recsys</title><p>" + text + "</p>").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.putIfAbsent(k, v);
    }
    return m;
  }

  /**
   * Waits for the redirect and returns the authorisation code.
   *
   * @throws IOException on a state mismatch, an error redirect, or no redirect within {@code timeout}
   */
  public String awaitCode(Duration timeout) throws IOException {
    try {
      return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("sign-in timed out: no redirect to 127.0.0.1:" + port() + "/callback within "
          + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the sign-in redirect");
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

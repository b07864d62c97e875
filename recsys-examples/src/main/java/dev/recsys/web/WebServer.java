package dev.recsys.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server of the web demo: static files from the class path under {@code /dev/recsys/web/static/} and
 * JSON endpoints under {@code /api/}. Only GET and HEAD are served.
 *
 * <p>Every connection is served by its own virtual thread, so slow or half-open clients cost a parked virtual
 * thread and a small buffer, never a worker that another client waits for. The limits and deadlines of
 * {@link WebServerConfig} bound each connection: the request head must arrive within the header timeout (else 408
 * and close), a declared body within the body timeout, a response must be taken within the write timeout, and an
 * idle keep-alive connection is closed after the idle timeout. Every error, including malformed requests the parser
 * refuses (bad percent-encoding, an over-long URI or header section, a bare CR, an unknown HTTP version), is a JSON
 * body {@code {"error": "..."}} with status 400, 404, 405, 408, 413, 414, 431, 500, 503 or 505.
 *
 * <p>The request parser is this package's own (rather than the JDK's built-in server, which answers malformed
 * URIs with an HTML page, waits forever for a CR in LF-only requests and resets a connection whose request line is
 * too long, all before any handler runs).
 */
public final class WebServer implements AutoCloseable {
  static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** Longest accepted request URI with the default configuration. */
  public static final int MAX_URI_LENGTH = 4096;
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");
  private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
      Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(408, "Request Timeout"), Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
      Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
      Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

  private final ServerSocket serverSocket;
  private final WebServerConfig config;
  private final Map<String, Function<QueryParams, Object>> routes;
  private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor watchdog;
  private final Thread acceptor;
  private volatile boolean closing;

  /** A response: status, content type, body and extra header fields. */
  record Response(int status, String type, byte[] body, Map<String, String> headers) {
    static Response error(int status, String message, Map<String, String> headers) {
      try {
        return new Response(status, "application/json; charset=utf-8",
            JSON.writeValueAsBytes(Map.of("error", String.valueOf(message))), headers);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private WebServer(ServerSocket serverSocket, WebServerConfig config, Map<String, Function<QueryParams, Object>> routes) {
    this.serverSocket = serverSocket;
    this.config = config;
    this.routes = routes;
    this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "recsys-web-watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.setRemoveOnCancelPolicy(true);
    this.acceptor = new Thread(this::acceptLoop, "recsys-web-accept");
    acceptor.setDaemon(true);
  }

  /** Starts serving {@code routes} with the {@linkplain WebServerConfig#defaults() default limits}. */
  public static WebServer start(InetSocketAddress address, Map<String, Function<QueryParams, Object>> routes)
      throws IOException {
    return start(address, routes, WebServerConfig.defaults());
  }

  /**
   * Starts serving {@code routes} (API path to handler) on {@code address}.
   *
   * @param address where to listen; use 127.0.0.1 unless the demo should be reachable from other machines
   * @param config limits and timeouts
   */
  public static WebServer start(InetSocketAddress address, Map<String, Function<QueryParams, Object>> routes,
      WebServerConfig config) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(address, 256);
    WebServer web = new WebServer(socket, config, new LinkedHashMap<>(routes));
    web.acceptor.start();
    return web;
  }

  /** The bound port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return "http://" + serverSocket.getInetAddress().getHostAddress() + ":" + port() + "/";
  }

  /** The limits and timeouts in force. */
  public WebServerConfig config() {
    return config;
  }

  /** Connections open now (served or waiting for a request). */
  public int openConnections() {
    return connections.size();
  }

  boolean isClosing() {
    return closing;
  }

  ScheduledExecutorService watchdog() {
    return watchdog;
  }

  void closed(HttpConnection c) {
    connections.remove(c);
  }

  private void acceptLoop() {
    while (!closing) {
      Socket s;
      try {
        s = serverSocket.accept();
      } catch (IOException e) {
        if (!closing) {
          LOG.warn("accepting a connection failed", e);
        }
        continue;
      }
      if (connections.size() >= config.maxConnections()) {
        Thread.ofVirtual().name("recsys-web-busy").start(() -> refuseBusy(s));
        continue;
      }
      HttpConnection c = new HttpConnection(this, s, config);
      connections.add(c);
      Thread.ofVirtual().name("recsys-web-conn").start(c);
    }
  }

  private void refuseBusy(Socket s) {
    try (s; OutputStream out = s.getOutputStream()) {
      Response r = Response.error(503, "server busy: " + config.maxConnections() + " connections open", Map.of());
      out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + r.type() + "\r\nContent-Length: "
          + r.body().length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(r.body());
    } catch (IOException e) {
      LOG.debug("refusing a connection failed: {}", e.toString());
    }
  }

  static String reason(int status) {
    return REASONS.getOrDefault(status, "Status " + status);
  }

  /** Answers a complete, well-formed request. Never throws: failures become JSON errors. */
  Response respond(String method, String rawPath, String rawQuery, boolean hasBody) {
    try {
      if (!method.equals("GET") && !method.equals("HEAD")) {
        return Response.error(405, "method " + method + " not allowed; only GET and HEAD are served",
            Map.of("Allow", "GET, HEAD"));
      }
      if (hasBody) {
        throw HttpError.badRequest("GET requests must not have a body");
      }
      String path;
      try {
        path = PercentDecoding.decode(rawPath, false);
      } catch (PercentDecoding.MalformedException e) {
        throw HttpError.badRequest("request path: " + e.getMessage());
      }
      if (path.startsWith("/api/")) {
        Function<QueryParams, Object> route = routes.get(path);
        if (route == null) {
          throw HttpError.notFound("no API endpoint " + path + "; endpoints: " + routes.keySet());
        }
        Object result = route.apply(QueryParams.parse(rawQuery));
        return new Response(200, "application/json; charset=utf-8", JSON.writeValueAsBytes(result), Map.of());
      }
      return serveStatic(path.equals("/") ? "/index.html" : path);
    } catch (HttpError e) {
      return Response.error(e.status(), e.getMessage(), Map.of());
    } catch (IllegalArgumentException e) {
      return Response.error(400, e.getMessage(), Map.of());
    } catch (NoSuchElementException e) {
      return Response.error(404, e.getMessage(), Map.of());
    } catch (RuntimeException | IOException e) {
      LOG.warn("request {}{} failed", rawPath, rawQuery == null ? "" : "?" + rawQuery, e);
      return Response.error(500, "internal error: " + e.getClass().getSimpleName(), Map.of());
    }
  }

  private static Response serveStatic(String path) throws IOException {
    if (path.contains("..") || !path.matches("/[A-Za-z0-9._/-]+")) {
      throw HttpError.notFound("no such file " + path);
    }
    try (InputStream in = WebServer.class.getResourceAsStream("/dev/recsys/web/static" + path)) {
      if (in == null) {
        throw HttpError.notFound("no such file " + path);
      }
      String ext = path.substring(path.lastIndexOf('.') + 1);
      return new Response(200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes(), Map.of());
    }
  }

  /** Stops accepting, lets requests in flight finish for up to a second, then closes every connection. */
  @Override
  public void close() {
    closing = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.debug("closing the server socket: {}", e.toString());
    }
    long deadline = System.nanoTime() + 1_000_000_000L;
    try {
      while (connections.stream().anyMatch(c -> c.busy) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      acceptor.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connections.forEach(HttpConnection::abort);
    watchdog.shutdownNow();
  }
}

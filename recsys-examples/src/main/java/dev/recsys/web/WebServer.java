package dev.recsys.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP server for the web demo: static files from the class path under {@code /dev/recsys/web/static/}
 * and JSON endpoints under {@code /api/}. Only GET is served; request lines longer than
 * {@value #MAX_URI_LENGTH} characters and request bodies are refused. Errors are JSON {@code {"error": "..."}}
 * with status 400 (bad input), 404 (unknown path or id), 405 (method) or 500.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  /** Longest accepted request URI. */
  public static final int MAX_URI_LENGTH = 4096;
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "png", "image/png", "svg", "image/svg+xml");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Function<QueryParams, Object>> routes;

  private WebServer(HttpServer server, ExecutorService executor, Map<String, Function<QueryParams, Object>> routes) {
    this.server = server;
    this.executor = executor;
    this.routes = routes;
  }

  /**
   * Starts serving {@code routes} (API path to handler) on {@code address}.
   *
   * @param address where to listen; use 127.0.0.1 unless the demo should be reachable from other machines
   */
  public static WebServer start(InetSocketAddress address, Map<String, Function<QueryParams, Object>> routes) throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "recsys-web");
      t.setDaemon(true);
      return t;
    });
    WebServer web = new WebServer(server, executor, new LinkedHashMap<>(routes));
    server.createContext("/", web::handle);
    server.setExecutor(executor);
    server.start();
    return web;
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try {
        String rawUri = ex.getRequestURI().toString();
        if (rawUri.length() > MAX_URI_LENGTH) {
          throw new HttpError(414, "request URI longer than " + MAX_URI_LENGTH + " characters");
        }
        if (!ex.getRequestMethod().equals("GET")) {
          ex.getResponseHeaders().add("Allow", "GET");
          throw new HttpError(405, "method " + ex.getRequestMethod() + " not allowed; only GET is served");
        }
        try (InputStream body = ex.getRequestBody()) {
          if (body.read() >= 0) {
            throw HttpError.badRequest("GET requests must not have a body");
          }
        }
        String path = ex.getRequestURI().getPath();
        if (path.startsWith("/api/")) {
          Function<QueryParams, Object> route = routes.get(path);
          if (route == null) {
            throw HttpError.notFound("no API endpoint " + path + "; endpoints: " + routes.keySet());
          }
          Object result = route.apply(QueryParams.parse(ex.getRequestURI().getRawQuery()));
          send(ex, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(result));
        } else {
          serveStatic(ex, path.equals("/") ? "/index.html" : path);
        }
      } catch (HttpError e) {
        sendError(ex, e.status(), e.getMessage());
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        sendError(ex, e instanceof java.util.NoSuchElementException ? 404 : 400, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("request {} failed", ex.getRequestURI(), e);
        sendError(ex, 500, "internal error: " + e.getClass().getSimpleName());
      }
    }
  }

  private void serveStatic(HttpExchange ex, String path) throws IOException {
    if (path.contains("..") || !path.matches("/[A-Za-z0-9._/-]+")) {
      throw HttpError.notFound("no such file " + path);
    }
    try (InputStream in = WebServer.class.getResourceAsStream("/dev/recsys/web/static" + path)) {
      if (in == null) {
        throw HttpError.notFound("no such file " + path);
      }
      String ext = path.substring(path.lastIndexOf('.') + 1);
      send(ex, 200, TYPES.getOrDefault(ext, "application/octet-stream"), in.readAllBytes());
    }
  }

  private static void sendError(HttpExchange ex, int status, String message) throws IOException {
    send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(Map.of("error", String.valueOf(message))));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops the server, waiting up to a second for requests in flight. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}

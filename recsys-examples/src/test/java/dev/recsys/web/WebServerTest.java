package dev.recsys.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP server against slow and malformed clients, on loopback with short timeouts: every refusal is JSON, a
 * slow client never stops the others, and no request hangs past its deadline.
 */
@Timeout(60)
class WebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(1500);
  private static final Duration BODY_TIMEOUT = Duration.ofMillis(1000);
  private static WebServer server;

  @BeforeAll
  static void start() throws IOException {
    Map<String, Function<QueryParams, Object>> routes = Map.of(
        "/api/echo", q -> q.all(),
        "/api/ping", q -> Map.of("pong", true));
    server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), routes, WebServerConfig.builder()
        .headerTimeout(HEADER_TIMEOUT).bodyTimeout(BODY_TIMEOUT).idleTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A raw response: status, header block and body. */
  record Raw(int status, String head, String body) {
    JsonNode json() throws IOException {
      assertTrue(head.toLowerCase().contains("content-type: application/json"), head);
      return JSON.readTree(body);
    }

    String error() throws IOException {
      JsonNode e = json().get("error");
      assertTrue(e != null && e.isTextual(), body);
      return e.asText();
    }
  }

  static Socket connect(WebServer server) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    return s;
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    return s;
  }

  /** Reads one response; the server must close the connection after it (error responses, Connection: close). */
  private static Raw readToEnd(Socket s) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] b = new byte[8192];
    try {
      for (int n; (n = in.read(b)) >= 0; ) {
        buf.write(b, 0, n);
      }
    } catch (SocketException e) {
      throw new AssertionError("connection reset after " + buf.size() + " bytes: " + buf, e);
    }
    return parse(buf.toString(StandardCharsets.UTF_8));
  }

  static Raw parse(String text) {
    int split = text.indexOf("\r\n\r\n");
    assertTrue(text.startsWith("HTTP/1.1 ") && split > 0, "not an HTTP response: '" + text + "'");
    return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(0, split), text.substring(split + 4));
  }

  private static Raw exchange(String request) throws IOException {
    return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Raw exchange(byte[] request) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readToEnd(s);
    }
  }

  @Test
  void twentySlowHalfOpenClientsDoNotStopOthers() throws Exception {
    // a server of its own with a header deadline long enough that the fast clients finish well before it even on a
    // loaded machine: the slow clients must still be waiting (unanswered) when every fast one has been served
    Duration deadline = Duration.ofSeconds(6);
    List<Socket> slow = new ArrayList<>();
    try (WebServer patient = WebServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("/api/echo", q -> q.all()),
        WebServerConfig.builder().headerTimeout(deadline).bodyTimeout(BODY_TIMEOUT).build())) {
      long opened = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        Socket s = connect(patient);
        // a request head that never ends: no blank line
        s.getOutputStream().write(("GET /api/echo HTTP/1.1\r\nHost: x\r\nX-Slow: " + i + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        slow.add(s);
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      List<CompletableFuture<HttpResponse<String>>> fast = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        fast.add(http.sendAsync(HttpRequest.newBuilder(URI.create(patient.url() + "api/echo?i=" + i))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < fast.size(); i++) {
        HttpResponse<String> r = fast.get(i).get();
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"i\":\"" + i + "\"}", r.body());
      }
      long served = System.nanoTime() - opened;
      assertTrue(served < deadline.toNanos(), "fast clients served while the slow ones wait (" + served / 1e6 + " ms)");
      for (Socket s : slow) {
        assertEquals(0, s.getInputStream().available(), "a slow client answered before its deadline");
      }
      for (Socket s : slow) {
        Raw r = readToEnd(s);
        assertEquals(408, r.status(), r.body());
        assertTrue(r.error().contains("request head not received within 6000 ms"), r.body());
      }
      long waited = System.nanoTime() - opened;
      assertTrue(waited >= deadline.toNanos() && waited < deadline.toNanos() + 3_000_000_000L, "closed at " + waited / 1e6 + " ms");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aTricklingClientIsCutAtTheHeaderDeadline() throws Exception {
    try (Socket s = connect()) {
      long start = System.nanoTime();
      OutputStream out = s.getOutputStream();
      out.write("GET /api/ping HTTP/1.1\r\nHost: x\r\nX-Trickle: ".getBytes(StandardCharsets.ISO_8859_1));
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
            out.write('a'); // one byte every 50 ms: never idle, never done
            Thread.sleep(50);
          }
        } catch (IOException | InterruptedException e) {
          // closed by the server, or stopped
        }
      });
      InputStream in = s.getInputStream();
      int first = in.read();
      long took = System.nanoTime() - start;
      writer.interrupt();
      assertEquals('H', first);
      assertTrue(took >= HEADER_TIMEOUT.toNanos() && took < HEADER_TIMEOUT.toNanos() + 1_000_000_000L,
          "answered after " + took / 1e6 + " ms");
      Raw r = parse("H" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(408, r.status(), r.body());
      writer.join();
    }
  }

  @Test
  void aSilentConnectionIsClosedWithoutAnswer() throws Exception {
    try (Socket s = connect()) {
      long start = System.nanoTime();
      assertEquals(-1, s.getInputStream().read());
      long took = System.nanoTime() - start;
      assertTrue(took >= HEADER_TIMEOUT.toNanos() - 50_000_000L && took < HEADER_TIMEOUT.toNanos() + 2_000_000_000L,
          "closed after " + took / 1e6 + " ms");
    }
  }

  @Test
  void badPercentEncodingIs400NamingTheParameter() throws Exception {
    Raw bad = exchange("GET /api/echo?limit=3&q=ab%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(400, bad.status());
    assertEquals("query parameter 'q': malformed percent-encoding '%zz' at character 2 (a % must be followed by two"
        + " hex digits)", bad.error());
    Raw truncated = exchange("GET /api/echo?q=%4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(400, truncated.status());
    assertTrue(truncated.error().startsWith("query parameter 'q': malformed percent-encoding '%4'"), truncated.body());
    Raw notUtf8 = exchange("GET /api/echo?q=%ff%fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(400, notUtf8.status());
    assertEquals("query parameter 'q': percent-encoded bytes are not valid UTF-8", notUtf8.error());
    Raw badName = exchange("GET /api/echo?%g1=2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(400, badName.status());
    assertTrue(badName.error().startsWith("query parameter name '%g1'"), badName.body());
    Raw badPath = exchange("GET /api/%zzecho HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(400, badPath.status());
    assertTrue(badPath.error().startsWith("request path: malformed percent-encoding '%zz'"), badPath.body());
    Raw good = exchange("GET /api/echo?q=caf%C3%A9+au+lait HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, good.status());
    assertEquals("caf\u00e9 au lait", good.json().get("q").asText());
  }

  @Test
  void aOneMegabyteUriIs414NotAReset() throws Exception {
    Raw r = exchange("GET /api/echo?q=" + "x".repeat(1 << 20) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertEquals(414, r.status());
    assertEquals("request URI longer than 4096 characters", r.error());
  }

  @Test
  void lfOnlyLineEndingsAreAnsweredOnAKeptAliveConnection() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("GET /api/echo?n=1 HTTP/1.1\nHost: x\n\n".getBytes(StandardCharsets.ISO_8859_1));
      out.write("GET /api/echo?n=2 HTTP/1.1\nHost: x\nConnection: close\n\n".getBytes(StandardCharsets.ISO_8859_1));
      Raw both = readToEnd(s);
      assertEquals(200, both.status());
      assertTrue(both.body().startsWith("{\"n\":\"1\"}HTTP/1.1 200 OK\r\n"), both.body());
      assertTrue(both.body().endsWith("{\"n\":\"2\"}"), both.body());
    }
    Raw bareCr = exchange("GET /api/ping HTTP/1.1\rHost: x\r\n\r\n");
    assertEquals(400, bareCr.status());
    assertEquals("bare CR in the request head (lines end in CRLF or LF)", bareCr.error());
  }

  @Test
  void malformedHeadsAreJsonErrors() throws Exception {
    assertEquals(505, exchange("GET / HTTP/2.0\r\nHost: x\r\n\r\n").status());
    Raw garbage = exchange("\u0016\u0003\u0001 hello\r\n\r\n");
    assertEquals(400, garbage.status());
    assertEquals("malformed request line (expected 'METHOD target HTTP/1.1')", garbage.error());
    assertEquals("HTTP/1.1 request without a Host header", exchange("GET / HTTP/1.1\r\n\r\n").error());
    assertEquals(400, exchange("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertEquals(400, exchange("GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n").status());
    assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n").status());
    assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n").status());
    Raw big = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");
    assertEquals(431, big.status());
    assertEquals("request header section larger than 16384 bytes", big.error());
    StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 120; i++) {
      many.append("X-H").append(i).append(": 1\r\n");
    }
    assertEquals(431, exchange(many.append("\r\n").toString()).status());
    Raw cut = exchange("GET / HTTP/1.1\r\nHost: x\r\n"); // then the client half-closes below
    assertEquals(408, cut.status()); // no EOF was sent: the header deadline ends it
  }

  @Test
  void bodiesAreBoundedAndTimed() throws Exception {
    Raw post = exchange("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    assertEquals(405, post.status());
    assertTrue(post.head().contains("Allow: GET, HEAD"), post.head());
    Raw withBody = exchange("GET /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab");
    assertEquals("GET requests must not have a body", withBody.error());
    Raw huge = exchange("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n" + "z".repeat(100_000));
    assertEquals(413, huge.status());
    Raw chunked = exchange("POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertEquals(400, chunked.status());
    assertEquals(400, exchange("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n").status());
    long start = System.nanoTime();
    Raw slowBody = exchange("POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    assertEquals(408, slowBody.status());
    assertEquals("request body not received within 1000 ms", slowBody.error());
    assertTrue(System.nanoTime() - start < BODY_TIMEOUT.toNanos() + 2_000_000_000L);
  }

  @Test
  void headAndStaticFilesAndUnknownPaths() throws Exception {
    Raw head = exchange("HEAD /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(200, head.status());
    assertTrue(head.head().contains("Content-Length: 13"), head.head());
    assertEquals("", head.body());
    Raw page = exchange("GET / HTTP/1.0\r\n\r\n");
    assertEquals(200, page.status());
    assertTrue(page.head().contains("text/html"), page.head());
    Raw missing = exchange("GET /../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals(404, missing.status());
    assertEquals("no such file /../etc/passwd", missing.error());
    Raw absolute = exchange("GET http://127.0.0.1/api/echo?a=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertEquals("{\"a\":\"1\"}", absolute.body());
  }

  @Test
  void connectionsBeyondTheLimitGet503() throws Exception {
    try (WebServer small = WebServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of(),
        WebServerConfig.builder().maxConnections(2).build())) {
      try (Socket a = new Socket("127.0.0.1", small.port()); Socket b = new Socket("127.0.0.1", small.port())) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (small.openConnections() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        try (Socket c = new Socket("127.0.0.1", small.port())) {
          c.setSoTimeout(10_000);
          Raw r = readToEnd(c);
          assertEquals(503, r.status());
          assertEquals("server busy: 2 connections open", r.error());
        }
        a.getOutputStream().write("GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        a.setSoTimeout(10_000);
        assertEquals(404, readToEnd(a).status(), "the connections within the limit are still served");
        assertTrue(b.isConnected());
      }
    }
  }
}

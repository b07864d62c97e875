package dev.recsys.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The HTTP server against arbitrary request bytes: a JSON error or no answer, never a hang. */
class WebServerFuzzProperties {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(1500);
  private static WebServer server;

  @BeforeContainer
  static void start() throws IOException {
    server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), Map.of("/api/ping", q -> Map.of("pong", true)),
        WebServerConfig.builder().headerTimeout(HEADER_TIMEOUT).build());
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  /** Whatever bytes a client sends before closing its side, the answer is a JSON error or nothing, in time. */
  @Property(tries = 150)
  void arbitraryBytesGetAJsonErrorOrNothing(@ForAll @Size(max = 300) byte[] prefix, @ForAll @Size(max = 40) List<Integer> lfAt)
      throws Exception {
    byte[] bytes = prefix.clone();
    for (int i : lfAt) {
      if (bytes.length > 0) {
        bytes[Math.floorMod(i, bytes.length)] = '\n';
      }
    }
    try (Socket s = WebServerTest.connect(server)) {
      s.getOutputStream().write(bytes);
      s.shutdownOutput();
      long start = System.nanoTime();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      s.getInputStream().transferTo(buf);
      assertTrue(System.nanoTime() - start < HEADER_TIMEOUT.toNanos() + 2_000_000_000L);
      String text = buf.toString(StandardCharsets.UTF_8);
      if (bytes.length == 0) {
        assertEquals("", text);
        return;
      }
      WebServerTest.Raw r = WebServerTest.parse(text);
      assertTrue(r.status() >= 400 && r.status() < 600, text);
      assertTrue(!r.error().isEmpty());
    }
  }
}

package dev.recsys.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the {@link WebServer}, served on its own virtual thread: reads HTTP/1.1 (or 1.0)
 * requests with the limits and deadlines of {@link WebServerConfig}, hands complete requests to the server and
 * writes the responses, keeping the connection alive between requests when the client allows it.
 *
 * <p>Protocol errors are answered with a JSON body like every other error, then the connection is closed
 * "lingering": the output is shut down first and the rest of the request is read and discarded (up to
 * {@value #LINGER_BYTES} bytes or {@value #LINGER_MILLIS} ms), so a client still sending an oversized request reads
 * the answer instead of a connection reset. Lines may end in CRLF or a bare LF (RFC 9112 section 2.2); a bare CR
 * is refused.
 */
final class HttpConnection implements Runnable {
  /** Most bytes read and discarded after an error response before the socket is closed. */
  static final int LINGER_BYTES = 8 << 20;
  /** Longest wait for the client to stop sending after an error response. */
  static final long LINGER_MILLIS = 2_000;
  private static final int MAX_EMPTY_LINES = 8;
  private static final int METHOD_AND_VERSION = 64;

  private final WebServer server;
  private final Socket socket;
  private final WebServerConfig config;
  private final long acceptedAt;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int end;
  private InputStream in;
  private OutputStream out;
  volatile boolean busy;

  HttpConnection(WebServer server, Socket socket, WebServerConfig config) {
    this.server = server;
    this.socket = socket;
    this.config = config;
    this.acceptedAt = System.nanoTime();
  }

  /** The head of a request: method, target split into path and query, version and header fields. */
  record Request(String method, String rawPath, String rawQuery, boolean http11, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name);
    }

    boolean keepAlive() {
      String c = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
      boolean close = false;
      boolean keep = false;
      for (String token : c.split(",")) {
        close |= token.strip().equals("close");
        keep |= token.strip().equals("keep-alive");
      }
      return http11 ? !close : keep && !close;
    }
  }

  /** The deadline of a read passed. */
  private static final class ReadTimeout extends IOException {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
      serve();
    } catch (IOException | RuntimeException e) {
      WebServer.LOG.debug("connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
    } finally {
      server.closed(this);
    }
  }

  void abort() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void serve() throws IOException {
    boolean first = true;
    while (!socket.isClosed()) {
      long waitNanos = (first ? config.headerTimeout() : config.idleTimeout()).toNanos();
      long waitFrom = first ? acceptedAt : System.nanoTime();
      if (!awaitByte(waitFrom + waitNanos)) {
        return; // the client closed, or sent nothing in time: close without an answer
      }
      busy = true;
      long headerDeadline = (first ? acceptedAt : System.nanoTime()) + config.headerTimeout().toNanos();
      first = false;
      Request req;
      try {
        req = readHead(headerDeadline);
      } catch (HttpError e) {
        sendAndLinger(e.status(), e.getMessage());
        return;
      } catch (ReadTimeout e) {
        sendAndLinger(408, "request head not received within " + millis(config.headerTimeout()) + " ms");
        return;
      }
      boolean hasBody;
      try {
        hasBody = readBody(req);
      } catch (HttpError e) {
        sendAndLinger(e.status(), e.getMessage());
        return;
      } catch (ReadTimeout e) {
        sendAndLinger(408, "request body not received within " + millis(config.bodyTimeout()) + " ms");
        return;
      }
      WebServer.Response response = server.respond(req.method(), req.rawPath(), req.rawQuery(), hasBody);
      boolean keepAlive = req.keepAlive() && !server.isClosing();
      write(response, keepAlive, req.method().equals("HEAD"));
      busy = false;
      if (!keepAlive) {
        socket.shutdownOutput();
        return;
      }
    }
  }

  private static long millis(java.time.Duration d) {
    return d.toMillis();
  }

  /** Waits for the next byte of input; false on end of stream or when the deadline passes first. */
  private boolean awaitByte(long deadline) throws IOException {
    if (pos < end) {
      return true;
    }
    try {
      return fill(deadline) > 0;
    } catch (ReadTimeout e) {
      return false;
    }
  }

  /** Reads more input into the buffer (which must be fully consumed) before the deadline; -1 at end of stream. */
  private int fill(long deadline) throws IOException {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (remaining <= 0) {
      throw new ReadTimeout();
    }
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (SocketTimeoutException e) {
      throw new ReadTimeout();
    }
    pos = 0;
    end = Math.max(n, 0);
    return n;
  }

  /**
   * One line of the request head without its terminator (CRLF or LF), as ISO-8859-1 text.
   *
   * @param max most bytes of the line; one more is an {@code HttpError} with {@code tooLong}
   */
  private String readLine(long deadline, int max, int tooLongStatus, String tooLong) throws IOException {
    byte[] line = new byte[Math.min(max + 1, 256)];
    int n = 0;
    while (true) {
      if (pos == end && fill(deadline) < 0) {
        throw HttpError.badRequest("connection closed in the middle of the request head");
      }
      byte b = buf[pos++];
      if (b == '\n') {
        if (n > 0 && line[n - 1] == '\r') {
          n--;
        }
        for (int i = 0; i < n; i++) {
          if (line[i] == '\r') {
            throw HttpError.badRequest("bare CR in the request head (lines end in CRLF or LF)");
          }
        }
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (n == max + 1) {
        throw new HttpError(tooLongStatus, tooLong);
      }
      if (n == line.length) {
        line = java.util.Arrays.copyOf(line, Math.min(max + 2, line.length * 2));
      }
      line[n++] = b;
    }
  }

  private Request readHead(long deadline) throws IOException {
    int lineMax = config.maxUriLength() + METHOD_AND_VERSION;
    String tooLong = "request URI longer than " + config.maxUriLength() + " characters";
    String line = readLine(deadline, lineMax, 414, tooLong);
    for (int empty = 0; line.isEmpty(); empty++) {
      if (empty == MAX_EMPTY_LINES) {
        throw HttpError.badRequest("no request line after " + MAX_EMPTY_LINES + " empty lines");
      }
      line = readLine(deadline, lineMax, 414, tooLong);
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw HttpError.badRequest("malformed request line (expected 'METHOD target HTTP/1.1')");
    }
    String method = parts[0];
    if (!isToken(method)) {
      throw HttpError.badRequest("malformed method in the request line");
    }
    boolean http11;
    if (parts[2].equals("HTTP/1.1")) {
      http11 = true;
    } else if (parts[2].equals("HTTP/1.0")) {
      http11 = false;
    } else if (parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
      throw new HttpError(505, "HTTP version " + parts[2].substring(5) + " not supported; use HTTP/1.1 or 1.0");
    } else {
      throw HttpError.badRequest("malformed HTTP version in the request line");
    }
    String target = parts[1];
    if (target.length() > config.maxUriLength()) {
      throw new HttpError(414, tooLong);
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        throw HttpError.badRequest("request URI has a " + (c == '#' ? "fragment" : "control or non-ASCII character")
            + " at character " + i + " (must be percent-encoded)");
      }
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("://") + 3);
      int q = target.indexOf('?', target.indexOf("://") + 3);
      target = slash >= 0 && (q < 0 || slash < q) ? target.substring(slash)
          : "/" + (q >= 0 ? target.substring(q) : "");
    } else if (!target.startsWith("/")) {
      throw HttpError.badRequest("request URI must start with '/'");
    }
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);
    Map<String, String> headers = readHeaders(deadline);
    if (http11 && !headers.containsKey("host")) {
      throw HttpError.badRequest("HTTP/1.1 request without a Host header");
    }
    return new Request(method, rawPath, rawQuery, http11, headers);
  }

  private Map<String, String> readHeaders(long deadline) throws IOException {
    Map<String, String> headers = new HashMap<>();
    int used = 0;
    String tooLarge = "request header section larger than " + config.maxHeaderBytes() + " bytes";
    while (true) {
      String line = readLine(deadline, Math.max(0, config.maxHeaderBytes() - used), 431, tooLarge);
      used += line.length() + 2;
      if (line.isEmpty()) {
        return headers;
      }
      if (used > config.maxHeaderBytes()) {
        throw new HttpError(431, tooLarge);
      }
      if (headers.size() == config.maxHeaderCount()) {
        throw new HttpError(431, "more than " + config.maxHeaderCount() + " request header fields");
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw HttpError.badRequest("obsolete line folding in request header (a line starts with whitespace)");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw HttpError.badRequest("malformed request header line (expected 'Name: value' without whitespace before"
            + " the colon)");
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw HttpError.badRequest("control character in request header '" + name + "'");
        }
      }
      String previous = headers.putIfAbsent(name, value);
      if (previous != null) {
        if (name.equals("host") || (name.equals("content-length") && !previous.equals(value))) {
          throw HttpError.badRequest("repeated request header '" + name + "'");
        }
        headers.put(name, previous + ", " + value);
      }
    }
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Reads and discards a declared body within the body deadline; true when there was one. */
  private boolean readBody(Request req) throws IOException {
    if (req.header("transfer-encoding") != null) {
      throw HttpError.badRequest("request bodies with Transfer-Encoding are not accepted; only GET and HEAD are served");
    }
    String cl = req.header("content-length");
    if (cl == null) {
      return false;
    }
    long length;
    try {
      length = cl.chars().allMatch(Character::isDigit) && cl.length() <= 18 ? Long.parseLong(cl) : -1;
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 0) {
      throw HttpError.badRequest("malformed Content-Length '" + cl + "'");
    }
    if (length > config.maxBodyBytes()) {
      throw new HttpError(413, "request body of " + length + " bytes is larger than " + config.maxBodyBytes() + " bytes");
    }
    long deadline = System.nanoTime() + config.bodyTimeout().toNanos();
    long left = length;
    while (left > 0) {
      if (pos == end && fill(deadline) < 0) {
        throw HttpError.badRequest("connection closed after " + (length - left) + " of " + length + " body bytes");
      }
      int take = (int) Math.min(left, end - pos);
      pos += take;
      left -= take;
    }
    return length > 0;
  }

  private void write(WebServer.Response r, boolean keepAlive, boolean head) throws IOException {
    StringBuilder h = new StringBuilder(256);
    h.append("HTTP/1.1 ").append(r.status()).append(' ').append(WebServer.reason(r.status())).append("\r\n");
    h.append("Content-Type: ").append(r.type()).append("\r\n");
    h.append("Content-Length: ").append(r.body().length).append("\r\n");
    h.append("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n");
    r.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    if (!keepAlive) {
      h.append("Connection: close\r\n");
    }
    h.append("\r\n");
    ScheduledFuture<?> watchdog = server.watchdog().schedule(this::abort, config.writeTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (!head) {
        out.write(r.body());
      }
      out.flush();
    } finally {
      watchdog.cancel(false);
    }
  }

  /** Answers an error that ends the connection, then drains what the client still sends before closing. */
  private void sendAndLinger(int status, String message) throws IOException {
    write(WebServer.Response.error(status, message, Map.of()), false, false);
    socket.shutdownOutput();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
    long drained = end - pos;
    pos = end;
    try {
      while (drained < LINGER_BYTES) {
        int n = fill(deadline);
        if (n < 0) {
          break;
        }
        drained += n;
      }
    } catch (IOException e) {
      // deadline passed or the client reset: close now
    }
  }
}

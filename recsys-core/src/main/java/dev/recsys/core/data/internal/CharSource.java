package dev.recsys.core.data.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream into chars chunk by chunk, reporting (not replacing silently) bytes that are invalid in
 * the charset. An invalid byte sequence is delivered as a single {@code U+FFFD} in a read of its own, and
 * {@link #takeEncodingError()} then returns a description of it; the caller, which knows the line it is on,
 * turns that into an error. A UTF-8 byte order mark is dropped; a UTF-16 or UTF-32 one is an encoding error.
 * Not thread-safe.
 */
final class CharSource implements Closeable {
  private static final int BYTES = 1 << 16;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final boolean utf8;
  private final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
  private boolean eof;
  private boolean flushed;
  private boolean started;
  private int pendingMalformed;
  private String pendingDescription;
  private String encodingError;
  private long byteOffset;

  CharSource(InputStream in, Charset charset) {
    this.in = in;
    this.utf8 = charset.equals(StandardCharsets.UTF_8);
    this.decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    bytes.limit(0);
  }

  /** The charset's name. */
  String charsetName() {
    return decoder.charset().name();
  }

  /**
   * Reads up to {@code len} chars into {@code dst}.
   *
   * @return the number of chars read (at least 1), or -1 at the end of the input
   */
  int read(char[] dst, int off, int len) throws IOException {
    if (!started) {
      start();
    }
    if (pendingMalformed > 0) {
      return deliverMalformed(dst, off);
    }
    CharBuffer out = CharBuffer.wrap(dst, off, len);
    while (true) {
      int before = bytes.position();
      CoderResult r = decoder.decode(bytes, out, eof);
      byteOffset += bytes.position() - before;
      int produced = out.position() - off;
      if (r.isError()) {
        pendingMalformed = r.length();
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
          hex.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xff));
        }
        pendingDescription = "byte " + hex + " at byte offset " + byteOffset;
        return produced > 0 ? produced : deliverMalformed(dst, off);
      }
      if (produced > 0) {
        return produced;
      }
      if (eof) {
        if (!flushed) {
          flushed = true;
          decoder.flush(out);
          produced = out.position() - off;
          if (produced > 0) {
            return produced;
          }
        }
        return -1;
      }
      fillBytes();
    }
  }

  private int deliverMalformed(char[] dst, int off) {
    bytes.position(bytes.position() + pendingMalformed);
    byteOffset += pendingMalformed;
    pendingMalformed = 0;
    encodingError = pendingDescription;
    dst[off] = '\uFFFD';
    return 1;
  }

  /** The description of the invalid bytes just delivered as U+FFFD, once; null if none. */
  String takeEncodingError() {
    String e = encodingError;
    encodingError = null;
    return e;
  }

  private void start() throws IOException {
    started = true;
    fillBytes();
    int n = bytes.remaining();
    int p = bytes.position();
    int b0 = n > 0 ? bytes.get(p) & 0xff : -1;
    int b1 = n > 1 ? bytes.get(p + 1) & 0xff : -1;
    int b2 = n > 2 ? bytes.get(p + 2) & 0xff : -1;
    if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF && utf8) {
      bytes.position(p + 3);
      byteOffset = 3;
    } else if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
      throw new EncodingException("the file starts with a UTF-16 byte order mark; expected " + charsetName()
          + " (convert the file, e.g. iconv -f UTF-16 -t UTF-8)");
    }
  }

  /** Compacts the byte buffer and reads more bytes; sets {@code eof} at the end of the stream. */
  private void fillBytes() throws IOException {
    bytes.compact();
    try {
      while (bytes.hasRemaining()) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
          break;
        }
        bytes.position(bytes.position() + n);
        if (n > 0) {
          break;
        }
      }
    } finally {
      bytes.flip();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** A fatal encoding problem found before any text was read (a foreign byte order mark). */
  static final class EncodingException extends IOException {
    private static final long serialVersionUID = 1L;

    EncodingException(String message) {
      super(message);
    }
  }
}

package dev.recsys.core.retrieval.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Binary encoding of {@link Metadata} (field order and value order kept), for stored fields and saved indexes. */
public final class MetadataCodec {
  private MetadataCodec() {}

  /** Appends {@code m} to a payload. */
  public static void write(Payload.Writer w, Metadata m) {
    w.putInt(m.fields().size());
    for (Map.Entry<String, List<String>> e : m.fields().entrySet()) {
      w.putString(e.getKey()).putInt(e.getValue().size());
      for (String v : e.getValue()) {
        w.putString(v);
      }
    }
  }

  /** Encodes {@code m} alone. */
  public static byte[] encode(Metadata m) {
    Payload.Writer w = Payload.writer();
    write(w, m);
    return w.toByteArray();
  }

  /** Reads metadata written by {@link #write}. */
  public static Metadata read(Payload.Reader r) throws IOException {
    int fields = r.getCount(8);
    if (fields < 0) {
      throw new ModelFormatException("negative metadata field count " + fields);
    }
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int f = 0; f < fields; f++) {
      String name = r.getString();
      int values = r.getCount(4);
      if (values < 0) {
        throw new ModelFormatException("negative value count " + values + " in metadata field '" + name + "'");
      }
      List<String> vs = new ArrayList<>(values);
      for (int v = 0; v < values; v++) {
        vs.add(r.getString());
      }
      m.put(name, vs);
    }
    return new Metadata(m);
  }

  /**
   * Decodes bytes written by {@link #encode}, read in place (a search decodes the metadata of every hit, so no stream
   * or copy is made); the same checks as {@link #read}: counts that the remaining bytes cannot hold, truncation and
   * trailing bytes are refused.
   */
  public static Metadata decode(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 4 && bytes[offset] == 0 && bytes[offset + 1] == 0 && bytes[offset + 2] == 0
        && bytes[offset + 3] == 0) {
      return Metadata.EMPTY;
    }
    Cursor c = new Cursor(bytes, offset, offset + length);
    int fields = c.count(8, "metadata field count");
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int f = 0; f < fields; f++) {
      String name = c.string();
      int values = c.count(4, "value count of metadata field '" + name + "'");
      String[] vs = new String[values];
      for (int v = 0; v < values; v++) {
        vs[v] = c.string();
      }
      m.put(name, List.of(vs));
    }
    if (c.position != c.end) {
      throw new ModelFormatException("metadata has " + (c.end - c.position) + " unread bytes of " + length);
    }
    return new Metadata(m);
  }

  /** A position in a byte range holding big-endian ints and length-prefixed UTF-8 strings. */
  private static final class Cursor {
    private final byte[] bytes;
    private final int end;
    private int position;

    Cursor(byte[] bytes, int from, int end) {
      this.bytes = bytes;
      this.position = from;
      this.end = end;
    }

    int readInt() throws ModelFormatException {
      if (end - position < 4) {
        throw new ModelFormatException("metadata truncated: an int needs 4 bytes, " + (end - position) + " left");
      }
      int p = position;
      position += 4;
      return (bytes[p] & 0xff) << 24 | (bytes[p + 1] & 0xff) << 16 | (bytes[p + 2] & 0xff) << 8 | bytes[p + 3] & 0xff;
    }

    /** A count of elements of at least {@code minBytes} bytes each that the remaining bytes can hold. */
    int count(int minBytes, String what) throws ModelFormatException {
      int n = readInt();
      if (n < 0 || (long) n * minBytes > end - position) {
        throw new ModelFormatException(what + " " + n + " exceeds the remaining " + (end - position) + " bytes");
      }
      return n;
    }

    String string() throws ModelFormatException {
      int n = count(1, "string length");
      String s = new String(bytes, position, n, StandardCharsets.UTF_8);
      position += n;
      return s;
    }
  }
}

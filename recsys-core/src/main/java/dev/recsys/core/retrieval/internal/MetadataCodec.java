package dev.recsys.core.retrieval.internal;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /** Decodes bytes written by {@link #encode}. */
  public static Metadata decode(byte[] bytes, int offset, int length) throws IOException {
    byte[] b = offset == 0 && length == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, offset, offset + length);
    Payload.Reader r = Payload.reader(b);
    Metadata m = read(r);
    r.requireEnd();
    return m;
  }
}

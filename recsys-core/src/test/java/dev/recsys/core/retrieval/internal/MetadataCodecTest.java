package dev.recsys.core.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.io.ModelFormatException;
import dev.recsys.core.io.Payload;
import dev.recsys.core.spi.Metadata;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {
  @Provide
  Arbitrary<Map<String, List<String>>> fields() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('é', '♪', ' ').ofMinLength(1)
        .ofMaxLength(12);
    Arbitrary<String> values = Arbitraries.strings().withCharRange('a', 'z').withChars('é', '♪', ' ').ofMaxLength(12);
    return Arbitraries.maps(names, values.list().ofMaxSize(4)).ofMaxSize(5);
  }

  /** Decoding in place gives what the stream reader gives, inside a larger buffer at any offset too. */
  @Property(tries = 300)
  void decodeInPlaceEqualsTheStreamReader(@ForAll("fields") Map<String, List<String>> fields,
      @ForAll @IntRange(min = 0, max = 7) int offset) throws IOException {
    Metadata.Builder b = Metadata.builder();
    fields.forEach(b::put);
    Metadata m = b.build();
    byte[] bytes = MetadataCodec.encode(m);
    Payload.Reader r = Payload.reader(bytes);
    Metadata streamed = MetadataCodec.read(r);
    byte[] padded = new byte[offset + bytes.length + 3];
    System.arraycopy(bytes, 0, padded, offset, bytes.length);
    Metadata decoded = MetadataCodec.decode(padded, offset, bytes.length);
    assertEquals(streamed, decoded);
    assertEquals(m, decoded);
    assertEquals(List.copyOf(m.fields().keySet()), List.copyOf(decoded.fields().keySet()), "field order");
  }

  @Test
  void emptyMetadataDecodesToTheSharedEmptyInstance() throws IOException {
    assertSame(Metadata.EMPTY, MetadataCodec.decode(MetadataCodec.encode(Metadata.EMPTY), 0, 4));
  }

  /** Every truncation and every trailing byte is refused; so are counts the bytes cannot hold. */
  @Test
  void damagedBytesAreRefused() {
    byte[] bytes = MetadataCodec.encode(Metadata.builder().put("title", List.of("Blue", "Green")).put("artist", "A").build());
    for (int cut = 1; cut < bytes.length; cut++) {
      byte[] shorter = Arrays.copyOf(bytes, bytes.length - cut);
      assertThrows(ModelFormatException.class, () -> MetadataCodec.decode(shorter, 0, shorter.length), "cut " + cut);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> MetadataCodec.decode(longer, 0, longer.length));
    assertTrue(e.getMessage().contains("unread"), e.getMessage());
    byte[] huge = bytes.clone();
    huge[0] = 0x7f;
    e = assertThrows(ModelFormatException.class, () -> MetadataCodec.decode(huge, 0, huge.length));
    assertTrue(e.getMessage().contains("metadata field count"), e.getMessage());
  }
}

package dev.recsys.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelContainerTest {
  /** The container the golden file holds. */
  static ModelContainer golden() {
    byte[] payload = Payload.writer().putInt(3).putFloats(new float[] {1.5f, -2f, 0f}).putString("héllo").toByteArray();
    Provenance p = new Provenance("0.1.0", "21.0.1+12", 42, "sha256:0123456789abcdef", Instant.ofEpochMilli(1_700_000_000_000L));
    return new ModelContainer("golden-test", 1, "{\"dim\":3}", p, payload);
  }

  static byte[] bytes(ModelContainer c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.write(out);
    return out.toByteArray();
  }

  @Test
  void goldenFileOfFormatVersion1StillReads() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/golden/container-v1.bin")) {
      byte[] stored = in.readAllBytes();
      ModelContainer c = ModelContainer.read(new ByteArrayInputStream(stored), "golden");
      assertEquals(golden(), c);
      assertArrayEquals(stored, bytes(c), "the writer must still produce the version-1 bytes");
      Payload.Reader r = Payload.reader(c.payload());
      assertEquals(3, r.getInt());
      assertArrayEquals(new float[] {1.5f, -2f, 0f}, r.getFloats());
      assertEquals("héllo", r.getString());
      r.requireEnd();
    }
  }

  @Property(tries = 50)
  void roundTripKeepsEveryField(@ForAll @Size(max = 300) byte[] payload, @ForAll String config, @ForAll long seed) throws IOException {
    ModelContainer c = new ModelContainer("p", 2, config, new Provenance("v", "j", seed, "fp", Instant.ofEpochMilli(5)), payload);
    assertEquals(c, ModelContainer.read(new ByteArrayInputStream(bytes(c)), "mem"));
  }

  @Test
  void writeToIsAtomicAndReadable(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("sub/model.rsm");
    golden().writeTo(f);
    assertEquals(golden(), ModelContainer.readFrom(f));
    try (var files = Files.list(f.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void flippedByteFailsTheChecksum() throws IOException {
    byte[] b = bytes(golden());
    b[b.length / 2] ^= 0x10;
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelContainer.read(new ByteArrayInputStream(b), "m.bin"));
    assertTrue(e.getMessage().startsWith("m.bin: checksum mismatch"), e.getMessage());
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    byte[] b = bytes(golden());
    byte[] cut = java.util.Arrays.copyOf(b, 14);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelContainer.read(new ByteArrayInputStream(cut), "m.bin"));
    assertTrue(e.getMessage().startsWith("m.bin: "), e.getMessage());
  }

  @Test
  void notAModel() {
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> ModelContainer.read(new ByteArrayInputStream("hello world".getBytes()), "x.txt"));
    assertEquals("x.txt: not a recsys model file (bad magic number)", e.getMessage());
  }

  @Test
  void newerContainerVersionIsRefused() throws IOException {
    byte[] b = bytes(golden());
    b[11] = 2; // container version int follows the 8-byte magic
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelContainer.read(new ByteArrayInputStream(b), "m.bin"));
    assertTrue(e.getMessage().contains("container format version 2 is not supported"), e.getMessage());
  }

  @Test
  void newerPayloadVersionAndWrongProviderAreRefused() {
    ModelContainer c = golden();
    ModelFormatException newer = assertThrows(ModelFormatException.class, () -> new ModelContainer(c.provider(), 9,
        c.configJson(), c.provenance(), c.payload()).require("golden-test", 1));
    assertEquals("'golden-test' format version 9 is newer than this reader supports (1); upgrade recsys", newer.getMessage());
    ModelFormatException other = assertThrows(ModelFormatException.class, () -> c.require("pca", 1));
    assertEquals("model was written by provider 'golden-test', not 'pca'", other.getMessage());
  }

  @Test
  void damagedPayloadLengthFailsCleanly() {
    byte[] bad = Payload.writer().putInt(Integer.MAX_VALUE).toByteArray();
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> Payload.reader(bad).getFloats());
    assertTrue(e.getMessage().startsWith("payload array length 2147483647 exceeds"), e.getMessage());
  }
}

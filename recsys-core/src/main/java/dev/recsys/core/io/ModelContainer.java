package dev.recsys.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The one versioned file format of every fitted artifact (embedders, graphs, choice models, two-tower and
 * graph attention models, feature pipelines).
 *
 * <p>Layout (big-endian), each string as a 4-byte length and UTF-8 bytes:
 * <pre>
 *   magic          8 bytes  "RECSYS\0M"
 *   container      int      container format version ({@value #FORMAT_VERSION})
 *   provider       string   plugin name that reads the payload
 *   payloadVersion int      the provider's payload format version
 *   config         string   the configuration record as JSON
 *   provenance     library version, Java version (strings), seed (long), data fingerprint (string),
 *                  created-at (epoch milliseconds, long)
 *   payload        long length + bytes
 *   checksum       long     CRC32C of every byte before it
 * </pre>
 * A reader refuses a bad magic, a newer container version, a truncated file or a checksum mismatch with a
 * {@link ModelFormatException} naming the source. Files are written to a temporary sibling, forced to the device
 * and moved into place ({@link AtomicFiles}), so a crash or power loss never leaves a half-written model under the
 * final name; temporary files of crashed writers are removed when the model is next read or written.
 *
 * @param provider the plugin name that can read the payload
 * @param payloadVersion the provider's payload format version
 * @param configJson the configuration record as JSON
 * @param provenance where the model came from
 * @param payload the provider's bytes
 */
public record ModelContainer(String provider, int payloadVersion, String configJson, Provenance provenance, byte[] payload) {
  /** The container format version this code writes and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] MAGIC = {'R', 'E', 'C', 'S', 'Y', 'S', 0, 'M'};
  private static final int MAX_STRING = 64 << 20;

  /** Validates the fields. */
  public ModelContainer {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(configJson, "configJson");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(payload, "payload");
    if (payloadVersion < 1) {
      throw new IllegalArgumentException("payloadVersion must be >= 1; payloadVersion=" + payloadVersion);
    }
  }

  /**
   * Checks that this container holds a payload of {@code expectedProvider} in a version this reader supports.
   *
   * @throws ModelFormatException naming both providers or both versions
   * @param expectedProvider the expected provider
   * @param maxPayloadVersion the max format version
   */
  public void require(String expectedProvider, int maxPayloadVersion) throws ModelFormatException {
    if (!provider.equals(expectedProvider)) {
      throw new ModelFormatException("model was written by provider '" + provider + "', not '" + expectedProvider + "'");
    }
    if (payloadVersion > maxPayloadVersion) {
      throw new ModelFormatException("'" + provider + "' format version " + payloadVersion
          + " is newer than this reader supports (" + maxPayloadVersion + "); upgrade recsys");
    }
  }

  /**
   * Writes the container to a stream.
   *
   * @param out the stream to write to
   * @throws IOException if the file cannot be written
   */
  public void write(OutputStream out) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(payload.length + 1024);
    DataOutputStream d = new DataOutputStream(buf);
    d.write(MAGIC);
    d.writeInt(FORMAT_VERSION);
    writeString(d, provider);
    d.writeInt(payloadVersion);
    writeString(d, configJson);
    writeString(d, provenance.libraryVersion());
    writeString(d, provenance.javaVersion());
    d.writeLong(provenance.seed());
    writeString(d, provenance.dataFingerprint());
    d.writeLong(provenance.createdAt().toEpochMilli());
    d.writeLong(payload.length);
    d.write(payload);
    d.flush();
    CRC32C crc = new CRC32C();
    byte[] bytes = buf.toByteArray();
    crc.update(bytes);
    out.write(bytes);
    DataOutputStream tail = new DataOutputStream(out);
    tail.writeLong(crc.getValue());
    tail.flush();
  }

  /**
   * Writes to {@code file} atomically and durably ({@link AtomicFiles#write}: temporary sibling forced to the
   * device, moved into place, directory forced).
   *
   * @param file the file to replace; its parent directories are created
   * @throws IOException if writing, forcing or moving fails; the file is then unchanged
   */
  public void writeTo(Path file) throws IOException {
    AtomicFiles.write(file, this::write);
  }

  /**
   * Reads a container from {@code file}, first removing temporary files that crashed writers left beside it.
   *
   * @param file a file written by {@link #writeTo}
   * @return the container, its checksum verified
   * @throws IOException if the file cannot be read; a {@link ModelFormatException} naming the file when it is
   *     truncated, damaged or not a model container
   */
  public static ModelContainer readFrom(Path file) throws IOException {
    AtomicFiles.removeOrphans(file);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Decodes a payload; see {@link #decode}.
   *
   * @param <T> the decoded type
   */
  @FunctionalInterface
  public interface Decoder<T> {
    /**
     * Decodes.
     *
     * @return the decoded value
     * @throws IOException if the payload is truncated or malformed
     */
    T decode() throws IOException;
  }

  /**
   * Runs a payload decoder so that a damaged payload (one whose checksum matches but whose content does not, e.g.
   * edited and re-checksummed) always ends in a {@link ModelFormatException} naming {@code source}: the
   * decoder's own validation errors ({@link IllegalArgumentException}, {@link IllegalStateException}, out-of-range
   * indices, null members) and I/O errors are converted.
   *
   * @param <T> the decoded type
   * @param source names the container in messages (its file)
   * @param decoder reads the payload and validates what it reads
   * @return what {@code decoder} returned
   * @throws ModelFormatException naming {@code source} when the decoder fails in any of the ways above
   */
  public static <T> T decode(String source, Decoder<T> decoder) throws ModelFormatException {
    try {
      return decoder.decode();
    } catch (ModelFormatException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source)) {
        throw e;
      }
      throw new ModelFormatException(source + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(source + ": malformed payload: " + e, e);
    }
  }

  /**
   * Reads a container from a stream.
   *
   * @param source a name for messages (the file path)
   * @throws ModelFormatException if it is not a model, is corrupted, or is from a newer format
   * @param in the stream to read from
   * @return the {@code ModelContainer}
   */
  public static ModelContainer read(InputStream in, String source) throws IOException {
    byte[] all = in.readAllBytes();
    if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new ModelFormatException(source + ": not a recsys model file (bad magic number)");
    }
    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(all, MAGIC.length, all.length - MAGIC.length));
    try {
      int container = d.readInt();
      if (container > FORMAT_VERSION || container < 1) {
        throw new ModelFormatException(source + ": container format version " + container
            + " is not supported (this reader supports 1 to " + FORMAT_VERSION + "); it was written by a newer recsys");
      }
      if (all.length < MAGIC.length + 12) {
        throw new EOFException();
      }
      CRC32C crc = new CRC32C();
      crc.update(all, 0, all.length - 8);
      long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
      if (stored != crc.getValue()) {
        throw new ModelFormatException(source + ": checksum mismatch (stored " + Long.toHexString(stored)
            + ", computed " + Long.toHexString(crc.getValue()) + "): the file is corrupted or truncated");
      }
      String provider = readString(d);
      int payloadVersion = d.readInt();
      String config = readString(d);
      String lib = readString(d);
      String java = readString(d);
      long seed = d.readLong();
      String fp = readString(d);
      Instant created = Instant.ofEpochMilli(d.readLong());
      long len = d.readLong();
      if (len < 0 || len > all.length) {
        throw new ModelFormatException(source + ": payload length " + len + " exceeds the file size " + all.length);
      }
      byte[] payload = d.readNBytes((int) len);
      if (payload.length != len) {
        throw new EOFException();
      }
      return new ModelContainer(provider, payloadVersion, config, new Provenance(lib, java, seed, fp, created), payload);
    } catch (EOFException e) {
      throw new ModelFormatException(source + ": truncated model file (" + all.length + " bytes)", e);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(source + ": malformed model file: " + e.getMessage(), e);
    }
  }

  private static void writeString(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private static String readString(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > MAX_STRING) {
      throw new IllegalArgumentException("string length " + n + " out of range [0, " + MAX_STRING + "]");
    }
    byte[] b = d.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelContainer c && provider.equals(c.provider) && payloadVersion == c.payloadVersion
        && configJson.equals(c.configJson) && provenance.equals(c.provenance) && Arrays.equals(payload, c.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, payloadVersion, configJson, provenance, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "ModelContainer[provider=" + provider + ", payloadVersion=" + payloadVersion + ", config=" + configJson
        + ", provenance=" + provenance + ", payload=" + payload.length + " bytes]";
  }
}

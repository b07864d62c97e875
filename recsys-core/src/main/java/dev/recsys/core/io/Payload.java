package dev.recsys.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Helpers to write and read the binary payload of a {@link ModelContainer}: arrays with length prefixes and
 * bounds-checked reads, so a damaged payload fails with a {@link ModelFormatException} instead of an
 * out-of-memory error or garbage.
 */
public final class Payload {
  private Payload() {}

  /**
   * Starts a payload.
   *
   * @return the {@code Writer}
   */
  public static Writer writer() {
    return new Writer();
  }

  /**
   * Reads a payload.
   *
   * @param payload the payload bytes
   * @return the {@code Reader}
   */
  public static Reader reader(byte[] payload) {
    return new Reader(payload);
  }

  /** Appends values to a payload. Not thread-safe. */
  public static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    private Writer() {}

    private Writer run(IoAction a) {
      try {
        a.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /**
     * An int.
     *
     * @return an int
     * @param v the value to write
     */
    public Writer putInt(int v) {
      return run(() -> out.writeInt(v));
    }

    /**
     * A long.
     *
     * @return a long
     * @param v the value to write
     */
    public Writer putLong(long v) {
      return run(() -> out.writeLong(v));
    }

    /**
     * A double.
     *
     * @return a double
     * @param v the value to write
     */
    public Writer putDouble(double v) {
      return run(() -> out.writeDouble(v));
    }

    /**
     * A string.
     *
     * @return a string
     * @param s the string to write
     */
    public Writer putString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return run(() -> {
        out.writeInt(b.length);
        out.write(b);
      });
    }

    /**
     * A float array with its length.
     *
     * @return a float array with its length
     * @param v the value to write
     */
    public Writer putFloats(float[] v) {
      return run(() -> {
        out.writeInt(v.length);
        for (float x : v) {
          out.writeFloat(x);
        }
      });
    }

    /**
     * A double array with its length.
     *
     * @return a double array with its length
     * @param v the value to write
     */
    public Writer putDoubles(double[] v) {
      return run(() -> {
        out.writeInt(v.length);
        for (double x : v) {
          out.writeDouble(x);
        }
      });
    }

    /**
     * An int array with its length.
     *
     * @return an int array with its length
     * @param v the value to write
     */
    public Writer putInts(int[] v) {
      return run(() -> {
        out.writeInt(v.length);
        for (int x : v) {
          out.writeInt(x);
        }
      });
    }

    /**
     * A byte array with its length.
     *
     * @return this writer
     * @param v the bytes to write
     */
    public Writer putBytes(byte[] v) {
      return run(() -> {
        out.writeInt(v.length);
        out.write(v);
      });
    }

    /**
     * A list of strings with its size.
     *
     * @return this writer
     * @param v the strings to write
     */
    public Writer putStrings(java.util.List<String> v) {
      putInt(v.size());
      for (String s : v) {
        putString(s);
      }
      return this;
    }

    /**
     * The bytes written so far.
     *
     * @return the bytes written so far
     */
    public byte[] toByteArray() {
      run(out::flush);
      return bytes.toByteArray();
    }
  }

  /** Reads values from a payload in the order written. Not thread-safe. */
  public static final class Reader {
    private final DataInputStream in;
    private final int size;

    private Reader(byte[] payload) {
      this.in = new DataInputStream(new ByteArrayInputStream(payload));
      this.size = payload.length;
    }

    private int length(int elementBytes) throws IOException {
      int n = in.readInt();
      if (n < 0 || (long) n * elementBytes > in.available()) {
        throw new ModelFormatException("payload array length " + n + " exceeds the remaining "
            + in.available() + " of " + size + " bytes");
      }
      return n;
    }

    /**
     * A count of elements that each take at least {@code minBytesPerElement} bytes of what follows: refused when
     * negative or when the remaining bytes cannot hold that many, so a damaged count never pre-sizes a huge
     * collection.
     *
     * @param minBytesPerElement the fewest bytes one element takes in the payload; 0 or less checks only the sign
     * @return the count, at least 0
     * @throws ModelFormatException naming the count and the bytes left
     */
    public int getCount(int minBytesPerElement) throws IOException {
      return wrap(() -> length(Math.max(minBytesPerElement, 0)));
    }

    /**
     * Bytes not yet read.
     *
     * @return the number of unread bytes, or 0 when it cannot be told
     */
    public int remaining() {
      try {
        return in.available();
      } catch (IOException e) {
        return 0;
      }
    }

    /**
     * An int.
     *
     * @return the next four bytes as a big-endian int
     * @throws IOException a {@link ModelFormatException} when fewer than four bytes remain
     */
    public int getInt() throws IOException {
      return wrap(in::readInt);
    }

    /**
     * A long.
     *
     * @return a long
     * @throws IOException if an I/O error occurs
     */
    public long getLong() throws IOException {
      return wrap(in::readLong);
    }

    /**
     * A double.
     *
     * @return a double
     * @throws IOException if an I/O error occurs
     */
    public double getDouble() throws IOException {
      return wrap(in::readDouble);
    }

    /**
     * A string.
     *
     * @return a string
     * @throws IOException if an I/O error occurs
     */
    public String getString() throws IOException {
      return wrap(() -> new String(in.readNBytes(length(1)), StandardCharsets.UTF_8));
    }

    /**
     * A float array.
     *
     * @return a float array
     * @throws IOException if an I/O error occurs
     */
    public float[] getFloats() throws IOException {
      return wrap(() -> {
        float[] v = new float[length(4)];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readFloat();
        }
        return v;
      });
    }

    /**
     * A double array.
     *
     * @return a double array
     * @throws IOException if an I/O error occurs
     */
    public double[] getDoubles() throws IOException {
      return wrap(() -> {
        double[] v = new double[length(8)];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readDouble();
        }
        return v;
      });
    }

    /**
     * An int array.
     *
     * @return an int array
     * @throws IOException if an I/O error occurs
     */
    public int[] getInts() throws IOException {
      return wrap(() -> {
        int[] v = new int[length(4)];
        for (int i = 0; i < v.length; i++) {
          v[i] = in.readInt();
        }
        return v;
      });
    }

    /**
     * A byte array.
     *
     * @return a byte array
     * @throws IOException if an I/O error occurs
     */
    public byte[] getBytes() throws IOException {
      return wrap(() -> in.readNBytes(length(1)));
    }

    /**
     * A list of strings, as {@link Writer#putStrings} wrote it.
     *
     * @return an unmodifiable list
     * @throws IOException if an I/O error occurs
     */
    public java.util.List<String> getStrings() throws IOException {
      int n = getCount(4);
      String[] out = new String[n];
      for (int i = 0; i < n; i++) {
        out[i] = getString();
      }
      return java.util.List.of(out);
    }

    /**
     * Fails unless every byte was read.
     *
     * @throws ModelFormatException if unread bytes remain
     */
    public void requireEnd() throws ModelFormatException {
      try {
        if (in.available() != 0) {
          throw new ModelFormatException("payload has " + in.available() + " unread bytes of " + size);
        }
      } catch (ModelFormatException e) {
        throw e;
      } catch (IOException e) {
        throw new ModelFormatException("payload unreadable", e);
      }
    }

    private <T> T wrap(IoSupplier<T> s) throws IOException {
      try {
        return s.get();
      } catch (EOFException e) {
        throw new ModelFormatException("payload truncated (" + size + " bytes)", e);
      }
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}

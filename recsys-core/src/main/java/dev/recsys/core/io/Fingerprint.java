package dev.recsys.core.io;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import dev.recsys.core.model.FeatureMatrix;
import java.nio.charset.StandardCharsets;

/**
 * Content hashes of training data, recorded in model provenance so a model can be traced to its data.
 * Not for security.
 */
public final class Fingerprint {
  private final Hasher hasher = Hashing.sha256().newHasher();

  /** A new, empty fingerprint. */
  public Fingerprint() {}

  /**
   * Adds a string.
   *
   * @return the {@code Fingerprint}
   * @param s the string to add
   */
  public Fingerprint add(String s) {
    hasher.putInt(s.length()).putString(s, StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Adds floats. Hashes the same bytes as {@code putFloat} per value (raw IEEE bits, little-endian), in bulk: a
   * million-row feature matrix fingerprints in tens of milliseconds instead of seconds.
   *
   * @param values the values
   * @return the {@code Fingerprint}
   */
  public Fingerprint add(float[] values) {
    hasher.putInt(values.length);
    int chunk = 1 << 14;
    byte[] bytes = new byte[Math.min(values.length, chunk) * Float.BYTES];
    java.nio.FloatBuffer view = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int from = 0; from < values.length; from += chunk) {
      int n = Math.min(chunk, values.length - from);
      view.clear();
      view.put(values, from, n);
      hasher.putBytes(bytes, 0, n * Float.BYTES);
    }
    return this;
  }

  /**
   * Adds a long.
   *
   * @return the {@code Fingerprint}
   * @param v the value to add
   */
  public Fingerprint add(long v) {
    hasher.putLong(v);
    return this;
  }

  /**
   * The hash as {@code sha256:} followed by the first 16 hex digits.
   *
   * @return the hash as {@code sha256:} followed by the first 16 hex digits
   */
  public String value() {
    return "sha256:" + hasher.hash().toString().substring(0, 16);
  }

  /**
   * The fingerprint of a feature matrix (shape, column names and values).
   *
   * @param m the feature matrix
   * @return the fingerprint of a feature matrix (shape, column names and values)
   */
  public static String of(FeatureMatrix m) {
    Fingerprint f = new Fingerprint().add(m.rows()).add(m.cols());
    for (String c : m.columns()) {
      f.add(c);
    }
    return f.add(m.data()).value();
  }
}

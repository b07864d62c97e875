package dev.recsys.spotify;

import java.util.Objects;

/**
 * A credential or token value that must never be printed or logged. {@link #toString} shows {@code "****"} (or
 * {@code "(unset)"} for an empty secret); the value itself is only available through {@link #reveal}, which the
 * connector calls at the moment it builds a request. Immutable and thread-safe.
 */
public final class Secret {
  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * A secret holding {@code value}; an empty or null value gives the empty secret.
   *
   * @param value the value
   * @return a secret holding {@code value}
   */
  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  /**
   * The empty (unset) secret.
   *
   * @return the empty (unset) secret
   */
  public static Secret empty() {
    return EMPTY;
  }

  /**
   * True if no value is set.
   *
   * @return true if no value is set
   */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * The value. Callers must not log or store it.
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && value.equals(s.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "(unset)" : "****";
  }
}

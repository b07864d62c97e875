package dev.recsys.core.util;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Argument checks that fail with a message naming the argument, the rule and the value,
 * for example {@code "k must be in [1, 10000]; k=0"}.
 */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} if it lies in {@code [min, max]}, else throws {@link IllegalArgumentException}.
   *
   * @param name the name
   * @param value the value
   * @param min the lower bound
   * @param max the upper bound
   * @return {@code value} if it lies in {@code [min, max]}, else throws {@link IllegalArgumentException}
   */
  public static int inRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]; " + name + "=" + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it lies in {@code [min, max]}, else throws {@link IllegalArgumentException}.
   *
   * @param name the name
   * @param value the value
   * @param min the lower bound
   * @param max the upper bound
   * @return {@code value} if it lies in {@code [min, max]}, else throws {@link IllegalArgumentException}
   */
  public static long inRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]; " + name + "=" + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and lies in {@code [min, max]}, else throws {@link IllegalArgumentException}.
   *
   * @param name the name
   * @param value the value
   * @param min the lower bound
   * @param max the upper bound
   * @return {@code value} if it is finite and lies in {@code [min, max]}, else throws {@link
   *     IllegalArgumentException}
   */
  public static double inRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]; " + name + "=" + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is finite and strictly positive.
   *
   * @param name the name
   * @param value the value
   * @return {@code value} if it is finite and strictly positive
   */
  public static double positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0; " + name + "=" + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @param name the name
   * @param value the value
   * @param min the lower bound
   * @return {@code value} if it is at least {@code min}
   */
  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + "; " + name + "=" + value);
    }
    return value;
  }

  /**
   * Returns {@code value} if it is non-null and not blank.
   *
   * @param name the name
   * @param value the value
   * @return {@code value} if it is non-null and not blank
   */
  public static String notBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Returns {@code values} if no element is null.
   *
   * @param name the name
   * @param values the values
   * @return {@code values} if no element is null
   * @param <T> the collection type
   */
  public static <T extends Collection<?>> T noNulls(String name, T values) {
    Objects.requireNonNull(values, name);
    if (values instanceof List<?> list && values instanceof RandomAccess) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) == null) {
          throw new IllegalArgumentException(name + " must not contain null; " + name + "[" + i + "] is null");
        }
      }
      return values;
    }
    int i = 0;
    for (Object v : values) {
      if (v == null) {
        throw new IllegalArgumentException(name + " must not contain null; " + name + "[" + i + "] is null");
      }
      i++;
    }
    return values;
  }

  /**
   * Returns {@code vector} if every component is finite.
   *
   * @param name the name
   * @param vector the vector
   * @return {@code vector} if every component is finite
   */
  public static float[] finite(String name, float[] vector) {
    Objects.requireNonNull(vector, name);
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException(name + " must have finite components; " + name + "[" + i + "]=" + vector[i]);
      }
    }
    return vector;
  }
}

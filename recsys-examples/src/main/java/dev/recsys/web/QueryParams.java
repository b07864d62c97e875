package dev.recsys.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters of a request, with validating accessors that fail with a 400 naming the parameter,
 * the rule and the value ({@code "length must be in [1, 200]; length=500"}).
 */
public final class QueryParams {
  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a raw query string ({@code a=1&b=x}); a repeated name keeps its last value. Percent-encoding is decoded
   * strictly (two hex digits after every {@code %}, valid UTF-8); a malformed name or value is a 400 that names the
   * parameter and the escape.
   */
  public static QueryParams parse(String rawQuery) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawKey = eq < 0 ? pair : pair.substring(0, eq);
        String k;
        try {
          k = PercentDecoding.decode(rawKey, true);
        } catch (PercentDecoding.MalformedException e) {
          throw HttpError.badRequest("query parameter name '" + rawKey + "': " + e.getMessage());
        }
        try {
          m.put(k, eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true));
        } catch (PercentDecoding.MalformedException e) {
          throw HttpError.badRequest("query parameter '" + k + "': " + e.getMessage());
        }
      }
    }
    return new QueryParams(m);
  }

  /** All parameters, in order. */
  public Map<String, String> all() {
    return values;
  }

  /** The value of a parameter, if present and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).filter(s -> !s.isBlank());
  }

  /** The value of a required parameter (400 when missing). */
  public String require(String name) {
    return get(name).orElseThrow(() -> HttpError.badRequest("missing query parameter '" + name + "'"));
  }

  /** A whole number in {@code [min, max]}, or the default when absent (400 otherwise). */
  public int intValue(String name, int defaultValue, int min, int max) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    int v;
    try {
      v = Integer.parseInt(raw.get().strip());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a whole number; " + name + "=" + raw.get());
    }
    if (v < min || v > max) {
      throw HttpError.badRequest(name + " must be in [" + min + ", " + max + "]; " + name + "=" + v);
    }
    return v;
  }

  /** A number in {@code [min, max]}, or the default when absent (400 otherwise). */
  public double doubleValue(String name, double defaultValue, double min, double max) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    double v;
    try {
      v = Double.parseDouble(raw.get().strip());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a number; " + name + "=" + raw.get());
    }
    if (!(v >= min && v <= max)) {
      throw HttpError.badRequest(name + " must be in [" + min + ", " + max + "]; " + name + "=" + raw.get());
    }
    return v;
  }

  /** A whole number, or the default when absent (400 otherwise). */
  public long longValue(String name, long defaultValue) {
    Optional<String> raw = get(name);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(raw.get().strip());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + " must be a whole number; " + name + "=" + raw.get());
    }
  }
}

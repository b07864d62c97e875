package dev.recsys.core.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stored attributes of an indexed vector: each field has one or more string values
 * (e.g. {@code artist -> [Daft Punk]}, {@code genre -> [house, edm]}). Immutable.
 *
 * @param fields field name to values
 */
public record Metadata(Map<String, List<String>> fields) {
  /** No metadata. */
  public static final Metadata EMPTY = new Metadata(Map.of());

  /** Validates and copies (keeping field order). */
  public Metadata {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : fields.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "field name"), List.copyOf(e.getValue()));
    }
    fields = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Values of a field (empty if absent).
   *
   * @param field the field name
   * @return the values of a field (empty if absent)
   */
  public List<String> get(String field) {
    return fields.getOrDefault(field, List.of());
  }

  /**
   * The first value of a field, or null.
   *
   * @param field the field name
   * @return the first value of a field, or null
   */
  public String first(String field) {
    List<String> v = fields.get(field);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /**
   * A builder.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a field's values.
     *
     * @param field the field name
     * @param values the values
     * @return this builder
     */
    public Builder put(String field, List<String> values) {
      fields.put(field, values);
      return this;
    }

    /**
     * Sets a single-valued field.
     *
     * @param field the field name
     * @param value the value
     * @return this builder
     */
    public Builder put(String field, String value) {
      fields.put(field, List.of(value));
      return this;
    }

    /**
     * Builds.
     *
     * @return the {@code Metadata}
     */
    public Metadata build() {
      return new Metadata(fields);
    }
  }
}

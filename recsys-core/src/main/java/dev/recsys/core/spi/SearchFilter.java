package dev.recsys.core.spi;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Restricts a vector search: keys to exclude, and metadata predicates that a hit must satisfy
 * (for every named field, at least one of the hit's values is in the allowed set). Immutable.
 *
 * @param excludeKeys keys never returned
 * @param anyOf field name to allowed values; a hit qualifies if, for each field, one of its values is allowed
 */
public record SearchFilter(Set<String> excludeKeys, Map<String, Set<String>> anyOf) {
  /** A filter that lets everything through. */
  public static final SearchFilter NONE = new SearchFilter(Set.of(), Map.of());

  /** Copies the collections. */
  public SearchFilter {
    excludeKeys = Set.copyOf(excludeKeys);
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    anyOf.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    anyOf = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * True if the filter lets everything through.
   *
   * @return true if the filter lets everything through
   */
  public boolean isEmpty() {
    return excludeKeys.isEmpty() && anyOf.isEmpty();
  }

  /**
   * True if a hit with this key and metadata passes the filter.
   *
   * @param key the key
   * @param metadata the metadata
   * @return true if a hit with this key and metadata passes the filter
   */
  public boolean test(String key, Metadata metadata) {
    if (excludeKeys.contains(key)) {
      return false;
    }
    for (Map.Entry<String, Set<String>> e : anyOf.entrySet()) {
      boolean ok = false;
      for (String v : metadata.get(e.getKey())) {
        if (e.getValue().contains(v)) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return false;
      }
    }
    return true;
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
    private final Set<String> exclude = new HashSet<>();
    private final Map<String, Set<String>> anyOf = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Excludes these keys.
     *
     * @return this builder
     * @param keys the keys to exclude
     */
    public Builder exclude(java.util.Collection<String> keys) {
      exclude.addAll(keys);
      return this;
    }

    /**
     * Requires one of the field's values to be in {@code allowed}.
     *
     * @param field the field name
     * @param allowed the allowed
     * @return this builder
     */
    public Builder anyOf(String field, java.util.Collection<String> allowed) {
      anyOf.put(field, Set.copyOf(allowed));
      return this;
    }

    /**
     * Builds.
     *
     * @return the {@code SearchFilter}
     */
    public SearchFilter build() {
      return new SearchFilter(exclude, anyOf);
    }
  }
}

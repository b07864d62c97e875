package dev.recsys.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A dense dictionary between string ids and int indices {@code 0..size()-1}, in insertion order.
 * Hot paths work on the int indices; ids appear only at the edges.
 *
 * <p>Instances built by {@link #of} or {@link Builder#build} are immutable and thread-safe.
 */
public final class IdIndex {
  private final List<String> ids;
  private final Map<String, Integer> index;

  private IdIndex(List<String> ids, Map<String, Integer> index) {
    this.ids = ids;
    this.index = index;
  }

  /**
   * An index over distinct ids, in the given order.
   *
   * @throws IllegalArgumentException on a duplicate id, naming it and both positions
   * @param ids the ids
   * @return an index over distinct ids, in the given order
   */
  public static IdIndex of(Collection<String> ids) {
    Builder b = new Builder();
    for (String id : ids) {
      Integer prev = b.index.get(Objects.requireNonNull(id, "id"));
      if (prev != null) {
        throw new IllegalArgumentException("duplicate id '" + id + "' at positions " + prev + " and " + b.ids.size());
      }
      b.add(id);
    }
    return b.build();
  }

  /**
   * A new builder that assigns indices on first sight.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Number of ids.
   *
   * @return the number of ids
   */
  public int size() {
    return ids.size();
  }

  /**
   * The index of {@code id}, or -1 when absent.
   *
   * @param id the id
   * @return the index of {@code id}, or -1 when absent
   */
  public int indexOf(String id) {
    Integer i = index.get(id);
    return i == null ? -1 : i;
  }

  /**
   * True if the id is present.
   *
   * @param id the id
   * @return true if the id is present
   */
  public boolean contains(String id) {
    return index.containsKey(id);
  }

  /**
   * The index of {@code id}.
   *
   * @throws NoSuchElementException naming the id when absent
   * @param id the id
   * @return the index of {@code id}
   */
  public int require(String id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new NoSuchElementException("unknown id '" + id + "' (" + ids.size() + " ids known)");
    }
    return i;
  }

  /**
   * The id at {@code i}.
   *
   * @return the id at {@code i}
   * @param i the dense index
   */
  public String id(int i) {
    return ids.get(i);
  }

  /**
   * The ids in index order, unmodifiable.
   *
   * @return the ids in index order, unmodifiable
   */
  public List<String> ids() {
    return ids;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    private Builder() {}

    /**
     * Returns the index of {@code id}, assigning the next one if it is new.
     *
     * @param id the id
     * @return the index of {@code id}, assigning the next one if it is new
     */
    public int add(String id) {
      Integer i = index.get(id);
      if (i != null) {
        return i;
      }
      int n = ids.size();
      ids.add(Objects.requireNonNull(id, "id"));
      index.put(id, n);
      return n;
    }

    /**
     * The index of {@code id}, or -1.
     *
     * @param id the id
     * @return the index of {@code id}, or -1
     */
    public int indexOf(String id) {
      Integer i = index.get(id);
      return i == null ? -1 : i;
    }

    /**
     * Number of ids so far.
     *
     * @return the number of ids so far
     */
    public int size() {
      return ids.size();
    }

    /**
     * An immutable index of the ids added so far.
     *
     * @return an immutable index of the ids added so far
     */
    public IdIndex build() {
      return new IdIndex(List.copyOf(ids), Map.copyOf(index));
    }
  }
}

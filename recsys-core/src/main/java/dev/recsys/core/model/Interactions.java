package dev.recsys.core.model;

import java.util.Arrays;

/**
 * A columnar, int-indexed table of user-item interactions: the input of collaborative models and
 * of the evaluation toolkit. Row {@code r} is ({@link #user}(r), {@link #item}(r), {@link #weight}(r),
 * {@link #timestamp}(r), {@link #skipped}(r)). Immutable and thread-safe once built.
 */
public final class Interactions {
  private final IdIndex users;
  private final IdIndex items;
  private final int[] user;
  private final int[] item;
  private final float[] weight;
  private final long[] time;
  private final boolean[] skipped;

  private Interactions(IdIndex users, IdIndex items, int[] user, int[] item, float[] weight, long[] time, boolean[] skipped) {
    this.users = users;
    this.items = items;
    this.user = user;
    this.item = item;
    this.weight = weight;
    this.time = time;
    this.skipped = skipped;
  }

  /**
   * A builder that assigns user and item indices on first sight.
   *
   * @return this builder
   */
  public static Builder builder() {
    return new Builder(IdIndex.builder(), IdIndex.builder());
  }

  /**
   * Number of rows.
   *
   * @return the number of rows
   */
  public int size() {
    return user.length;
  }

  /**
   * User dictionary.
   *
   * @return the user dictionary
   */
  public IdIndex users() {
    return users;
  }

  /**
   * Item dictionary.
   *
   * @return the item dictionary
   */
  public IdIndex items() {
    return items;
  }

  /**
   * User index of row {@code r}.
   *
   * @return the user index of row {@code r}
   * @param r the row index
   */
  public int user(int r) {
    return user[r];
  }

  /**
   * Item index of row {@code r}.
   *
   * @return the item index of row {@code r}
   * @param r the row index
   */
  public int item(int r) {
    return item[r];
  }

  /**
   * Weight of row {@code r}.
   *
   * @return the weight of row {@code r}
   * @param r the row index
   */
  public float weight(int r) {
    return weight[r];
  }

  /**
   * Timestamp (epoch seconds) of row {@code r}, or {@link Interaction#NO_TIME}.
   *
   * @return the timestamp (epoch seconds) of row {@code r}, or {@link Interaction#NO_TIME}
   * @param r the row index
   */
  public long timestamp(int r) {
    return time[r];
  }

  /**
   * Whether row {@code r} was a skip.
   *
   * @return whether row {@code r} was a skip
   * @param r the row index
   */
  public boolean skipped(int r) {
    return skipped[r];
  }

  /**
   * The row positions of each user, in row order: {@code rowsByUser()[u]} lists the rows whose user index is
   * {@code u}. A fresh array each call (two passes over the table, no boxing).
   *
   * @return the row positions of each user, in row order
   */
  public int[][] rowsByUser() {
    int nu = users.size();
    int[] count = new int[nu];
    for (int u : user) {
      count[u]++;
    }
    int[][] out = new int[nu][];
    for (int u = 0; u < nu; u++) {
      out[u] = new int[count[u]];
    }
    int[] fill = new int[nu];
    for (int r = 0; r < user.length; r++) {
      out[user[r]][fill[user[r]]++] = r;
    }
    return out;
  }

  /**
   * Row {@code r} as a record with string ids.
   *
   * @return the row {@code r} as a record with string ids
   * @param r the row index
   */
  public Interaction row(int r) {
    return new Interaction(users.id(user[r]), items.id(item[r]), weight[r], time[r], skipped[r]);
  }

  /**
   * The rows whose positions are listed, sharing this table's dictionaries (so indices stay comparable
   * between a split's parts).
   *
   * @param rows the number of rows
   * @return the rows whose positions are listed, sharing this table's dictionaries (so indices stay comparable
   *     between a split's parts)
   */
  public Interactions subset(int[] rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] it = new int[n];
    float[] w = new float[n];
    long[] t = new long[n];
    boolean[] s = new boolean[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      u[i] = user[r];
      it[i] = item[r];
      w[i] = weight[r];
      t[i] = time[r];
      s[i] = skipped[r];
    }
    return new Interactions(users, items, u, it, w, t, s);
  }

  /**
   * A one-line summary: rows, users, items, skips and the time span, e.g. {@code Interactions[1000 rows, 20 users,
   * 300 items, 12 skips, 2024-01-01T00:00:00Z..2024-03-01T12:00:00Z]} (one pass over the rows).
   */
  @Override
  public String toString() {
    int skips = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int r = 0; r < user.length; r++) {
      if (skipped[r]) {
        skips++;
      }
      if (time[r] != Interaction.NO_TIME) {
        first = Math.min(first, time[r]);
        last = Math.max(last, time[r]);
      }
    }
    StringBuilder b = new StringBuilder("Interactions[").append(user.length).append(" rows, ")
        .append(users.size()).append(" users, ").append(items.size()).append(" items, ").append(skips).append(" skips");
    if (first <= last) {
      b.append(", ").append(java.time.Instant.ofEpochSecond(first)).append("..").append(java.time.Instant.ofEpochSecond(last));
    } else {
      b.append(", no timestamps");
    }
    return b.append(']').toString();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final IdIndex.Builder users;
    private final IdIndex.Builder items;
    private int n;
    private int[] user = new int[1024];
    private int[] item = new int[1024];
    private float[] weight = new float[1024];
    private long[] time = new long[1024];
    private boolean[] skipped = new boolean[1024];

    private Builder(IdIndex.Builder users, IdIndex.Builder items) {
      this.users = users;
      this.items = items;
    }

    /**
     * Adds one interaction.
     *
     * @return this builder
     * @param i the interaction
     */
    public Builder add(Interaction i) {
      return add(i.userId(), i.itemId(), i.weight(), i.timestamp(), i.skipped());
    }

    /**
     * Adds one interaction.
     *
     * @param userId the user id
     * @param itemId the item id
     * @param timestamp the timestamp
     * @param skip the skip
     * @return this builder
     * @param w the weight (e.g. a rating or a play count)
     */
    public Builder add(String userId, String itemId, double w, long timestamp, boolean skip) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("weight must be finite; weight=" + w);
      }
      if (n == user.length) {
        int cap = n * 2;
        user = Arrays.copyOf(user, cap);
        item = Arrays.copyOf(item, cap);
        weight = Arrays.copyOf(weight, cap);
        time = Arrays.copyOf(time, cap);
        skipped = Arrays.copyOf(skipped, cap);
      }
      user[n] = users.add(userId);
      item[n] = items.add(itemId);
      weight[n] = (float) w;
      time[n] = timestamp;
      skipped[n] = skip;
      n++;
      return this;
    }

    /**
     * Number of rows so far.
     *
     * @return the number of rows so far
     */
    public int size() {
      return n;
    }

    /**
     * The immutable table.
     *
     * @return the immutable table
     */
    public Interactions build() {
      return new Interactions(users.build(), items.build(), Arrays.copyOf(user, n), Arrays.copyOf(item, n),
          Arrays.copyOf(weight, n), Arrays.copyOf(time, n), Arrays.copyOf(skipped, n));
    }
  }
}

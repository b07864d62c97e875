package dev.recsys.core.eval.internal;

import dev.recsys.core.model.Interaction;
import dev.recsys.core.model.Interactions;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Row grouping helpers of the protocols. */
public final class Rows {
  private Rows() {}

  /**
   * Sorts a user's rows by timestamp, breaking ties by a seeded random key (so equal timestamps are ordered
   * reproducibly but not by file position).
   *
   * @throws IllegalArgumentException naming the first row without a timestamp
   */
  public static int[] byTime(Interactions data, int[] rows, SplittableRandom random) {
    long[] tie = new long[rows.length];
    Integer[] order = new Integer[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (data.timestamp(rows[i]) == Interaction.NO_TIME) {
        throw new IllegalArgumentException("a temporal protocol needs timestamps; row " + rows[i] + " (user '"
            + data.users().id(data.user(rows[i])) + "', item '" + data.items().id(data.item(rows[i]))
            + "') has none");
      }
      tie[i] = random.nextLong();
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(data.timestamp(rows[a]), data.timestamp(rows[b]));
      return c != 0 ? c : Long.compare(tie[a], tie[b]);
    });
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[order[i]];
    }
    return out;
  }

  /**
   * The rows ordered by timestamp, equal timestamps by item id (string order), then by row index: a total,
   * deterministic order that does not depend on a seed or on the order of the input table's rows of other users.
   *
   * @throws IllegalArgumentException naming the first row without a timestamp
   */
  public static int[] byTimeThenItem(Interactions data, int[] rows) {
    Integer[] order = new Integer[rows.length];
    for (int i = 0; i < rows.length; i++) {
      if (data.timestamp(rows[i]) == Interaction.NO_TIME) {
        throw new IllegalArgumentException("a temporal protocol needs timestamps; row " + rows[i] + " (user '"
            + data.users().id(data.user(rows[i])) + "', item '" + data.items().id(data.item(rows[i]))
            + "') has none");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(data.timestamp(rows[a]), data.timestamp(rows[b]));
      if (c == 0) {
        c = data.items().id(data.item(rows[a])).compareTo(data.items().id(data.item(rows[b])));
      }
      return c != 0 ? c : Integer.compare(rows[a], rows[b]);
    });
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[order[i]];
    }
    return out;
  }

  /** A uniformly shuffled copy (Fisher-Yates). */
  public static int[] shuffled(int[] values, SplittableRandom random) {
    int[] a = values.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Concatenation of int arrays collected in a growable buffer. */
  public static final class IntBuffer {
    private int[] data = new int[64];
    private int size;

    /** Appends one value. */
    public void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    /** Appends values {@code [from, to)} of {@code a}. */
    public void addAll(int[] a, int from, int to) {
      for (int i = from; i < to; i++) {
        add(a[i]);
      }
    }

    /** The values, sorted ascending. */
    public int[] sorted() {
      int[] out = Arrays.copyOf(data, size);
      Arrays.sort(out);
      return out;
    }
  }
}

package dev.recsys.core.data.internal;

import java.util.Arrays;

/**
 * Distinct strings numbered {@code 0, 1, 2, ...} in order of first sight, looked up straight from a run of
 * characters (a field in a reader's record buffer): a value seen before costs a hash and a comparison, not a new
 * {@code String}. The readers key repeated values with it (track and playlist ids, artists, genre labels; values
 * that pack into an {@code int}, such as release dates, go to {@link IntOrdinals}) and keep what they derived from a
 * value in arrays indexed by its ordinal. Open addressing with linear probing, at most half full. Not thread-safe.
 */
final class Symbols {
  /** The characters of every string, one after the other: string {@code o} is {@code [bounds[o], bounds[o + 1])}. */
  private char[] chars;
  private int[] bounds;
  private String[] strings;
  /**
   * Per slot, the string's hash in the high 32 bits and its ordinal + 1 in the low ones; 0 marks a free slot. With the
   * hash in the slot a probe reads one array until the hashes match, so a lookup that misses (a new track id) costs
   * one cache miss per slot probed, not two.
   */
  private long[] slots;
  private int size;
  /** Whether the ordinal found or added last is tried first (for a column whose value repeats from row to row). */
  private final boolean repeating;
  private int last = -1;
  /**
   * Where the characters of the last {@link #find} that missed are (array and range), their hash and the free slot
   * where its probing stopped, valid while the table holds {@code missSize} strings.
   */
  private char[] missArray;
  private int missFrom;
  private int missTo;
  private int missHash;
  private int missSlot = -1;
  private int missSize;

  /** An empty table. */
  Symbols() {
    this(64, false);
  }

  /**
   * An empty table with room for {@code expected} strings of about 16 characters before it grows.
   *
   * @param repeating whether lookups try the string found last first (a column whose rows come grouped by it)
   */
  Symbols(int expected, boolean repeating) {
    this(expected, 16, repeating);
  }

  /**
   * An empty table with room for {@code expected} strings of about {@code length} characters before it grows.
   *
   * @param repeating whether lookups try the string found last first (a column whose rows come grouped by it)
   */
  Symbols(int expected, int length, boolean repeating) {
    this.repeating = repeating;
    int n = Math.max(16, expected);
    chars = new char[Math.max(1, length) * n];
    bounds = new int[n + 1];
    strings = new String[n];
    slots = new long[Integer.highestOneBit(n) * 4];
  }

  /** Number of distinct strings. */
  int size() {
    return size;
  }

  /** The string of {@code ordinal}. */
  String get(int ordinal) {
    return strings[ordinal];
  }

  /** The ordinal of the characters {@code a[from, to)}, or -1 when they were never added. */
  int find(char[] a, int from, int to) {
    if (repeating && last >= 0 && matches(last, a, from, to)) {
      return last;
    }
    int h = hash(a, from, to);
    int mask = slots.length - 1;
    for (int s = spread(h) & mask; ; s = (s + 1) & mask) {
      long v = slots[s];
      if (v == 0) {
        missArray = a;
        missFrom = from;
        missTo = to;
        missHash = h;
        missSlot = s;
        missSize = size;
        return -1;
      }
      int o = (int) v - 1;
      if ((int) (v >>> 32) == h && matches(o, a, from, to)) {
        return last = o;
      }
    }
  }

  /** The ordinal of the characters {@code a[from, to)}, adding them as the next ordinal when new. */
  int add(char[] a, int from, int to) {
    if (repeating && last >= 0 && matches(last, a, from, to)) {
      return last;
    }
    int h = hash(a, from, to);
    int mask = slots.length - 1;
    int s = spread(h) & mask;
    for (; slots[s] != 0; s = (s + 1) & mask) {
      long v = slots[s];
      int o = (int) v - 1;
      if ((int) (v >>> 32) == h && matches(o, a, from, to)) {
        return last = o;
      }
    }
    return insert(a, from, to, h, s);
  }

  /**
   * Adds the characters of the last {@link #find} that missed as the next ordinal, into the free slot where that
   * search stopped: no second hash, probe or comparison. The characters must still be in the array {@code find}
   * was given, and nothing may have been added since.
   *
   * @throws IllegalStateException when the last {@code find} did not miss or a string was added since
   */
  int addMissed() {
    if (missSlot < 0 || missSize != size) {
      throw new IllegalStateException("no missed find to add (the last find hit, or a string was added since)");
    }
    return insert(missArray, missFrom, missTo, missHash, missSlot);
  }

  /** Adds {@code a[from, to)}, of hash {@code h}, as the next ordinal into the free slot {@code s}. */
  private int insert(char[] a, int from, int to, int h, int s) {
    missSlot = -1;
    missArray = null;
    int o = size++;
    if (o == strings.length) {
      strings = Arrays.copyOf(strings, o * 2);
      bounds = Arrays.copyOf(bounds, o * 2 + 1);
    }
    int len = to - from;
    int at = bounds[o];
    if (at + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, at + len));
    }
    System.arraycopy(a, from, chars, at, len);
    bounds[o + 1] = at + len;
    strings[o] = new String(a, from, len);
    slots[s] = slot(h, o);
    if (2 * size > slots.length) {
      rehash();
    }
    return last = o;
  }

  private void rehash() {
    long[] bigger = new long[slots.length * 2];
    int mask = bigger.length - 1;
    for (long v : slots) {
      if (v != 0) {
        int s = spread((int) (v >>> 32)) & mask;
        while (bigger[s] != 0) {
          s = (s + 1) & mask;
        }
        bigger[s] = v;
      }
    }
    slots = bigger;
  }

  /** The slot value of ordinal {@code o} with hash {@code h}. */
  private static long slot(int h, int o) {
    return ((long) h << 32) | (o + 1);
  }

  /** {@link String#hashCode()} of the characters, four at a time. */
  private static int hash(char[] a, int from, int to) {
    int h = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      h = 923_521 * h + 29_791 * a[k] + 961 * a[k + 1] + 31 * a[k + 2] + a[k + 3];
    }
    for (; k < to; k++) {
      h = 31 * h + a[k];
    }
    return h;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private boolean matches(int o, char[] a, int from, int to) {
    return Arrays.equals(chars, bounds[o], bounds[o + 1], a, from, to);
  }
}

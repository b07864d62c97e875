package dev.recsys.core.data.internal;

import java.util.Arrays;

/**
 * Distinct strings numbered {@code 0, 1, 2, ...} in order of first sight, looked up straight from a run of
 * characters (a field in a reader's record buffer): a value seen before costs a hash and a comparison, not a new
 * {@code String}. The readers key repeated values with it (track and playlist ids, artists, albums, genre labels,
 * dates) and keep what they derived from a value in arrays indexed by its ordinal. Open addressing with linear
 * probing, at most half full. Not thread-safe.
 */
final class Symbols {
  private String[] strings = new String[64];
  private int[] hashes = new int[64];
  /** Ordinal + 1 per slot; 0 marks a free slot. */
  private int[] slots = new int[128];
  private int size;

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
    int h = hash(a, from, to);
    int mask = slots.length - 1;
    for (int s = spread(h) & mask; ; s = (s + 1) & mask) {
      int o = slots[s] - 1;
      if (o < 0) {
        return -1;
      }
      if (hashes[o] == h && matches(strings[o], a, from, to)) {
        return o;
      }
    }
  }

  /** The ordinal of the characters {@code a[from, to)}, adding them as the next ordinal when new. */
  int add(char[] a, int from, int to) {
    int h = hash(a, from, to);
    int mask = slots.length - 1;
    int s = spread(h) & mask;
    for (; slots[s] != 0; s = (s + 1) & mask) {
      int o = slots[s] - 1;
      if (hashes[o] == h && matches(strings[o], a, from, to)) {
        return o;
      }
    }
    if (size == strings.length) {
      strings = Arrays.copyOf(strings, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    int o = size++;
    strings[o] = new String(a, from, to - from);
    hashes[o] = h;
    slots[s] = o + 1;
    if (2 * size > slots.length) {
      rehash();
    }
    return o;
  }

  private void rehash() {
    int[] bigger = new int[slots.length * 2];
    int mask = bigger.length - 1;
    for (int o = 0; o < size; o++) {
      int s = spread(hashes[o]) & mask;
      while (bigger[s] != 0) {
        s = (s + 1) & mask;
      }
      bigger[s] = o + 1;
    }
    slots = bigger;
  }

  /** {@link String#hashCode()} of the characters. */
  private static int hash(char[] a, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + a[k];
    }
    return h;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private static boolean matches(String s, char[] a, int from, int to) {
    if (s.length() != to - from) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (s.charAt(k - from) != a[k]) {
        return false;
      }
    }
    return true;
  }
}

package dev.recsys.core.data.internal;

/**
 * Distinct {@code int} keys numbered {@code 0, 1, 2, ...} in order of first sight: the primitive counterpart of
 * {@link Symbols} for values that a reader can pack into an {@code int} straight from its record buffer (release
 * dates), so a lookup is one multiply, one shift and a probe of a single array. Open addressing with linear
 * probing, at most half full. Not thread-safe.
 */
final class IntOrdinals {
  /** Per slot, the key in the high 32 bits and its ordinal + 1 in the low ones; 0 marks a free slot. */
  private long[] slots;
  private int size;

  /** An empty table with room for {@code expected} keys before it grows. */
  IntOrdinals(int expected) {
    slots = new long[Integer.highestOneBit(Math.max(8, expected)) * 4];
  }

  /** Number of distinct keys. */
  int size() {
    return size;
  }

  /** The ordinal of {@code key}, or -1 when it was never added. */
  int find(int key) {
    long[] t = slots;
    int mask = t.length - 1;
    for (int s = slot(key, mask); ; s = (s + 1) & mask) {
      long v = t[s];
      if (v == 0) {
        return -1;
      }
      if ((int) (v >>> 32) == key) {
        return (int) v - 1;
      }
    }
  }

  /** The ordinal of {@code key}, adding it as the next ordinal when new. */
  int add(int key) {
    int mask = slots.length - 1;
    int s = slot(key, mask);
    for (long v; (v = slots[s]) != 0; s = (s + 1) & mask) {
      if ((int) (v >>> 32) == key) {
        return (int) v - 1;
      }
    }
    int o = size++;
    slots[s] = ((long) key << 32) | (o + 1);
    if (2 * size > slots.length) {
      rehash();
    }
    return o;
  }

  private void rehash() {
    long[] bigger = new long[slots.length * 2];
    int mask = bigger.length - 1;
    for (long v : slots) {
      if (v != 0) {
        int s = slot((int) (v >>> 32), mask);
        while (bigger[s] != 0) {
          s = (s + 1) & mask;
        }
        bigger[s] = v;
      }
    }
    slots = bigger;
  }

  /** The home slot of {@code key}: a Fibonacci multiplication with its high half folded in, so nearby keys spread out. */
  private static int slot(int key, int mask) {
    int h = key * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }
}

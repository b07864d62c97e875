package dev.recsys.core.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Bounded top-k over candidates with a total, deterministic order: score descending, then a hash of the query
 * and candidate ids (never insertion order, so that the order in which listeners were read cannot leak into a
 * protocol's ranking of equal scores).
 */
final class Ranking {
  private final int k;
  private record Entry(int index, double score, long tie) {}

  private final PriorityQueue<Entry> entries;

  Ranking(int k) {
    this.k = k;
    this.entries = new PriorityQueue<>(Math.max(1, k), Ranking::worseFirst);
  }

  private static int worseFirst(Entry a, Entry b) {
    int c = Double.compare(a.score, b.score);
    return c != 0 ? c : Long.compare(a.tie, b.tie);
  }

  /** The tie-break key of a candidate for a query (a 64-bit mix of both ids' hashes). */
  static long tie(String query, String candidate) {
    long h = query.hashCode() * 0x9E3779B97F4A7C15L + candidate.hashCode();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** Whether a candidate with this score would enter the current top k (cheap pre-check). */
  boolean accepts(double score) {
    return entries.size() < k || score >= entries.peek().score;
  }

  void offer(int index, double score, long tie) {
    Entry e = new Entry(index, score, tie);
    if (entries.size() < k) {
      entries.add(e);
    } else if (worseFirst(e, entries.peek()) > 0) {
      entries.poll();
      entries.add(e);
    }
  }

  int size() {
    return entries.size();
  }

  /** The entries best first, ids from {@code ids}. */
  List<ScoredListener> result(ListenerProfiles ids) {
    List<Entry> l = new ArrayList<>(entries);
    l.sort((a, b) -> worseFirst(b, a));
    List<ScoredListener> out = new ArrayList<>(l.size());
    for (Entry e : l) {
      out.add(new ScoredListener(ids.id(e.index), e.score));
    }
    return out;
  }
}

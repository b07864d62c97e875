package dev.recsys.core.eval.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One matching evaluation: the interactions every matcher is fitted on, the query listeners, which listeners
 * are eligible matches, and each query's relevant listeners. Immutable.
 *
 * @param protocol a description of the protocol and its parameters (e.g. {@code "split-half(seed=42, min-items=4)"})
 * @param data what the matchers are fitted on
 * @param catalog track metadata (may be empty)
 * @param relevant per query listener (in query order), its relevant listeners
 * @param candidates the eligible matches (every listener of {@code data} when empty)
 * @param notes counts of what the protocol left out and why
 */
public record MatchingTask(String protocol, Interactions data, Catalog catalog, Map<String, Set<String>> relevant,
    Set<String> candidates, Map<String, Integer> notes) {

  /** Suffix of the query halves' listener ids in {@link #splitHalf}. */
  public static final String QUERY_SUFFIX = "~query";

  /** Validates and copies. */
  public MatchingTask {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(catalog, "catalog");
    Map<String, Set<String>> r = new LinkedHashMap<>();
    relevant.forEach((q, s) -> r.put(q, Collections.unmodifiableSet(new TreeSet<>(s))));
    relevant = Collections.unmodifiableMap(r);
    candidates = Set.copyOf(candidates);
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
  }

  /**
   * The query listeners in order.
   *
   * @return an immutable list of the query listener ids, in the order of {@link #relevant}
   */
  public List<String> queries() {
    return List.copyOf(relevant.keySet());
  }

  /**
   * Whether {@code listener} may be returned as a match.
   *
   * @param listener a listener id of {@link #data}
   * @return true when {@link #candidates} is empty or holds {@code listener}
   */
  public boolean eligible(String listener) {
    return candidates.isEmpty() || candidates.contains(listener);
  }

  /**
   * Split-half self-retrieval, available on any interaction data. Each listener with at least {@code minItems}
   * distinct items has them ordered by a seeded hash of (seed, listener id, item id) ({@link #halfHash}); the
   * first {@code floor(n / 2)} items, with all their rows, become a new listener {@code id + "~query"} (the query
   * half), the rest stay under the listener's id (the target half), so the halves share no item. Items count
   * when the listener has a non-skipped row of them; skipped rows follow their item's half. Listeners with fewer
   * items stay whole as candidates. Every matcher is fitted on all halves as separate, unlinked listeners;
   * each query half must retrieve its own target half among all listeners that are not query halves.
   *
   * @param data the interactions to split
   * @param catalog track metadata passed on to the matchers; may be empty
   * @param seed seed of the item ordering that decides the halves
   * @param minItems fewest distinct items a listener needs to be split, at least 2
   * @return the task: fitted on the halves and whole listeners, one query per split listener
   * @throws IllegalArgumentException if a listener id already ends with {@value #QUERY_SUFFIX} or {@code minItems < 2}
   */
  public static MatchingTask splitHalf(Interactions data, Catalog catalog, long seed, int minItems) {
    if (minItems < 2) {
      throw new IllegalArgumentException("minItems must be at least 2; minItems=" + minItems);
    }
    int nu = data.users().size();
    List<Set<Integer>> items = new ArrayList<>();
    for (int u = 0; u < nu; u++) {
      if (data.users().id(u).endsWith(QUERY_SUFFIX)) {
        throw new IllegalArgumentException("listener id '" + data.users().id(u) + "' ends with '" + QUERY_SUFFIX
            + "', which split-half reserves for query halves");
      }
      items.add(new HashSet<>());
    }
    for (int r = 0; r < data.size(); r++) {
      if (!data.skipped(r)) {
        items.get(data.user(r)).add(data.item(r));
      }
    }
    List<Set<Integer>> queryItems = new ArrayList<>();
    Map<String, Set<String>> relevant = new TreeMap<>();
    int tooSmall = 0;
    for (int u = 0; u < nu; u++) {
      Set<Integer> s = items.get(u);
      if (s.size() < minItems) {
        queryItems.add(Set.of());
        tooSmall++;
        continue;
      }
      String uid = data.users().id(u);
      List<Integer> order = new ArrayList<>(s);
      order.sort((a, b) -> {
        int c = Long.compare(halfHash(seed, uid, data.items().id(a)), halfHash(seed, uid, data.items().id(b)));
        return c != 0 ? c : data.items().id(a).compareTo(data.items().id(b));
      });
      queryItems.add(new HashSet<>(order.subList(0, order.size() / 2)));
      relevant.put(uid + QUERY_SUFFIX, Set.of(uid));
    }
    Interactions.Builder b = Interactions.builder();
    Set<String> candidates = new HashSet<>();
    for (int u = 0; u < nu; u++) {
      if (!items.get(u).isEmpty()) {
        candidates.add(data.users().id(u));
      }
    }
    for (int r = 0; r < data.size(); r++) {
      int u = data.user(r);
      String uid = data.users().id(u);
      boolean query = queryItems.get(u).contains(data.item(r));
      b.add(query ? uid + QUERY_SUFFIX : uid, data.items().id(data.item(r)), data.weight(r), data.timestamp(r),
          data.skipped(r));
    }
    Map<String, Integer> notes = new LinkedHashMap<>();
    notes.put("listeners", nu);
    notes.put("queries", relevant.size());
    notes.put("whole (fewer than " + minItems + " items)", tooSmall);
    return new MatchingTask("split-half(seed=" + seed + ", min-items=" + minItems + ")", b.build(), catalog,
        relevant, candidates, notes);
  }

  /**
   * The split-half ordering key of an item for a listener: a 64-bit mix of the seed and the two ids' string
   * hashes ({@link String#hashCode}), documented so that anyone can re-create the halves.
   *
   * @param seed the split's seed
   * @param listener the listener's id
   * @param item the item's id
   * @return the ordering key; items sort ascending by it and the first half goes to the query
   */
  public static long halfHash(long seed, String listener, String item) {
    long h = seed * 0x9E3779B97F4A7C15L;
    h = mix(h ^ listener.hashCode());
    h = mix(h ^ item.hashCode());
    return h;
  }

  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Ground-truth pairs: {@code edges} (user = a listener, item = a related listener; taken as undirected) name
   * known related listeners (friends, follows, a shared household). Matchers are fitted on all of {@code data};
   * queries are the listeners of {@code data} with at least one related listener in {@code data}; every other
   * listener of {@code data} is a candidate. Self-loops and edges naming a listener without interactions (only
   * skipped rows count as none) are left out and counted in {@link #notes}.
   *
   * @param data the interactions every matcher is fitted on
   * @param catalog track metadata passed on to the matchers; may be empty
   * @param edges the related pairs, user id and item id both listener ids of {@code data}
   * @return the task with one query per listener with a related listener
   */
  public static MatchingTask truth(Interactions data, Catalog catalog, Interactions edges) {
    Set<String> known = active(data);
    Map<String, Set<String>> related = new TreeMap<>();
    int self = 0;
    int unknown = 0;
    for (int r = 0; r < edges.size(); r++) {
      String a = edges.users().id(edges.user(r));
      String b = edges.items().id(edges.item(r));
      if (a.equals(b)) {
        self++;
        continue;
      }
      if (!known.contains(a) || !known.contains(b)) {
        unknown++;
        continue;
      }
      related.computeIfAbsent(a, x -> new TreeSet<>()).add(b);
      related.computeIfAbsent(b, x -> new TreeSet<>()).add(a);
    }
    Map<String, Integer> notes = new LinkedHashMap<>();
    notes.put("edges", edges.size());
    notes.put("self-loops left out", self);
    notes.put("edges naming a listener without interactions", unknown);
    notes.put("queries", related.size());
    return new MatchingTask("truth(edges=" + edges.size() + ")", data, catalog, related, Set.of(), notes);
  }

  /**
   * Splits the queries in two disjoint tasks over the same data: a validation task (a seeded share of the query
   * listeners, chosen by a hash of seed and listener id, so the choice of one listener does not depend on the others)
   * and a test task with the rest. Model choices made on the first (an overlap weight, say) are then reported on the
   * second. Candidates are unchanged: a validation listener can still be a test query's match.
   *
   * @param validationShare share of the queries in the validation task, in (0, 1)
   * @param seed seed of the choice
   * @return {@code [validation, test]}
   * @throws IllegalArgumentException if the share is outside (0, 1) or either part would be empty
   */
  public List<MatchingTask> splitQueries(double validationShare, long seed) {
    if (!(validationShare > 0 && validationShare < 1)) {
      throw new IllegalArgumentException("validation share must be in (0, 1); got " + validationShare);
    }
    Map<String, Set<String>> validation = new LinkedHashMap<>();
    Map<String, Set<String>> test = new LinkedHashMap<>();
    relevant.forEach((q, r) -> {
      double u = (halfHash(seed, q, "~validation") >>> 11) * 0x1.0p-53;
      (u < validationShare ? validation : test).put(q, r);
    });
    if (validation.isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException("a validation share of " + validationShare + " leaves " + validation.size()
          + " validation and " + test.size() + " test queries of " + relevant.size() + "; both must be non-empty");
    }
    Map<String, Integer> n = new LinkedHashMap<>(notes);
    n.put("validation queries", validation.size());
    n.put("test queries", test.size());
    String p = "(validation-share=" + validationShare + ", seed=" + seed + ")";
    return List.of(new MatchingTask(protocol + " validation" + p, data, catalog, validation, candidates, n),
        new MatchingTask(protocol + " test" + p, data, catalog, test, candidates, n));
  }

  /**
   * Shared hidden labels (the synthetic world's dominant genre): matchers are fitted on all of {@code data};
   * queries are the listeners of {@code data} with a label and a non-skipped row; relevant are the other listeners with the same
   * label; every listener of {@code data} is a candidate. Precision@k is the protocol's metric.
   *
   * @param data the interactions every matcher is fitted on
   * @param catalog track metadata passed on to the matchers; may be empty
   * @param labels hidden label per listener id; listeners without one are neither queries nor relevant
   * @return the task with one query per labelled listener, relevant to every other listener with its label
   */
  public static MatchingTask sharedLabel(Interactions data, Catalog catalog, Map<String, String> labels) {
    Map<String, List<String>> byLabel = new HashMap<>();
    List<String> ids = new ArrayList<>(new TreeSet<>(active(data)));
    int unlabelled = 0;
    for (String id : ids) {
      String l = labels.get(id);
      if (l == null) {
        unlabelled++;
      } else {
        byLabel.computeIfAbsent(l, x -> new ArrayList<>()).add(id);
      }
    }
    Map<String, Set<String>> relevant = new TreeMap<>();
    for (String id : ids) {
      String l = labels.get(id);
      if (l != null && byLabel.get(l).size() > 1) {
        Set<String> s = new HashSet<>(byLabel.get(l));
        s.remove(id);
        relevant.put(id, s);
      }
    }
    Map<String, Integer> notes = new LinkedHashMap<>();
    notes.put("listeners", ids.size());
    notes.put("unlabelled", unlabelled);
    notes.put("labels", byLabel.size());
    notes.put("queries", relevant.size());
    return new MatchingTask("shared-label(labels=" + byLabel.size() + ")", data, catalog, relevant, Set.of(), notes);
  }

  /** The listeners with at least one non-skipped row (the listeners a matcher knows). */
  private static Set<String> active(Interactions data) {
    Set<String> out = new HashSet<>();
    for (int r = 0; r < data.size(); r++) {
      if (!data.skipped(r)) {
        out.add(data.users().id(data.user(r)));
      }
    }
    return out;
  }
}

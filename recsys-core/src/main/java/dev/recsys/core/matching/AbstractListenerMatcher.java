package dev.recsys.core.matching;

import dev.recsys.core.data.CatalogJsonl;
import dev.recsys.core.io.Payload;
import dev.recsys.core.model.Catalog;
import dev.recsys.core.spi.Explanation;
import dev.recsys.core.util.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The shared machinery of the matchers: listener profiles, a read-write lock (queries share it, additions take
 * it alone), argument checks, eligibility masks and explanations. Subclasses rank and encode.
 */
public abstract class AbstractListenerMatcher implements ListenerMatcher {
  /** Largest k a query may ask for. */
  public static final int MAX_K = 10_000;

  private final String name;
  /** The listeners' item bags; guarded by {@link #lock}. */
  protected final ListenerProfiles profiles;
  /** Track metadata for explanations (may be empty). */
  protected final Catalog catalog;
  /** Guards {@link #profiles} and the subclass's state. */
  protected final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * A matcher over {@code profiles}.
   *
   * @param name the matcher's name, not blank
   * @param profiles the listeners' bags, shared with the subclass and guarded by {@link #lock}
   * @param catalog track metadata used by explanations; may be empty but not null
   */
  protected AbstractListenerMatcher(String name, ListenerProfiles profiles, Catalog catalog) {
    this.name = Checks.notBlank("name", name);
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return profiles.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<String> listeners() {
    lock.readLock().lock();
    try {
      return profiles.ids();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean contains(String listenerId) {
    lock.readLock().lock();
    try {
      return profiles.indexOf(listenerId) >= 0;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public final List<List<ScoredListener>> nearest(List<String> queries, int k, Predicate<String> eligible) {
    Checks.inRange("k", k, 1, MAX_K);
    Objects.requireNonNull(eligible, "eligible");
    lock.readLock().lock();
    try {
      int[] q = new int[queries.size()];
      for (int i = 0; i < q.length; i++) {
        q[i] = profiles.require(queries.get(i));
      }
      int n = profiles.size();
      boolean[] ok = new boolean[n];
      int count = 0;
      for (int u = 0; u < n; u++) {
        ok[u] = eligible.test(profiles.id(u));
        count += ok[u] ? 1 : 0;
      }
      return rank(q, k, ok, count);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Ranks for each query index its {@code k} best eligible listeners other than itself; called under the read
   * lock.
   *
   * @param eligible per listener index
   * @param eligibleCount number of true entries of {@code eligible}
   * @param queries listener indexes to rank for
   * @param k most listeners returned per query, in [1, {@link #MAX_K}]
   * @return per query, in order of {@code queries}, at most {@code k} listeners by descending score
   */
  protected abstract List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount);

  /**
   * Ranks each query independently with {@code scorer}, in parallel across queries; the results do not depend on
   * the number of threads.
   *
   * @param queries listener indexes to rank for
   * @param scorer maps a query index to its ranking; called concurrently, so it must be thread-safe
   * @return the rankings in the order of {@code queries}
   */
  protected final List<List<ScoredListener>> rankEach(int[] queries, java.util.function.IntFunction<List<ScoredListener>> scorer) {
    List<List<ScoredListener>> out = new ArrayList<>(queries.length);
    IntStream.range(0, queries.length).parallel().mapToObj(i -> scorer.apply(queries[i])).forEachOrdered(out::add);
    return out;
  }

  /**
   * A ranking over all eligible listeners from a score array indexed by listener, at least as long as {@code
   * eligible} (ties by id hash).
   *
   * @param query index of the querying listener, never part of its own ranking
   * @param k most listeners returned, at least 1
   * @param eligible per listener index, whether it may be returned
   * @param scores per listener index, the listener's score against {@code query}
   * @return at most {@code k} eligible listeners by descending score
   */
  protected final List<ScoredListener> top(int query, int k, boolean[] eligible, float[] scores) {
    Ranking r = new Ranking(k);
    String qid = profiles.id(query);
    for (int v = 0; v < eligible.length; v++) {
      if (v != query && eligible[v] && r.accepts(scores[v])) {
        r.offer(v, scores[v], Ranking.tie(qid, profiles.id(v)));
      }
    }
    return r.result(profiles);
  }

  @Override
  public Explanation explain(String listenerId, String match) {
    lock.readLock().lock();
    try {
      int a = profiles.require(listenerId);
      int b = profiles.require(match);
      return MatchExplainer.explain(profiles, catalog, a, b, parts(a, b));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The similarity of two listeners split by the part of the profile it comes from ({@code "co-listening"},
   * {@code "content"}, {@code "item-overlap"}); the parts sum to the match score. Called under the read lock.
   *
   * @param a index of the querying listener
   * @param b index of the matched listener
   * @return the score of each part by name, in iteration order of presentation
   */
  protected abstract Map<String, Double> parts(int a, int b);

  @Override
  public void addListener(String listenerId, Map<String, Double> plays) {
    Checks.notBlank("listener id", listenerId);
    lock.writeLock().lock();
    try {
      added(profiles.put(listenerId, plays));
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Updates the subclass's state after listener {@code u} was added or replaced; called under the write lock.
   *
   * @param u index of the listener just put into {@link #profiles}
   */
  protected abstract void added(int u);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[name=" + name + ", listeners=" + size() + "]";
  }

  /**
   * The payload of a saved matcher, written under the read lock: every listener's profile (fitted and added) and
   * the catalogue the explanations name tracks from ({@link Saved#read} reads them back), then what {@code state}
   * appends (the subclass's fitted state).
   *
   * @param state appends the subclass's state; runs under the read lock
   * @return the payload's bytes
   */
  protected final byte[] savedPayload(Consumer<Payload.Writer> state) {
    Payload.Writer out = Payload.writer();
    ByteArrayOutputStream tracks = new ByteArrayOutputStream();
    lock.readLock().lock();
    try {
      profiles.write(out);
      CatalogJsonl.write(catalog, tracks);
      out.putBytes(tracks.toByteArray());
      state.accept(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.readLock().unlock();
    }
    return out.toByteArray();
  }

  /**
   * The profiles and catalogue of a saved matcher ({@link #savedPayload}).
   *
   * @param profiles every listener's profile, added ones included, with the fitted item statistics
   * @param catalog the catalogue the explanations name tracks from
   */
  protected record Saved(ListenerProfiles profiles, Catalog catalog) {
    /**
     * Reads what {@link #savedPayload} wrote first.
     *
     * @param in the payload, positioned where the profiles start
     * @param source names the file in messages
     * @return the profiles and the catalogue
     * @throws IOException if the payload is truncated or the catalogue is malformed
     */
    public static Saved read(Payload.Reader in, String source) throws IOException {
      ListenerProfiles profiles = ListenerProfiles.read(in);
      Catalog catalog = CatalogJsonl.read(new ByteArrayInputStream(in.getBytes()), source + " (catalogue)");
      return new Saved(profiles, catalog);
    }
  }
}

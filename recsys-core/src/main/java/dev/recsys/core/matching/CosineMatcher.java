package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Raw-profile cosine: each listener is the sparse vector of their items weighted by an {@link ItemWeighting}
 * (binary, log plays, TF-IDF log plays), and matches are the listeners with the largest cosine, found through an
 * inverted index from items to listeners. The "plain co-listening similarity" a user could write in an
 * afternoon, and the baseline a learned matcher must beat.
 */
public final class CosineMatcher extends AbstractListenerMatcher {
  /**
   * Settings.
   *
   * @param weighting the item weights of the listener vectors
   */
  public record Config(ItemWeighting weighting) {
    /** Validates. */
    public Config {
      Objects.requireNonNull(weighting, "weighting");
    }
  }

  private final SparseCosineIndex index;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(0));

  /** Per-thread buffers of a query. */
  private static final class Scratch {
    final float[] acc;
    final boolean[] mark;
    final int[] touched;

    Scratch(int n) {
      acc = new float[n];
      mark = new boolean[n];
      touched = new int[n];
    }
  }

  private CosineMatcher(String name, ListenerProfiles profiles, Catalog catalog, ItemWeighting weighting) {
    super(name, profiles, catalog);
    this.index = new SparseCosineIndex(profiles, weighting);
  }

  /** A matcher over existing profiles (which it takes over: later additions go through the matcher). */
  public static CosineMatcher of(String name, ListenerProfiles profiles, Catalog catalog, ItemWeighting weighting) {
    return new CosineMatcher(name, profiles, catalog, weighting);
  }

  /** Fits on {@code data}. */
  public static CosineMatcher fit(String name, Interactions data, Catalog catalog, Config config) {
    return new CosineMatcher(name, ListenerProfiles.of(data), catalog, config.weighting());
  }

  /** The trainer with the given name. */
  public static ListenerMatcherTrainer trainer(String name, Config config) {
    Objects.requireNonNull(config, "config");
    return ListenerMatcherTrainer.of(name, (data, catalog) -> {
      return CosineMatcher.fit(name, data, catalog, config);
    });
  }

  @Override
  protected void added(int u) {
    index.put(u);
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    int n = profiles.size();
    return rankEach(queries, q -> {
      Scratch s = scratch.get();
      if (s.acc.length < n) {
        s = new Scratch(n);
        scratch.set(s);
      }
      int touched = index.accumulate(q, 1f, s.acc, s.mark, s.touched);
      List<ScoredListener> top = top(q, k, eligible, s.acc);
      for (int t = 0; t < touched; t++) {
        s.acc[s.touched[t]] = 0;
        s.mark[s.touched[t]] = false;
      }
      return top;
    });
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("co-listening", index.cosine(a, b));
  }
}

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
  private final ThreadLocal<SparseCosineIndex.Accumulator> scratch =
      ThreadLocal.withInitial(SparseCosineIndex.Accumulator::new);

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
    return rankEach(queries, q -> top(q, k, eligible, index.accumulate(q, 1f, scratch.get()).sums()));
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("co-listening", index.cosine(a, b));
  }
}

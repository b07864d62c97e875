package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.List;
import java.util.Map;

/**
 * The most active listeners (most distinct items) for everyone: the popularity baseline of matching, which a
 * protocol rewarding hubs would flatter.
 */
public final class MostActiveMatcher extends AbstractListenerMatcher {
  /** Name in reports and on the command line. */
  public static final String NAME = "most-active";

  private MostActiveMatcher(ListenerProfiles profiles, Catalog catalog) {
    super(NAME, profiles, catalog);
  }

  /**
   * The trainer.
   *
   * @return a trainer of the popularity baseline: everyone is matched to the listeners with the most distinct items
   */
  public static ListenerMatcherTrainer trainer() {
    return ListenerMatcherTrainer.of(NAME, (data, catalog) -> {
      return new MostActiveMatcher(ListenerProfiles.of(data), catalog);
    });
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    float[] s = new float[eligible.length];
    for (int v = 0; v < s.length; v++) {
      s[v] = profiles.items(v).length;
    }
    return rankEach(queries, q -> top(q, k, eligible, s));
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of();
  }

  @Override
  protected void added(int u) {}
}

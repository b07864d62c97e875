package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.List;
import java.util.Map;

/**
 * Chance: each candidate's score is a uniform draw in [0, 1) from a hash of the seed and the query and candidate
 * ids, so the same query with the same seed always gets the same matches.
 */
public final class RandomMatcher extends AbstractListenerMatcher {
  /** Name in reports and on the command line. */
  public static final String NAME = "random";

  /**
   * Settings.
   *
   * @param seed of the hash that draws the scores
   */
  public record Config(long seed) {
    /**
     * Seed 42.
     *
     * @return seed 42
     */
    public static Config defaults() {
      return new Config(42);
    }
  }

  private final long seed;

  private RandomMatcher(ListenerProfiles profiles, Catalog catalog, long seed) {
    super(NAME, profiles, catalog);
    this.seed = seed;
  }

  /**
   * The trainer.
   *
   * @param config the seed of the score hash
   * @return a trainer of matchers that score each pair with a seeded hash, the chance baseline
   */
  public static ListenerMatcherTrainer trainer(Config config) {
    return ListenerMatcherTrainer.of(NAME, (data, catalog) -> {
      return new RandomMatcher(ListenerProfiles.of(data), catalog, config.seed());
    });
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    return rankEach(queries, q -> {
      float[] s = new float[eligible.length];
      String qid = seed + "/" + profiles.id(q);
      for (int v = 0; v < s.length; v++) {
        s[v] = (float) ((Ranking.tie(qid, profiles.id(v)) >>> 40) * 0x1.0p-24);
      }
      return top(q, k, eligible, s);
    });
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of();
  }

  @Override
  protected void added(int u) {}
}

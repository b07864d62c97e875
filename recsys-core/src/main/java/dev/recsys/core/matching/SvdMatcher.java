package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import dev.recsys.core.util.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * Truncated-SVD listener vectors: the listener-item matrix (item weights of an {@link ItemWeighting}, each row
 * scaled to unit length) is projected on its leading right singular subspace ({@link TruncatedSvd}), and
 * listeners are compared by the cosine of their projections. The factor-model baseline: it generalises across
 * items (two listeners with no item in common can match), which raw cosine cannot.
 */
public final class SvdMatcher extends DenseListenerMatcher {
  /** Name in reports and on the command line. */
  public static final String NAME = "svd";

  /**
   * Settings.
   *
   * @param rank dimensions, in [1, 1024] (capped at the number of listeners and items)
   * @param weighting item weights of the matrix
   * @param iterations subspace iterations, in [0, 20]
   * @param seed of the random start
   */
  public record Config(int rank, ItemWeighting weighting, int iterations, long seed) {
    /** Validates. */
    public Config {
      Checks.inRange("rank", rank, 1, 1024);
      Objects.requireNonNull(weighting, "weighting");
      Checks.inRange("iterations", iterations, 0, 20);
    }

    /**
     * Rank 64, TF-IDF weights, 4 iterations, seed 42.
     *
     * @return the default settings: rank 64, TF-IDF, 4 iterations, seed 42
     */
    public static Config defaults() {
      return new Config(64, ItemWeighting.TFIDF, 4, 42);
    }
  }

  private final ItemWeighting weighting;
  private final float[] basis;
  private final int rank;

  private SvdMatcher(ListenerProfiles p, Catalog catalog, ItemWeighting weighting, float[] basis, int rank,
      float[][] vectors) {
    super(NAME, p, catalog, vectors);
    this.weighting = weighting;
    this.basis = basis;
    this.rank = rank;
  }

  /**
   * The trainer.
   *
   * @param config rank, weighting, subspace iterations and seed of every fit
   * @return a trainer projecting each listener's weighted bag onto the fitted right singular subspace
   */
  public static ListenerMatcherTrainer trainer(Config config) {
    Objects.requireNonNull(config, "config");
    return ListenerMatcherTrainer.of(NAME, (data, catalog) -> {
      ListenerProfiles p = ListenerProfiles.of(data);
      int n = p.size();
      if (n == 0) {
        throw new IllegalArgumentException("no listener to factorise: the data has no non-skipped interaction");
      }
      int rank = Math.min(config.rank(), Math.min(n, p.numItems()));
      int[][] rows = new int[n][];
      float[][] vals = new float[n][];
      for (int u = 0; u < n; u++) {
        rows[u] = p.items(u);
        vals[u] = DenseListenerMatcher.normalize(p.weights(u, config.weighting()));
      }
      float[] basis = TruncatedSvd.rightSubspace(rows, vals, p.numItems(), rank, config.iterations(), config.seed());
      float[][] vectors = new float[n][];
      for (int u = 0; u < n; u++) {
        vectors[u] = project(rows[u], vals[u], basis, rank, p.numItems());
      }
      return new SvdMatcher(p, catalog, config.weighting(), basis, rank, vectors);
    });
  }

  /**
   * {@code Σ_j values[j] * basis[items[j]]} over the items inside the basis (later items are unknown to it).
   *
   * @param items item indexes of the bag, ascending
   * @param values entries of the bag vector parallel to {@code items}
   * @param basis item rows of the subspace, {@code basisItems * rank} entries
   * @param rank dimension of the subspace
   * @param basisItems number of items the basis covers; larger item indexes are skipped
   * @return a new vector of length {@code rank}, not normalised
   */
  public static float[] project(int[] items, float[] values, float[] basis, int rank, int basisItems) {
    float[] v = new float[rank];
    for (int j = 0; j < items.length; j++) {
      if (items[j] >= basisItems) {
        continue;
      }
      int o = items[j] * rank;
      float x = values[j];
      for (int c = 0; c < rank; c++) {
        v[c] += x * basis[o + c];
      }
    }
    return v;
  }

  @Override
  protected float[] encode(int u) {
    return project(profiles.items(u), profiles.weights(u, weighting), basis, rank, basis.length / rank);
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    return Map.of("co-listening", cosine(a, b));
  }
}

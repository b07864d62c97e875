package dev.recsys.core.matching;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
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

  private final ItemWeighting weighting;
  private final List<float[]> unit = new ArrayList<>();
  private int[][] postings = new int[0][];
  private float[][] postingWeights = new float[0][];
  private int[] postingLength = new int[0];
  private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

  private CosineMatcher(String name, ListenerProfiles profiles, Catalog catalog, ItemWeighting weighting) {
    super(name, profiles, catalog);
    this.weighting = weighting;
    for (int u = 0; u < profiles.size(); u++) {
      added(u);
    }
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
    int[] items = profiles.items(u);
    float[] w = DenseListenerMatcher.normalize(profiles.weights(u, weighting));
    if (u < unit.size()) { // replaced: drop the old postings
      removePostings(u);
      unit.set(u, w);
    } else {
      unit.add(w);
    }
    int ni = profiles.numItems();
    if (ni > postings.length) {
      int cap = Math.max(ni, postings.length * 2);
      postings = Arrays.copyOf(postings, cap);
      postingWeights = Arrays.copyOf(postingWeights, cap);
      postingLength = Arrays.copyOf(postingLength, cap);
    }
    for (int j = 0; j < items.length; j++) {
      int i = items[j];
      if (postings[i] == null) {
        postings[i] = new int[4];
        postingWeights[i] = new float[4];
      } else if (postingLength[i] == postings[i].length) {
        postings[i] = Arrays.copyOf(postings[i], postings[i].length * 2);
        postingWeights[i] = Arrays.copyOf(postingWeights[i], postings[i].length);
      }
      postings[i][postingLength[i]] = u;
      postingWeights[i][postingLength[i]] = w[j];
      postingLength[i]++;
    }
  }

  private void removePostings(int u) {
    for (int i = 0; i < postings.length; i++) {
      if (postings[i] == null) {
        continue;
      }
      int m = 0;
      for (int p = 0; p < postingLength[i]; p++) {
        if (postings[i][p] != u) {
          postings[i][m] = postings[i][p];
          postingWeights[i][m] = postingWeights[i][p];
          m++;
        }
      }
      postingLength[i] = m;
    }
  }

  @Override
  protected List<List<ScoredListener>> rank(int[] queries, int k, boolean[] eligible, int eligibleCount) {
    int n = profiles.size();
    return rankEach(queries, q -> {
      float[] acc = scratch.get();
      if (acc.length < n) {
        acc = new float[n];
        scratch.set(acc);
      }
      Arrays.fill(acc, 0, n, 0f);
      int[] items = profiles.items(q);
      float[] w = unit.get(q);
      for (int j = 0; j < items.length; j++) {
        int i = items[j];
        int[] post = postings[i];
        float[] pw = postingWeights[i];
        float x = w[j];
        for (int p = 0, len = postingLength[i]; p < len; p++) {
          acc[post[p]] += x * pw[p];
        }
      }
      return top(q, k, eligible, acc);
    });
  }

  @Override
  protected Map<String, Double> parts(int a, int b) {
    int[] x = profiles.items(a);
    int[] y = profiles.items(b);
    float[] wx = unit.get(a);
    float[] wy = unit.get(b);
    double s = 0;
    for (int i = 0, j = 0; i < x.length && j < y.length;) {
      if (x[i] == y[j]) {
        s += (double) wx[i++] * wy[j++];
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Map.of("co-listening", s);
  }
}

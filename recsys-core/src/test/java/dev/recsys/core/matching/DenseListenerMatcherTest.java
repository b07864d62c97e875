package dev.recsys.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DenseListenerMatcherTest {
  /** A dense matcher over given vectors; added listeners get the vector of their first item's number. */
  static final class Fixed extends DenseListenerMatcher {
    Fixed(ListenerProfiles p, float[][] vectors) {
      super("fixed", p, Catalog.of(List.of()), vectors);
    }

    @Override
    protected float[] encode(int u) {
      float[] v = new float[dimension()];
      v[0] = 1;
      return v;
    }

    @Override
    protected Map<String, Double> parts(int a, int b) {
      return Map.of("co-listening", cosine(a, b));
    }
  }

  /**
   * The blocked batch scan returns, for every query, exactly the brute-force ranking of the eligible other
   * listeners (scores summed in component order, ties to the earlier listener), and the same answer whether the
   * query comes alone or in a batch.
   */
  @Property(tries = 40)
  void batchesEqualTheBruteForceRanking(@ForAll @IntRange(min = 1, max = 700) int n,
      @ForAll @IntRange(min = 1, max = 70) int dim, @ForAll @IntRange(min = 1, max = 12) int k,
      @ForAll @IntRange(min = 0, max = 100_000) int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Interactions.Builder b = Interactions.builder();
    for (int u = 0; u < n; u++) {
      b.add("u" + u, "i0", 1, 0, false);
    }
    ListenerProfiles p = ListenerProfiles.of(b.build());
    float[][] vectors = new float[n][dim];
    for (int u = 0; u < n; u++) {
      if (u > 0 && r.nextDouble() < 0.1) {
        vectors[u] = vectors[r.nextInt(u)].clone(); // exact ties
      } else if (r.nextDouble() > 0.02) { // some zero vectors
        for (int d = 0; d < dim; d++) {
          vectors[u][d] = (float) r.nextGaussian();
        }
      }
    }
    Fixed m = new Fixed(p, vectors);
    float[][] unit = new float[n][];
    for (int u = 0; u < n; u++) {
      unit[u] = m.vector(p.id(u));
    }
    boolean[] ok = new boolean[n];
    for (int u = 0; u < n; u++) {
      ok[u] = r.nextDouble() < 0.8;
    }
    Predicate<String> eligible = id -> ok[p.indexOf(id)];
    List<String> all = p.ids();
    List<List<ScoredListener>> got = m.nearest(all, k, eligible);
    for (int q = 0; q < n; q++) {
      List<ScoredListener> expected = bruteForce(unit, q, k, ok, p);
      assertEquals(expected, got.get(q), "query " + q);
      if (q % 37 == 0) {
        assertEquals(expected, m.nearest(List.of(p.id(q)), k, eligible).get(0), "alone: query " + q);
      }
    }
  }

  private static List<ScoredListener> bruteForce(float[][] unit, int q, int k, boolean[] ok, ListenerProfiles p) {
    List<int[]> order = new ArrayList<>();
    float[] s = new float[unit.length];
    for (int v = 0; v < unit.length; v++) {
      float x = 0;
      for (int d = 0; d < unit[q].length; d++) {
        x = Math.fma(unit[q][d], unit[v][d], x);
      }
      s[v] = x;
      if (v != q && ok[v]) {
        order.add(new int[] {v});
      }
    }
    order.sort((a, c) -> s[a[0]] > s[c[0]] ? -1 : s[a[0]] < s[c[0]] ? 1 : Integer.compare(a[0], c[0]));
    List<ScoredListener> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, order.size()); i++) {
      int v = order.get(i)[0];
      out.add(new ScoredListener(p.id(v), s[v]));
    }
    return out;
  }
}

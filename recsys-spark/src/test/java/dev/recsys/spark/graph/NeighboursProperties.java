package dev.recsys.spark.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recsys.core.kernels.TopK;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The per-shard merge is a commutative, associative top-k: any reduction order gives the heap over the union. */
class NeighboursProperties {
  private static Neighbours heap(List<Integer> scores, int offset, int k) {
    TopK t = new TopK(k);
    for (int i = 0; i < scores.size(); i++) {
      t.offer(offset + i, scores.get(i) / 4f); // coarse scores: many ties, broken by row
    }
    return Neighbours.of(t);
  }

  @Property(tries = 300)
  void mergeIsTheTopKOfTheUnionInAnyOrder(@ForAll @Size(max = 30) List<@IntRange(min = -8, max = 8) Integer> a,
      @ForAll @Size(max = 30) List<@IntRange(min = -8, max = 8) Integer> b,
      @ForAll @Size(max = 30) List<@IntRange(min = -8, max = 8) Integer> c, @ForAll @IntRange(min = 1, max = 12) int k) {
    Neighbours na = heap(a, 0, k);
    Neighbours nb = heap(b, 100, k);
    Neighbours nc = heap(c, 200, k);
    TopK all = new TopK(k);
    for (int i = 0; i < a.size(); i++) {
      all.offer(i, a.get(i) / 4f);
    }
    for (int i = 0; i < b.size(); i++) {
      all.offer(100 + i, b.get(i) / 4f);
    }
    for (int i = 0; i < c.size(); i++) {
      all.offer(200 + i, c.get(i) / 4f);
    }
    Neighbours expected = Neighbours.of(all);
    assertEquals(expected, Neighbours.merge(Neighbours.merge(na, nb, k), nc, k));
    assertEquals(expected, Neighbours.merge(na, Neighbours.merge(nc, nb, k), k));
    assertEquals(expected, Neighbours.merge(Neighbours.merge(nc, na, k), nb, k));
  }
}

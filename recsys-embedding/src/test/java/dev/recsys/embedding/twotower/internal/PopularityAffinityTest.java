package dev.recsys.embedding.twotower.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.Catalog;
import dev.recsys.core.model.IdIndex;
import dev.recsys.core.model.Track;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PopularityAffinityTest {
  private static final IdIndex ITEMS = IdIndex.of(List.of("a", "b", "c", "d"));

  @Test
  void withoutCataloguePopularityTheTrainingPlaysCount() {
    float[] t = PopularityAffinity.trackFeature(new int[] {0, 1, 3, 7}, ITEMS, null);
    double[] x = {Math.log(1), Math.log(2), Math.log(4), Math.log(8)};
    double mean = (x[0] + x[1] + x[2] + x[3]) / 4;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / 4;
    }
    for (int i = 0; i < 4; i++) {
      assertEquals((x[i] - mean) / Math.sqrt(var), t[i], 1e-5);
    }
  }

  @Test
  void cataloguePopularityWinsAndMissingValuesSitAtTheMean() {
    Catalog catalog = Catalog.of(List.of(Track.builder("a").popularity(10).build(),
        Track.builder("b").popularity(90).build(), Track.builder("c").build()));
    float[] t = PopularityAffinity.trackFeature(new int[] {9, 1, 5, 2}, ITEMS, catalog);
    // two listed values standardise to -1 and +1 whatever the plays; "c" (no popularity) and "d" (not in the
    // catalogue) get 0
    assertArrayEquals(new float[] {-1f, 1f, 0f, 0f}, t, 1e-6f);
  }

  @Test
  void theListenerSideIsTheMeanOverTheLatestPlays() {
    float[] t = {1f, -1f, 3f, 0.5f};
    assertEquals((3f + 0.5f) / 2, PopularityAffinity.listenerMean(new int[] {0, 1, 2, 3}, 2, t), 1e-6);
    assertEquals((1f - 1f + 3f + 0.5f) / 4, PopularityAffinity.listenerMean(new int[] {0, 1, 2, 3}, 10, t), 1e-6);
    assertEquals(0f, PopularityAffinity.listenerMean(new int[0], 10, t));
  }

  @Property(tries = 50)
  void theTrackSideIsStandardisedAndMonotoneInThePlays(
      @ForAll @Size(min = 2, max = 30) List<@IntRange(min = 0, max = 500) Integer> counts) {
    int[] plays = counts.stream().mapToInt(Integer::intValue).toArray();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < plays.length; i++) {
      ids.add("t" + i);
    }
    float[] t = PopularityAffinity.trackFeature(plays, IdIndex.of(ids), null);
    double s = 0;
    double s2 = 0;
    for (float v : t) {
      s += v;
      s2 += v * v;
    }
    boolean constant = counts.stream().distinct().count() == 1;
    assertEquals(0, s / t.length, 1e-4);
    assertEquals(constant ? 0 : 1, s2 / t.length, 1e-3);
    for (int i = 0; i < plays.length; i++) {
      for (int j = 0; j < plays.length; j++) {
        if (plays[i] < plays[j]) {
          assertTrue(t[i] < t[j], "monotone in the plays");
        }
      }
    }
  }
}

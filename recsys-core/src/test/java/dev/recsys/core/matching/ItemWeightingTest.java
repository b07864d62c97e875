package dev.recsys.core.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ItemWeightingTest {
  @Property(tries = 200)
  void bm25Idf2IsBm25TimesItsIdf(@ForAll @DoubleRange(min = 0, max = 1e4) double plays,
      @ForAll @IntRange(min = 1, max = 1000) int df, @ForAll @IntRange(min = 1, max = 200) int length) {
    int n = 1000;
    double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    double bm25 = ItemWeighting.BM25.weight(plays, df, n, length, 40);
    assertEquals(bm25 * idf, ItemWeighting.BM25_IDF2.weight(plays, df, n, length, 40), 1e-4 * Math.max(1, bm25 * idf));
  }

  @Property(tries = 200)
  void bm25Idf2SaturatesInPlaysAndFavoursRareItems(@ForAll @DoubleRange(min = 0, max = 1e6) double plays,
      @ForAll @IntRange(min = 1, max = 499) int df) {
    int n = 1000;
    double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    float w = ItemWeighting.BM25_IDF2.weight(plays, df, n, 10, 10);
    assertTrue(w >= 0 && w <= idf * idf * 2.2 + 1e-4, "bounded by idf^2 (k1 + 1): " + w);
    assertTrue(ItemWeighting.BM25_IDF2.weight(plays + 1, df, n, 10, 10) >= w, "non-decreasing in plays");
    float rarer = ItemWeighting.BM25_IDF2.weight(plays, df, n, 10, 10);
    float commoner = ItemWeighting.BM25_IDF2.weight(plays, df + 500, n, 10, 10);
    assertTrue(rarer >= commoner, "a rarer item weighs at least as much: " + rarer + " vs " + commoner);
    if (plays > 0) {
      // squared IDF: the ratio of a rare to a common item's weight is the square of BM25's ratio
      double bm25Ratio = ItemWeighting.BM25.weight(plays, df, n, 10, 10) / ItemWeighting.BM25.weight(plays, df + 500, n, 10, 10);
      assertEquals(bm25Ratio * bm25Ratio, (double) rarer / commoner, 1e-3 * bm25Ratio * bm25Ratio);
    }
  }

  @Test
  void labelsRoundTripAndUnknownLabelsAreNamed() {
    for (ItemWeighting w : ItemWeighting.values()) {
      assertEquals(w, ItemWeighting.parse(w.label()));
    }
    assertEquals(ItemWeighting.BM25_IDF2, ItemWeighting.parse("bm25-idf2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ItemWeighting.parse("bm26"));
    assertTrue(e.getMessage().contains("'bm26'") && e.getMessage().contains("bm25-idf2"), e.getMessage());
  }
}

package dev.recsys.core.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BeyondAccuracyMetricsTest {
  private static final int[][] LISTS = {{0, 1}, {0, 2}};

  @Test
  void coverageGiniPersonalisation() {
    assertEquals(0.75, BeyondAccuracyMetrics.catalogueCoverage(LISTS, 2, 4), 1e-12);
    // counts {2, 1, 1, 0}: sorted {0, 1, 1, 2}; sum (2i - n - 1) x = -1 + 1 + 6 = 6 ; 6 / (4 * 4)
    assertEquals(0.375, BeyondAccuracyMetrics.gini(LISTS, 2, 4), 1e-12);
    assertEquals(0, BeyondAccuracyMetrics.gini(new int[] {3, 3, 3}), 1e-12);
    // one shared item of k = 2
    assertEquals(0.5, BeyondAccuracyMetrics.personalisation(LISTS, 2, 4), 1e-12);
    assertEquals(0, BeyondAccuracyMetrics.personalisation(new int[][] {{1, 2}, {2, 1}, {1, 2}}, 2, 4), 1e-12);
    assertEquals(1, BeyondAccuracyMetrics.personalisation(new int[][] {{1, 2}, {3, 0}}, 2, 4), 1e-12);
    assertTrue(Double.isNaN(BeyondAccuracyMetrics.personalisation(new int[][] {{1}}, 1, 4)));
  }

  @Test
  void personalisationMatchesPairwiseDefinition() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int[][] lists = new int[12][5];
    for (int[] l : lists) {
      int[] perm = java.util.stream.IntStream.range(0, 20).toArray();
      for (int i = 0; i < 5; i++) {
        int j = i + r.nextInt(20 - i);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        l[i] = perm[i];
      }
    }
    double overlap = 0;
    int pairs = 0;
    for (int a = 0; a < lists.length; a++) {
      for (int b = a + 1; b < lists.length; b++) {
        int shared = 0;
        for (int x : lists[a]) {
          for (int y : lists[b]) {
            shared += x == y ? 1 : 0;
          }
        }
        overlap += shared / 5.0;
        pairs++;
      }
    }
    assertEquals(1 - overlap / pairs, BeyondAccuracyMetrics.personalisation(lists, 5, 20), 1e-12);
  }

  @Test
  void popularityAndNovelty() {
    double[] pop = {0.5, 0.25, 0.1};
    assertEquals(0.375, BeyondAccuracyMetrics.averagePopularity(new int[] {0, 1}, 10, pop), 1e-12);
    assertTrue(Double.isNaN(BeyondAccuracyMetrics.averagePopularity(new int[0], 10, pop)));
    // p(0) = 2/4 -> 1 bit; p(1) = 1/4 -> 2 bits; item 2 never seen counts as 1/4 -> 2 bits
    assertEquals(1.5, BeyondAccuracyMetrics.novelty(new int[] {0, 1}, 2, new int[] {2, 1, 0}, 4), 1e-12);
    assertEquals(2, BeyondAccuracyMetrics.novelty(new int[] {2}, 2, new int[] {2, 1, 0}, 4), 1e-12);
  }

  @Test
  void intraListDiversity() {
    float[][] v = {{1, 0}, {0, 1}, {1, 0}};
    // pairs (0,1): 1, (0,2): 0, (1,2): 1 -> 2/3
    assertEquals(2.0 / 3, BeyondAccuracyMetrics.intraListDiversity(new int[] {0, 1, 2}, 3, v), 1e-6);
    assertEquals(0, BeyondAccuracyMetrics.intraListDiversity(new int[] {0}, 3, v), 1e-12);
    int[][] genres = {{0}, {0, 1}, {}};
    // (0,1): 1 - 1/2 ; (0,2): 1 ; (1,2): 1 -> 2.5 / 3
    assertEquals(2.5 / 3, BeyondAccuracyMetrics.intraListDiversity(new int[] {0, 1, 2}, 3, genres), 1e-12);
  }

  @Test
  void sequenceMetrics() {
    assertEquals(0.25, SequenceMetrics.repeatRate(new int[] {1, 2, 1, 3}), 1e-12);
    assertEquals(0, SequenceMetrics.repeatRate(new int[0]), 1e-12);
    int[] artist = {7, 7, 8};
    assertEquals(0.5, SequenceMetrics.artistRepeatRate(new int[] {0, 1, 2}, artist), 1e-12);
    assertEquals(0, SequenceMetrics.artistRepeatRate(new int[] {0}, artist), 1e-12);
    float[][] v = {{1, 0}, {1, 0}, {0, 1}};
    assertEquals(0.5, SequenceMetrics.coherence(new int[] {0, 1, 2}, v), 1e-6);
    assertTrue(Double.isNaN(SequenceMetrics.coherence(new int[] {0}, v)));
  }
}

package dev.recsys.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.core.model.FeatureMatrix;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NeighbourhoodQualityTest {
  /** {@code clusters} tight clusters of {@code size} points in random directions. */
  private static FeatureMatrix clustered(int clusters, int size, double spread, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] rows = new float[clusters * size][8];
    for (int c = 0; c < clusters; c++) {
      double[] centre = new double[8];
      for (int j = 0; j < 8; j++) {
        centre[j] = r.nextGaussian();
      }
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < 8; j++) {
          rows[c * size + i][j] = (float) (centre[j] + spread * r.nextGaussian());
        }
      }
    }
    return FeatureMatrix.ofRows(rows);
  }

  private static int[][] clusterLabels(int clusters, int size) {
    int[][] l = new int[clusters * size][];
    for (int i = 0; i < l.length; i++) {
      l[i] = new int[] {i / size};
    }
    return l;
  }

  @Test
  void separatedClustersAgreeFullyAndChanceIsExact() {
    FeatureMatrix x = clustered(5, 40, 0.01, 1);
    NeighbourhoodQuality.Score s = new NeighbourhoodQuality(10)
        .evaluate("raw", x, List.of(new NeighbourhoodQuality.Labels("cluster", clusterLabels(5, 40)))).get(0);
    assertEquals(1.0, s.agreement(), 1e-12);
    assertEquals(39.0 / 199, s.chance(), 1e-12);
    assertEquals(200, s.items());
    assertEquals(199.0 / 39, s.lift(), 1e-9);
  }

  @Test
  void randomLabelsScoreNearChance() {
    FeatureMatrix x = clustered(1, 2000, 1.0, 2);
    SplittableRandom r = new SplittableRandom(3);
    int[][] labels = new int[2000][];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = new int[] {r.nextInt(4)};
    }
    NeighbourhoodQuality.Score s = new NeighbourhoodQuality(10)
        .evaluate("raw", x, List.of(new NeighbourhoodQuality.Labels("random", labels))).get(0);
    assertEquals(s.chance(), s.agreement(), 0.02);
  }

  @Test
  void multiLabelMembershipsAndUnlabelledItems() {
    // 6 items on a line; item 5 unlabelled; memberships {0,1}, {1}, {2}, {2}, {0}
    float[][] rows = {{1, 0}, {1, 0.1f}, {0, 1}, {0.1f, 1}, {1, -0.1f}, {-1, 0}};
    int[][] labels = {{0, 1}, {1}, {2}, {2}, {0}, {}};
    NeighbourhoodQuality.Score s = new NeighbourhoodQuality(1)
        .evaluate("raw", FeatureMatrix.ofRows(rows), List.of(new NeighbourhoodQuality.Labels("playlist", labels))).get(0);
    assertEquals(5, s.items());
    // nearest: 0->1 or 4 (shares either way), 1->0 (shares 1), 2->3, 3->2, 4->0 (shares 0): all agree
    assertEquals(1.0, s.agreement(), 1e-12);
    // chance per item: 0 shares with {1,4} = 2/5; 1 with {0}; 2 with {3}; 3 with {2}; 4 with {0}
    assertEquals((2.0 / 5 + 4 * (1.0 / 5)) / 5, s.chance(), 1e-12);
  }

  @Property(tries = 20)
  void scoresStayInTheUnitInterval(@ForAll @IntRange(min = 12, max = 120) int n, @ForAll @IntRange(min = 1, max = 10) int k,
      @ForAll @IntRange(min = 1, max = 6) int labelCount, @ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] rows = new float[n][3];
    int[][] labels = new int[n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        rows[i][j] = (float) r.nextGaussian();
      }
      labels[i] = r.nextInt(5) == 0 ? new int[0] : new int[] {r.nextInt(labelCount), r.nextInt(labelCount)};
    }
    for (NeighbourhoodQuality.Score s : new NeighbourhoodQuality(k).evaluate("e", FeatureMatrix.ofRows(rows),
        List.of(new NeighbourhoodQuality.Labels("l", labels)))) {
      assertTrue(s.agreement() >= 0 && s.agreement() <= 1, s.toString());
      assertTrue(s.chance() >= 0 && s.chance() <= 1, s.toString());
    }
  }

  @Test
  void rejectsMismatchedLabels() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NeighbourhoodQuality(2)
        .evaluate("e", clustered(1, 10, 1, 1), List.of(new NeighbourhoodQuality.Labels("g", new int[3][]))));
    assertTrue(e.getMessage().contains("'g' has 3 entries"), e.getMessage());
  }

  @Test
  void perItemValuesAverageToTheScoresAndMarkUnlabelledItems() {
    FeatureMatrix x = clustered(4, 30, 0.2, 11);
    int[][] labels = clusterLabels(4, 30);
    labels[5] = new int[0];
    List<NeighbourhoodQuality.Labels> ls = List.of(new NeighbourhoodQuality.Labels("cluster", labels));
    NeighbourhoodQuality nq = new NeighbourhoodQuality(5);
    NeighbourhoodQuality.ItemScores items = nq.evaluatePerItem("x", x, ls).get(0);
    NeighbourhoodQuality.Score score = nq.evaluate("x", x, ls).get(0);
    assertEquals(score, items.score());
    assertTrue(Double.isNaN(items.agreement()[5]) && Double.isNaN(items.chance()[5]));
    assertEquals(119, score.items());
    double sum = 0;
    for (int i = 0; i < 120; i++) {
      if (i != 5) {
        assertTrue(items.agreement()[i] >= 0 && items.agreement()[i] <= 1);
        sum += items.agreement()[i];
      }
    }
    assertEquals(sum / 119, score.agreement(), 1e-12);
  }
}
